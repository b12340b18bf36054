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
    if NUL in request.path or holds_nul(request.args.to_dict(flat=False)):
        return True
    if request.form and holds_nul(request.form.to_dict(flat=False)):
        return True
    return request.is_json and holds_nul(request.get_json(silent=True))


def init_app(app: Flask) -> None:
    """Refuse, before any view runs, a request whose text holds a NUL character."""

    @app.before_request
    def refuse_nul():
        if _request_holds_nul():
            abort(400, _("Text cannot contain the NUL character (U+0000); nothing was saved."))
        return None
