"""The administrator's console: instances on their diagrams, actions, statistics, the annual report, holidays."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for

from ..auth_tokens import current_user
from .labels import gettext as _

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.context_processor
def console_words() -> dict:
    """Let the console's templates translate with the console's own catalogue."""
    return {"_": _, "gettext": _}


@bp.before_request
def only_administrators():
    """Send visitors to sign in and refuse everyone who is not an administrator."""
    user = current_user()
    if user is None:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if user.role != "admin":
        abort(403, _("Only administrators may use the console."))
    return None


from . import (  # noqa: E402,F401  (routes attach to bp)
    accounts, actions, batch, calendar, clock, details, due, instances, migration, report, statistics,
)
