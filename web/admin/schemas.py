"""What the console's forms and filters accept, checked with marshmallow before any service runs."""
from __future__ import annotations

import json
from typing import Any

from flask_babel import LazyString
from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates_schema

from engine.models import MAX_ID
from processes.account_changes import MIN_PASSWORD
from processes.accounts import ROLES

from .labels import STATUS
from .labels import lazy_gettext as _l

REASON_REQUIRED = _l("Give a reason: it goes into the history.")
INVALID = _l("This value is not valid.")
BATCH_ACTIONS = ("suspend", "resume", "terminate", "retry", "migrate", "recalculate")


class _Form(Schema):
    class Meta:
        unknown = EXCLUDE

    @pre_load
    def blank_is_missing(self, data: Any, **_kwargs) -> dict:
        """Treat an empty field (or no box ticked) like one not sent, and trim what was typed."""
        items = data.items() if hasattr(data, "items") else []
        return {key: (value.strip() if isinstance(value, str) else value) for key, value in items
                if not (isinstance(value, str) and not value.strip()) and value != []}


def at_most(limit: int):
    """Refuse text longer than `limit` characters, saying the limit in the page's language."""
    def check(value: str) -> None:
        if len(value) > limit:
            # In a list: marshmallow would spread a lone message that is not a str into its characters.
            raise ValidationError([_l("Write at most %(limit)s characters; this has %(count)s.", limit=limit,
                                      count=len(value))])
    return check


class ReasonSchema(_Form):
    reason = fields.String(required=True, validate=at_most(2000), error_messages={"required": REASON_REQUIRED})


class InstanceFilterSchema(_Form):
    process = fields.String(load_default=None, validate=validate.Length(max=200))
    version = fields.Integer(load_default=None, strict=False, validate=validate.Range(min=1, max=MAX_ID))
    status = fields.String(load_default=None, validate=validate.OneOf(list(STATUS)))
    organ = fields.String(load_default=None, validate=validate.Length(max=64))
    overdue = fields.Boolean(load_default=False)
    key = fields.String(load_default=None, validate=validate.Length(max=200))
    text = fields.String(load_default=None, validate=validate.Length(max=200))
    started_from = fields.Date(load_default=None)
    started_to = fields.Date(load_default=None)
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.OneOf([20, 50, 100, 200]))


class JsonObject(fields.Field):
    """A JSON object typed into a text box."""

    def _deserialize(self, value: Any, attr, data, **kwargs) -> dict:
        try:
            parsed = json.loads(value) if isinstance(value, str) else value
        except ValueError as exc:
            raise ValidationError(_l("This is not valid JSON (line %(line)s, column %(column)s).",
                                     line=exc.lineno, column=exc.colno)) from exc
        if not isinstance(parsed, dict):
            raise ValidationError(_l("The case data must be a JSON object, in braces { }."))
        return parsed


class DataEditSchema(ReasonSchema):
    data = JsonObject(required=True, error_messages={"required": _l("Give the case data.")})


class ReassignSchema(ReasonSchema):
    task = fields.String(required=True, validate=validate.Length(max=36))
    assignee = fields.String(load_default=None, validate=validate.Length(max=64))


class RewindSchema(ReasonSchema):
    task = fields.String(required=True, validate=validate.Length(min=1, max=36),
                         error_messages={"required": _l("Choose the step to go back to.")})


class MigrateSchema(ReasonSchema):
    version = fields.Integer(required=True, strict=False, validate=validate.Range(min=1, max=MAX_ID),
                             error_messages={"required": _l("Choose the version to migrate to.")})


class MigrationQuerySchema(_Form):
    version = fields.Integer(load_default=None, strict=False, validate=validate.Range(min=1, max=MAX_ID))


class BatchSchema(ReasonSchema):
    # A batch migration is shown first (versions, differences, where each case stands) and done once confirmed.
    confirmed = fields.Boolean(load_default=False)
    ids = fields.List(fields.Integer(strict=False), required=True, validate=validate.Length(min=1, max=500),
                      error_messages={"required": _l("Tick at least one case.")})
    action = fields.String(required=True, validate=validate.OneOf(BATCH_ACTIONS),
                           error_messages={"required": _l("Choose what to do.")})


def long_enough(password: str) -> None:
    """Refuse a password shorter than an account's first password may be."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError([_l("A password is at least %(count)s characters.", count=MIN_PASSWORD)])


class NewAccountSchema(_Form):
    username = fields.String(required=True, validate=validate.Length(max=64),
                             error_messages={"required": _l("Give a username.")})
    display_name = fields.String(load_default=None, validate=at_most(200))
    role = fields.String(required=True, validate=validate.OneOf(ROLES),
                         error_messages={"required": _l("Choose a role.")})
    organ = fields.String(load_default=None, validate=validate.Length(max=64))
    password = fields.String(required=True, validate=[validate.Length(max=200), long_enough],
                             error_messages={"required": _l("Give a password.")})


class NewPasswordSchema(ReasonSchema):
    password = fields.String(required=True, validate=[validate.Length(max=200), long_enough],
                             error_messages={"required": _l("Give a password.")})


class AccountActiveSchema(ReasonSchema):
    active = fields.Boolean(required=True)


class YearOrganSchema(_Form):
    year = fields.Integer(load_default=None, validate=validate.Range(min=2000, max=2100))
    organ = fields.String(load_default=None, validate=validate.Length(max=64))


class ScheduleSchema(_Form):
    schedule = fields.String(required=True, validate=validate.Length(max=20000),
                             error_messages={"required": _l("List the days of the schedule.")})


class RecalculateSchema(ReasonSchema):
    year = fields.Integer(load_default=None, validate=validate.Range(min=2000, max=2100))


class ClockMoveSchema(_Form):
    days = fields.Integer(load_default=0, validate=validate.Range(min=0, max=3660))
    hours = fields.Integer(load_default=0, validate=validate.Range(min=0, max=23))
    to = fields.NaiveDateTime(load_default=None)  # as a datetime-local box sends it: China Standard Time

    @validates_schema
    def somewhere(self, data: dict, **_kwargs) -> None:
        """Refuse a move that goes nowhere."""
        if data.get("to") is None and not data.get("days") and not data.get("hours"):
            raise ValidationError(_l("Give the days or hours to move the clock forward, or the moment to move it to."),
                                  field_name="days")


def first_errors(error: ValidationError) -> dict[str, str]:
    """Return one message per field in the page's language (marshmallow's own are English)."""
    found = {}
    for name, messages in error.normalized_messages().items():
        message = messages
        while isinstance(message, (list, dict)):  # a list of messages, or a nested field's
            message = message[0] if isinstance(message, list) else next(iter(message.values()))
        found[name] = str(message) if isinstance(message, LazyString) else str(INVALID)
    return found
