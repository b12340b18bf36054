"""The preview of a migration: versions, what differs, and where each case stands against the target."""
from __future__ import annotations

from sqlalchemy import update

from engine import db
from engine.definitions import deploy
from engine.instances import start_instance, terminate_instance
from engine.migration_preview import preview_migrations
from engine.models import Instance
from engine.tasks import TaskQuery, complete_task, list_tasks
from tests.engine.conftest import HERE

CHAIN = (HERE / "diagrams" / "chain.bpmn").read_text()
WITHOUT_STEP2 = CHAIN.replace(
    '<bpmn:sequenceFlow id="f1" sourceRef="step1" targetRef="step2"/>', "").replace(
    '<bpmn:userTask id="step2" name="Step two" camunda:candidateGroups="handler"/>',
    '<bpmn:userTask id="step2b" name="Step two, anew" camunda:candidateGroups="handler"/>').replace(
    '<bpmn:sequenceFlow id="f2" sourceRef="step2" targetRef="step3"/>',
    '<bpmn:sequenceFlow id="f1" sourceRef="step1" targetRef="step2b"/>'
    '<bpmn:sequenceFlow id="f2b" sourceRef="step2b" targetRef="step3"/>').replace(
    'name="Step three"', 'name="Step three, checked"')


def _start(key: str, steps_done: int) -> int:
    instance_id = start_instance("chain", key, {"organ": "ORG-1"}, "ann").id
    db.session.commit()
    for _ in range(steps_done):
        (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
        complete_task(task.id, {"note": "done"}, "ann")
        db.session.commit()
    return instance_id


def test_the_preview_lists_the_versions_the_differences_and_what_each_case_stands_on(ctx):
    at_step1, at_step2, ended = _start("case-1", 0), _start("case-2", 1), _start("case-3", 0)
    terminate_instance(ended, "ann", "withdrawn")
    rows = deploy({"chain.bpmn": WITHOUT_STEP2.encode()}, "designer").deployed
    db.session.commit()

    previews = preview_migrations([at_step1, at_step2, ended])

    (group,) = previews.groups
    assert (group.source.version, group.target.version, group.target.deployed_by) == (1, rows[0].version, "designer")
    kinds = {(change.kind, change.element) for change in group.changes}
    assert {("removed", "step2"), ("added", "step2b"), ("added", "f2b"), ("changed", "step3")} <= kinds
    first, second = group.checks
    assert first.possible and first.standing == [
        {"process": "chain", "element": "step1", "name": "Step one", "kind": "task", "mapped": True,
         "file": "chain.bpmn", "changed": False}]
    assert not second.possible and second.standing[0]["element"] == "step2" and not second.standing[0]["mapped"]
    assert group.refused == [second]
    ((instance_id, refusal),) = previews.unmovable
    assert instance_id == ended and refusal.code == "invalid_state"


def test_a_preview_changes_nothing(ctx):
    instance_id = _start("case-1", 1)
    deploy({"chain.bpmn": WITHOUT_STEP2.encode()}, "designer")
    db.session.commit()
    preview_migrations([instance_id])
    db.session.commit()
    (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
    assert task.element == "step2" and task.instance_id == instance_id


def test_a_case_whose_saved_state_cannot_be_read_is_set_apart_and_the_others_are_shown(ctx):
    broken, sound = _start("case-1", 0), _start("case-2", 0)
    deploy({"chain.bpmn": WITHOUT_STEP2.encode()}, "designer")
    db.session.execute(update(Instance).where(Instance.id == broken).values(
        state=b"not a saved state", lock_version=Instance.lock_version + 1))  # as if saved elsewhere: no kept workflow
    db.session.commit()
    db.session.expunge_all()

    previews = preview_migrations([broken, sound])

    assert [check.instance_id for group in previews.groups for check in group.checks] == [sound]
    assert [instance_id for instance_id, _exc in previews.unmovable] == [broken]


PARENT = (HERE / "diagrams" / "parent.bpmn").read_text()
CHILD = (HERE / "diagrams" / "child.bpmn").read_text()


def test_the_called_process_the_case_stands_in_is_drawn_first_with_its_changes_and_the_case_on_it(ctx):
    inside = start_instance("parent", "case-in", {}, "ann").id
    db.session.commit()
    after = _start_parent_past_the_child()
    # A called process changed: its callers get a new version holding the new text.
    (parent_v2,) = [row for row in deploy({"child.bpmn": CHILD.replace('name="Inside child"', 'name="Inside, anew"')
                                           .encode()}, "designer").deployed if row.process == "parent"]
    db.session.commit()

    (group,) = preview_migrations([inside], parent_v2.version).groups

    assert [(pair.file, pair.process, pair.stands_here) for pair in group.diagrams] == [
        ("child.bpmn", "child", True), ("parent.bpmn", "parent", True)]
    child, parent = group.diagrams
    assert "Inside, anew" in child.new and "Inside, anew" not in child.old
    assert [(change.element, change.kind) for change in child.changes] == [("inside", "changed")]
    assert [(entry["element"], entry["file"], entry["changed"]) for entry in child.standing] == [
        ("inside", "child.bpmn", True)]
    assert [(entry["element"], entry["changed"]) for entry in parent.standing] == [("call_child", False)]
    assert parent.changes == [] and group.quiet_files() == []

    # A case past the call: its own process first, then the called one, which changed.
    (group,) = preview_migrations([after], parent_v2.version).groups
    assert [(pair.file, pair.stands_here, len(pair.changes)) for pair in group.diagrams] == [
        ("parent.bpmn", True, 0), ("child.bpmn", False, 1)]


def test_a_called_process_the_case_is_not_in_and_that_did_not_change_is_left_out(ctx):
    after = _start_parent_past_the_child()
    version = deploy({"parent.bpmn": PARENT.replace('name="After child"', 'name="Then"').encode()},
                     "designer").deployed[0].version
    db.session.commit()

    (group,) = preview_migrations([after], version).groups

    assert [pair.file for pair in group.diagrams] == ["parent.bpmn"]
    assert group.quiet_files() == ["child.bpmn"]


def _start_parent_past_the_child() -> int:
    instance_id = start_instance("parent", "case-after", {}, "ann").id
    db.session.commit()
    (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
    complete_task(task.id, {"note": "done"}, "ann")
    db.session.commit()
    return instance_id


def test_an_element_changed_in_a_called_process_is_not_taken_for_the_callers_element_of_the_same_id(ctx):
    # The child ends with a step whose id the parent uses too: a case at the parent's `after` is not
    # told its element changed when only the child's `after` did.
    with_after = CHILD.replace('<bpmn:sequenceFlow id="c1" sourceRef="inside" targetRef="cend"/>',
                               '<bpmn:sequenceFlow id="c1" sourceRef="inside" targetRef="after"/>'
                               '<bpmn:scriptTask id="after" name="Note" scriptFormat="python">'
                               '<bpmn:script>noted = True</bpmn:script></bpmn:scriptTask>'
                               '<bpmn:sequenceFlow id="c2" sourceRef="after" targetRef="cend"/>')
    deploy({"child.bpmn": with_after.encode()}, "designer")
    db.session.commit()
    instance_id = _start_parent_past_the_child()
    (renamed,) = [row for row in deploy({"child.bpmn": with_after.replace('name="Note"', 'name="Note it"').encode()},
                                        "designer").deployed if row.process == "parent"]
    db.session.commit()

    (group,) = preview_migrations([instance_id], renamed.version).groups

    assert [(change.file, change.element, change.kind) for change in group.changes] == [
        ("child.bpmn", "after", "changed")]
    assert [(entry["file"], entry["element"], entry["changed"]) for entry in group.checks[0].standing] == [
        ("parent.bpmn", "after", False)]
