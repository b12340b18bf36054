"""The one-off fills of a table from what the database already held, each noted once it is done.

`init-db` makes a new release's tables and fills a new one from the records an earlier release
kept. The note is written in the fill's own transaction: a fill cut short (the process killed,
the connection lost) leaves no note, and the next `init-db` runs it again. A fill must therefore
keep only what is not kept yet, so that running it again never writes a row twice.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from engine.clock import current_clock
from engine.db import UtcDateTime, db


class Backfill(db.Model):
    """A one-off fill that has been done, by name."""

    __tablename__ = "backfill"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    done_at: Mapped[datetime] = mapped_column(UtcDateTime)


def backfill_once(name: str, fill: Callable[[], int]) -> int | None:
    """Run `fill` unless it is noted as done, noting it in the caller's transaction; return what
    `fill` returned, or None when it had been done.

    The note is written before the fill: of two `init-db` run at once, the second waits on the
    first's note and then fails on it rather than filling a second time.
    """
    if db.session.get(Backfill, name) is not None:
        return None
    db.session.add(Backfill(name=name, done_at=current_clock().now()))
    db.session.flush()
    return fill()
