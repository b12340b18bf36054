"""Say in the page's language why the engine or a rule refused an action.

The services refuse with typed errors whose messages are English and technical; an
administrator reads a sentence in the page's language that says what to do instead.
"""
from __future__ import annotations

from typing import Any

from .labels import gettext as _
from .labels import lazy_gettext as _l
from .labels import status_label
from .tables import lang

WRONG_STATE = {
    "suspend": _l("Only a running, waiting or failed case can be suspended; this one is %(status)s."),
    "resume": _l("Only a suspended case can be resumed; this one is %(status)s."),
    "terminate": _l("This case is %(status)s already; it cannot be terminated."),
    "retry": _l("Only a case in error can be retried; this one is %(status)s."),
    "data": _l("Case data can be changed only while the case is suspended; this one is %(status)s. "
               "Suspend it first."),
    "migrate": _l("A case that is %(status)s cannot be migrated."),
    "reassign": _l("The case is %(status)s; its tasks cannot be reassigned now."),
    "recalculate": _l("The deadlines of a case that is %(status)s cannot be recalculated."),
    "rewind": _l("A case that is %(status)s cannot go back to an earlier step."),
}
BY_CODE = {
    "conflict": _l("Someone else changed this case at the same moment. Reload the page and try again."),
    "not_found": _l("This case or task no longer exists."),
    "reason_required": _l("Give a reason: it goes into the history."),
    "data_not_object": _l("The case data must be a JSON object, in braces { }."),
    "data_fields_removed": _l("Fields cannot be removed from the case data; change their values instead."),
    "data_unchanged": _l("Nothing in the case data was changed."),
    "not_staff": _l("Tasks can be handed only to staff who handle cases."),
    "not_for_task": _l("This task can be handed only to someone of its role and organ (and never to staff of an "
                       "organ the petition accuses)."),
    "unknown_user": _l("No user has that username."),
    "internal_error": _l("Something went wrong on our side; this case was left unchanged."),
}


def explain(code: str, details: dict[str, Any] | None, action: str) -> str:
    """Return the reader's sentence for a refusal with `code` and `details` of an `action`."""
    details = details or {}
    if code == "migration_refused":
        missing = ("、" if lang() == "zh" else ", ").join(
            f"{entry.get('name') or entry['element']} ({entry['element']})" for entry in details.get("missing", []))
        return _("Version %(version)s lacks elements this case stands on: %(missing)s. Move the case past them "
                 "first, or choose another version.", version=details.get("version", "?"), missing=missing)
    if code == "deadline_uncountable":
        timer = details.get("timer", "?")
        # the diagram names its elements in Chinese only
        named = f"{details['name']} ({timer})" if details.get("name") and lang() == "zh" else timer
        if action == "recalculate":
            return _("The deadline of %(timer)s cannot be counted from the case data, so no deadline was counted "
                     "again: suspend the case and correct its data. Technical message: %(error)s",
                     timer=named, error=details.get("error", ""))
        return _("With these values the deadline of %(timer)s cannot be counted, so nothing was changed: correct "
                 "them. Technical message: %(error)s", timer=named, error=details.get("error", ""))
    if code == "invalid_state":
        if details.get("field") == "reason":
            return str(BY_CODE["reason_required"])
        if "version" in details:
            return _("The case already runs on version %(version)s.", version=details["version"])
        if "status" in details and action in WRONG_STATE:
            return str(WRONG_STATE[action]) % {"status": status_label(details["status"])}
        if "state" in details:
            return _("This task is no longer waiting to be done.")
    if code == "not_found" and "version" in details:
        return _("Version %(version)s of this process is not deployed.", version=details["version"])
    if code in BY_CODE:
        return str(BY_CODE[code])
    return _("The action was refused: %(code)s.", code=code)


def explain_error(exc: Exception, action: str) -> str:
    """Return the reader's sentence for an engine or rule error raised by an action."""
    details = dict(getattr(exc, "details", {}) or {})
    if getattr(exc, "fields", None):
        details.setdefault("field", exc.fields[0])
    return explain(getattr(exc, "code", "internal_error"), details, action)
