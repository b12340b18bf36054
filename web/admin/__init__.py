"""The administrator's console: instances on their diagrams, actions, statistics, the annual report, holidays."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for
from flask_babel import gettext as _

from ..auth_tokens import current_user

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.before_request
def only_administrators():
    """Send visitors to sign in and refuse everyone who is not an administrator."""
    user = current_user()
    if user is None:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if user.role != "admin":
        abort(403, _("Only administrators may use the console."))
    return None


from . import actions, batch, calendar, instances, overview, report, rules, statistics  # noqa: F401  (routes attach to bp)
