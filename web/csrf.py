"""Protect every form post of a signed-in browser session against cross-site request forgery."""
from __future__ import annotations

import hmac
import secrets

from flask import Flask, request, session
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

FIELD = "csrf_token"


class FormExpired(BadRequest):
    """A form came without this session's token: the session ended, or another site sent it.

    Its own kind, so that a page whose form took long to fill can show the form again as typed.
    """


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
            raise FormExpired(_("This form has expired or was not sent from this site. "
                                "Please reload the page and try again."))
        return None

    app.jinja_env.globals["csrf_token"] = csrf_token
