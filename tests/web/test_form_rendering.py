"""The form renderer and the post parser: what a person sees, and what the engine receives."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from engine import FormInvalid
from engine.forms import validate_submission
from web.form_rendering import parse_form_post, render_form

FORM = {
    "title": {"zh": "登记信访事项", "en": "Register the petition"},
    "type": "object",
    "required": ["route", "days", "representatives"],
    "properties": {
        "route": {"type": "string", "title": {"zh": "处理方式", "en": "Route"}, "enum": ["forward", "assign"],
                  "enumNames": {"zh": ["转送", "交办"], "en": ["Forward", "Assign"]}},
        "note": {"type": "string", "title": {"zh": "说明", "en": "Note"}, "maxLength": 20},
        "days": {"type": "integer", "title": {"zh": "天数", "en": "Days"}, "minimum": 0, "maximum": 30},
        "urgent": {"type": "boolean", "title": {"zh": "紧急", "en": "Urgent"}},
        "served_on": {"type": "string", "format": "date", "title": {"zh": "送达日期", "en": "Served on"}},
        "kinds": {"type": "array", "title": {"zh": "类别", "en": "Kinds"},
                  "items": {"type": "string", "enum": ["a", "b"]}, "uniqueItems": True},
        "number": {"type": "string", "title": {"zh": "登记编号", "en": "Number"}, "readOnly": True},
        "representatives": {
            "type": "array", "title": {"zh": "代表", "en": "Representatives"}, "maxItems": 5, "minItems": 1,
            "items": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string", "title": {"zh": "姓名", "en": "Name"}},
                "phone": {"type": "string", "title": {"zh": "电话", "en": "Phone"}}}}},
    },
    "uiSchema": {"ui:order": ["route", "days"], "route": {"ui:widget": "radio"}, "note": {"ui:widget": "textarea",
                 "ui:help": {"zh": "简要说明", "en": "Briefly"}}, "kinds": {"ui:widget": "checkboxes"}},
}


def _post(**pairs) -> MultiDict:
    items = []
    for key, value in pairs.items():
        for v in value if isinstance(value, list) else [value]:
            items.append((key.replace("__", "-"), v))
    return MultiDict(items)


def test_a_post_becomes_typed_json_that_validates(ctx):
    post = _post(route="assign", days="12", urgent="true", served_on="2026-03-02", kinds=["a", "b"],
                 number="forged", note="", representatives__0__name="张三", representatives__0__phone="",
                 representatives__1__name="", representatives__1__phone="", representatives__2__name="李四")
    data = parse_form_post(FORM, post)
    assert data == {"route": "assign", "days": 12, "urgent": True, "served_on": "2026-03-02", "kinds": ["a", "b"],
                    "representatives": [{"name": "张三"}, {"name": "李四"}]}
    assert validate_submission(FORM, data)["days"] == 12


def test_unchecked_box_is_false_and_bad_number_is_kept_as_typed(ctx):
    data = parse_form_post(FORM, _post(route="forward", days="twelve"))
    assert data["urgent"] is False and data["days"] == "twelve"
    with pytest.raises(FormInvalid) as raised:
        validate_submission(FORM, data)
    assert set(raised.value.errors) == {"days", "representatives"}


@pytest.mark.parametrize("locale, words", [("zh_CN", ["处理方式", "转送", "交办", "简要说明", "代表", "第 1 项"]),
                                           ("en", ["Route", "Forward", "Assign", "Briefly", "Representatives", "Entry 1"])])
def test_labels_follow_the_language(ctx, locale, words):
    with ctx.test_request_context():
        html = str(render_form(FORM, {}, {}, locale))
    for word in words:
        assert word in html
    other = "Route" if locale == "zh_CN" else "处理方式"
    assert other not in html


def test_every_control_has_a_label_and_order_is_kept(ctx):
    import re

    with ctx.test_request_context():
        html = str(render_form(FORM, {}, {}, "zh_CN"))
    ids = re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', html)
    assert ids, html
    for control_id in ids:
        labelled = f'for="{control_id}"' in html or re.search(rf'<label><input[^>]*id="{re.escape(control_id)}"', html)
        assert labelled, control_id
    assert html.index("f-route") < html.index("f-days") < html.index("f-note")


def test_errors_are_inline_in_the_readers_language_and_input_is_kept(ctx):
    data = parse_form_post(FORM, _post(route="forward", days="99", note="x" * 25))
    with pytest.raises(FormInvalid) as raised:
        validate_submission(FORM, data)
    with ctx.test_request_context():
        zh = str(render_form(FORM, data, raised.value.errors, "zh_CN"))
        en = str(render_form(FORM, data, raised.value.errors, "en"))
    assert "应在 0 至 30 之间。" in zh and "最多 20 个字。" in zh and 'aria-invalid="true"' in zh
    assert 'value="99"' in zh and "x" * 25 in zh
    assert "Between 0 and 30." in en and "At most 20 characters." in en
    assert "Must be" not in zh and "Longer" not in zh
    assert 'role="alert"' in zh


OUT_OF_RANGE = ["Must be greater than or equal to 0 and less than or equal to 30."]


@pytest.mark.parametrize("errors, zh, en", [
    ({"days": OUT_OF_RANGE}, "请更正以下 1 处：", "Please correct 1 field:"),
    ({"days": OUT_OF_RANGE, "route": ["Missing data for required field."]},
     "请更正以下 2 处：", "Please correct 2 fields:"),
])
def test_the_error_summary_counts_in_words(ctx, errors, zh, en):
    # It read "Please correct 1 field(s):".
    with ctx.test_request_context():
        assert zh in str(render_form(FORM, {}, errors, "zh_CN"))
        assert en in str(render_form(FORM, {}, errors, "en"))


def test_group_rows_show_errors_and_never_exceed_max(ctx):
    rows = [{"name": f"代表{i}"} for i in range(5)]
    errors = {"representatives": {"1": {"name": ["Missing data for required field."]}}}
    with ctx.test_request_context():
        html = str(render_form(FORM, {"representatives": rows}, errors, "zh_CN"))
    assert "representatives-4-name" in html and "representatives-5-name" not in html
    assert "请填写此项。" in html
    # The error summary leads to the cell to correct, not to the top of the list.
    assert '<li><a href="#f-representatives-1-name">代表 · 第 2 项 · 姓名</a></li>' in html
    assert '<a href="#f-representatives">' not in html


def test_read_only_fields_are_shown_and_never_taken(ctx):
    with ctx.test_request_context():
        html = str(render_form(FORM, {"number": "LX-2026-0001"}, {}, "en"))
    assert "LX-2026-0001" in html and 'name="number"' not in html and "readonly" in html
    assert "number" not in parse_form_post(FORM, _post(number="forged"))


def test_defaults_drafts_and_date_times(ctx):
    form = {"type": "object", "properties": {
        "at": {"type": "string", "format": "date-time", "title": "At"},
        "level": {"type": "string", "enum": ["x", "y"], "default": "y", "title": "Level"}}}
    with ctx.test_request_context():
        html = str(render_form(form, {"at": "2026-03-02T01:00:00+00:00"}, {}, "en"))
    assert 'value="2026-03-02T09:00"' in html  # shown in China Standard Time
    assert '<option value="y" selected>' in html
    assert parse_form_post(form, _post(at="2026-03-02T09:00", level="x")) == {
        "at": "2026-03-02T09:00:00+08:00", "level": "x"}
