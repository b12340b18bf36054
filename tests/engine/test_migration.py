"""Migration: an instance moves to another version of its diagram and really goes on there."""
from __future__ import annotations

from datetime import timedelta

import pytest

from engine import InvalidState, db
from engine.definitions import deploy
from engine.errors import MigrationRefused
from engine.history import history_for
from engine.instances import (
    get_instance,
    start_instance,
    suspend_instance,
    terminate_instance,
)
from engine.migration import check_migration, migrate_instance, migration_options
from engine.tasks import TaskQuery, complete_task, list_tasks
from engine.timers import advance_clock, instance_timers
from engine.trail import instance_trail
from tests.engine.conftest import HERE

CHAIN = (HERE / "diagrams" / "chain.bpmn").read_text()
STEP_2B = ('<bpmn:sequenceFlow id="f2" sourceRef="step2" targetRef="step2b"/>'
           '<bpmn:userTask id="step2b" name="Step two and a half" camunda:candidateGroups="handler"/>'
           '<bpmn:sequenceFlow id="f2b" sourceRef="step2b" targetRef="step3"/>')


def _deploy(name: str, text: str) -> int:
    rows = deploy({name: text.encode()}, "designer").deployed
    db.session.commit()
    return rows[0].version


def _ready(instance_id: int) -> list:
    return list_tasks(TaskQuery(instance=instance_id))[0]


def _complete(instance_id: int, data: dict | None = None) -> str:
    (task,) = _ready(instance_id)
    element = task.element
    complete_task(task.id, data or {}, "ann")
    db.session.commit()
    db.session.expunge_all()  # read back from the database, as the next request would
    return element


def _chain_at_step2() -> int:
    instance_id = start_instance("chain", "case-m", {"organ": "ORG-1"}, "ann").id
    db.session.commit()
    _complete(instance_id, {"note": "first"})
    return instance_id


def test_an_instance_migrated_to_a_new_version_continues_on_it(ctx):
    instance_id = _chain_at_step2()
    version = _deploy("chain.bpmn", CHAIN.replace(
        '<bpmn:sequenceFlow id="f2" sourceRef="step2" targetRef="step3"/>', STEP_2B))
    assert check_migration(instance_id, version).possible
    task_before = _ready(instance_id)[0].id

    migrate_instance(instance_id, version, "admin", "step 2b is now required")
    db.session.commit()
    db.session.expunge_all()

    instance = get_instance(instance_id)
    assert (instance.version, instance.status, instance.active) == (version, "running", ["step2"])
    assert _ready(instance_id)[0].id == task_before  # the same task: its assignee and draft stay
    assert [_complete(instance_id) for _ in range(4)] == ["step2", "step2b", "step3", "step4"]
    assert _complete(instance_id) == "step5"
    assert get_instance(instance_id).status == "completed" and get_instance(instance_id).data["note"] == "first"
    (migrated,) = [row for row in history_for(instance_id) if row.event == "migrated"]
    assert (migrated.actor, migrated.reason, migrated.detail["from"], migrated.detail["to"]) == (
        "admin", "step 2b is now required", 1, version)


def test_a_version_without_an_active_element_is_refused_with_the_list(ctx):
    instance_id = _chain_at_step2()
    without_step2 = CHAIN.replace(
        '<bpmn:sequenceFlow id="f1" sourceRef="step1" targetRef="step2"/>', "").replace(
        '<bpmn:userTask id="step2" name="Step two" camunda:candidateGroups="handler"/>', "").replace(
        '<bpmn:sequenceFlow id="f2" sourceRef="step2" targetRef="step3"/>',
        '<bpmn:sequenceFlow id="f1" sourceRef="step1" targetRef="step3"/>')
    version = _deploy("chain.bpmn", without_step2)

    check = check_migration(instance_id, version)
    assert not check.possible
    assert check.missing == [{"process": "chain", "element": "step2", "name": "Step two", "kind": "task"}]
    with pytest.raises(MigrationRefused) as refused:
        migrate_instance(instance_id, version, "admin", "try")
    db.session.rollback()
    assert refused.value.details["missing"] == check.missing and "step2" in refused.value.message
    instance = get_instance(instance_id)
    assert instance.version == 1 and "migrated" not in [row.event for row in history_for(instance_id)]
    assert _complete(instance_id) == "step2"  # still runs on version 1


def test_finished_steps_the_target_lacks_are_dropped_and_the_state_stays_loadable(ctx):
    instance_id = _chain_at_step2()
    without_step1 = CHAIN.replace(
        '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="step1"/>',
        '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="step2"/>').replace(
        '<bpmn:sequenceFlow id="f1" sourceRef="step1" targetRef="step2"/>', "")
    without_step1 = without_step1.split('<bpmn:userTask id="step1"')[0] + without_step1.split("</bpmn:userTask>", 1)[1]
    version = _deploy("chain.bpmn", without_step1)

    migrate_instance(instance_id, version, "admin", "step one was dropped from the procedure")
    db.session.commit()
    db.session.expunge_all()

    (migrated,) = [row for row in history_for(instance_id) if row.event == "migrated"]
    assert migrated.detail["dropped"] == ["step1"]
    assert "step1" not in instance_trail(instance_id)["chain"].completed
    assert [_complete(instance_id) for _ in range(4)] == ["step2", "step3", "step4", "step5"]
    assert get_instance(instance_id).status == "completed"


