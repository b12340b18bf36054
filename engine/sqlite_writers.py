"""SQLite: writers wait their turn instead of sleeping on the database's write lock.

SQLite lets one transaction write at a time. A writer that finds the lock taken sleeps and tries
again after 1, 2, 5, 10 … up to 100 ms, so under load a step may sleep far longer than the write it
waited for. Here a transaction takes its turn before its first write and gives it back when it
commits, rolls back or closes. Threads of one process queue on a lock and wake as soon as it is
free; processes share a lock file beside the database, looked at every 0.2 ms. A writer that
waited `PATIENCE` goes on without its turn, and SQLite's own wait (`busy_timeout`) applies.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time

try:
    import fcntl
except ImportError:  # not a POSIX system: SQLite's own waiting only
    fcntl = None

log = logging.getLogger(__name__)
READING = ("SELECT", "PRAGMA", "EXPLAIN")
PATIENCE = 10.0  # seconds, as the busy_timeout set in engine/db.py
LOOK_EVERY = 0.0002


class WriterTurn:
    """The turn to write one database file, shared by this process's threads and by processes."""

    def __init__(self, path: str) -> None:
        self.path = path + "-writer"
        self._fd = -1
        self._threads = threading.Lock()

    def forget_parent(self) -> None:
        """In a forked child: drop the parent's descriptor and lock; the child opens its own."""
        if self._fd >= 0:
            os.close(self._fd)  # the parent's lock, if held, stays the parent's
        self._fd, self._threads = -1, threading.Lock()

    def _own(self) -> None:
        # Each process opens the lock file once (a forked one again, see forget_parent): two
        # descriptors of one process would lock each other out.
        if self._fd < 0:
            with _turns_lock:
                if self._fd < 0:
                    self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    def take(self) -> bool:
        """Wait for the turn (True), or for PATIENCE and then go on without it (False)."""
        self._own()
        deadline = time.monotonic() + PATIENCE
        if not self._threads.acquire(timeout=PATIENCE):
            log.warning("a writer waited %.0f s for its turn in this process; going on without it", PATIENCE)
            return False
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self._threads.release()
                    log.warning("a writer waited %.0f s for another process; going on without its turn", PATIENCE)
                    return False
                time.sleep(LOOK_EVERY)
            except BaseException:
                self._threads.release()
                raise

    def give_back(self) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


_turns: dict[str, WriterTurn] = {}
_turns_lock = threading.Lock()


def _after_fork_in_child() -> None:
    # A thread of the parent may have held a lock at the fork; the child starts with none held.
    global _turns_lock
    _turns_lock = threading.Lock()
    for turn in _turns.values():
        turn.forget_parent()


if fcntl is not None:  # POSIX, so os.register_at_fork exists
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _turn_for(database: str) -> WriterTurn | None:
    if fcntl is None or database in ("", ":memory:") or database.startswith("file:"):
        return None
    path = os.path.abspath(database)
    with _turns_lock:
        return _turns.setdefault(path, WriterTurn(path))


class QueuedCursor(sqlite3.Cursor):
    """A cursor that takes its connection's turn before a statement that writes."""

    def execute(self, sql, parameters=()):
        self.connection.before(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters):
        self.connection.before(sql)
        return super().executemany(sql, seq_of_parameters)


class QueuedConnection(sqlite3.Connection):
    """A sqlite3 connection whose transactions write in turn (pass as `factory` to sqlite3.connect)."""

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        self._turn = _turn_for(os.fspath(database))
        self._holding = False

    def before(self, sql: str) -> None:
        if self._turn is not None and not self._holding and not sql.lstrip()[:7].upper().startswith(READING):
            self._holding = self._turn.take()

    def _end(self) -> None:
        if self._holding:
            self._holding = False
            self._turn.give_back()

    def cursor(self, factory=QueuedCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=()):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters):
        return self.cursor().executemany(sql, seq_of_parameters)

    def commit(self):
        try:
            super().commit()
        finally:
            self._end()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self._end()

    def close(self):
        try:
            super().close()
        finally:
            self._end()


def with_queued_writers(url: str, options: dict) -> dict:
    """Return SQLAlchemy engine options that make a SQLite file database's writers take turns."""
    if fcntl is None or not url.startswith("sqlite") or ":memory:" in url:
        return options
    connect_args = {**options.get("connect_args", {}), "factory": QueuedConnection}
    return {**options, "connect_args": connect_args}
