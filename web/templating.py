"""Names every template may use: the user, role labels, the clock."""
from __future__ import annotations

import re

from flask import Flask
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

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


DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")


def whole_dates(text: str) -> Markup:
    """Return text whose dates (and times) a line never breaks inside (a narrow badge broke them at a hyphen)."""
    return Markup(DATE.sub(lambda found: f'<span class="nowrap">{found.group(0)}</span>', str(escape(text))))


def init_app(app: Flask) -> None:
    """Register the template globals."""
    app.jinja_env.globals.update(
        current_user=current_user, role_label=role_label, acted_by=acted_by,
        clock_simulated=lambda: current_clock().simulated, clock_now=lambda: current_clock().now())
    app.jinja_env.filters["whole_dates"] = whole_dates
