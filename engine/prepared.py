"""Statements of an engine step, compiled once per database and run on the session's own connection.

A step writes a handful of one-row statements. SQLAlchemy's execution machinery (compile-cache
lookup, execution context, result set-up, events) costs several times what SQLite takes to run
one of them, and on PostgreSQL about as much as the round trip. A `Prepared` statement is compiled
once per database (and per set of columns given) to its SQL text, the order of its parameters and
the type conversions of its columns; running it is one driver call on the connection of the
session's transaction. Values pass through the columns' types (`UtcDateTime`, JSON, booleans)
exactly as SQLAlchemy would pass them, and rows come back converted the same way.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import Dialect

from .db import db


_FIXED = object()


class _Compiled:
    """One statement as one database runs it: text, parameter order, conversions."""

    def __init__(self, statement, dialect: Dialect, keys: tuple[str, ...] | None) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=list(keys) if keys is not None else None)
        self.sql = compiled.string
        by_name = {name: bind for bind, name in compiled.bind_names.items()}
        names = list(compiled.positiontup) if compiled.positional else list(by_name)
        sent = {} if compiled.positional else compiled.escaped_bind_names
        # (name sent, key read from the caller's values or None for a value fixed in the statement,
        #  fixed value, conversion)
        self.binds = []
        for name in names:
            bind = by_name[name]
            self.binds.append((sent.get(name, name), None if _fixed(bind) else bind.key, bind.value,
                               bind.type.dialect_impl(dialect).bind_processor(dialect)))
        self.positional = compiled.positional
        # A value fixed in the statement is looked up under a key no caller's value can have.
        self._fixed_values = {(_FIXED, index): fixed for index, (_name, key, fixed, _convert) in enumerate(self.binds)
                              if key is None}
        self._keys = [key if key is not None else (_FIXED, index)
                      for index, (_name, key, *_rest) in enumerate(self.binds)]
        self._sent = [name for name, *_rest in self.binds]
        self._converts = [(index, convert) for index, (*_rest, convert) in enumerate(self.binds) if convert]
        columns = statement.selected_columns if statement.is_select else statement.exported_columns
        processors = [column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns]
        self._result_converts = [(index, convert) for index, convert in enumerate(processors) if convert]

    def parameters(self, values: dict[str, Any]):
        if self._fixed_values:
            values = {**values, **self._fixed_values}
        converted = [values[key] for key in self._keys]
        for index, convert in self._converts:
            converted[index] = convert(converted[index])
        return converted if self.positional else dict(zip(self._sent, converted))

    def row(self, raw: Sequence) -> tuple:
        if not self._result_converts:
            return tuple(raw)
        converted = list(raw)
        for index, convert in self._result_converts:
            converted[index] = convert(converted[index])
        return tuple(converted)


def _fixed(bind) -> bool:
    # A value written into the statement (`state == "ready"`) rather than one the caller binds.
    if bind.callable is not None or bind.expanding:
        raise ValueError("a prepared statement takes plain values only")
    return bind.unique and bind.value is not None


class Prepared:
    """A Core statement run directly on the driver inside the session's transaction."""

    def __init__(self, statement) -> None:
        self.statement = statement
        self._by_database: dict[tuple, _Compiled] = {}

    def _compiled(self, dialect: Dialect, keys: tuple[str, ...] | None, returning: bool = False) -> _Compiled:
        found = self._by_database.get((dialect.name, keys, returning))
        if found is None:
            statement = (self.statement.returning(*self.statement.table.primary_key.columns) if returning
                         else self.statement)
            found = self._by_database[(dialect.name, keys, returning)] = _Compiled(statement, dialect, keys)
        return found

    def send(self, values: dict[str, Any] | None = None):
        """Run the statement once with these values and return its driver cursor.

        Inside `batched()` the statement waits to go with the batch: the cursor's `rowcount` tells
        how many rows it changed once the batch has gone (also when a later statement failed).
        """
        compiled, cursor = self._cursor(None)
        cursor.execute(compiled.sql, compiled.parameters(values or {}))
        return cursor

    def run_many(self, rows: list[dict[str, Any]]) -> None:
        """Run the statement once per row (an insert takes its columns from the first row)."""
        if rows:
            compiled, cursor = self._cursor(tuple(rows[0]))
            cursor.executemany(compiled.sql, [compiled.parameters(row) for row in rows])

    def inserted_id(self, values: dict[str, Any]) -> int:
        """Insert one row (the statement is an insert) and return the id the database gave it."""
        returning = transaction_connection().dialect.insert_returning  # PostgreSQL, SQLite 3.35 and later
        compiled, cursor = self._cursor(tuple(values), returning)
        cursor.execute(compiled.sql, compiled.parameters(values))
        return compiled.row(cursor.fetchone())[0] if returning else cursor.lastrowid

    def rows(self, values: dict[str, Any] | None = None) -> list[tuple]:
        """Run a select with these values and return its rows, converted as the columns say."""
        compiled, cursor = self._cursor(None)
        cursor.execute(compiled.sql, compiled.parameters(values or {}))
        return [compiled.row(raw) for raw in cursor.fetchall()]

    def _cursor(self, keys: tuple[str, ...] | None, returning: bool = False):
        # Cursors are left to be collected, not closed: in a batch, results arrive after this returns.
        connection = transaction_connection()
        return (self._compiled(connection.dialect, keys, returning),
                connection.connection.driver_connection.cursor())


_CONNECTION = "engine.prepared.connection"


def transaction_connection():
    """Return the connection of the session's transaction, beginning one if there is none.

    A step runs several statements in one transaction; asking the session for its connection
    each time costs more than the statements' own set-up, so it is kept until the transaction ends.
    """
    session = db.session()
    kept = session.info.get(_CONNECTION)
    if kept is not None and kept[0] is session.get_transaction():
        return kept[1]
    connection = session.connection()
    session.info[_CONNECTION] = (session.get_transaction(), connection)
    return connection


@contextmanager
def batched() -> Iterator[None]:
    """Send the statements run inside to the database together, where the driver can.

    On PostgreSQL (psycopg's pipeline mode, with libpq 14 or later) the writes of a step cost one
    round trip instead of one each; an error in any of them is raised when the block ends.
    Elsewhere statements run one by one.
    """
    driver = transaction_connection().connection.driver_connection
    if not _can_pipeline(driver):
        yield
        return
    with driver.pipeline():
        yield


def _can_pipeline(driver) -> bool:
    if not hasattr(driver, "pipeline"):
        return False
    from psycopg import Pipeline  # the driver is psycopg: it is installed

    return Pipeline.is_supported()