def test_a_waiting_timer_keeps_its_due_time_across_a_migration(ctx):
    instance_id = start_instance("deadlines", "case-t", {"received_on": "2026-01-05"}, "ann").id
    db.session.commit()
    before = {row.element: row.due_at for row in instance_timers(instance_id)}
    text = (HERE / "diagrams" / "deadlines.bpmn").read_text().replace('name="Close"', 'name="Close the case"')
    version = _deploy("deadlines.bpmn", text)
    advance_clock(by=timedelta(days=2))

    migrate_instance(instance_id, version, "admin", "renamed the last step")
    db.session.commit()

    assert {row.element: row.due_at for row in instance_timers(instance_id)} == before
    advance_clock(to=before["limit"] + timedelta(minutes=1))
    db.session.expunge_all()
    assert [row.element for row in _ready(instance_id)] == ["escalate"]  # the migrated timer fired


def test_a_called_process_is_checked_too(ctx):
    instance = start_instance("parent", "case-c", {}, "ann")
    db.session.commit()
    child = (HERE / "diagrams" / "child.bpmn").read_text().replace('id="inside"', 'id="inside_v2"').replace(
        'targetRef="inside"', 'targetRef="inside_v2"').replace('sourceRef="inside"', 'sourceRef="inside_v2"')
    deploy({"child.bpmn": child.encode()}, "designer")  # the parent gets a version 2 with the new child
    parent_text = (HERE / "diagrams" / "parent.bpmn").read_text().replace('name="After child"', 'name="Then"')
    version = _deploy("parent.bpmn", parent_text)

    check = check_migration(instance.id, version)
    assert check.missing == [{"process": "child", "element": "inside", "name": "Inside child", "kind": "task"}]
    options = migration_options(instance.id)
    assert [(option.to_version, option.possible) for option in options] == [(version, False), (2, False)]


def test_a_suspended_instance_moves_and_stays_suspended(ctx):
    instance_id = _chain_at_step2()
    version = _deploy("chain.bpmn", CHAIN.replace('name="Step five"', 'name="Last step"'))
    suspend_instance(instance_id, "admin", "hold")
    migrate_instance(instance_id, version, "admin", "rename")
    db.session.commit()
    assert (get_instance(instance_id).status, get_instance(instance_id).version) == ("suspended", version)


def test_migration_needs_a_reason_another_version_and_a_live_instance(ctx):
    instance_id = _chain_at_step2()
    with pytest.raises(InvalidState):
        migrate_instance(instance_id, 1, "admin", "same version")
    with pytest.raises(InvalidState):
        migrate_instance(instance_id, 1, "admin", " ")
    terminate_instance(instance_id, "admin", "withdrawn")
    version = _deploy("chain.bpmn", CHAIN.replace('name="Step five"', 'name="Last step"'))
    with pytest.raises(InvalidState):
        migrate_instance(instance_id, version, "admin", "too late")
    assert migration_options(instance_id) == []


def test_an_instance_inside_a_called_process_moves_with_it(ctx):
    instance_id = start_instance("parent", "case-s", {}, "ann").id
    db.session.commit()
    child = (HERE / "diagrams" / "child.bpmn").read_text().replace('name="Inside child"', 'name="Inside, renamed"')
    version = _deploy("child.bpmn", child) and _deploy(
        "parent.bpmn", (HERE / "diagrams" / "parent.bpmn").read_text().replace('name="Child"', 'name="The child"'))

    migrate_instance(instance_id, version, "admin", "renamed")
    db.session.commit()
    db.session.expunge_all()

    assert _ready(instance_id)[0].name == "Inside, renamed"
    assert [_complete(instance_id, {"note": "done"}), _complete(instance_id)] == ["inside", "after"]
    assert get_instance(instance_id).status == "completed"


LIMIT_ON_STEP2 = ('<bpmn:boundaryEvent id="step2_limit" name="Three-day limit" attachedToRef="step2" cancelActivity="false">'
                  '<bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>'
                  '</bpmn:boundaryEvent>'
                  '<bpmn:sequenceFlow id="f_late" sourceRef="step2_limit" targetRef="chase"/>'
                  '<bpmn:userTask id="chase" name="Chase step two" camunda:candidateGroups="head"/>'
                  '<bpmn:sequenceFlow id="f_chased" sourceRef="chase" targetRef="chased"/>'
                  '<bpmn:endEvent id="chased"/>')


def test_a_limit_the_new_version_puts_on_the_current_task_starts_at_migration(ctx):
    from engine import current_clock

    instance_id = _chain_at_step2()
    version = _deploy("chain.bpmn", CHAIN.replace('<bpmn:endEvent id="end"/>', '<bpmn:endEvent id="end"/>' + LIMIT_ON_STEP2))
    task_before = _ready(instance_id)[0].id
    migrated_at = current_clock().now()
    migrate_instance(instance_id, version, "admin", "step two now has a limit")
    db.session.commit()
    db.session.expunge_all()

    (timer,) = instance_timers(instance_id)
    assert (timer.element, timer.attached_to) == ("step2_limit", "step2")
    assert timer.due_at == migrated_at + timedelta(days=3)
    (task,) = _ready(instance_id)
    assert (task.id, task.due_at) == (task_before, timer.due_at)  # the same task, now with a due time
    assert "step2_limit" in instance_trail(instance_id)["chain"].waiting_timers

    advance_clock(by=timedelta(days=3, minutes=1))
    db.session.commit()
    db.session.expunge_all()
    assert sorted(row.element for row in _ready(instance_id)) == ["chase", "step2"]  # non-interrupting
    assert [_complete_element(instance_id, "step2"), _complete_element(instance_id, "chase")] == ["step2", "chase"]
    assert [_complete(instance_id) for _ in range(3)] == ["step3", "step4", "step5"]
    assert get_instance(instance_id).status == "completed"


def _complete_element(instance_id: int, element: str) -> str:
    (task,) = [row for row in _ready(instance_id) if row.element == element]
    complete_task(task.id, {}, "ann")
    db.session.commit()
    db.session.expunge_all()
    return element
