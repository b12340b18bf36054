"""Where a simulated clock stands, kept in the database so that a restart carries on from there.

Cases, deadlines and history are stamped on the simulated clock. Started again from its first day,
the clock would stand before them: timers that fired would seem to lie ahead, and new entries would
be older than the ones before them.
"""
from __future__ import annotations

from .clock import Clock
from .db import db
from .models import SimulatedTime

ROW = 1


def save_simulated_time(clock: Clock) -> None:
    """Keep where a simulated clock stands, with the session's transaction."""
    row = db.session.get(SimulatedTime, ROW)
    if row is None:
        db.session.add(SimulatedTime(id=ROW, now=clock.now()))
    else:
        row.now = clock.now()


def restore_simulated_time(clock: Clock) -> None:
    """Move a simulated clock on to where it stood when last moved (never back, nor a real clock)."""
    if not clock.simulated:
        return
    row = db.session.get(SimulatedTime, ROW)
    if row is not None and row.now > clock.now():
        clock.set(row.now)
