"""ORM objects for rows a prepared statement read, made as if the ORM had loaded them.

The ORM's loading machinery (result set-up, per-row processors, the constructor's attribute
events) costs several times the read itself on the rows of one step. An object made here is
the session's persistent object of that row, the same as one a query returns: it is found in
the identity map, its changes are flushed, its columns left out (a deferred state) load when used.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Generic, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import instance_state, set_committed_value

from .db import db
from .prepared import Prepared

Model = TypeVar("Model")


class LoadedRead(Generic[Model]):
    """A prepared select of one model's columns whose rows come back as the session's objects.

    Columns the statement leaves out (a large saved state, a definition's sources) load when used.
    """

    def __init__(self, model: type[Model], statement, *, flush: bool = True) -> None:
        self.model = model
        self.prepared = Prepared(statement)
        self.keys = tuple(column.key for column in statement.selected_columns)
        self.flush = flush  # as a query does; a read by primary key, like Session.get, does not

    def all(self, values: dict[str, Any]) -> list[Model]:
        """Return the objects of the rows the statement reads with these values."""
        if self.flush:
            flush_before_reading()
        return [as_loaded(self.model, dict(zip(self.keys, row))) for row in self.prepared.rows(values)]

    def first(self, values: dict[str, Any]) -> Model | None:
        """Return the object of the first row read, or None."""
        found = self.all(values)
        return found[0] if found else None


def flush_before_reading() -> None:
    """Flush what the session changed before a prepared read, as the ORM flushes before a query
    (unless autoflush is off, as in a `no_autoflush` block)."""
    session = db.session()
    if session.autoflush:
        session.flush()


def as_loaded(model: type[Model], values: dict[str, Any]) -> Model:
    """Return the session's object of the row these column values came from.

    An object the session already holds for that row is returned as it is, as a query would.
    """
    session = db.session()
    mapper, key_columns = _mapping(model)
    held = session.identity_map.get(mapper.identity_key_from_primary_key([values[key] for key in key_columns]))
    if held is not None:
        return held
    obj = mapper.class_manager.new_instance()  # no constructor: the values are the row's, not changes
    obj.__dict__.update(values)
    make_transient_to_detached(obj)  # what it holds is committed; what it lacks loads when used
    session.add(obj)
    return obj


def set_loaded_values(obj: object, values: dict[str, Any]) -> None:
    """Make an object of the session hold the values its row now holds, as if just loaded.

    The same as `set_committed_value` for each value; a value with nothing pending on it (no
    change waiting to be flushed, no expiry, no loader) is simply put in place.
    """
    state = instance_state(obj)
    pending = state.committed_state.keys() | state.expired_attributes | state.callables.keys()
    for key, value in values.items():
        if key in pending:
            set_committed_value(obj, key, value)
        else:
            obj.__dict__[key] = value


@lru_cache(maxsize=None)
def _mapping(model: type) -> tuple[Any, tuple[str, ...]]:
    mapper = inspect(model)
    return mapper, tuple(column.key for column in mapper.primary_key)
