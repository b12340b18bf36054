"""Task data is copied from task to task: equal, and never shared."""
from __future__ import annotations

from datetime import date

from SpiffWorkflow.util.task import TaskState

from engine import db
from engine.data_copy import copy_data
from engine.instances import start_instance
from engine.runtime import read_workflow


def test_a_copy_is_equal_and_shares_nothing_that_can_change():
    data = {"petitioners": [{"name": "周丽", "phones": ["138"]}], "days": 15, "extended": False,
            "files": None, "seen": {"JN-QS"}, "since": date(2026, 10, 1), "pair": (1, [2])}
    copied = copy_data(data)
    assert copied == data
    copied["petitioners"][0]["phones"].append("139")
    copied["seen"].add("JN-LX")
    copied["pair"][1].append(3)
    assert data["petitioners"][0]["phones"] == ["138"] and data["seen"] == {"JN-QS"} and data["pair"] == (1, [2])


def test_a_task_readied_by_the_engine_has_its_own_copy_of_the_case_data(ctx):
    instance = start_instance("chain", "copy-1", {"organ": "X", "parties": [{"name": "周丽"}]}, "ann")
    db.session.commit()
    workflow = read_workflow(instance)
    (ready,) = workflow.get_tasks(state=TaskState.READY, manual=True)
    parent = ready.parent
    assert ready.data["parties"] == parent.data["parties"] == [{"name": "周丽"}]
    assert ready.data["parties"] is not parent.data["parties"]
    assert ready.data["parties"][0] is not parent.data["parties"][0]
