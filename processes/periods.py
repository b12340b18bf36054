"""Count statutory periods the way the Civil Code counts periods in days (Art. 201-203).

The day of the event is not counted. A period ends at 24:00 China Standard Time of its last
day, which this module represents as 00:00 of the following day: ``Deadline.due_at`` is the
first instant that is too late, and anything strictly before it meets the deadline.
Pure counting: no clock, no database; time and the holiday calendar are arguments.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from processes.errors import PeriodError

CST = ZoneInfo("Asia/Shanghai")
KINDS = ("calendar", "working")


@dataclass(frozen=True)
class Deadline:
    """The end of a statutory period; the engine reads ``due_at`` and ``provisional``."""

    due_at: datetime
    last_day: date
    provisional: bool
    rule: str

    def isoformat(self) -> str:
        """Return the instant the period runs out as an ISO 8601 string."""
        return self.due_at.isoformat()


class Calendar(Protocol):
    """Which days are working days, and for which years an official schedule is known."""

    def is_working_day(self, d: date) -> bool: ...

    def is_known(self, year: int) -> bool: ...


class WeekendOnlyCalendar:
    """Count Monday to Friday as working days; no year has an official schedule."""

    def is_working_day(self, d: date) -> bool:
        """Tell whether ``d`` falls on Monday to Friday."""
        return d.weekday() < 5

    def is_known(self, year: int) -> bool:
        """Tell that no year is known, so every deadline counted here is provisional."""
        return False


class ScheduleCalendar(WeekendOnlyCalendar):
    """Working days from an official schedule, Monday to Friday for days it does not list."""

    def __init__(self, schedule: Mapping[date, bool], known_years: set[int]) -> None:
        self.schedule = dict(schedule)
        self.known_years = frozenset(known_years)

    def is_working_day(self, d: date) -> bool:
        """Tell whether ``d`` is a working day, make-up days included, holidays excluded."""
        return self.schedule.get(d, super().is_working_day(d))

    def is_known(self, year: int) -> bool:
        """Tell whether the official schedule for ``year`` has been published and loaded."""
        return year in self.known_years


def calendar_days_deadline(
    start: date, days: int, cal: Calendar, paused_days: int = 0
) -> Deadline:
    """Count ``days`` calendar days after ``start``, rolling a non-working last day forward."""
    _check_counts(days, paused_days)
    counted = start + timedelta(days=days + paused_days)
    last = _roll_to_working_day(counted, cal)
    rule = f"{days} days from {start} (calendar"
    if last != counted:
        rule += f", last day {counted} rolled to next working day {last}"
    return _deadline(start, paused_days, last, cal, rule + ")")


def working_days_deadline(
    start: date, days: int, cal: Calendar, paused_days: int = 0
) -> Deadline:
    """Count ``days`` working days after ``start``, skipping weekends and holidays."""
    _check_counts(days, paused_days)
    # A pause on a working-day period is measured in working days, the period's own unit.
    remaining, day = days + paused_days, start
    while remaining:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            remaining -= 1
    last = _roll_to_working_day(day, cal)
    return _deadline(start, paused_days, last, cal, f"{days} working days from {start}")


def statutory_deadline(
    start: date | datetime | str,
    days: int,
    kind: str = "calendar",
    cal: Calendar | None = None,
    paused_days: int = 0,
) -> Deadline:
    """Return the deadline of a period of ``days`` of ``kind`` counted from the event ``start``.

    Without a calendar only weekends are skipped and the deadline is provisional.
    """
    if kind not in KINDS:
        raise PeriodError("unknown kind of period '%(kind)s': use 'calendar' or 'working'", kind=kind)
    counter = calendar_days_deadline if kind == "calendar" else working_days_deadline
    return counter(to_cst_date(start), days, cal or WeekendOnlyCalendar(), paused_days)


def remind_before(deadline: Deadline, days: int) -> Deadline:
    """Return the moment ``days`` calendar days before ``deadline`` runs out."""
    if days < 0:
        raise PeriodError("a reminder cannot come %(days)s days before a deadline", days=days)
    shift = timedelta(days=days)
    return replace(
        deadline,
        due_at=deadline.due_at - shift,
        last_day=deadline.last_day - shift,
        rule=f"{deadline.rule}; reminder {days} days before",
    )


def after_post(deadline: Deadline, days: int) -> Deadline:
    """Return the moment ``days`` calendar days after ``deadline`` runs out.

    A request posted by a period's last day is made in time (its postmark day counts), yet may still
    be on its way when the period ends: the step that takes it stays open this much longer.
    """
    if days < 0:
        raise PeriodError("the days for letters in the post cannot be %(days)s", days=days)
    shift = timedelta(days=days)
    return replace(
        deadline,
        due_at=deadline.due_at + shift,
        last_day=deadline.last_day + shift,
        rule=f"{deadline.rule}; {days} days for letters in the post",
    )


def extend(deadline: Deadline, days: int, cal: Calendar | None = None) -> Deadline:
    """Return a period extended by ``days`` calendar days counted from the end of ``deadline`` (Art. 34).

    The extension continues the period from its last day, rolled past a holiday as the law rolls it;
    an extension of 0 days leaves the deadline as it is.
    """
    _check_counts(days, 0)
    if days == 0:
        return deadline
    longer = calendar_days_deadline(deadline.last_day, days, cal or WeekendOnlyCalendar())
    rule = f"{deadline.rule}; extended by {days} days from {deadline.last_day}"
    rolled = re.search(r", last day \S+ rolled to next working day [\d-]+", longer.rule)
    rule += rolled.group(0) if rolled else ""
    if longer.provisional and not deadline.provisional:
        rule += longer.rule[longer.rule.index("; provisional"):]
    return replace(longer, provisional=deadline.provisional or longer.provisional, rule=rule)


def last_day_of(due_at: datetime) -> date:
    """Return the last day (China Standard Time) of a period that runs out at `due_at`: its 24:00."""
    return (due_at.astimezone(CST) - timedelta(microseconds=1)).date()


def days_left(
    deadline: Deadline, now: datetime, kind: str = "calendar", cal: Calendar | None = None
) -> int:
    """Count the days of ``kind`` from today (CST) to the last day; negative once overdue."""
    if kind not in KINDS:
        raise PeriodError("unknown kind of period '%(kind)s': use 'calendar' or 'working'", kind=kind)
    today = to_cst_date(now)
    if kind == "calendar":
        return (deadline.last_day - today).days
    cal = cal or WeekendOnlyCalendar()
    low, high = sorted((today, deadline.last_day))
    span = (high - low).days
    count = sum(cal.is_working_day(low + timedelta(days=n)) for n in range(1, span + 1))
    if today <= deadline.last_day:
        return count
    # Overdue over a weekend is still overdue: never report 0 once the last day has passed.
    return -max(count, 1)


def to_cst_date(value: date | datetime | str) -> date:
    """Return the China Standard Time date of an ISO string, date or datetime."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise PeriodError("not an ISO date or date-time: '%(value)s'", value=value) from None
    if isinstance(value, datetime):
        # Times the system records without an offset are China Standard Time wall-clock times.
        aware = value if value.tzinfo else value.replace(tzinfo=CST)
        return aware.astimezone(CST).date()
    if isinstance(value, date):
        return value
    raise PeriodError("not a date: '%(value)s'", value=value)


def _check_counts(days: int, paused_days: int) -> None:
    for value in (days, paused_days):
        if not isinstance(value, int) or isinstance(value, bool):
            raise PeriodError("a number of days must be a whole number, not '%(value)s'", value=value)
    if days < 0:
        raise PeriodError("a period cannot last %(days)s days", days=days)
    if paused_days < 0:
        raise PeriodError("a pause cannot last %(days)s days", days=paused_days)


def _roll_to_working_day(day: date, cal: Calendar) -> date:
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    return day


def _deadline(start: date, paused: int, last: date, cal: Calendar, rule: str) -> Deadline:
    unknown = [y for y in range(start.year, last.year + 1) if not cal.is_known(y)]
    if paused:
        rule += f", plus {paused} paused days"
    if unknown:
        years = ", ".join(str(y) for y in unknown)
        rule += f"; provisional: no official holiday schedule for {years}"
    due_at = datetime.combine(last + timedelta(days=1), time(0), tzinfo=CST)
    return Deadline(due_at=due_at, last_day=last, provisional=bool(unknown), rule=rule)
