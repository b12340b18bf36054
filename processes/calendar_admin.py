"""The holiday calendar as administrators keep it: the schedule per year, provisional deadlines, recalculation.

A deadline counted over a year whose official schedule is not yet in the database counts weekends
only and is flagged provisional (processes/periods.py). When the State Council publishes the
schedule, an administrator enters it here and recalculates those deadlines. A correction to a
known year moves the deadlines counted over it, so those can be recalculated too.
"""
from __future__ import annotations

import calendar as monthly
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select

from engine.batch import BatchResult, run_batch
from engine.db import db
from engine.models import Instance, TaskRow, TimerRow
from engine.runtime import ENDED
from processes.case_admin import recount_deadlines
from processes.errors import InvalidInput
from processes.holidays import (
    HolidayYear,
    known_years,
    set_year_schedule,
    year_schedule,
)
from processes.periods import last_day_of
from processes.statistics import year_start

OFF_WORDS = ("休", "假", "holiday", "off")
WORK_WORDS = ("班", "work", "working")
LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s*(?:~|\.\.)\s*(\d{4}-\d{2}-\d{2}))?\s+(\S+)\s*(.*)$")
LONGEST_PERIOD = timedelta(days=120)  # 60 days, 30 more on extension, with holidays rolled over


class ScheduleLineError(InvalidInput):
    """A line of a schedule as typed cannot be read; `line` is its number, from 1."""

    def __init__(self, message: str, line: int, code: str, **details: object) -> None:
        super().__init__(message, fields=["schedule"], code=code, line=line, **details)
        self.line = line


@dataclass
class YearSummary:
    """A year of the official schedule and where it came from."""

    year: int
    source: str
    updated_by: str
    updated_at: datetime | None
    holidays: int
    working_days: int


@dataclass
class ProvisionalDeadline:
    """A statutory deadline counted without the official schedule of the year it ends in."""

    instance_id: int
    business_key: str
    element: str
    name: str
    due_at: datetime
    rule: str
    status: str

    @property
    def last_day(self) -> date:
        """Return the last day of the period (its deadline is 24:00 of it)."""
        return last_day_of(self.due_at)


def schedule_years() -> list[YearSummary]:
    """Return every year with an official schedule, newest first."""
    summaries = []
    for year in reversed(known_years(db.session)):
        record = db.session.get(HolidayYear, year)
        days = year_schedule(db.session, year)
        summaries.append(YearSummary(year, record.source, record.updated_by, record.updated_at,
                                     sum(not d.working for d in days), sum(d.working for d in days)))
    return summaries


def provisional_deadlines() -> list[ProvisionalDeadline]:
    """Return the waiting timers flagged provisional, earliest first."""
    rows = db.session.execute(select(TimerRow, Instance.business_key, Instance.status).join(
        Instance, Instance.id == TimerRow.instance_id).where(TimerRow.provisional).order_by(TimerRow.due_at))
    return [ProvisionalDeadline(timer.instance_id, key, timer.element, timer.name or timer.element, timer.due_at,
                                timer.rule, status) for timer, key, status in rows]


def schedule_text(year: int) -> str:
    """Return a year's schedule as the lines an administrator edits, runs of days joined."""
    lines, run = [], []
    for day in year_schedule(db.session, year) + [None]:
        if run and (day is None or day.day != run[-1].day + timedelta(days=1)
                    or (day.working, day.name) != (run[0].working, run[0].name)):
            span = run[0].day.isoformat() + (f"~{run[-1].day.isoformat()}" if len(run) > 1 else "")
            lines.append(f"{span} {'班' if run[0].working else '休'} {run[0].name}".rstrip())
            run = []
        if day is not None:
            run.append(day)
    return "\n".join(lines)


def parse_schedule(year: int, text: str) -> list[tuple[date, bool, str]]:
    """Read lines `2027-02-10~2027-02-16 休 春节` or `2027-02-07 班 春节调休` into days."""
    days: dict[date, tuple[date, bool, str]] = {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = LINE.match(line)
        word = match.group(3).lower() if match else ""
        if not match or word not in OFF_WORDS + WORK_WORDS:
            raise ScheduleLineError("Line %(line)s: not 'date [~date] 休|班 name': %(text)s", number, "schedule_line",
                                    text=line)
        try:
            first = date.fromisoformat(match.group(1))
            last = date.fromisoformat(match.group(2) or match.group(1))
        except ValueError:
            raise ScheduleLineError("Line %(line)s: a date that does not exist: %(text)s", number, "schedule_date",
                                    text=line) from None
        if last < first or (last - first).days > 31:
            raise ScheduleLineError("Line %(line)s: a run of days goes forward and lasts at most a month", number,
                                    "schedule_range")
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            if day.year != year:
                raise ScheduleLineError("Line %(line)s: %(day)s is not in %(year)s", number, "schedule_wrong_year",
                                        day=str(day), year=year)
            if day in days:
                raise ScheduleLineError("Line %(line)s: %(day)s is listed twice", number, "schedule_duplicate_day",
                                        day=str(day))
            days[day] = (day, word in WORK_WORDS, match.group(4).strip())
    if not days:
        raise InvalidInput("The schedule for %(year)s lists no days.", fields=["schedule"], code="schedule_empty",
                           year=year)
    return sorted(days.values())


def save_schedule(year: int, text: str, actor: str) -> int:
    """Replace a year's official schedule with the days written in `text`; return how many."""
    days = parse_schedule(year, text)
    set_year_schedule(db.session, year, days, actor)
    return len(days)


def affected_instances(year: int | None = None) -> list[int]:
    """Return the instances with a provisional deadline, or (given a year) with one counted over it."""
    condition = TimerRow.provisional
    if year is not None:
        condition = or_(condition, TimerRow.due_at.between(year_start(year), year_start(year + 1) + LONGEST_PERIOD))
    timers = select(TimerRow.instance_id).where(condition)
    tasks = select(TaskRow.instance_id).where(TaskRow.state == "ready", TaskRow.due_provisional)
    ids = db.session.scalars(select(Instance.id).where(
        or_(Instance.id.in_(timers), Instance.id.in_(tasks)),
        Instance.status.not_in(ENDED)).order_by(Instance.id))
    return list(ids)


def recalculate_deadlines(actor: str, reason: str, year: int | None = None) -> list[BatchResult]:
    """Count the affected deadlines again with the schedule now known, instance by instance."""
    if not reason or not reason.strip():
        raise InvalidInput("A reason is required to recalculate deadlines.", fields=["reason"],
                           code="reason_required")
    return run_batch(affected_instances(year),
                     lambda instance_id: recount_deadlines(instance_id, actor, reason.strip()))


@dataclass
class MonthGrid:
    """One month of a year's schedule, week by week (Monday first); None pads the weeks."""

    month: int
    weeks: list[list[tuple[date, str, str] | None]]  # (day, kind, name); kind: holiday|working|weekend|day


def year_grid(year: int) -> list[MonthGrid]:
    """Return the twelve months of a year with each day's kind under the schedule."""
    listed = {row.day: row for row in year_schedule(db.session, year)}
    grids = []
    for month in range(1, 13):
        weeks = []
        for week in monthly.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells: list[tuple[date, str, str] | None] = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                elif day in listed:
                    cells.append((day, "working" if listed[day].working else "holiday", listed[day].name))
                else:
                    cells.append((day, "weekend" if day.weekday() >= 5 else "day", ""))
            weeks.append(cells)
        grids.append(MonthGrid(month, weeks))
    return grids
