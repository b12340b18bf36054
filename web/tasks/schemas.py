"""The query strings and small forms of the desk, read with marshmallow."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from processes.inbox import ORDERS, TABS
from processes.petitions import CATEGORIES, CHANNELS, STAGES
from processes.portal import RIGHTS
from processes.review_requests import DESK_CHANNELS


def _blank_is_none(schema_cls):
    """Treat empty query parameters as absent, as a form's "any" choice sends them."""
    class Cleaned(schema_cls):
        def load(self, data, *args, **kwargs):
            return super().load({k: v for k, v in data.items() if v not in ("", None)}, *args, **kwargs)
    Cleaned.__name__ = schema_cls.__name__
    return Cleaned


@_blank_is_none
class InboxArgs(Schema):
    """Tab, filters, order and page of the inbox."""

    class Meta:
        unknown = EXCLUDE

    tab = fields.String(load_default="mine", validate=validate.OneOf(TABS))
    stage = fields.String(validate=validate.OneOf(STAGES))
    channel = fields.String(validate=validate.OneOf(CHANNELS))
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    organ = fields.String(validate=validate.Length(max=64))
    deadline = fields.String(validate=validate.OneOf(("overdue", "soon")))
    order = fields.String(load_default="due", validate=validate.OneOf(ORDERS))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))


@_blank_is_none
class SearchArgs(Schema):
    """Filters of the case search."""

    class Meta:
        unknown = EXCLUDE

    number = fields.String(validate=validate.Length(max=100))
    petitioner = fields.String(validate=validate.Length(max=100))
    organ = fields.String(validate=validate.Length(max=64))
    text = fields.String(validate=validate.Length(max=200))
    stage = fields.String(validate=validate.OneOf(STAGES))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))


class HandOverForm(Schema):
    """Whom to hand a task to, and why."""

    class Meta:
        unknown = EXCLUDE

    assignee = fields.String(required=True, validate=validate.Length(min=1, max=64))
    reason = fields.String(load_default="", validate=validate.Length(max=500))


@_blank_is_none
class RequestForm(Schema):
    """A request for review or re-review received by letter or at a visit (Art. 35, 36)."""

    class Meta:
        unknown = EXCLUDE

    kind = fields.String(required=True, validate=validate.OneOf(list(RIGHTS)))
    channel = fields.String(required=True, validate=validate.OneOf(DESK_CHANNELS))
    received_on = fields.Date(required=True)
    posted_on = fields.Date(load_default=None)
    reasons = fields.String(load_default="", validate=validate.Length(max=4000))
