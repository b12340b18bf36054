"""What the sign-in form accepts, checked with marshmallow before any service runs."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate


class SignInForm(Schema):
    """A username and a password as typed; a missing or overlong one is simply a wrong one."""

    class Meta:
        unknown = EXCLUDE

    username = fields.String(load_default="", validate=validate.Length(max=200))
    password = fields.String(load_default="", validate=validate.Length(max=1000))
