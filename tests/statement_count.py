"""Count the SQL statements a piece of work sends: a page must not read more as cases accumulate."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def counted_statements(engine) -> Iterator[list[str]]:
    """Collect the text of every statement sent on the engine inside the block."""
    sent: list[str] = []

    def note(_connection, _cursor, statement, _parameters, _context, _executemany) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)
