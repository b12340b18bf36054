"""The official holiday schedule, kept in the database and seeded from ``chinesecalendar``.

The State Council publishes each year's schedule late in the year before; administrators add it
here with ``set_year_schedule``. Functions flush but never commit: the caller owns the
transaction.
"""
from __future__ import annotations

from datetime import date, datetime
from importlib.metadata import version
from weakref import WeakKeyDictionary

import chinese_calendar
from chinese_calendar.constants import Holiday
from sqlalchemy import Date, DateTime, Engine, String, event, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, scoped_session

from engine.clock import current_clock
from engine.db import db
from processes.errors import PeriodError
from processes.periods import ScheduleCalendar

SEED_SOURCE = "chinesecalendar"
ADMINISTRATOR = "administrator"


class HolidayDay(db.Model):
    """One day the official schedule changes: a holiday, or a make-up working day."""

    __tablename__ = "holiday_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool]
    name: Mapped[str] = mapped_column(String(120), default="")
    year: Mapped[int] = mapped_column(index=True)


class HolidayYear(db.Model):
    """A year whose official schedule is in ``holiday_day``, and where it came from."""

    __tablename__ = "holiday_year"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    updated_by: Mapped[str] = mapped_column(String(80))


_generation = 0
# Keyed by engine so two databases in one process (tests, tools) never share a calendar.
# Writes from another process are not seen here until that process's next restart; the app
# runs web and scheduler in one process, where every write goes through this module.
_cache: WeakKeyDictionary[Engine, tuple[int, ScheduleCalendar]] = WeakKeyDictionary()


def seed_from_chinesecalendar(session: Session | scoped_session) -> list[int]:
    """Copy every year chinesecalendar knows into the table; return the years written.

    Years an administrator has set are left alone. Running it again writes nothing.
    """
    source = f"{SEED_SOURCE} {version('chinesecalendar')}"
    by_year: dict[int, list[tuple[date, bool, str]]] = {}
    for day, english in chinese_calendar.holidays.items():
        by_year.setdefault(day.year, []).append((day, False, _name(english)))
    for day, english in chinese_calendar.workdays.items():
        if day.weekday() >= 5:  # weekdays are working days anyway
            by_year.setdefault(day.year, []).append((day, True, _name(english)))
    written = []
    for year in sorted(by_year):
        record = session.get(HolidayYear, year)
        if record is not None and not record.source.startswith(SEED_SOURCE):
            continue
        changed = _replace_rows(session, year, by_year[year])
        if changed or record is None or record.source != source:
            _record_year(session, year, source, "seed")
            written.append(year)
    session.flush()
    return written


def set_year_schedule(
    session: Session | scoped_session, year: int, days: list[tuple[date, bool, str]], actor: str
) -> None:
    """Replace the official schedule of ``year`` with ``days`` (day, working, name)."""
    if not days:
        raise PeriodError("the schedule for %(year)s lists no days", code="schedule_empty", year=year)
    outside = sorted(str(day) for day, _, _ in days if day.year != year)
    if outside:
        raise PeriodError("the schedule for %(year)s cannot include days of another year: %(days)s",
                          code="schedule_wrong_year", year=year, days=", ".join(outside))
    seen: set[date] = set()
    for day, _, _ in days:
        if day in seen:
            raise PeriodError("%(day)s is listed twice in the schedule for %(year)s", code="schedule_duplicate_day",
                              day=str(day), year=year)
        seen.add(day)
    _replace_rows(session, year, days)
    _record_year(session, year, ADMINISTRATOR, actor)
    session.flush()


def year_schedule(session: Session | scoped_session, year: int) -> list[HolidayDay]:
    """Return the rows of ``year``'s schedule in date order."""
    query = select(HolidayDay).where(HolidayDay.year == year).order_by(HolidayDay.day)
    return list(session.scalars(query))


def known_years(session: Session | scoped_session) -> list[int]:
    """Return the years that have an official schedule, in order."""
    return list(session.scalars(select(HolidayYear.year).order_by(HolidayYear.year)))


def load_calendar(session: Session | scoped_session) -> ScheduleCalendar:
    """Return the working-day calendar from the table, cached until this module writes."""
    generation, engine = _generation, session.get_bind()
    cached = _cache.get(engine)
    if cached is not None and cached[0] == generation:
        return cached[1]
    rows = session.execute(select(HolidayDay.day, HolidayDay.working))
    schedule = {day: working for day, working in rows}
    calendar = ScheduleCalendar(schedule, set(known_years(session)))
    _cache[engine] = (generation, calendar)
    return calendar


def _name(english: str) -> str:
    return f"{Holiday(english).chinese} {english}"


def _replace_rows(session: Session | scoped_session, year: int,
                  days: list[tuple[date, bool, str]]) -> bool:
    """Make ``year``'s rows equal ``days``; tell whether anything changed."""
    existing = {row.day: row for row in year_schedule(session, year)}
    wanted = {day: (working, name) for day, working, name in days}
    changed = False
    for day, row in existing.items():
        if day not in wanted:
            session.delete(row)
            changed = True
    for day, (working, name) in wanted.items():
        row = existing.get(day)
        if row is None:
            session.add(HolidayDay(day=day, working=working, name=name, year=year))
            changed = True
        elif (row.working, row.name) != (working, name):
            row.working, row.name = working, name
            changed = True
    if changed:
        _invalidate_on_end(session)
    return changed


def _record_year(session: Session | scoped_session, year: int, source: str, actor: str) -> None:
    record = session.get(HolidayYear, year)
    if record is None:
        record = HolidayYear(year=year)
        session.add(record)
    record.source, record.updated_by = source, actor
    record.updated_at = current_clock().now()  # the one clock: a simulated day in a demonstration
    _invalidate_on_end(session)


def _invalidate_on_end(session: Session | scoped_session) -> None:
    # Another thread may load the old rows before this transaction commits and cache them
    # under the new generation, so invalidate again once the transaction is over.
    global _generation
    _generation += 1
    real = session() if isinstance(session, scoped_session) else session
    for name in ("after_commit", "after_rollback"):
        if not event.contains(real, name, _bump_generation):
            event.listen(real, name, _bump_generation)


def _bump_generation(session: Session) -> None:
    global _generation
    _generation += 1
