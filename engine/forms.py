"""Form definitions in `forms/`: load them and validate submissions with marshmallow."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from .errors import FormInvalid, NotFound

_cache: dict[tuple[str, float], dict] = {}


def load_form(forms_dir: Path, key: str) -> dict:
    """Return the definition of a form, re-read when its file changes."""
    if not key or "/" in key or "\\" in key or key.startswith("."):
        raise NotFound(f"form {key!r} does not exist")
    path = Path(forms_dir) / f"{key}.json"
    if not path.is_file():
        raise NotFound(f"form {key!r} does not exist")
    stamp = path.stat().st_mtime
    if (key, stamp) not in _cache:
        _cache[(key, stamp)] = json.loads(path.read_text(encoding="utf-8"))
    return _cache[(key, stamp)]


def _string_field(spec: dict, required: bool) -> fields.Field:
    checks = []
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
    return fields.String(required=required, validate=checks)


class _IsoDate(fields.Date):
    """A date that stays an ISO string in the case data."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).isoformat()


class _IsoDateTime(fields.DateTime):
    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).isoformat()


def _field(spec: dict, required: bool) -> fields.Field:
    kind = spec.get("type", "string")
    allow_none = not required
    if kind == "string":
        field = _string_field(spec, required)
    elif kind in ("integer", "number"):
        cls = fields.Integer if kind == "integer" else fields.Float
        field = cls(required=required, strict=False, validate=validate.Range(spec.get("minimum"), spec.get("maximum")))
    elif kind == "boolean":
        field = fields.Boolean(required=required)
    elif kind == "array":
        items = spec.get("items", {"type": "string"})
        inner = fields.Nested(schema_for(items)) if items.get("type") == "object" else _field(items, True)
        field = fields.List(inner, required=required,
                            validate=validate.Length(min=spec.get("minItems"), max=spec.get("maxItems")))
    elif kind == "object":
        field = fields.Nested(schema_for(spec), required=required)
    else:
        raise ValueError(f"unsupported field type {kind!r}")
    field.allow_none = allow_none
    return field


def schema_for(form: dict) -> Schema:
    """Build a marshmallow schema from a form definition (the documented JSON Schema subset)."""
    required = set(form.get("required", []))
    declared = {name: _field(spec, name in required)
                for name, spec in form.get("properties", {}).items() if not spec.get("readOnly")}
    return Schema.from_dict(declared, name="FormSchema")(unknown=EXCLUDE)


def validate_submission(form: dict | None, data: Any) -> dict:
    """Return the cleaned data, or raise FormInvalid with an error per field."""
    if not isinstance(data, dict):
        raise FormInvalid("the submitted data must be an object", {"_schema": ["must be an object"]})
    if form is None:
        return data
    try:
        cleaned = schema_for(form).load(data)
    except ValidationError as exc:
        raise FormInvalid("some fields are not filled in correctly", exc.normalized_messages()) from exc
    return {name: value for name, value in cleaned.items()}
