"""Say in the page's language why an action on a task was refused; nothing was changed."""
from __future__ import annotations

from flask_babel import gettext as _

from engine import Conflict, EngineError, InvalidState, NotFound
from processes.accounts import get_user
from processes.errors import NotFound as RecordNotFound
from processes.recorded_dates import RecordedDateInvalid

from ..form_errors import Localized


def _who(username: str | None) -> str:
    try:
        return get_user(username).display_name if username else ""
    except RecordNotFound:
        return username or ""


def explain(exc: EngineError) -> str:
    """Return a readable reason for an engine refusal."""
    details = exc.details
    if isinstance(exc, Conflict):
        if details.get("state") == "completed":
            return _("This task has already been completed; nothing was changed.")
        if details.get("state") == "cancelled":
            return _("This task was withdrawn when the case moved on; nothing was changed.")
        if details.get("assignee"):
            return _("This task is held by %(who)s; nothing was changed.", who=_who(details["assignee"]))
        return _("Someone changed this case at the same moment. Reload the page and try again; nothing was changed.")
    if isinstance(exc, InvalidState):
        if details.get("status"):
            return _("The case is suspended or stopped; its tasks wait until it goes on. Nothing was changed.")
        if "not held" in exc.message:
            return _("This task is not held by anyone.")
        if "held by" in exc.message:
            return _("This task is held by someone else; only they or an administrator can release it.")
        return _("This action does not fit the task's current state; nothing was changed.")
    if isinstance(exc, NotFound):
        return _("This task does not exist.")
    return _("The action was refused; nothing was changed.")


def date_errors(exc: RecordedDateInvalid) -> dict[str, list[str]]:
    """Return, by field, why a recorded day was refused: it lies after today or before the petition's receipt."""
    errors = {}
    for name, problem in exc.problems.items():
        if problem == "future":
            said = _("This day cannot be later than today (%(today)s).", today=exc.today.isoformat())
        else:
            said = _("This day cannot be earlier than the day the petition was received (%(day)s).",
                     day=exc.received_on.isoformat() if exc.received_on else "")
        errors[name] = [Localized(said)]
    return errors
