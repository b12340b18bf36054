"""Render a form definition (forms/README.md) to accessible HTML, and read a posted form back.

The two public names are all the task desk and the designer's live preview need:
`render_form(form, values, errors, locale)` and `parse_form_post(form, multidict)`.
The renderer takes its language as an argument rather than from the request, because a
designer previews both languages side by side; so its few words are bilingual data here,
like the labels of the forms themselves.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from flask import render_template
from markupsafe import Markup

from engine.forms import Choice, choices_for

from .form_errors import describe_errors
from .form_values import choice_labels, display_value, lang_of, text

__all__ = ["render_form", "parse_form_post"]

MAX_ROWS = 20  # a repeated group without maxItems offers at most this many rows
WORDS = {
    "zh": {"yes": "是", "no": "否", "choose": "请选择", "row": "第 {n} 项", "summary": "请更正以下 {n} 处：",
           "summary_one": "请更正以下 1 处：", "required": "必填", "lines": "每行一项", "none": "（未填写）"},
    "en": {"yes": "Yes", "no": "No", "choose": "Choose…", "row": "Entry {n}", "summary": "Please correct {n} fields:",
           "summary_one": "Please correct 1 field:", "required": "required",
           "lines": "One entry per line", "none": "(not given)"},
}


def _widget(spec: dict, ui: dict, offered: list[Choice] | None = None) -> str:
    """Pick the control a field is shown with; a field whose widget is a choice source is a select."""
    chosen = ui.get("ui:widget")
    kind = spec.get("type", "string")
    if chosen == "hidden":
        return "hidden"
    if offered is not None and kind == "string":
        return "select"
    if kind == "array":
        items = spec.get("items", {})
        if items.get("type") == "object":
            return "group"
        return "checkboxes" if "enum" in items else "lines"
    if kind == "boolean":
        return "radio" if chosen in ("radio", "select") else "checkbox"
    if "enum" in spec:
        return chosen if chosen in ("radio", "select") else "select"
    if chosen == "textarea":
        return "textarea"
    fmt = spec.get("format")
    if chosen == "date" or fmt == "date":
        return "date"
    if fmt == "date-time":
        return "datetime"
    if fmt == "email":
        return "email"
    if fmt == "phone":
        return "tel"
    return "number" if kind in ("integer", "number") else "text"


def _options(spec: dict, lang: str, offered: list[Choice] | None = None) -> list[tuple[str, str]]:
    if offered is not None:
        return [(choice.value, text(choice.label, lang)) for choice in offered]
    source = spec.get("items", spec) if spec.get("type") == "array" else spec
    return list(zip((str(v) for v in source.get("enum", [])), choice_labels(source, lang)))


def _groups(offered: list[Choice] | None, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return a choice source's choices as option groups, in the order it gave them (no group: one unlabelled)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for choice in offered or []:
        groups.setdefault(text(choice.group, lang), []).append((choice.value, text(choice.label, lang)))
    return list(groups.items())


def _shown(options: list[tuple[str, str]], value: Any, shown: Any, words: dict) -> Any:
    """Return what a read-only field shows: the label of its choice, yes or no, or that nothing was given."""
    if value is None or value == "" or value == []:
        return words["none"]
    if isinstance(value, bool):
        return words["yes"] if value else words["no"]
    if options:
        labels = dict(options)
        if isinstance(value, list):
            return [labels.get(str(v), str(v)) for v in value]
        return labels.get(str(value), shown)
    return shown


def _ordered(form: dict, ui: dict) -> list[str]:
    names = list(form.get("properties", {}))
    order = [n for n in ui.get("ui:order", []) if n in names and n != "*"]
    return order + [n for n in names if n not in order]


def _field(name: str, html_name: str, spec: dict, ui: dict, required: bool, value: Any, errors: Any,
           lang: str, offer_row: bool = True) -> dict:
    offered = choices_for(ui) if spec.get("type", "string") == "string" else None
    widget = _widget(spec, ui, offered)
    field = {
        "name": html_name, "id": "f-" + html_name, "widget": widget, "label": text(spec.get("title"), lang) or name,
        "description": text(spec.get("description"), lang), "help": text(ui.get("ui:help"), lang),
        "placeholder": text(ui.get("ui:placeholder"), lang), "required": required,
        "readonly": bool(spec.get("readOnly")), "options": _options(spec, lang, offered),
        "groups": _groups(offered, lang),
        "value": display_value(spec, widget, value), "errors": [], "words": WORDS[lang],
        "min": spec.get("minimum"), "max": spec.get("maximum"), "maxlength": spec.get("maxLength"),
        "step": "1" if spec.get("type") == "integer" else "any",
    }
    if widget == "group":
        field["rows"], field["errors"] = _group_rows(html_name, spec, ui, value, errors, lang, offer_row)
    else:
        field["errors"] = describe_errors(spec, errors, lang)
    if field["readonly"]:
        field["shown"] = _shown(field["options"], value, field["value"], WORDS[lang])
    return field


def _group_rows(name: str, spec: dict, ui: dict, value: Any, errors: Any, lang: str,
                offer_row: bool = True) -> tuple[list, list[str]]:
    items = spec.get("items", {})
    item_ui = ui.get("items", {}) if isinstance(ui.get("items"), dict) else {}
    rows_given = [row for row in (value if isinstance(value, list) else []) if isinstance(row, dict)]
    limit = spec.get("maxItems", MAX_ROWS)
    count = min(max(len(rows_given) + offer_row, spec.get("minItems", 0), 1), max(limit, 1))
    row_errors = errors if isinstance(errors, Mapping) else {}
    own = describe_errors(spec, errors if not isinstance(errors, Mapping) else row_errors.get("_schema"), lang)
    required = set(items.get("required", []))
    rows = []
    needed = max(len(rows_given), spec.get("minItems", 0))
    for index in range(count):
        data = rows_given[index] if index < len(rows_given) else {}
        problems = row_errors.get(index, row_errors.get(str(index), {}))
        problems = problems if isinstance(problems, Mapping) else {}
        # A row offered for one more entry may stay blank (it is then dropped), so the browser must
        # not insist on its required cells; the server checks a row once something is written in it.
        cells = [_field(sub, f"{name}-{index}-{sub}", sub_spec, item_ui.get(sub, {}),
                        sub in required and index < needed, data.get(sub, sub_spec.get("default")), problems.get(sub),
                        lang)
                 for sub in _ordered(items, item_ui) for sub_spec in [items["properties"][sub]]]
        rows.append({"legend": WORDS[lang]["row"].format(n=index + 1), "fields": cells})
    return rows, own


def render_form(form: dict, values: dict, errors: dict, locale: str, *, skip_empty_context: bool = False,
                offer_row: bool = True) -> Markup:
    """Return the fields of a form as accessible HTML, with values and inline errors.

    With `skip_empty_context`, a read-only field the case has no value for is left out (the head's
    comment on a returned opinion, before any return): a task page shows what there is to read.
    Without `offer_row`, a list shows the rows it holds (at least one) and no blank one for another
    entry: a form shown back as typed, whose "add another" button asks for a row when one is wanted.
    """
    lang = lang_of(locale)
    ui = form.get("uiSchema", {}) or {}
    required = set(form.get("required", []))
    values, errors = values or {}, errors or {}
    fields = []
    for name in _ordered(form, ui):
        spec = form["properties"][name]
        value = values[name] if name in values else spec.get("default")
        if skip_empty_context and spec.get("readOnly") and value in (None, "", [], {}):
            continue
        fields.append(_field(name, name, spec, ui.get(name, {}) or {}, name in required, value, errors.get(name), lang,
                             offer_row))
    flagged = [wrong for f in fields for wrong in _flagged(f)]
    general = describe_errors({}, errors.get("_schema"), lang)
    return Markup(render_template("forms/form.html", fields=fields, flagged=flagged, general=general,
                                  words=WORDS[lang], lang=lang, title=text(form.get("title"), lang),
                                  description=text(form.get("description"), lang)))


def _flagged(field: dict) -> list[dict]:
    # The summary links to the very cell to correct ("信访人 · 第 1 项 · 住址"), not to the whole list.
    found = [field] if field["errors"] else []
    for row in field.get("rows", []):
        found += [{"id": cell["id"], "label": f"{field['label']} · {row['legend']} · {cell['label']}"}
                  for cell in row["fields"] if cell["errors"]]
    return found


# ---- reading a post back -------------------------------------------------------------------

_BLANK = object()


def _scalar(spec: dict, raw: str | None, widget: str, present: bool) -> Any:
    kind = spec.get("type", "string")
    if kind == "boolean":
        if widget == "checkbox":
            return (raw or "").lower() in ("true", "on", "1", "yes")
        return {"true": True, "false": False}.get((raw or "").lower(), _BLANK)
    value = (raw or "").strip()
    if not value:
        return _BLANK
    if kind in ("integer", "number"):
        try:
            number = float(value)
            return int(number) if kind == "integer" and number.is_integer() else number
        except ValueError:
            return value  # kept as typed: validation names the mistake and the page shows it again
    if spec.get("format") == "date-time" and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?", value):
        return value + (":00" if len(value) == 16 else "") + "+08:00"  # the field shows China Standard Time
    return value


def _read(spec: dict, ui: dict, name: str, post) -> Any:
    widget = _widget(spec, ui)
    if widget == "checkboxes":
        return [v for v in post.getlist(name) if v != ""]
    if widget == "lines":
        return [line.strip() for line in (post.get(name) or "").splitlines() if line.strip()]
    if widget == "group":
        return _read_rows(spec, ui, name, post)
    return _scalar(spec, post.get(name), widget, name in post)


def _read_rows(spec: dict, ui: dict, name: str, post) -> list[dict]:
    items = spec.get("items", {})
    item_ui = ui.get("items", {}) if isinstance(ui.get("items"), dict) else {}
    pattern = re.compile(rf"^{re.escape(name)}-(\d+)-")
    indexes = sorted({int(m.group(1)) for key in post.keys() if (m := pattern.match(key))})
    rows = []
    for index in indexes:
        row = {}
        for sub, sub_spec in items.get("properties", {}).items():
            if sub_spec.get("readOnly"):
                continue
            value = _read(sub_spec, item_ui.get(sub, {}), f"{name}-{index}-{sub}", post)
            if value is not _BLANK:
                row[sub] = value
        # A row left blank, its choices as offered (a default preselected), is an offered row nobody used.
        defaults = {sub: sub_spec.get("default") for sub, sub_spec in items.get("properties", {}).items()}
        if any(v not in (False, [], "") and v != defaults[sub] for sub, v in row.items()):
            rows.append(row)
    return rows


def parse_form_post(form: dict, multidict) -> dict:
    """Return the submitted values of a form as the JSON its validation expects."""
    ui = form.get("uiSchema", {}) or {}
    data: dict[str, Any] = {}
    for name, spec in form.get("properties", {}).items():
        if spec.get("readOnly"):
            continue
        value = _read(spec, ui.get(name, {}) or {}, name, multidict)
        if value is _BLANK or (value == [] and spec.get("type") == "array" and name not in form.get("required", [])
                               and _widget(spec, ui.get(name, {}) or {}) != "checkboxes"):
            continue
        data[name] = value
    return data
