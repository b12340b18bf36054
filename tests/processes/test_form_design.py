"""Form editing: the documented subset, where a form is used, and saves that never break a diagram."""
from __future__ import annotations

import copy
import json

import pytest

from engine import current_engine, db
from engine.definitions import deploy
from engine.forms import load_form
from engine.instances import start_instance
from processes.form_design import (
    FormRefused,
    FormUse,
    field_readers,
    form_usage,
    list_forms,
    save_form,
)
from processes.form_subset import check_form
from tests.web.test_designer_setup import (
    DECIDE,
    START_DATA,
    app_fixture,  # noqa: F401  (the app with the intake diagram)
    intake_diagram,
)


def codes(definition) -> list[tuple[str, str]]:
    return [(p["path"], p["code"]) for p in check_form(definition)]


def changed(**edits) -> dict:
    definition = copy.deepcopy(DECIDE)
    for path, value in edits.items():
        target, *keys = path.split("__")
        node = definition
        for key in [target, *keys][:-1]:
            node = node[key]
        node[[target, *keys][-1]] = value
    return definition


def test_the_documented_subset_passes():
    assert check_form(DECIDE) == []


@pytest.mark.parametrize("definition, expected", [
    ([], [("", "not_object")]),
    ({**DECIDE, "oneOf": []}, [("oneOf", "keyword")]),
    ({**DECIDE, "properties": {}}, [("properties", "no_fields")]),
    (changed(properties__route__pattern="["), [("properties.route.pattern", "pattern")]),
    (changed(properties__route__enumNames={"zh": ["转送"], "en": ["Forward", "Assign"]}),
     [("properties.route.enumNames", "enum_names")]),
    (changed(properties__note__title={"zh": "说明"}), [("properties.note.title", "label")]),
    (changed(properties__note__minimum=1), [("properties.note.minimum", "keyword")]),
    (changed(properties__note__minLength=9, properties__note__maxLength=3), [("properties.note.minLength", "bounds")]),
    (changed(properties__route__default="elsewhere"), [("properties.route.default", "default")]),
    (changed(properties__Note={"type": "string", "title": "x"}), [("properties.Note", "field_name")]),
    (changed(properties__note__type="date"), [("properties.note", "field_type")]),
    (changed(required=["route", "missing"]), [("required", "required")]),
    (changed(uiSchema__note={"ui:widget": "slider"}), [("uiSchema.note.ui:widget", "widget")]),
    (changed(uiSchema__gone={"ui:widget": "textarea"}), [("uiSchema.gone", "ui_field")]),
])
def test_what_falls_outside_the_subset_is_named_by_its_path(definition, expected):
    assert codes(definition) == expected


def test_lists_of_choices_and_repeated_groups_are_in_the_subset():
    definition = changed(properties__tags={"type": "array", "title": "标签", "items": {"type": "string", "enum": ["a"]}},
                         properties__people={"type": "array", "title": "人员", "items": {
                             "type": "object", "properties": {"name": {"type": "string", "title": "姓名"}}}})
    assert check_form(definition) == []
    assert codes(changed(properties__tags={"type": "array", "title": "x", "items": {"type": "integer"}})) == [
        ("properties.tags.items", "items")]


def test_where_a_form_is_shown_and_which_expressions_read_its_fields(ctx):
    assert form_usage("decide") == [FormUse("intake", 1, "register", "登记")]
    readers = field_readers("decide", ["route", "note"])
    assert [(r.element, r.kind, r.text) for r in readers["route"]] == [("f_forward", "condition", "route == 'forward'")]
    assert readers["note"] == []


def test_removing_or_retyping_a_field_a_condition_reads_is_refused(ctx):
    folder = current_engine().forms_dir
    before = (folder / "decide.json").read_text()
    without = copy.deepcopy(DECIDE)
    del without["properties"]["route"]
    without["required"], without["uiSchema"] = [], {"ui:order": ["note"]}
    with pytest.raises(FormRefused) as refused:
        save_form(folder, "decide", without, "designer")
    assert [(p["code"], p["params"]["element"]) for p in refused.value.problems] == [("field_removed", "f_forward")]
    with pytest.raises(FormRefused) as retyped:
        save_form(folder, "decide", changed(properties__route={"type": "integer", "title": "x"}), "designer")
    assert retyped.value.problems[0]["code"] == "field_type_changed"
    assert (folder / "decide.json").read_text() == before


