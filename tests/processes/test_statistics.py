"""Statistics: intake, open stages, statutory limits kept or missed, overdue, supervision, satisfaction."""
from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from engine import current_clock, db
from engine.instances import suspend_instance
from processes.statistics import dashboard, scope_of
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


def test_limits_are_counted_as_the_law_counts_them(seeded):
    from datetime import datetime

    from sqlalchemy import select

    from engine.models import Instance, TaskRow
    from processes.statistics import limit_counts

    instance_id = db.session.scalar(select(Instance.id).limit(1))
    due = datetime(2030, 1, 21, 16, 0, tzinfo=UTC)  # 24:00 on 21 January, China Standard Time
    now = due + timedelta(days=1)
    for organ, state, ended in [("met", "completed", due - timedelta(seconds=1)), ("late", "completed", due),
                                ("fired", "cancelled", due), ("withdrawn", "cancelled", due - timedelta(days=2)),
                                ("waiting", "ready", None)]:
        db.session.add(TaskRow(id=organ, instance_id=instance_id, process="p", element="e", name="limit", state=state,
                               organ=organ, due_at=due, completed_at=ended, created_at=due - timedelta(days=15)))
    db.session.flush()

    def outcome(organ: str, at: datetime = now) -> str | None:
        counts = limit_counts(2030, {organ}, at).get((), {})
        return next((name for name, count in counts.items() if count), None)

    assert outcome("met") == "met"
    assert outcome("late") == "missed"  # completed at the limit's last instant: too late
    assert outcome("fired") == "missed"  # withdrawn when the limit's timer fired
    assert outcome("withdrawn") is None  # the case ended another way, in time
    assert outcome("waiting") == "overdue" and outcome("waiting", due) == "overdue"
    assert outcome("waiting", due - timedelta(seconds=1)) is None
    assert limit_counts(2031, {"met"}, now) == {}
    by_organ = limit_counts(2030, None, now, by=(TaskRow.organ,))
    assert by_organ[("late",)] == {"met": 0, "missed": 1, "overdue": 0} and ("withdrawn",) not in by_organ
