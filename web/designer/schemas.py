"""What the designer's pages send, checked with marshmallow before any service sees it."""
from __future__ import annotations

import json
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates
from werkzeug.exceptions import UnprocessableEntity

from engine.models import MAX_ID

PROCESS_ID = r"^[A-Za-z_][A-Za-z0-9_-]{0,80}$"


def load(schema: Schema, data: Any) -> dict:
    """Return the loaded data, or refuse the request with each field's complaint (422)."""
    try:
        return schema.load(data if data is not None else {})
    except ValidationError as exc:
        error = UnprocessableEntity()
        error.data = {"messages": exc.normalized_messages()}  # web/errors.py lists these per field
        raise error from exc


class _Loose(Schema):
    class Meta:
        unknown = EXCLUDE  # a page's form also carries its CSRF token


class _OverDraft(_Loose):
    """What the modeller knew of the file's draft when it opened: its text's token, or none.

    Without `based_on` (an API client), the text replaces any draft; with it, a draft saved since
    by someone else is kept unless `replace` says to overwrite it.
    """

    based_on = fields.String(allow_none=True, validate=validate.Length(max=64))
    replace = fields.Boolean(load_default=False)


class DiagramSchema(_OverDraft):
    """A diagram's text from the modeller."""

    file = fields.String(required=True, validate=validate.Length(min=6, max=160))
    xml = fields.String(required=True, validate=validate.Length(min=1))


class DraftSchema(_OverDraft):
    """A draft's text; its file is in the address."""

    xml = fields.String(required=True, validate=validate.Length(min=1))


class NewDiagramSchema(_Loose):
    """A process to start drawing from the starter diagram."""

    process_id = fields.String(required=True, validate=validate.Regexp(
        PROCESS_ID, error=_l("Letters, digits, _ and -, starting with a letter.")))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))


class JsonObjectField(fields.Field):
    """A JSON object typed into a text area."""

    def _deserialize(self, value, attr, data, **kwargs) -> dict:
        try:
            parsed = json.loads(value or "{}")
        except (TypeError, ValueError) as exc:
            raise ValidationError(str(_l("This is not valid JSON."))) from exc
        if not isinstance(parsed, dict):
            raise ValidationError(str(_l("Give the case data as a JSON object: {\"name\": value}.")))
        return parsed


class TestInstanceSchema(_Loose):
    """A test instance to start on a chosen version."""

    version = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))
    business_key = fields.String(required=True, validate=validate.Length(min=1, max=200))
    data = JsonObjectField(load_default=dict)


class DiffQuerySchema(_Loose):
    """The two versions to compare; without them, the newest and the one before it."""

    old = fields.Integer(load_default=None, data_key="from", validate=validate.Range(min=1, max=MAX_ID))
    new = fields.Integer(load_default=None, data_key="to", validate=validate.Range(min=1, max=MAX_ID))


class FormSaveSchema(_Loose):
    """A form definition from the form editor."""

    definition = fields.Dict(required=True)
    new = fields.Boolean(load_default=False)
    # What the editor opened: the file's token. A file saved since by someone else is kept unless `replace`.
    based_on = fields.String(allow_none=True, validate=validate.Length(max=64))
    replace = fields.Boolean(load_default=False)


class FormPreviewSchema(_Loose):
    """A form definition to render as handlers will see it."""

    definition = fields.Raw(required=True)
    locale = fields.String(load_default="zh_CN", validate=validate.OneOf(["zh_CN", "en"]))

    @validates("definition")
    def _is_object(self, value: Any, **_kwargs) -> None:
        if not isinstance(value, dict):
            raise ValidationError(str(_l("A form definition is a JSON object.")))
