"""The history of who was kept out of signing in or looking up a case, and who let them back in.

An account's sign-in, or a registration number's look-up, or a network address's look-ups, rests
after too many wrong secrets (processes/attempt_limits.py); an administrator may lift a rest early.
Each of these is a row: what it concerns (an account by username, a case by registration number, an
address), when, who acted (None for the system itself), why, and until when a rest was to last.
The portal's alarm about wrong query codes from all addresses together is a row too (subject
`PORTAL`, event `ALARM`, `until` the end of the window it watches), and so is an account an
administrator created, disabled or enabled again, or gave a new password (`ACCOUNT`, `CREATED`,
`DISABLED`, `ENABLED`, `PASSWORD_SET`), and a new query code a registrar gave for a registration number
(`REGISTRATION_NUMBER`, `CODE_REISSUED`, processes/query_codes.py).

A rest that began and an alarm keep the limit that applied when they were written: how many wrong
secrets within how many minutes (the installation's settings, which may change later). Rows written
before the limit was kept have neither; the console words them from the limits in force.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from engine.clock import current_clock
from engine.db import UtcDateTime, db

ACCOUNT = "account"
REGISTRATION_NUMBER = "registration_number"
ADDRESS = "address"  # the network address look-ups came from
PORTAL = "portal"  # the portal's look-ups from all addresses together
RESTED, LIFTED, ALARM = "rested", "lifted", "alarm"
CREATED, DISABLED, ENABLED = "created", "disabled", "enabled"  # an administrator opened or closed an account
PASSWORD_SET = "password_set"  # an administrator gave an account a new password
CODE_REISSUED = "code_reissued"  # a registrar gave a petitioner a new query code for her registration number


class AccessEvent(db.Model):
    """One rest that began, one rest lifted by an administrator, or one alarm about look-ups."""

    __tablename__ = "access_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    subject_kind: Mapped[str] = mapped_column(String(20))  # ACCOUNT, REGISTRATION_NUMBER, ADDRESS, PORTAL
    subject: Mapped[str] = mapped_column(String(100), index=True)
    event: Mapped[str] = mapped_column(String(20))  # one of the event names above
    actor: Mapped[str | None] = mapped_column(String(64))  # None: the system, after wrong secrets
    reason: Mapped[str | None] = mapped_column(Text)
    until: Mapped[datetime | None] = mapped_column(UtcDateTime)  # when the rest was to end
    # The limit that began the rest or raised the alarm: this many wrong secrets within so many minutes.
    limit_wrong: Mapped[int | None] = mapped_column(Integer)
    limit_minutes: Mapped[int | None] = mapped_column(Integer)


def record_event(subject_kind: str, subject: str, event: str, until: datetime | None,
                 actor: str | None = None, reason: str | None = None,
                 limit: tuple[int, int] | None = None) -> AccessEvent:
    """Write one event into the history, stamped with the clock's time, with the limit (wrong secrets,
    minutes) that began a rest or raised an alarm."""
    limit_wrong, limit_minutes = limit or (None, None)
    row = AccessEvent(at=current_clock().now(), subject_kind=subject_kind, subject=subject, event=event,
                      actor=actor, reason=reason, until=until, limit_wrong=limit_wrong, limit_minutes=limit_minutes)
    db.session.add(row)
    db.session.flush()
    return row


def recent_events(subject_kind: str | None = None, subject: str | None = None, limit: int = 50) -> list[AccessEvent]:
    """Return the latest events, newest first, of one kind or one subject if given."""
    query = select(AccessEvent).order_by(AccessEvent.at.desc(), AccessEvent.id.desc()).limit(limit)
    if subject_kind:
        query = query.where(AccessEvent.subject_kind == subject_kind)
    if subject:
        query = query.where(AccessEvent.subject == subject)
    return list(db.session.scalars(query))
