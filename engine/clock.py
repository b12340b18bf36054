"""The one clock every timer, deadline and history stamp reads."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

from flask import current_app, has_app_context

from .errors import ClockError


class RealClock:
    """Wall-clock time in UTC."""

    simulated = False

    def now(self) -> datetime:
        """Return the current instant, tz-aware."""
        return datetime.now(timezone.utc)


class SimulatedClock:
    """A clock that moves only when told to, for demos, training and tests."""

    simulated = True

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (start or datetime(2026, 1, 5, 1, 0, tzinfo=timezone.utc)).astimezone(timezone.utc)
        self.listeners: list[Callable[[datetime], None]] = []

    def now(self) -> datetime:
        """Return the simulated instant."""
        return self._now

    def set(self, when: datetime) -> None:
        """Jump to `when`; going backwards is refused so no timer fires twice."""
        if when.tzinfo is None:
            raise ClockError("a time zone is required", code="naive_time")
        when = when.astimezone(timezone.utc)
        if when < self._now:
            raise ClockError("the simulated clock cannot go backwards")
        self._now = when

    def advance(self, delta: timedelta) -> None:
        """Move forward by `delta`."""
        if delta < timedelta(0):
            raise ClockError("the simulated clock cannot go backwards")
        self._now = self._now + delta


Clock = RealClock | SimulatedClock

_fallback: Clock = RealClock()


def current_clock() -> Clock:
    """Return the clock of the running app (the wall clock outside an app)."""
    if has_app_context():
        engine = current_app.extensions.get("xinfang_engine")
        if engine is not None:
            return engine.clock
    return _fallback
