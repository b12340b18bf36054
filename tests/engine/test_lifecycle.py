"""Start, complete, persist: an instance moves step by step and survives every reload."""
from __future__ import annotations

import pytest

from engine import Conflict, FormInvalid, NotFound, db
from engine.history import history_for
from engine.instances import get_instance, start_instance
from engine.tasks import TaskQuery, claim_task, complete_task, get_task, list_tasks, save_draft


def _ready(instance_id):
    rows, _ = list_tasks(TaskQuery(instance=instance_id))
    return rows


def _step(instance_id, data=None, user="ann"):
    (task,) = _ready(instance_id)
    element = task.element
    complete_task(task.id, data or {}, user)
    db.session.commit()
    db.session.expunge_all()  # the next step reads state back from the database, as a new request would
    return element


def test_an_instance_walks_five_tasks_to_its_end(ctx):
    instance = start_instance("chain", "case-1", {"organ": "ORG-1"}, "ann")
    db.session.commit()
    first = _ready(instance.id)[0]
    assert (first.element, first.group, first.organ, first.form) == ("step1", "handler", "ORG-1", "note")
    instance_id = instance.id
    done = [_step(instance_id, {"note": "seen"})]
    for _ in range(4):
        done.append(_step(instance_id))
    assert done == ["step1", "step2", "step3", "step4", "step5"]
    finished = get_instance(instance_id)
    assert finished.status == "completed" and finished.data["note"] == "seen"
    events = [row.event for row in history_for(instance_id)]
    assert events[0] == "started" and events.count("task_completed") == 5 and events[-1] == "completed"


def test_form_data_is_validated_and_nothing_changes_on_error(ctx):
    instance = start_instance("chain", "case-2", {"organ": "ORG-1"}, "ann")
    db.session.commit()
    task = _ready(instance.id)[0]
    with pytest.raises(FormInvalid) as raised:
        complete_task(task.id, {"days": 99}, "ann")
    db.session.rollback()
    assert set(raised.value.errors) == {"note", "days"}
    assert [row.element for row in _ready(instance.id)] == ["step1"]


def test_a_task_completed_twice_is_a_conflict(ctx):
    instance = start_instance("chain", "case-3", {"organ": "ORG-1"}, "ann")
    db.session.commit()
    task = _ready(instance.id)[0]
    complete_task(task.id, {"note": "once"}, "ann")
    db.session.commit()
    with pytest.raises(Conflict):
        complete_task(task.id, {"note": "twice"}, "ann")
    db.session.rollback()
    assert [row.element for row in _ready(instance.id)] == ["step2"]


@pytest.mark.parametrize("with_state", [False, True], ids=["read-the-case", "read-the-saved-state"])
def test_two_handlers_on_one_task_get_one_success_and_one_conflict(app, with_state):
    with app.app_context():
        instance_id = start_instance("chain", f"case-4-{with_state}", {"organ": "ORG-1"}, "ann").id
        db.session.commit()
    with app.app_context():  # request A reads the task and the case (with its saved state, or not) ...
        task = _ready(instance_id)[0]
        get_instance(instance_id, with_state=with_state)
        with app.app_context():  # ... request B completes it first ...
            complete_task(task.id, {"note": "bob was first"}, "bob")
            db.session.commit()
        with pytest.raises(Conflict):  # ... so A's completion is refused, not applied twice nor an error
            complete_task(task.id, {"note": "ann too"}, "ann")
        db.session.rollback()
    with app.app_context():
        assert get_instance(instance_id).data["note"] == "bob was first"
        assert [row.element for row in _ready(instance_id)] == ["step2"]
        assert [row.event for row in history_for(instance_id)].count("task_completed") == 1


def test_a_step_that_loses_the_race_while_writing_is_a_conflict_and_leaves_the_winners_step(app, monkeypatch):
    import engine.runtime as runtime

    with app.app_context():
        instance_id = start_instance("chain", "case-race", {"organ": "ORG-1"}, "ann").id
        db.session.commit()
    write_instance = runtime.write_instance

    def bob_saves_first(instance, values):
        monkeypatch.setattr(runtime, "write_instance", write_instance)
        with app.app_context():  # another request completes the same task and commits first
            complete_task(_ready(instance_id)[0].id, {"note": "bob was first"}, "bob")
            db.session.commit()
        return write_instance(instance, values)

    with app.app_context():  # ann's step has run; as it writes, its rows meet bob's (the same next task)
        task = _ready(instance_id)[0]
        monkeypatch.setattr(runtime, "write_instance", bob_saves_first)
        with pytest.raises(Conflict):
            complete_task(task.id, {"note": "ann too"}, "ann")
        db.session.rollback()
    with app.app_context():
        assert get_instance(instance_id).data["note"] == "bob was first"
        assert [row.element for row in _ready(instance_id)] == ["step2"]
        assert [(row.event, row.actor) for row in history_for(instance_id) if row.event == "task_completed"] == [
            ("task_completed", "bob")]


