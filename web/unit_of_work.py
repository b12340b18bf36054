"""One request, one transaction: commit what a view did, or roll all of it back."""
from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

from sqlalchemy.orm.exc import StaleDataError

from engine import Conflict, db

F = TypeVar("F", bound=Callable)


def committed(view: F) -> F:
    """Commit after the view returns; roll back if it raises."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            result = view(*args, **kwargs)
            db.session.commit()
        except StaleDataError as exc:
            db.session.rollback()
            raise Conflict("the case was changed by someone else at the same moment; reload and try again") from exc
        except Exception:
            db.session.rollback()
            raise
        return result

    return wrapper  # type: ignore[return-value]
