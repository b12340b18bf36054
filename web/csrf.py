"""Protect every form post of a signed-in browser session against cross-site request forgery."""
from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session
from flask_babel import gettext as _

FIELD = "csrf_token"


def csrf_token() -> str:
    """Return this session's token, creating it on first use."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]


def init_app(app: Flask) -> None:
    """Check the token on every unsafe request that does not carry an API token."""

    @app.before_request
    def check_token():
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        if request.headers.get("Authorization", "").startswith("Bearer "):
            return None  # API clients authenticate each request; no ambient cookie to forge
        if request.path.startswith("/api/") and not session.get("username"):
            return None
        sent = request.form.get(FIELD) or request.headers.get("X-CSRF-Token", "")
        if not sent or not hmac.compare_digest(sent, session.get(FIELD, "")):
            abort(400, _("This form has expired or was not sent from this site. Please reload the page and try again."))
        return None

    app.jinja_env.globals["csrf_token"] = csrf_token
