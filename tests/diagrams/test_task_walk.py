"""The engine's task search (engine/task_walk.py) finds what SpiffWorkflow's own iterator finds, in
the same order, at every step of the regulation's longest paths, with called processes running."""
from __future__ import annotations

import pytest
from SpiffWorkflow.bpmn.util.subworkflow import BpmnBaseWorkflow
from SpiffWorkflow.bpmn.util.task import BpmnTaskIterator
from SpiffWorkflow.util.task import TaskIterator, TaskState

from engine import task_walk
from engine.runtime import read_workflow
from processes.case_walk import REVIEW
from tests.diagrams.walker import LABOUR, REPLIED

SEARCHES = [{"state": state} for state in (TaskState.ANY_MASK, TaskState.FINISHED_MASK, TaskState.NOT_FINISHED_MASK,
                                           TaskState.DEFINITE_MASK, TaskState.PREDICTED_MASK, TaskState.READY,
                                           TaskState.WAITING, TaskState.COMPLETED, TaskState.CANCELLED)] + [
    {"state": TaskState.READY, "manual": True}, {"state": TaskState.READY, "manual": False},
    {"state": TaskState.WAITING, "skip_subprocesses": True}, {"skip_subprocesses": True},
    {"spec_name": "Start"}, {"state": TaskState.NOT_FINISHED_MASK, "lane": "reviewer"}]


def _names(tasks) -> list[tuple]:
    return [(task.id, task.task_spec.name, task.state) for task in tasks]


class CrossCheck:
    """Run every search both ways and keep what differed."""

    def __init__(self) -> None:
        self.searches = 0
        self.with_subprocesses = 0
        self.differences: list[str] = []

    def compare(self, workflow, found, expected, what) -> None:
        self.searches += 1
        self.with_subprocesses += bool(workflow.top_workflow.subprocesses)
        if found != expected:
            self.differences.append(f"{what}: {found} != {expected}")

    def get_tasks_iterator(self, workflow, first_task=None, **kwargs):
        for search in [kwargs, *SEARCHES]:
            found = list(task_walk._get_tasks_iterator(workflow, first_task, **search))
            expected = list(BpmnTaskIterator(first_task or workflow.task_tree, **search))
            self.compare(workflow, _names(found), _names(expected), search)
        return task_walk._get_tasks_iterator(workflow, first_task, **kwargs)

    def is_completed(self, workflow) -> bool:
        expected = workflow.completed or next(TaskIterator(workflow.task_tree, state=TaskState.NOT_FINISHED_MASK),
                                              None) is None
        found = task_walk._is_completed(workflow)
        self.compare(workflow, found, expected, "is_completed")
        return found

    def update_waiting_tasks(self, workflow) -> None:
        expected = list(TaskIterator(workflow.task_tree, state=TaskState.WAITING))
        found = list(task_walk._walk(workflow.task_tree, {}, TaskState.WAITING, None, True, None))
        self.compare(workflow, _names(found), _names(expected), "update_waiting_tasks")
        task_walk._update_waiting_tasks(workflow)


@pytest.fixture
def cross_check(monkeypatch) -> CrossCheck:
    check = CrossCheck()
    for name in ("get_tasks_iterator", "is_completed", "update_waiting_tasks"):
        method = getattr(check, name)
        monkeypatch.setattr(BpmnBaseWorkflow, name, lambda workflow, *args, _m=method, **kwargs: _m(workflow, *args,
                                                                                                      **kwargs))
    return check


def test_every_search_of_a_review_and_re_review_with_a_hearing_finds_what_spiffworkflow_finds(walker, cross_check):
    case = walker(receiving_organ=LABOUR).steps(REPLIED).request("review").steps(REVIEW).request("re_review")
    case.step("examine_re_review", hold_hearing=True)
    assert case.stage == "hearing"
    assert cross_check.searches > 500 and cross_check.with_subprocesses > 100
    assert cross_check.differences == []


def test_a_workflow_too_large_for_the_quick_walk_is_searched_by_spiffworkflow(walker, monkeypatch):
    case = walker(receiving_organ=LABOUR).steps(REPLIED)
    workflow = read_workflow(case.instance)
    quick = workflow.get_tasks(state=TaskState.NOT_FINISHED_MASK)
    monkeypatch.setattr(task_walk, "_MAX_DEPTH", 3)
    calls = []
    monkeypatch.setattr(task_walk, "STOCK_ITERATOR", lambda *args, **kwargs: calls.append(kwargs) or
                        BpmnTaskIterator(workflow.task_tree, **kwargs))
    assert _names(workflow.get_tasks(state=TaskState.NOT_FINISHED_MASK)) == _names(quick)
    assert calls == [{"state": TaskState.NOT_FINISHED_MASK}]
    assert workflow.get_tasks(end_at_spec="Start", state=TaskState.ANY_MASK)  # a search it does not cover
    assert len(calls) == 2
