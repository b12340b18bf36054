"""Tell the timer sweep about a new earliest timer once the transaction that wrote it has committed.

Told earlier, the sweep could run before the timer row is visible, find nothing due and go back
to sleep; told after a rollback, it would wake for a timer that does not exist.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import event
from sqlalchemy.orm import Session

PENDING = "engine.timer_wakeups"


def wake_after_commit(session: Session, settings, due: datetime) -> None:
    """Have `settings.timers_changed(due)` called when the session's transaction commits."""
    pending = session.info.setdefault(PENDING, {})
    earliest = pending.get(id(settings))
    if earliest is None or due < earliest[1]:
        pending[id(settings)] = (settings, due)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: the outer transaction may still roll back
        return
    for settings, due in session.info.pop(PENDING, {}).values():
        settings.timers_changed(due)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, _transaction) -> None:
    session.info.pop(PENDING, None)
