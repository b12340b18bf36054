"""Slow down guessing of query codes: a registration number rests after a few wrong codes.

Registration numbers are sequential, so the query code is all that keeps a case private. With no
limit, codes could be tried against every number at machine speed. After `MAX_WRONG` wrong codes
for one number within `WINDOW`, that number answers to no code (not even the right one, or the
lock would tell a guesser when he had it) until the oldest of them is `WINDOW` old. The count is
kept per number, not per address: behind the office's reverse proxy every visitor shares one.
A browser that already opened the case keeps it open; only new look-ups wait.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Integer, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from engine.clock import current_clock
from engine.db import UtcDateTime, db
from processes.errors import InvalidInput

MAX_WRONG = 5
WINDOW = timedelta(minutes=15)


class WrongQueryCode(db.Model):
    """One look-up whose query code did not match the number given."""

    __tablename__ = "wrong_query_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    registration_number: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class QueryLocked(InvalidInput):
    """Too many wrong query codes were given for this number lately; `until` says when to try again."""

    code = "query_locked"


def _key(number: str) -> str:
    return (number or "").strip().upper()[:100]


def locked_until(number: str) -> datetime | None:
    """Return when look-ups of this number are answered again, or None if they are now."""
    now = current_clock().now()
    latest = list(db.session.scalars(
        select(WrongQueryCode.at).where(WrongQueryCode.registration_number == _key(number),
                                        WrongQueryCode.at > now - WINDOW)
        .order_by(WrongQueryCode.at.desc()).limit(MAX_WRONG)))
    if len(latest) < MAX_WRONG:
        return None
    return latest[-1] + WINDOW  # the moment fewer than MAX_WRONG remain within the window


def check_not_locked(number: str) -> None:
    """Refuse a look-up of a number that rests after too many wrong codes."""
    until = locked_until(number)
    if until is not None:
        raise QueryLocked("Too many wrong query codes were given for this number; try again after %(until)s.",
                          fields=["number", "code"], until=until)


def record_wrong(number: str) -> None:
    """Count a wrong query code for this number, forgetting those too old to count."""
    now = current_clock().now()
    db.session.execute(delete(WrongQueryCode).where(WrongQueryCode.at <= now - WINDOW))
    db.session.add(WrongQueryCode(registration_number=_key(number), at=now))
    db.session.flush()
