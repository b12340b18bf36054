"""Form definitions in `forms/`: load them and validate submissions with marshmallow.

A field whose uiSchema widget names a choice source takes its value from the choices that source
offers (an application's directory, say): the application registers its sources at start with
`register_choice_source`, much as it hands the engine the functions diagrams may call, and the
engine only asks a source for its choices, never what they mean. A string's `format` may name a
check the application registers the same way (`register_format`): the check returns the value as
stored (a telephone number written one way) or raises ValueError with what is wrong, which becomes
the field's error, its words as the check wrote them. A field marked `readOnly` is
shown and never taken from a submission: it is left out of the schema, so a value posted for it
is dropped without a word.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_app_context
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from .errors import FormInvalid, NotFound

SOURCES = "xinfang_choice_sources"  # the app extension holding the registered choice sources
FORMATS = "xinfang_formats"  # the app extension holding the registered formats


@dataclass(frozen=True)
class Choice:
    """One value a choice source offers: what is stored, its bilingual label, the group it is listed in."""

    value: str
    label: dict[str, str]
    group: dict[str, str] | None = None


ChoiceSource = Callable[[Mapping[str, Any]], list[Choice]]  # called with the field's ui:options


def register_choice_source(app: Flask, name: str, source: ChoiceSource) -> None:
    """Let forms name `source` as a field's widget (`"ui:widget": name`); its choices are the only values taken."""
    app.extensions.setdefault(SOURCES, {})[name] = source


def choice_sources() -> dict[str, ChoiceSource]:
    """Return the choice sources the running app registered, by widget name."""
    return dict(current_app.extensions.get(SOURCES, {})) if has_app_context() else {}


def choices_for(hints: Mapping[str, Any] | None) -> list[Choice] | None:
    """Return the choices of a field whose widget is a choice source, or None for any other field."""
    hints = hints if isinstance(hints, Mapping) else {}
    source = choice_sources().get(hints.get("ui:widget")) if isinstance(hints.get("ui:widget"), str) else None
    if source is None:
        return None
    options = hints.get("ui:options")
    return source(options if isinstance(options, Mapping) else {})


FormatCheck = Callable[[str], str]  # returns the value as stored, or raises ValueError saying what is wrong


def register_format(app: Flask, name: str, check: FormatCheck) -> None:
    """Let forms give a string field `"format": name`: a value given is taken as `check` returns it."""
    app.extensions.setdefault(FORMATS, {})[name] = check


def registered_formats() -> dict[str, FormatCheck]:
    """Return the formats the running app registered, by name."""
    return dict(current_app.extensions.get(FORMATS, {})) if has_app_context() else {}


class _OneOfSource(validate.Validator):
    """Accept only a value the field's choice source offers when the submission is checked."""

    error = "Not one of the offered choices."

    def __init__(self, hints: Mapping[str, Any]) -> None:
        self.hints = hints

    def __call__(self, value: Any) -> Any:
        offered = {choice.value for choice in choices_for(self.hints) or []}
        if value not in offered:
            raise ValidationError(self.error)
        return value

_cache: dict[tuple[str, float], dict] = {}


def load_form(forms_dir: Path, key: str) -> dict:
    """Return the definition of a form, re-read when its file changes."""
    if not key or "/" in key or "\\" in key or key.startswith("."):
        raise NotFound("form '%(form)s' does not exist", form=key)
    path = Path(forms_dir) / f"{key}.json"
    if not path.is_file():
        raise NotFound("form '%(form)s' does not exist", form=key)
    stamp = path.stat().st_mtime
    if (key, stamp) not in _cache:
        _cache[(key, stamp)] = json.loads(path.read_text(encoding="utf-8"))
    return _cache[(key, stamp)]


def _string_field(spec: dict, required: bool, hints: Mapping[str, Any]) -> fields.Field:
    checks: list[Callable] = [_OneOfSource(hints)] if hints.get("ui:widget") in choice_sources() else []
    if "enum" in spec:
        checks.append(validate.OneOf(spec["enum"]))
    if "minLength" in spec or "maxLength" in spec:
        checks.append(validate.Length(min=spec.get("minLength"), max=spec.get("maxLength")))
    elif required:
        checks.append(validate.Length(min=1))
    if "pattern" in spec:
        checks.append(validate.Regexp(spec["pattern"]))
    fmt = spec.get("format")
    if fmt == "date":
        return _IsoDate(required=required, validate=checks)
    if fmt == "date-time":
        return _IsoDateTime(required=required, validate=checks)
    if fmt == "email":
        return fields.Email(required=required, validate=checks)
    if isinstance(fmt, str) and (check := registered_formats().get(fmt)):
        return _Formatted(check, required=required, validate=checks)
    return fields.String(required=required, validate=checks)