def test_claims_are_exclusive(ctx):
    instance = start_instance("chain", "case-5", {"organ": "ORG-1"}, "ann")
    db.session.commit()
    task = _ready(instance.id)[0]
    claim_task(task.id, "ann")
    db.session.commit()
    with pytest.raises(Conflict):
        claim_task(task.id, "bob")
    with pytest.raises(Conflict):
        complete_task(task.id, {"note": "x"}, "bob")
    save_draft(task.id, {"note": "ann's half-written note"}, "ann")
    db.session.commit()
    with pytest.raises(Conflict, match="held by ann"):
        save_draft(task.id, {"note": "bob's"}, "bob")
    db.session.rollback()
    assert get_task(task.id).draft == {"note": "ann's half-written note"}


def test_call_activity_runs_the_called_process(ctx):
    instance_id = start_instance("parent", "case-6", {}, "ann").id
    db.session.commit()
    assert [(t.element, t.process) for t in _ready(instance_id)] == [("inside", "child")]
    assert "call_child" in get_instance(instance_id).active
    _step(instance_id, {"note": "child done"})
    assert [t.element for t in _ready(instance_id)] == ["after"]
    _step(instance_id)
    assert get_instance(instance_id).status == "completed"


def test_unknown_process_and_instance_are_not_found(ctx):
    with pytest.raises(NotFound):
        start_instance("nope", "x", {}, "ann")
    with pytest.raises(NotFound):
        get_instance(999999)


def test_case_data_keeps_what_each_parallel_branch_wrote(ctx):
    from engine.instances import get_instance, start_instance
    from engine.tasks import TaskQuery, complete_task, list_tasks

    instance_id = start_instance("branches", "b-1", {"left": None, "right": None, "up": None, "down": None},
                                 "ann").id
    db.session.commit()

    def complete(element, data):
        (task,) = [row for row in list_tasks(TaskQuery(instance=instance_id))[0] if row.element == element]
        complete_task(task.id, data, "ann")
        db.session.commit()
        db.session.expunge_all()

    def data():
        return {key: value for key, value in get_instance(instance_id).data.items() if value is not None}

    complete("right", {"right": "right"})
    complete("left", {"left": "left"})  # the left branch's copy still has right=None
    assert data() == {"left": "left", "right": "right"}
    complete("right_again", {})
    complete("left_again", {})  # the left branch arrives last at the join: right is kept
    assert data() == {"left": "left", "right": "right"}
    complete("after", {})
    complete("down", {"down": "down"})  # two branches that end apart: the process end keeps both
    complete("up", {"up": "up"})
    assert get_instance(instance_id).status == "completed"
    assert data() == {"left": "left", "right": "right", "up": "up", "down": "down"}


def test_a_steps_history_is_there_for_a_read_before_the_commit_and_gone_after_a_rollback(ctx):
    from sqlalchemy import func, select

    from engine.models import HistoryRow

    instance_id = start_instance("chain", "h-1", {"organ": "X"}, "ann").id
    db.session.commit()
    (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
    complete_task(task.id, {"note": "one"}, "ann")
    # Written with the step's other rows, yet any read in the same transaction sees it.
    assert [row.event for row in history_for(instance_id)] == ["started", "task_completed"]
    assert db.session.scalar(select(func.count()).select_from(HistoryRow)) == 2
    db.session.rollback()
    assert [row.event for row in history_for(instance_id)] == ["started"]


def test_a_started_instance_is_the_row_it_was_saved_as(ctx):
    from sqlalchemy import inspect as inspect_object, select

    from engine.models import Instance

    started = start_instance("chain", "case-row", {"organ": "ORG-1", "诉求": "退还押金"}, "ann")
    assert inspect_object(started).persistent and not db.session.dirty
    columns = [column.key for column in Instance.__table__.columns if column.key != "state"]
    held = {key: getattr(started, key) for key in columns}
    db.session.commit()
    db.session.expunge_all()
    row = db.session.scalars(select(Instance).where(Instance.id == held["id"])).one()
    assert {key: getattr(row, key) for key in columns} == held
    assert row.lock_version == 2 and row.status == "running" and row.data["诉求"] == "退还押金"


def test_a_case_read_by_a_new_request_holds_its_row_and_its_saved_state_on_demand(ctx):
    from sqlalchemy import select

    from engine.models import Instance

    instance_id = start_instance("chain", "case-read", {"organ": "ORG-1", "诉求": "退还押金"}, "ann").id
    db.session.commit()
    db.session.expunge_all()
    read = get_instance(instance_id)  # what a new request does first
    columns = [column.key for column in Instance.__table__.columns]
    held = {key: getattr(read, key) for key in columns}  # the saved state too, read when asked for
    db.session.expunge_all()
    loaded = db.session.scalars(select(Instance).where(Instance.id == instance_id)).one()
    assert held == {key: getattr(loaded, key) for key in columns}
    assert held["state"] and held["data"]["诉求"] == "退还押金"
    assert get_instance(instance_id) is loaded  # one object per row within a session
