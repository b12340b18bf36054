"""SpiffWorkflow's log details, gathered only when its loggers would write them.

SpiffWorkflow builds a dict of details for a log record at every change of a task's state, and
for a workflow it lists every task id, before the logger decides whether to write anything.
The app keeps those loggers at WARNING (web/cli.py), so the details were built to be dropped.
Here they are built when a logger would write an INFO record (or a lower one), as before.
"""
from __future__ import annotations

import logging

from SpiffWorkflow.task import Task
from SpiffWorkflow.workflow import Workflow

STOCK_TASK_DETAILS = Task.collect_log_extras
STOCK_WORKFLOW_DETAILS = Workflow.collect_log_extras
_TASK_LOGGERS = (logging.getLogger("spiff.task"), logging.getLogger("spiff.data"))  # the users of task details
_WORKFLOW_LOGGER = logging.getLogger("spiff.workflow")


def _task_details(self, dct=None):
    if any(logger.isEnabledFor(logging.INFO) for logger in _TASK_LOGGERS):
        return STOCK_TASK_DETAILS(self, dct)
    return dct if dct is not None else {}


def _workflow_details(self, dct=None):
    if _WORKFLOW_LOGGER.isEnabledFor(logging.INFO):
        return STOCK_WORKFLOW_DETAILS(self, dct)
    return dct or {}


def log_details_when_heard() -> None:
    """Make tasks and workflows gather log details only when they would be written (for the process)."""
    Task.collect_log_extras = _task_details
    Workflow.collect_log_extras = _workflow_details
