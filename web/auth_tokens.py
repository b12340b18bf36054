"""Who is calling: a signed-in session or an API token, and what their role allows."""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort, g, redirect, request, session, url_for
from flask_babel import gettext as _

from processes.accounts import get_user, user_by_token


def current_user():
    """Return the user of this request (token first, then session), or None."""
    if "user" not in g:
        user = None
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            user = user_by_token(header[7:].strip())
            if user is None:
                abort(401, _("The API token is not valid."))
        elif session.get("username"):
            user = get_user(session["username"])
        g.user = user if user is None or user.active else None
    return g.user


def _page_asked_for() -> bool:
    # A browser opening a page names HTML among what it accepts; a script's request (the API, a page's
    # own fetch, which accepts anything) and anything but a GET are answered 401 as before.
    return (request.method in ("GET", "HEAD") and not request.path.startswith("/api/")
            and any(kind == "text/html" for kind in request.accept_mimetypes.values()))


def require_role(*roles: str) -> Callable:
    """Let through signed-in users with one of `roles` (an admin always passes)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = current_user()
            if user is None:
                if _page_asked_for():  # a person opening a page: the sign-in form, then back to the page
                    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
                abort(401, _("Please sign in."))
            if roles and user.role not in roles and user.role != "admin":
                abort(403, _("Your role may not do this."))
            return view(*args, **kwargs)

        return wrapper

    return decorate
