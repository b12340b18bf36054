"""The start page: send each person to the desk of their role."""
from __future__ import annotations

from flask import Blueprint, redirect

from ..auth_tokens import current_user

bp = Blueprint("home", __name__)

DESKS = {"admin": "/admin/", "designer": "/designer/", "petitioner": "/portal/"}


@bp.get("/")
def index():
    """Go to the desk that fits the signed-in user."""
    user = current_user()
    if user is None:
        return redirect("/portal/")
    return redirect(DESKS.get(user.role, "/tasks/"))


@bp.get("/healthz")
def health():
    """Say the app is up (for load balancers and scripts)."""
    return {"status": "ok"}
