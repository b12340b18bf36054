"""The simulated clock as the console moves it: what falls due next, and moving it forward.

Demonstrations and training run on a simulated clock (XINFANG_CLOCK=simulated). Moving it fires
every timer that falls due on the way, in due order, as the sweep would have over those days.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from engine.clock import current_clock
from engine.db import db
from engine.models import Instance, TimerRow
from engine.runtime import OPEN
from engine.timers import advance_clock


@dataclass
class ClockMove:
    """Where the clock was, where it is now, and how many timers fired on the way."""

    before: datetime
    after: datetime
    fired: int


def upcoming_timers(limit: int = 10) -> list[tuple[TimerRow, Instance]]:
    """Return the timers of running cases that fall due next, earliest first, with their cases."""
    rows = db.session.execute(
        select(TimerRow, Instance).join(Instance, Instance.id == TimerRow.instance_id)
        .where(Instance.status.in_(OPEN)).order_by(TimerRow.due_at, TimerRow.instance_id).limit(limit))
    return [(timer, instance) for timer, instance in rows]


def move_clock(*, by: timedelta | None = None, to: datetime | None = None) -> ClockMove:
    """Move the simulated clock forward by `by` or to `to`, firing the timers that fall due."""
    before = current_clock().now()
    fired = advance_clock(by=by, to=to)
    return ClockMove(before, current_clock().now(), fired)
