"""Names every template may use: the user, role labels, the clock."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from engine import current_clock

from .actor_words import acted_by
from .auth_tokens import current_user

ROLE_LABELS = {
    "admin": _l("Administrator"), "designer": _l("Process designer"), "registrar": _l("Registrar"),
    "handler": _l("Handler"), "head": _l("Organ head"), "reviewer": _l("Reviewer"),
    "supervisor": _l("Supervisor"), "petitioner": _l("Petitioner"),
}


def role_label(role: str | None) -> str:
    """Return the role's name in the page's language."""
    return str(ROLE_LABELS.get(role or "", role or ""))


def init_app(app: Flask) -> None:
    """Register the template globals."""
    app.jinja_env.globals.update(
        current_user=current_user, role_label=role_label, acted_by=acted_by,
        clock_simulated=lambda: current_clock().simulated, clock_now=lambda: current_clock().now())
