"""Dates a handler records of what has happened: acceptance, service, a request's receipt, a hearing's end.

Statutory periods are counted from them (the 60 days of Art. 34 from acceptance, the 30 days of
Art. 35 from receipt of the reply), so a slip of the keyboard would move a limit by months and
keep a late matter out of supervision. Such a day cannot lie after today (China Standard Time) nor
before the petition was received. A day that is planned, not recorded (the day a hearing is to be
held), is marked in its form with `"ui:options": {"planned": true}` and may lie ahead.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from .errors import InvalidInput
from .petitions.models import as_date


class RecordedDateInvalid(InvalidInput):
    """A recorded day lies in the future or before the petition was received."""

    code = "invalid_recorded_date"

    def __init__(self, message: str, problems: dict[str, str], today: date, received_on: date | None) -> None:
        super().__init__(message, fields=sorted(problems), today=today.isoformat(),
                         received_on=received_on.isoformat() if received_on else "-")
        self.problems = problems
        self.today = today
        self.received_on = received_on


def recorded_days(form: dict) -> list[str]:
    """Return the names of a form's fields that record a day that has happened."""
    ui = form.get("uiSchema") or {}
    names = []
    for name, spec in (form.get("properties") or {}).items():
        hints = ui.get(name) if isinstance(ui.get(name), dict) else {}
        options = hints.get("ui:options") if isinstance(hints.get("ui:options"), dict) else {}
        if spec.get("format") == "date" and not spec.get("readOnly") and not options.get("planned"):
            names.append(name)
    return names


def date_problems(form: dict | None, data: dict[str, Any], today: date,
                  received_on: date | None) -> dict[str, str]:
    """Return each recorded day of the data that is `future` or `before_receipt` (a non-date is the form's to say)."""
    problems: dict[str, str] = {}
    for name in recorded_days(form or {}):
        try:
            day = as_date(data.get(name))
        except (TypeError, ValueError):
            continue  # not a date: the form's own validation says so
        if day is None:
            continue
        if day > today:
            problems[name] = "future"
        elif received_on is not None and day < received_on:
            problems[name] = "before_receipt"
    return problems


def check_recorded_dates(form: dict | None, data: dict[str, Any], today: date, received_on: date | None) -> None:
    """Refuse data whose recorded days lie after today or before the petition was received."""
    problems = date_problems(form, data, today, received_on)
    if problems:
        raise RecordedDateInvalid("A recorded day cannot be later than today (%(today)s) nor earlier than the day "
                                  "the petition was received (%(received_on)s).", problems, today, received_on)

