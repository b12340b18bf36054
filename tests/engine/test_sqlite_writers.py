"""SQLite writers take turns: a writer waits for the one before it instead of failing or sleeping.

Every connection here has busy_timeout=0: without the turn, a second writer would fail at once
with "database is locked". (This is about SQLite itself, so these tests have no PostgreSQL twin.)
"""
from __future__ import annotations

import multiprocessing
import sqlite3
import threading

import pytest
from sqlalchemy import text

from engine import db
from engine import sqlite_writers
from engine.sqlite_writers import QueuedConnection
from tests.conftest import make_app

pytestmark = pytest.mark.skipif(sqlite_writers.fcntl is None, reason="turns need a POSIX lock file")


def _connect(path) -> QueuedConnection:
    connection = sqlite3.connect(path, factory=QueuedConnection, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA busy_timeout=0")
    return connection


@pytest.fixture
def path(tmp_path):
    path = str(tmp_path / "turns.sqlite3")
    connection = _connect(path)
    connection.execute("CREATE TABLE entry (who TEXT)")
    connection.commit()
    connection.close()
    return path


def _write_in_thread(path, who: str, done: list[str]) -> threading.Thread:
    def write():
        connection = _connect(path)
        connection.execute("INSERT INTO entry VALUES (?)", (who,))
        connection.commit()
        done.append(who)
        connection.close()

    thread = threading.Thread(target=write)
    thread.start()
    return thread


def _entries(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [who for (who,) in connection.execute("SELECT who FROM entry ORDER BY rowid")]
    finally:
        connection.close()


@pytest.mark.parametrize("ending", ["commit", "rollback", "close"])
def test_a_second_writer_waits_for_the_first_to_end_its_transaction(path, ending):
    first = _connect(path)
    first.execute("INSERT INTO entry VALUES ('first')")
    done: list[str] = []
    second = _write_in_thread(path, "second", done)
    second.join(0.3)
    assert done == []  # waiting for its turn, not failed with "database is locked"
    getattr(first, ending)()
    second.join(10)
    assert done == ["second"]
    assert _entries(path) == (["first", "second"] if ending == "commit" else ["second"])


def test_readers_do_not_wait_for_a_writer(path):
    first = _connect(path)
    first.execute("INSERT INTO entry VALUES ('first')")
    reader = _connect(path)
    assert reader.execute("SELECT count(*) FROM entry").fetchone() == (0,)  # at once, the last committed state
    first.commit()
    assert reader.execute("SELECT count(*) FROM entry").fetchone() == (1,)


def _hold_turn_in_other_process(path, holding, release) -> None:
    connection = _connect(path)
    connection.execute("INSERT INTO entry VALUES ('other process')")
    holding.set()
    release.wait(20)
    connection.commit()


def test_a_writer_in_another_process_is_waited_for(path):
    context = multiprocessing.get_context("fork")
    holding, release = context.Event(), context.Event()
    other = context.Process(target=_hold_turn_in_other_process, args=(path, holding, release))
    other.start()
    try:
        assert holding.wait(20)
        done: list[str] = []
        here = _write_in_thread(path, "this process", done)
        here.join(0.3)
        assert done == []
        release.set()
        here.join(10)
        assert done == ["this process"]
    finally:
        release.set()
        other.join(20)
    assert _entries(path) == ["other process", "this process"]


def test_a_writer_that_waited_too_long_goes_on_and_sqlite_answers(path, monkeypatch):
    monkeypatch.setattr(sqlite_writers, "PATIENCE", 0.05)
    first = _connect(path)
    first.execute("INSERT INTO entry VALUES ('first')")
    second = _connect(path)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.execute("INSERT INTO entry VALUES ('second')")
    first.commit()
    second.execute("INSERT INTO entry VALUES ('second')")  # its turn now
    second.commit()
    assert _entries(path) == ["first", "second"]


def test_the_app_on_a_sqlite_file_writes_in_turn_with_its_pragmas(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'app.sqlite3'}")
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            assert isinstance(raw.driver_connection, QueuedConnection)
        finally:
            raw.close()
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 10000
        db.session.remove()
        db.engine.dispose()


def _write_once(path) -> None:
    connection = _connect(path)
    connection.execute("INSERT INTO entry VALUES ('forked')")
    connection.commit()
    connection.close()


def test_a_process_forked_while_a_thread_was_busy_with_the_turns_still_writes(path):
    context = multiprocessing.get_context("fork")
    with sqlite_writers._turns_lock:  # a thread of the parent at work on the turns when the server forks
        child = context.Process(target=_write_once, args=(path,))
        child.start()
    child.join(20)
    if child.exitcode is None:
        child.kill()
    assert child.exitcode == 0
    assert _entries(path) == ["forked"]