def test_a_field_nothing_reads_may_go_and_the_engine_reads_the_new_form_at_once(ctx):
    folder = current_engine().forms_dir
    load_form(folder, "decide")
    edited = copy.deepcopy(DECIDE)
    del edited["properties"]["note"]
    edited["properties"]["days"] = {"type": "integer", "title": {"zh": "天数", "en": "Days"}, "minimum": 0}
    edited["uiSchema"] = {"ui:order": ["route", "days"]}
    save_form(folder, "decide", edited, "designer")
    assert set(load_form(folder, "decide")["properties"]) == {"route", "days"}
    assert json.loads((folder / "decide.json").read_text(encoding="utf-8")) == edited


def test_a_reading_version_counts_while_it_has_open_instances(ctx):
    folder = current_engine().forms_dir
    start_instance("intake", "old", dict(START_DATA), "designer")
    no_condition = intake_diagram().replace(b"route == 'forward'", b"True")
    deploy({"intake.bpmn": no_condition}, "designer")
    db.session.commit()
    assert [r.version for r in field_readers("decide", ["route"])["route"]] == [1]
    without = copy.deepcopy(DECIDE)
    del without["properties"]["route"]
    without["required"], without["uiSchema"] = [], {}
    with pytest.raises(FormRefused):
        save_form(folder, "decide", without, "designer")


def test_a_new_form_gets_a_plain_unused_name(ctx):
    folder = current_engine().forms_dir
    save_form(folder, "memo", DECIDE, "designer", new=True)
    assert (folder / "memo.json").is_file()
    for key, code in (("memo", "form_exists"), ("Memo", "form_key"), ("../x", "form_key")):
        with pytest.raises(FormRefused) as refused:
            save_form(folder, key, DECIDE, "designer", new=True)
        assert refused.value.problems[0]["code"] == code


def test_the_list_shows_every_form_its_uses_and_a_broken_file(ctx):
    folder = current_engine().forms_dir
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    summaries = {s.key: s for s in list_forms(folder)}
    assert set(summaries) == {"broken", "decide", "note"}
    assert [u.element for u in summaries["note"].uses] == ["forward"] and summaries["note"].problems == []
    assert summaries["broken"].problems[0]["code"] == "not_json"


def test_the_organ_picker_is_a_widget_of_the_subset(ctx):
    picker = changed(properties__organ={"type": "string", "title": {"zh": "机关", "en": "Organ"}},
                     uiSchema__organ={"ui:widget": "organ", "ui:options": {"kind": ["petition_department"],
                                                                           "level": "county"}},
                     uiSchema__note={"ui:widget": "textarea", "ui:prefill": "registration_note"})
    assert check_form(picker) == []
    folder = current_engine().forms_dir
    save_form(folder, "decide", picker, "designer")
    assert load_form(folder, "decide")["uiSchema"]["organ"]["ui:widget"] == "organ"


@pytest.mark.parametrize("field, hints, expected", [
    ({"type": "boolean", "title": "x"}, {"ui:widget": "organ"}, ("uiSchema.organ.ui:widget", "widget_type")),
    ({"type": "string", "title": "x", "enum": ["a"]}, {"ui:widget": "organ"}, ("uiSchema.organ.ui:widget", "widget_type")),
    ({"type": "string", "title": "x"}, {"ui:widget": "organ", "ui:options": {"level": "planet"}},
     ("uiSchema.organ.ui:options.level", "picker_filter")),
    ({"type": "string", "title": "x"}, {"ui:widget": "organ", "ui:options": {"duty": "land"}},
     ("uiSchema.organ.ui:options.duty", "picker_filter")),
    ({"type": "string", "title": "x"}, {"ui:widget": "organ", "ui:prefill": "Not a name"},
     ("uiSchema.organ.ui:prefill", "prefill")),
])
def test_an_organ_picker_out_of_place_is_named(ctx, field, hints, expected):
    assert codes(changed(properties__organ=field, uiSchema__organ=hints)) == [expected]


def test_a_form_may_use_the_formats_the_application_registers(ctx):
    assert codes(changed(properties__note__format="phone")) == []
    assert codes(changed(properties__note__format="fax")) == [("properties.note.format", "format")]
