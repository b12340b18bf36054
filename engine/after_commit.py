"""Work that may happen only once a step's transaction has committed, and never if it rolls back.

A live workflow is kept for the next step only if what it saved was committed; the timer sweep is
told of a new timer only when the timer row is visible (told earlier, it could wake, find nothing
due and go back to sleep; told after a rollback, it would wake for a timer that does not exist).
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

PENDING = "engine.after_commit"


def after_commit(session: Session, action: Callable[[], None]) -> None:
    """Run `action` when the session's transaction commits; drop it if the transaction rolls back."""
    session.info.setdefault(PENDING, []).append(action)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: the outer transaction may still roll back
        return
    for action in session.info.pop(PENDING, []):
        action()


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, _transaction) -> None:
    session.info.pop(PENDING, None)
