"""The functions the diagrams may call (processes/CONTRACT.md), registered with the engine at start.

They take and return JSON-friendly values (ISO strings, dicts), except ``deadline``,
``remind_before`` and ``after_post``, whose ``Deadline`` the engine reads as a timer value. They
flush and never commit: they run inside an engine step, whose state is saved in the same
transaction.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from engine.clock import current_clock
from engine.db import db
from processes import documents, organs
from processes.holidays import load_calendar
from processes.phone_numbers import checked_phone
from processes.periods import CST, Deadline, statutory_deadline, to_cst_date
from processes.periods import after_post as _after_post
from processes.periods import extend as _extend
from processes.periods import remind_before as _remind_before
from processes.petitions import close_petition, get_petition, set_handling_organ, set_stage
from processes.same_matter import find_same_matter


def deadline(start: date | datetime | str, days: int, kind: str = "calendar", paused_days: int = 0) -> Deadline:
    """Return the end of a statutory period of ``days`` counted from the day after ``start``."""
    return statutory_deadline(start, days, kind=kind, cal=load_calendar(db.session), paused_days=paused_days)


def remind_before(deadline_value: Deadline, days: int) -> Deadline:
    """Return the moment ``days`` days before a deadline, for a reminder."""
    return _remind_before(deadline_value, days)


def after_post(deadline_value: Deadline, days: int) -> Deadline:
    """Return the moment ``days`` days after a deadline, until which letters posted by it may arrive."""
    return _after_post(deadline_value, days)


def extended(deadline_value: Deadline, days: int) -> Deadline:
    """Return a deadline extended by ``days`` counted from its end (Art. 34); 0 days leave it as it is."""
    return _extend(deadline_value, days, load_calendar(db.session))


def today() -> str:
    """Return the clock's date in China Standard Time, ISO."""
    return current_clock().now().astimezone(CST).date().isoformat()


def days_between(a: date | datetime | str, b: date | datetime | str) -> int:
    """Return the whole calendar days from date ``a`` to date ``b`` (negative if ``b`` is earlier)."""
    return (to_cst_date(b) - to_cst_date(a)).days


def same_matter(petition_id: int) -> dict[str, Any]:
    """Tell whether the petition repeats an earlier one and which rule bars it (Art. 19, 36)."""
    result = find_same_matter(get_petition(petition_id))
    if result is None:
        return {"found": False, "earlier": None, "rule": None, "similarity": 0.0,
                "message": "No earlier petition of the same petitioner concerns the same matter."}
    return {"found": True, "earlier": result.earlier, "rule": result.rule, "similarity": result.similarity,
            "message": result.message}


def issue_document(petition_id: int, kind: str, fields: dict[str, Any] | None = None) -> str:
    """Issue a written document on the petition and return its number."""
    return documents.issue_document(petition_id, kind, fields)


def serve_document(number: str, served_on: str, method: str | None = None) -> None:
    """Record the day (and way) a written document was served."""
    documents.serve_document(number, served_on, method)


# Fields of a form may take their value from these directories (`"ui:widget": "organ"`, forms/README.md).
CHOICE_SOURCES: dict[str, Callable[..., Any]] = {"organ": organs.organ_choices}

# A text field may be of these formats (`"format": "phone"`, forms/README.md): taken as the check writes it.
FORMATS: dict[str, Callable[[str], str]] = {"phone": checked_phone}

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "deadline": deadline,
    "remind_before": remind_before,
    "after_post": after_post,
    "extended": extended,
    "today": today,
    "days_between": days_between,
    "suggest_route": organs.suggest_route,
    "superior_of": organs.superior_of,
    "petition_department_of": organs.petition_department_of,
    "common_superior": organs.common_superior,
    "same_matter": same_matter,
    "issue_document": issue_document,
    "serve_document": serve_document,
    "set_stage": set_stage,
    "set_handling_organ": set_handling_organ,
    "close_petition": close_petition,
}
