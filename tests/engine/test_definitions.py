"""Deploying diagrams: versions by content, no-op redeploys, refusals that touch nothing."""
from __future__ import annotations

import pytest

from engine import DeployError, db
from engine.definitions import deploy, latest_version, list_versions
from engine.instances import get_instance, start_instance
from engine.tasks import TaskQuery, complete_task, list_tasks
from tests.engine.conftest import HERE

CHAIN = (HERE / "diagrams" / "chain.bpmn").read_bytes()


def test_unchanged_files_deploy_as_a_no_op(ctx):
    before = len(list_versions())
    result = deploy({"chain.bpmn": CHAIN}, "ann")
    assert result.deployed == [] and [row.process for row in result.unchanged] == ["chain"]
    assert len(list_versions()) == before


def test_a_changed_file_makes_a_new_version_and_running_instances_stay(ctx):
    old = start_instance("chain", "old", {"organ": "X"}, "ann")
    db.session.commit()
    changed = CHAIN.replace(b'name="Step two"', b'name="Step two, reworded"')
    result = deploy({"chain.bpmn": changed}, "ann")
    db.session.commit()
    assert [(row.process, row.version) for row in result.deployed] == [("chain", 2)]
    new = start_instance("chain", "new", {"organ": "X"}, "ann")
    db.session.commit()
    assert (get_instance(old.id).version, get_instance(new.id).version) == (1, 2)
    for instance in (old, new):
        task = list_tasks(TaskQuery(instance=instance.id))[0][0]
        complete_task(task.id, {"note": "go"}, "ann")
    db.session.commit()
    names = {i.business_key: list_tasks(TaskQuery(instance=i.id))[0][0].name for i in (old, new)}
    assert names == {"old": "Step two", "new": "Step two, reworded"}


@pytest.mark.parametrize("content, expected", [
    (b"<not-xml", "not a readable BPMN file"),
    (CHAIN.replace(b'targetRef="step2"', b'targetRef="missing"'), "missing"),
    (CHAIN.replace(b'camunda:formKey="note"', b'camunda:formKey="nowhere"'), "form 'nowhere' does not exist"),
    (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>', "DOCTYPE"),
])
def test_a_broken_diagram_is_refused_with_file_element_and_reason(ctx, content, expected):
    with pytest.raises(DeployError) as raised:
        deploy({"chain.bpmn": content}, "ann")
    db.session.rollback()
    problem = raised.value.problems[0]
    assert problem["file"] == "chain.bpmn" and expected in problem["message"]
    assert latest_version("chain").version == 1


def test_a_problem_names_the_element(ctx):
    bad = (HERE / "diagrams" / "faulty.bpmn").read_bytes().replace(b"share &gt; 10", b"share &gt;&gt; = 10")
    with pytest.raises(DeployError) as raised:
        deploy({"faulty.bpmn": bad}, "ann")
    assert raised.value.problems[0]["element"] == "check"
