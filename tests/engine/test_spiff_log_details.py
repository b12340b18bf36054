"""SpiffWorkflow's log records keep their details whenever its loggers write them."""
from __future__ import annotations

import logging

from engine import db
from engine.instances import start_instance
from engine.tasks import TaskQuery, complete_task, list_tasks


def _one_step(key: str) -> None:
    instance_id = start_instance("chain", key, {"organ": "X"}, "ann").id
    (task,), _ = list_tasks(TaskQuery(instance=instance_id))
    complete_task(task.id, {"note": "ok"}, "ann")
    db.session.commit()


def test_state_changes_are_logged_with_their_details_when_the_logger_listens(ctx, caplog):
    with caplog.at_level(logging.INFO, logger="spiff"):
        _one_step("log-1")
    changes = [record for record in caplog.records if record.name == "spiff.task"
               and record.getMessage().startswith("State changed")]
    assert changes and all(record.workflow_spec == "chain" and record.task_spec for record in changes)
    assert {"step1", "step2"} <= {record.task_spec for record in changes}
    started = [record for record in caplog.records if record.name == "spiff.workflow"]
    assert started and all(record.workflow_spec == "chain" and record.tasks for record in started)


def test_nothing_is_logged_when_the_logger_is_quiet(ctx, caplog):
    with caplog.at_level(logging.WARNING, logger="spiff"):
        _one_step("log-2")
    assert not [record for record in caplog.records if record.name.startswith("spiff")]
