"""One request, one transaction: commit what a view did, or roll all of it back."""
from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

from sqlalchemy.orm.exc import StaleDataError

from engine import Conflict, db

F = TypeVar("F", bound=Callable)


def committed(view: F) -> F:
    """Commit after the view returns; roll back if it raises.

    What the view returns is written into the answer after the commit. Its rows hold what the
    transaction wrote, so they are not expired and read again.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            result = view(*args, **kwargs)
            _commit_keeping_loaded()
        except StaleDataError as exc:
            db.session.rollback()
            raise Conflict("the case was changed by someone else at the same moment; reload and try again") from exc
        except Exception:
            db.session.rollback()
            raise
        return result

    return wrapper  # type: ignore[return-value]


def _commit_keeping_loaded() -> None:
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
