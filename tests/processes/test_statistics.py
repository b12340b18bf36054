"""Statistics: intake, open stages, statutory limits kept or missed, overdue, supervision, satisfaction."""
from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from engine import current_clock, db
from engine.instances import suspend_instance
from processes.statistics import dashboard, limit_outcome, scope_of
from tests.console_data import console_app, register_petitions


@pytest.fixture
def app(app_pool, db_kind):
    return console_app(app_pool, db_kind)


@pytest.fixture
def seeded(ctx):
    return register_petitions()


def _rows(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def test_intake_is_counted_by_month_channel_category_and_territory(seeded):
    board = dashboard(2026, None, current_clock().now())
    january = _rows(board.tables["intake_by_month"])[1]
    assert dict(zip(board.tables["intake_by_month"].columns[1:], january)) == {
        "online": 2, "letter": 1, "phone": 0, "fax": 0, "visit": 1, "total": 4}
    assert sum(_rows(board.tables["intake_by_month"])[2]) == 0
    assert _rows(board.tables["intake_by_category"])["labour"] == [2]
    assert _rows(board.tables["intake_by_territory"]) == {"JN-QS-LX": [3], "JN-QS-LX-TY": [1]}
    assert _rows(board.tables["open_by_stage"])["registration"] == [4]


def test_a_limit_kept_is_met_and_a_timer_that_fired_is_missed(seeded):
    board = dashboard(2026, None, current_clock().now())
    assert board.tables["on_time"].rows == [["JN-QS-LX-XFJ", "登记转送", 1, 3, 0, 25.0]]


def test_the_scope_of_a_petition_department_covers_its_government(seeded):
    assert "JN-QS-LX-RSJ" in scope_of("JN-QS-LX-XFJ")
    city = dashboard(2026, "JN-QS-RSJ", current_clock().now())  # above the county bureau handling two
    assert _rows(city.tables["intake_by_month"])[1][-1] == 2 and city.tables["on_time"].rows == []
    other = dashboard(2026, "JN-QS-LX-STHJJ", current_clock().now())  # neither receives nor handles any
    assert _rows(other.tables["intake_by_month"])[1][-1] == 0


def test_overdue_lists_tasks_past_their_limit_and_timers_of_held_cases(ctx):
    from engine.instances import start_instance

    held = start_instance("console_case", "XF-HELD", {"received_on": "2026-01-05", "mode": "plain"}, "admin")
    suspend_instance(held.id, "admin", "checking")
    db.session.commit()
    now = current_clock().now() + timedelta(days=30)  # a suspended case's timer does not fire
    table = dashboard(2026, None, now).tables["overdue"]
    (row,) = table.rows
    assert row[0] == "XF-HELD" and row[1] == "核查事项" and row[2] == "JN-QS-LX-RSJ" and row[5] == "suspended"
    assert row[4] == 15  # due at 24:00 on 20 January: 21 January is the first day late, 4 February the 15th


def test_supervision_and_satisfaction(seeded):
    board = dashboard(2026, None, current_clock().now())
    assert _rows(board.tables["supervision"])["letters_issued"] == [1]
    assert [row[1] for row in board.tables["satisfaction"].rows] == [0, 1, 0, 0, 1]
    assert board.tables["satisfaction_by_organ"].rows == [["JN-QS-LX-RSJ", 2, 3.5, 50.0]]


def test_limit_outcome_reads_the_task_rows_as_the_law_counts(ctx):
    from datetime import datetime

    from engine.models import TaskRow

    due = datetime(2026, 1, 21, 16, 0, tzinfo=UTC)
    now = due + timedelta(days=1)
    assert limit_outcome(TaskRow(state="completed", due_at=due, completed_at=due - timedelta(seconds=1)), now) == "met"
    assert limit_outcome(TaskRow(state="completed", due_at=due, completed_at=due), now) == "missed"
    assert limit_outcome(TaskRow(state="cancelled", due_at=due, completed_at=due), now) == "missed"
    assert limit_outcome(TaskRow(state="cancelled", due_at=due, completed_at=due - timedelta(days=2)), now) is None
    assert limit_outcome(TaskRow(state="ready", due_at=due), now) == "overdue"
    assert limit_outcome(TaskRow(state="ready", due_at=due), due - timedelta(days=1)) is None
