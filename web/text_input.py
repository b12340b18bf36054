"""Refuse text a database cannot keep: the NUL character.

PostgreSQL refuses NUL in text, so a search, a name or case data holding one would fail deep in a
write, as a server error, and only on PostgreSQL. Every request is looked at first: its path, its
query, its form fields and its JSON body, names and values, at any depth. Uploaded files are not
text and are left as they are.
"""
from __future__ import annotations

from typing import Any

from flask import Flask, abort, request
from flask_babel import gettext as _

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def holds_nul(value: Any) -> bool:
    """Tell whether text, or any key or text inside lists and dicts, holds a NUL character."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(holds_nul(item) for item in value)
    return False


def _request_holds_nul() -> bool:
    # Every request passes here: the cheap looks at the raw text come first. A NUL reaches the
    # query only as %00, and a JSON body only as the escape \u0000 (JSON has no raw control
    # characters); the body is walked only when its text holds that escape.
    req = request._get_current_object()
    if NUL in req.path or b"%00" in req.query_string:
        return True
    if req.mimetype in FORM_TYPES:
        return holds_nul(req.form.to_dict(flat=False))
    if req.is_json:
        return b"\\u0000" in req.get_data(cache=True) and holds_nul(req.get_json(silent=True))
    return False


def init_app(app: Flask) -> None:
    """Refuse, before any view runs, a request whose text holds a NUL character."""

    @app.before_request
    def refuse_nul():
        if _request_holds_nul():
            abort(400, _("Text cannot contain the NUL character (U+0000); nothing was saved."))
        return None