class _Formatted(fields.String):
    """A string of a registered format, taken as its check writes it; a blank one stays blank (if allowed)."""

    def __init__(self, check: FormatCheck, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check = check

    def _deserialize(self, value, attr, data, **kwargs):
        typed = super()._deserialize(value, attr, data, **kwargs)
        if not typed.strip():
            if self.required:
                raise self.make_error("required")
            return ""
        try:
            return self.check(typed)
        except ValueError as wrong:  # its words as the check wrote them (they may carry a translation)
            raise ValidationError(wrong.args[0] if wrong.args else "Not valid.") from None


class _IsoDate(fields.Date):
    """A date that stays an ISO string in the case data."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).isoformat()


class _IsoDateTime(fields.DateTime):
    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).isoformat()


def _field(spec: dict, required: bool, hints: Mapping[str, Any] | None = None) -> fields.Field:
    kind = spec.get("type", "string")
    allow_none = not required
    hints = hints if isinstance(hints, Mapping) else {}
    if kind == "string":
        field = _string_field(spec, required, hints)
    elif kind in ("integer", "number"):
        cls = fields.Integer if kind == "integer" else fields.Float
        field = cls(required=required, strict=False, validate=validate.Range(spec.get("minimum"), spec.get("maximum")))
    elif kind == "boolean":
        field = fields.Boolean(required=required)
    elif kind == "array":
        items = spec.get("items", {"type": "string"})
        item_hints = hints.get("items") if isinstance(hints.get("items"), Mapping) else {}
        inner = (fields.Nested(schema_for(items, item_hints)) if items.get("type") == "object"
                 else _field(items, True, item_hints))
        field = fields.List(inner, required=required,
                            validate=validate.Length(min=spec.get("minItems"), max=spec.get("maxItems")))
    elif kind == "object":
        field = fields.Nested(schema_for(spec), required=required)
    else:
        raise ValueError(f"unsupported field type {kind!r}")
    field.allow_none = allow_none
    return field


def schema_for(form: dict, ui: Mapping[str, Any] | None = None) -> Schema:
    """Build a marshmallow schema from a form definition (the documented JSON Schema subset).

    `ui` holds the hints of a repeated group's fields; a whole form brings its own uiSchema.
    """
    ui = form.get("uiSchema") if ui is None else ui
    ui = ui if isinstance(ui, Mapping) else {}
    required = set(form.get("required", []))
    declared = {name: _field(spec, name in required, ui.get(name))
                for name, spec in form.get("properties", {}).items() if not spec.get("readOnly")}
    return Schema.from_dict(declared, name="FormSchema")(unknown=EXCLUDE)


# Built schemas, by the form's JSON text and the choice sources and formats the app has registered
# (a field naming one is checked by it): building a schema class costs more than the check.
_schemas: dict[tuple, Schema] = {}


def _schema_of(form: dict) -> Schema:
    key = (tuple(sorted(choice_sources())), tuple(sorted(registered_formats())),
           json.dumps(form, sort_keys=True, ensure_ascii=False))
    schema = _schemas.get(key)
    if schema is None:
        if len(_schemas) >= 256:
            _schemas.clear()
        schema = _schemas[key] = schema_for(form)
    return schema


def validate_submission(form: dict | None, data: Any) -> dict:
    """Return the cleaned data, or raise FormInvalid with an error per field."""
    if not isinstance(data, dict):
        raise FormInvalid("the submitted data must be an object", {"_schema": ["must be an object"]})
    if form is None:
        return data
    try:
        cleaned = _schema_of(form).load(data)
    except ValidationError as exc:
        raise FormInvalid("some fields are not filled in correctly", exc.normalized_messages(), form) from exc
    return {name: value for name, value in cleaned.items()}
