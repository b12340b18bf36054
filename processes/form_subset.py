"""The documented subset of JSON Schema and uiSchema a form may use (forms/README.md), checked.

A form outside the subset is refused with a list of problems, each naming where (a path such as
`properties.reason.maxLength`) and what is wrong, so the designer's editor can point at it.
"""
from __future__ import annotations

import re
from typing import Any

from engine.forms import choice_sources, registered_formats, schema_for
from processes.organs import KINDS, LEVELS, PICKER_FILTERS

FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,80}$")
COMMON = {"type", "title", "description", "default", "readOnly"}
KEYWORDS = {
    "string": COMMON | {"enum", "enumNames", "format", "minLength", "maxLength", "pattern"},
    "integer": COMMON | {"enum", "enumNames", "minimum", "maximum"},
    "number": COMMON | {"enum", "enumNames", "minimum", "maximum"},
    "boolean": COMMON,
    "array": COMMON | {"items", "minItems", "maxItems"},
}
FORM_KEYWORDS = {"title", "description", "type", "required", "properties", "uiSchema"}
FORMATS = {"date", "date-time", "email"}  # and the app's registered formats
WIDGETS = {"textarea", "radio", "select", "checkboxes", "hidden", "date"}  # and the app's choice sources
PICKER_VALUES = {"level": LEVELS, "kind": KINDS}  # what the organ picker's ui:options may name


def problem(path: str, code: str, message: str, **params: Any) -> dict:
    """One problem of a form: where, a code, a readable message and its parameters."""
    return {"path": path, "code": code, "message": message, "params": params}


def _check_label(value: Any, path: str, problems: list[dict]) -> None:
    if isinstance(value, str) and value.strip():
        return
    if isinstance(value, dict) and set(value) <= {"zh", "en"} and all(
            isinstance(value.get(lang), str) and value[lang].strip() for lang in ("zh", "en")):
        return
    problems.append(problem(path, "label", "must be a text, or {zh, en} with both filled in"))


def _check_field(name: str, spec: Any, path: str, problems: list[dict], nested: bool = False) -> None:
    if not FIELD_NAME.match(name):
        problems.append(problem(path, "field_name", "a field name is snake_case: a-z, 0-9 and _", field=name))
    if not isinstance(spec, dict) or spec.get("type") not in KEYWORDS:
        problems.append(problem(path, "field_type", "type must be one of " + ", ".join(KEYWORDS), field=name))
        return
    kind = spec["type"]
    for keyword in sorted(set(spec) - KEYWORDS[kind]):
        problems.append(problem(f"{path}.{keyword}", "keyword", f"{keyword!r} is not allowed on a {kind} field",
                                 keyword=keyword, type=kind))
    for label in ("title", "description"):
        if label in spec:
            _check_label(spec[label], f"{path}.{label}", problems)
    if "title" not in spec:
        problems.append(problem(f"{path}.title", "label", "every field needs a title"))
    enum = spec.get("enum")
    if enum is not None and (not isinstance(enum, list) or not enum or len(set(map(str, enum))) != len(enum)):
        problems.append(problem(f"{path}.enum", "enum", "choices must be a list of distinct values"))
    elif enum is not None and "enumNames" in spec:
        names = spec["enumNames"]
        if not isinstance(names, dict) or any(not isinstance(names.get(lang), list) or len(names[lang]) != len(enum)
                                              for lang in ("zh", "en")):
            problems.append(problem(f"{path}.enumNames", "enum_names", "needs a zh and an en label for every choice"))
    formats = sorted(FORMATS | set(registered_formats()))
    if "format" in spec and spec["format"] not in formats:
        problems.append(problem(f"{path}.format", "format", "format must be one of " + ", ".join(formats),
                                formats=", ".join(formats)))
    if "pattern" in spec:
        try:
            re.compile(str(spec["pattern"]))
        except re.error:
            problems.append(problem(f"{path}.pattern", "pattern", "not a valid regular expression"))
    for low, high in (("minLength", "maxLength"), ("minimum", "maximum"), ("minItems", "maxItems")):
        for bound in (low, high):
            if bound in spec and (isinstance(spec[bound], bool) or not isinstance(spec[bound], (int, float))):
                problems.append(problem(f"{path}.{bound}", "bound", "must be a number"))
        if isinstance(spec.get(low), (int, float)) and isinstance(spec.get(high), (int, float)) \
                and spec[low] > spec[high]:
            problems.append(problem(f"{path}.{low}", "bounds", f"{low} is larger than {high}"))
    if enum and "default" in spec and spec["default"] not in enum:
        problems.append(problem(f"{path}.default", "default", "the default is not one of the choices"))
    if kind == "array":
        items = spec.get("items", {"type": "string"})
        if isinstance(items, dict) and items.get("type") == "object" and not nested:
            for sub, sub_spec in (items.get("properties") or {}).items():
                _check_field(sub, sub_spec, f"{path}.items.{sub}", problems, nested=True)
        elif not (isinstance(items, dict) and items.get("type") == "string" and items.get("enum")):
            problems.append(problem(f"{path}.items", "items", "a list holds strings with choices, or groups of fields"))


