"""Say when a deadline ends as the law counts it: at 24:00 of its last day, China Standard Time.

A period ends at the close of its last day (Civil Code Art. 203), so a limit whose last day is
20 January is stored as the instant 21 January 00:00. Shown as such, it reads as one day more
than the handler's desk (which names the last day) and the notices say; shown as 20 January
24:00, it is the same instant in the words of the law.
"""
from __future__ import annotations

from datetime import datetime, time

from processes.periods import last_day_of

from ..i18n import to_cst
from . import bp


def deadline_end(value: datetime | None) -> str:
    """Return a due instant in China Standard Time, a midnight as 24:00 of the day before."""
    if value is None:
        return ""
    moment = to_cst(value)
    if moment.time() == time(0, 0):
        return f"{last_day_of(value):%Y-%m-%d} 24:00"
    return moment.strftime("%Y-%m-%d %H:%M")


@bp.context_processor
def due_helpers() -> dict:
    """Give the console's templates the deadlines' wording."""
    return {"deadline_end": deadline_end}
