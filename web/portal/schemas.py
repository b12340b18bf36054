"""The portal's small forms, read with marshmallow."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from processes.portal import RIGHTS, SATISFACTION


class QueryForm(Schema):
    """Registration number and query code."""

    class Meta:
        unknown = EXCLUDE

    number = fields.String(required=True, validate=validate.Length(min=1, max=100))
    code = fields.String(required=True, validate=validate.Length(min=4, max=20))


class EvaluationForm(Schema):
    """Satisfaction and comment (Art. 21)."""

    class Meta:
        unknown = EXCLUDE

    evaluation = fields.String(required=True, validate=validate.OneOf(list(SATISFACTION)))
    comment = fields.String(load_default="", validate=validate.Length(max=2000))


class RequestForm(Schema):
    """A request for review or re-review, confirmed."""

    class Meta:
        unknown = EXCLUDE

    kind = fields.String(required=True, validate=validate.OneOf(list(RIGHTS)))
    reasons = fields.String(load_default="", validate=validate.Length(max=4000))
    confirmed = fields.String(load_default="")