def _check_picker(name: str, spec: Any, hints: dict, problems: list[dict]) -> None:
    path = f"uiSchema.{name}"
    if not isinstance(spec, dict) or spec.get("type") != "string" or "enum" in spec:
        problems.append(problem(f"{path}.ui:widget", "widget_type",
                                 "a directory picker is for a text field without its own choices",
                                 widget=hints["ui:widget"]))
    options = hints.get("ui:options", {})
    if not isinstance(options, dict):
        problems.append(problem(f"{path}.ui:options", "options", "ui:options is an object"))
        return
    if hints["ui:widget"] != "organ":
        return
    for key, value in options.items():
        allowed = PICKER_VALUES.get(key)
        values = [value] if isinstance(value, str) else value
        if allowed is None or not isinstance(values, list) or not values \
                or any(v not in allowed for v in values):
            problems.append(problem(f"{path}.ui:options.{key}", "picker_filter",
                                     "the organ picker narrows by " + " or ".join(PICKER_FILTERS)
                                     + ", each a level or kind of the directory", filter=key))


def _check_hints(name: str, spec: Any, hints: dict, problems: list[dict]) -> None:
    widget = hints.get("ui:widget")
    if widget is not None and widget in choice_sources():
        _check_picker(name, spec, hints, problems)
    elif widget is not None and widget not in WIDGETS:
        problems.append(problem(f"uiSchema.{name}.ui:widget", "widget", "unknown widget", widget=widget))
    if "ui:prefill" in hints and not (isinstance(hints["ui:prefill"], str) and FIELD_NAME.match(hints["ui:prefill"])):
        problems.append(problem(f"uiSchema.{name}.ui:prefill", "prefill", "ui:prefill names one case-data field"))


def check_form(definition: Any) -> list[dict]:
    """Return what keeps a definition out of the documented subset; empty means it is fine."""
    if not isinstance(definition, dict):
        return [problem("", "not_object", "a form definition is a JSON object")]
    problems: list[dict] = []
    for keyword in sorted(set(definition) - FORM_KEYWORDS):
        problems.append(problem(keyword, "keyword", f"{keyword!r} is not part of a form", keyword=keyword))
    if definition.get("type") != "object":
        problems.append(problem("type", "form_type", "a form's type is object"))
    _check_label(definition.get("title"), "title", problems)
    properties = definition.get("properties")
    if not isinstance(properties, dict) or not properties:
        return problems + [problem("properties", "no_fields", "a form needs at least one field")]
    for name, spec in properties.items():
        _check_field(name, spec, f"properties.{name}", problems)
    required = definition.get("required", [])
    if not isinstance(required, list) or any(name not in properties for name in required):
        problems.append(problem("required", "required", "required names fields the form does not have"))
    ui = definition.get("uiSchema", {})
    order = ui.get("ui:order", []) if isinstance(ui, dict) else None
    if not isinstance(order, list) or any(name not in properties and name != "*" for name in order):
        problems.append(problem("uiSchema.ui:order", "order", "ui:order names fields the form does not have"))
    for name, hints in (ui.items() if isinstance(ui, dict) else []):
        if name == "ui:order":
            continue
        if name not in properties or not isinstance(hints, dict):
            problems.append(problem(f"uiSchema.{name}", "ui_field", "hints for a field the form does not have"))
            continue
        _check_hints(name, properties[name], hints, problems)
        if "ui:help" in hints:
            _check_label(hints["ui:help"], f"uiSchema.{name}.ui:help", problems)
    if not problems:
        try:
            schema_for(definition)
        except (ValueError, TypeError) as exc:
            problems.append(problem("", "schema", f"cannot build the form's validation: {exc}"))
    return problems
