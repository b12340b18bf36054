"""Attempts that count towards a rest: after a few wrong ones for one key within a window, the key rests.

A secret typed by a person (a query code, a password) could otherwise be guessed at machine speed.
Each kind of secret keeps its wrong attempts in its own table — one row per attempt: the key it
was made for (a registration number, a username) and its moment — and an `AttemptLimit` counts
them. After `max_wrong` wrong attempts for one key within `window`, the key answers to no secret,
not even the right one (or the rest would tell a guesser when he had it), until the oldest of them
is `window` old. A rest ends by itself, or earlier when someone entitled forgets the key's attempts.
Rows older than the window are forgotten whenever a new one is written, so a table stays small.

A kind names what its keys are in the access history (processes/access_events.py): the rests it
begins and the rests an administrator lifts are written there, under the key, by the methods here;
each kind says only which of its keys the history follows and how its refusal is worded.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Integer, delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from engine.clock import current_clock
from engine.db import UtcDateTime, db
from processes.access_events import LIFTED, RESTED, record_event
from processes.errors import InvalidInput


class WrongAttempt:
    """The columns every table of wrong attempts has besides its key: a row's id and its moment."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


@dataclass(frozen=True)
class Rest:
    """A key that answers to no secret now, until when, and after how many wrong attempts."""

    key: str
    until: datetime
    wrong: int


@dataclass(frozen=True)
class AttemptLimit:
    """The wrong attempts of one kind (a table with a key column and an `at` column) and their limit."""

    key: InstrumentedAttribute  # the key column of the kind's table; its class has an `at` column
    max_wrong: int
    window: timedelta
    subject_kind: str  # what a key is in the access history: an account, a registration number, an address

    @property
    def _rows(self):
        return self.key.class_

    def rests_until(self, key: str) -> datetime | None:
        """Return when the key answers again, or None if it answers now."""
        now = current_clock().now()
        latest = list(db.session.scalars(
            select(self._rows.at).where(self.key == key, self._rows.at > now - self.window)
            .order_by(self._rows.at.desc()).limit(self.max_wrong)))
        if len(latest) < self.max_wrong:
            return None
        return latest[-1] + self.window  # the moment fewer than max_wrong remain within the window

    def left(self, key: str) -> int:
        """Return how many more wrong attempts the key may make before it rests (0 while it rests)."""
        since = current_clock().now() - self.window
        made = db.session.scalar(select(func.count()).select_from(self._rows)
                                 .where(self.key == key, self._rows.at > since)) or 0
        return max(self.max_wrong - made, 0)

    def refuse_if_resting(self, key: str, refusal: type[InvalidInput], message: str, fields: list[str]) -> None:
        """Raise `refusal` with `message` (which may say %(until)s) if the key rests; its details hold `until`."""
        until = self.rests_until(key)
        if until is not None:
            raise refusal(message, fields=fields, until=until)

    def record_wrong(self, key: str, in_history: bool = False) -> datetime | None:
        """Count a wrong attempt for the key; return when it answers again if it rests now.

        A rest this attempt begins is written into the access history if `in_history`.
        """
        now = current_clock().now()
        db.session.execute(delete(self._rows).where(self._rows.at <= now - self.window))
        db.session.add(self._rows(**{self.key.key: key, "at": now}))
        db.session.flush()
        until = self.rests_until(key)
        if until is not None and in_history:
            record_event(self.subject_kind, key, RESTED, until,
                         limit=(self.max_wrong, int(self.window.total_seconds() // 60)))
        return until

    def lift(self, key: str, actor: str | None = None, reason: str | None = None) -> datetime | None:
        """Forget the key's wrong attempts, ending its rest; return when the rest would have ended.

        A lift by someone (`actor`, with the `reason` given) is written into the access history; when
        the key is not resting (a second click, a page left open), theirs changes and records nothing.
        """
        until = self.rests_until(key)
        if until is None and actor is not None:
            return None
        db.session.execute(delete(self._rows).where(self.key == key))
        db.session.flush()
        if actor is not None:
            record_event(self.subject_kind, key, LIFTED, until, actor=actor, reason=reason)
        return until

    def wrong_within_window(self) -> int:
        """Return how many wrong attempts of this kind, for every key together, are within the window now."""
        since = current_clock().now() - self.window
        return db.session.scalar(select(func.count()).select_from(self._rows).where(self._rows.at > since)) or 0

    def resting(self) -> list[Rest]:
        """Return the keys resting now, the rest ending last first."""
        now = current_clock().now()
        rows = db.session.execute(select(self.key, self._rows.at).where(self._rows.at > now - self.window)
                                  .order_by(self.key, self._rows.at.desc()))
        moments: dict[str, list[datetime]] = {}
        for key, at in rows:
            moments.setdefault(key, []).append(at)
        rests = [Rest(key, ats[self.max_wrong - 1] + self.window, len(ats))
                 for key, ats in moments.items() if len(ats) >= self.max_wrong]
        return sorted(rests, key=lambda rest: (rest.until, rest.key), reverse=True)
