"""The portal's proof that this browser has opened a case before: a signed cookie that lasts.

When a browser opens a case (the receipt of a submission, or a look-up with the right code) it
keeps, for a year, a cookie signed with the app's secret: an id of its own and a keyed mark of
each number it opened (not the number itself: the cookie is readable on a shared computer). Its
later look-ups of such a number are counted on their own (processes/query_attempts.py), so a
stranger's wrong codes do not keep it out. The cookie opens nothing: the code is still asked.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import after_this_request, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "xf_opened"
SALT = "portal-opened-cases"
LASTS = timedelta(days=365)
KEPT = 20  # the numbers one browser remembers, the latest kept


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def _mark(number: str) -> str:
    key = hashlib.sha256(f"{SALT}:{current_app.secret_key}".encode()).digest()
    return hmac.new(key, number.strip().upper().encode(), hashlib.sha256).hexdigest()[:20]


def _held() -> dict | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        held = _serializer().loads(raw, max_age=int(LASTS.total_seconds()))
    except BadSignature:  # forged, or older than a year
        return None
    ok = isinstance(held, dict) and isinstance(held.get("id"), str) and isinstance(held.get("cases"), list)
    return held if ok else None


def browser_id_for(number: str) -> str | None:
    """Return this browser's id if it has opened the case with this number before, else None."""
    held = _held()
    return held["id"] if held and _mark(number) in held["cases"] else None


def trust_this_browser(number: str) -> None:
    """Remember in this browser that it opened the case with this number."""
    held = _held() or {"id": secrets.token_urlsafe(12), "cases": []}
    mark = _mark(number)
    held["cases"] = [case for case in held["cases"] if case != mark][-(KEPT - 1):] + [mark]
    value = _serializer().dumps(held)

    @after_this_request
    def keep(response):
        response.set_cookie(COOKIE, value, max_age=int(LASTS.total_seconds()), path="/portal/", httponly=True,
                            samesite="Lax", secure=request.is_secure)
        return response
