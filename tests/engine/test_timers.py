"""Timers follow the one clock: statutory deadlines, reminders, restarts, due order."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from engine import current_clock, db
from engine.definitions import deploy
from engine.history import history_for
from engine.models import Instance
from engine.instances import get_instance, resume_instance, start_instance, suspend_instance
from engine.runtime import read_workflow
from engine.tasks import TaskQuery, complete_task, list_tasks
from engine.timers import advance_clock, instance_timers
from tests.conftest import make_app

CST = timezone(timedelta(hours=8))


def _elements(instance_id):
    rows, _ = list_tasks(TaskQuery(instance=instance_id))
    return sorted(row.element for row in rows)


def _start_deadline_case(received_on="2026-09-20"):
    current_clock().set(datetime(2026, 9, 21, 9, 0, tzinfo=CST))
    instance = start_instance("deadlines", "d-1", {"received_on": received_on}, "ann")
    db.session.commit()
    return instance.id


def test_a_statutory_limit_is_the_tasks_due_time_and_fires_the_day_after(ctx):
    instance_id = _start_deadline_case()
    (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
    # 15 days from 20 Sep 2026 end on 5 Oct, inside National Day: the limit rolls to 8 Oct 24:00.
    assert task.due_at == datetime(2026, 10, 9, 0, 0, tzinfo=CST)
    timers = {t.element: t for t in instance_timers(instance_id)}
    assert timers["limit"].due_at == task.due_at and not timers["limit"].provisional
    assert timers["reminder"].due_at == datetime(2026, 10, 6, 0, 0, tzinfo=CST)
    advance_clock(to=datetime(2026, 10, 8, 23, 59, tzinfo=CST))
    assert _elements(instance_id) == ["register"]  # the reminder fired, the limit did not
    assert [row.element for row in history_for(instance_id) if row.event == "timer_fired"] == ["reminder"]
    advance_clock(to=datetime(2026, 10, 9, 0, 0, tzinfo=CST))
    assert _elements(instance_id) == ["escalate"]
    fired = [row.element for row in history_for(instance_id) if row.event == "timer_fired"]
    assert fired == ["reminder", "limit"]


def test_a_limit_already_past_when_its_task_is_reached_fires_in_the_same_step_and_is_recorded(ctx):
    instance_id = _start_deadline_case(received_on="2026-08-01")  # 15 days ended on 17 August
    assert _elements(instance_id) == ["escalate"]  # no sweep needed: the case moved on as it started
    assert instance_timers(instance_id) == []
    fired = {row.element: row for row in history_for(instance_id) if row.event == "timer_fired"}
    assert set(fired) == {"limit", "reminder"} and {row.actor for row in fired.values()} == {"timer"}
    assert fired["limit"].detail == {"due_at": "2026-08-17T16:00:00+00:00", "rule": fired["limit"].detail["rule"],
                                     "expression": "deadline(received_on, 15)", "interrupting": True}
    assert fired["reminder"].detail["interrupting"] is False


def test_a_timer_fired_by_the_sweep_is_recorded_once(ctx):
    instance_id = _start_deadline_case()
    advance_clock(to=datetime(2026, 10, 9, 0, 0, tzinfo=CST))
    fired = [row.element for row in history_for(instance_id) if row.event == "timer_fired"]
    assert fired == ["reminder", "limit"]


def _saved_next_timer(instance_id):
    # What the case row holds, read past the session's objects.
    db.session.expire_all()
    return db.session.scalar(select(Instance.next_timer_at).where(Instance.id == instance_id))


def test_the_case_row_holds_its_earliest_waiting_timer_after_every_step(ctx):
    fired = _start_deadline_case()
    assert _saved_next_timer(fired) == datetime(2026, 10, 6, 0, 0, tzinfo=CST)  # the reminder
    handled = start_instance("deadlines", "d-2", {"received_on": "2026-09-20"}, "ann").id
    (task,) = list_tasks(TaskQuery(instance=handled))[0]
    complete_task(task.id, {}, "ann")  # a handler's step: the one-day wait replaces both limits
    db.session.commit()
    assert _saved_next_timer(handled) == datetime(2026, 9, 22, 9, 0, tzinfo=CST)
    advance_clock(to=datetime(2026, 10, 6, 0, 0, tzinfo=CST))
    assert _saved_next_timer(handled) is None and _elements(handled) == ["close"]
    assert _saved_next_timer(fired) == datetime(2026, 10, 9, 0, 0, tzinfo=CST)  # then the limit
    advance_clock(to=datetime(2026, 10, 9, 0, 0, tzinfo=CST))
    assert _saved_next_timer(fired) is None and _elements(fired) == ["escalate"]


REPEATING = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://xinfang.test">
  <bpmn:process id="PROCESS" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" name="Work" camunda:candidateGroups="handler"/>
    <bpmn:boundaryEvent id="nag" name="Nag" attachedToRef="work" cancelActivity="CANCELS">
      <bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="nag" targetRef="count"/>
    <bpmn:scriptTask id="count" name="Count" scriptFormat="python">
      <bpmn:script>nagged = True</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="count" targetRef="nag_end"/>
    <bpmn:endEvent id="nag_end"/>
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def test_a_repeating_timer_fires_as_many_times_as_it_says_and_the_task_stays(ctx):
    deploy({"repeating.bpmn": REPEATING.replace(b"PROCESS", b"repeating").replace(b"CANCELS", b"false")}, "test")
    instance_id = start_instance("repeating", "r-1", {}, "ann").id
    db.session.commit()
    assert [t.element for t in instance_timers(instance_id)] == ["nag"]
    assert advance_clock(by=timedelta(minutes=90)) == 1
    assert [t.element for t in instance_timers(instance_id)] == ["nag"]  # the second repetition waits
    assert advance_clock(by=timedelta(hours=3)) == 1
    assert instance_timers(instance_id) == []  # R2: two and no more
    assert [row.element for row in history_for(instance_id) if row.event == "timer_fired"] == ["nag", "nag"]
    workflow = read_workflow(get_instance(instance_id))
    assert len([t for t in workflow.get_tasks() if t.task_spec.bpmn_id == "count"]) == 2
    assert _elements(instance_id) == ["work"]  # non-interrupting: the work goes on


def test_a_duration_counts_from_when_the_timer_started(ctx):
    instance_id = _start_deadline_case()
    (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
    complete_task(task.id, {}, "ann")
    db.session.commit()
    (wait,) = [t for t in instance_timers(instance_id) if t.element == "wait"]
    assert wait.due_at == datetime(2026, 9, 22, 9, 0, tzinfo=CST)
    advance_clock(by=timedelta(hours=23))
    assert _elements(instance_id) == []
    advance_clock(by=timedelta(hours=1))
    assert _elements(instance_id) == ["close"]


def test_a_deadline_in_a_year_without_schedule_is_provisional(ctx):
    instance_id = _start_deadline_case(received_on="2026-12-20")
    timers = {t.element: t for t in instance_timers(instance_id)}
    assert timers["limit"].provisional is True
    assert list_tasks(TaskQuery(instance=instance_id))[0][0].due_provisional is True


def test_a_suspended_instance_waits_and_fires_overdue_timers_on_resume(ctx):
    instance_id = _start_deadline_case()
    suspend_instance(instance_id, "admin", "checking")
    db.session.commit()
    advance_clock(to=datetime(2026, 10, 20, tzinfo=CST))
    assert _elements(instance_id) == ["register"]
    resume_instance(instance_id, "admin")
    db.session.commit()
    advance_clock(by=timedelta(seconds=1))
    assert _elements(instance_id) == ["escalate"]


def test_a_restart_loses_no_timer_and_fires_overdue_ones_in_due_order(database_url, tmp_path):
    from tests.engine.conftest import HERE

    options = {"XINFANG_BPMN_DIR": str(HERE / "diagrams"), "XINFANG_FORMS_DIR": str(HERE / "forms")}
    first = make_app(database_url, tmp_path, **options)
    with first.app_context():
        from web.cli import deploy_paths

        deploy_paths([HERE / "diagrams"], "test")
        ids = []
        for received in ("2026-09-25", "2026-09-20"):
            current_clock().set(datetime(2026, 9, 26, 9, 0, tzinfo=CST))
            ids.append(start_instance("deadlines", received, {"received_on": received}, "ann").id)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    second = make_app(database_url, tmp_path, **options)  # the process restarted: only the database remains
    with second.app_context():
        current_clock().set(datetime(2026, 9, 26, 9, 0, tzinfo=CST))
        advance_clock(to=datetime(2026, 11, 1, tzinfo=CST))
        from engine.models import HistoryRow

        fired = db.session.scalars(db.select(HistoryRow).where(HistoryRow.event == "timer_fired")
                                   .order_by(HistoryRow.id)).all()
        # Due order across instances: reminders on 6 and 8 Oct, limits at the end of 8 and 10 Oct
        # (10 Oct 2026 is a make-up working day, so that last day does not roll).
        assert [(row.instance_id, row.element) for row in fired] == [
            (ids[1], "reminder"), (ids[0], "reminder"), (ids[1], "limit"), (ids[0], "limit")]
        assert all(_elements(i) == ["escalate"] for i in ids)
        db.session.remove()
        db.engine.dispose()


def test_a_simulated_clock_carries_on_after_a_restart(database_url, tmp_path):
    first = make_app(database_url, tmp_path)
    with first.app_context():
        started = current_clock().now()
        advance_clock(by=timedelta(days=20, hours=3))
        moved = current_clock().now()
        db.session.remove()
        db.engine.dispose()
    second = make_app(database_url, tmp_path)  # the process restarted: only the database remains
    with second.app_context():
        assert current_clock().now() == moved == started + timedelta(days=20, hours=3)
        advance_clock(by=timedelta(days=1))
        db.session.remove()
        db.engine.dispose()
    third = make_app(database_url, tmp_path)
    with third.app_context():
        assert current_clock().now() == moved + timedelta(days=1)
        db.session.remove()
        db.engine.dispose()


def test_a_task_inside_a_limited_scope_is_due_when_the_scope_is(ctx):
    current_clock().set(datetime(2026, 3, 2, 9, 0, tzinfo=CST))
    instance = start_instance("scoped", "s-1", {"received_on": "2026-03-02"}, "ann")
    db.session.commit()
    (task,) = list_tasks(TaskQuery(instance=instance.id))[0]
    # 60 days from 2 March end on 1 May, a holiday: the limit rolls to the first working day after it
    # (the 55-day reminder before it is not the limit).
    timers = {t.element: t.due_at for t in instance_timers(instance.id)}
    assert task.due_at == timers["limit"] > timers["reminder"]


def test_a_task_keeps_its_due_time_after_its_limit_has_fired_and_shows_overdue(ctx):
    current_clock().set(datetime(2026, 3, 2, 9, 0, tzinfo=CST))
    instance = start_instance("scoped", "s-2", {"received_on": "2026-03-02"}, "ann")
    db.session.commit()
    instance_id = instance.id
    limit = {t.element: t.due_at for t in instance_timers(instance_id)}["limit"]
    # Both the reminder and the 60-day limit fire; the work is still open, now overdue.
    advance_clock(to=limit + timedelta(days=3))
    db.session.commit()
    assert instance_timers(instance_id) == []
    (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
    assert task.due_at == limit
    overdue, _ = list_tasks(TaskQuery(due_before=current_clock().now()))
    assert [row.id for row in overdue] == [task.id]
    assert [row.event for row in history_for(instance_id)].count("timer_fired") == 2


def test_an_interrupting_repeating_timer_fires_each_repetition_then_ends_the_task(ctx):
    # SpiffWorkflow's meaning of a cycle on an interrupting boundary: every repetition runs its
    # branch, and the last one interrupts. Before, the first repetition fired and led nowhere.
    deploy({"cut.bpmn": REPEATING.replace(b"PROCESS", b"cut_short").replace(b"CANCELS", b"true")}, "test")
    instance_id = start_instance("cut_short", "r-2", {}, "ann").id
    db.session.commit()
    assert advance_clock(by=timedelta(hours=5)) == 2
    assert [row.element for row in history_for(instance_id) if row.event == "timer_fired"] == ["nag", "nag"]
    assert _elements(instance_id) == [] and instance_timers(instance_id) == []  # the task was cut off
    assert get_instance(instance_id).status == "completed"
