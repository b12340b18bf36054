"""Load an instance's workflow, run it forward, and write state and projections together."""
from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime, timezone
from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from sqlalchemy import bindparam, select

from .after_commit import after_commit
from .clock import current_clock
from .db import db
from .definitions import SPECS_KEY_COLUMNS, specs_by_id, specs_by_key, specs_for
from .errors import NotFound
from .history import record
from .json_codec import dump, load
from .loaded_rows import set_loaded_values
from .models import DefinitionVersion, Instance
from .prepared import Prepared, batched
from .projection import is_timer, snapshot
from .settings import current_engine
from .step_writes import (Projected, flush_other_changes, project_tasks, project_timers, projected,
                          remember_projected, write_history, write_instance)

log = logging.getLogger(__name__)
OPEN = ("running", "waiting")
ENDED = ("completed", "terminated")  # nothing is left to run: no tasks wait, no timers
NOT_ENDED = (*OPEN, "suspended", "error")  # every other status: the case may still be acted on


def new_workflow(definition) -> BpmnWorkflow:
    """Create a fresh workflow of a deployed version."""
    spec, subprocesses = specs_for(definition)
    return BpmnWorkflow(spec, subprocesses, script_engine=current_engine().script_engine)


def load_workflow(instance: Instance) -> BpmnWorkflow:
    """Return the live workflow of an instance to run: kept from its last step, or rebuilt."""
    kept = current_engine().workflows.take(instance.id, instance.lock_version, instance.definition_id)
    return kept if kept is not None else _rebuild(instance)


def read_workflow(instance: Instance) -> BpmnWorkflow:
    """Return the live workflow of an instance to look at, never to run or change.

    A kept workflow stays kept (the next step still finds it), so the caller must not alter it.
    """
    kept = current_engine().workflows.peek(instance.id, instance.lock_version, instance.definition_id)
    return kept if kept is not None else _rebuild(instance)


# A rebuild reads the saved state (left out when the case row was read) and what tells the parsed
# specs of its version apart, in one statement (one round trip on PostgreSQL).
_STATE_AND_SPECS_KEY = Prepared(select(Instance.__table__.c.state, *SPECS_KEY_COLUMNS).join_from(
    Instance.__table__, DefinitionVersion.__table__, DefinitionVersion.__table__.c.id == bindparam("definition"))
    .where(Instance.__table__.c.id == bindparam("instance")))


def _rebuild(instance: Instance) -> BpmnWorkflow:
    from .store import load_state

    if "state" in instance.__dict__:  # read with the row already, or written by this transaction
        state, (spec, subprocesses) = instance.state, specs_by_id(instance.definition_id)
    else:
        found = _STATE_AND_SPECS_KEY.rows({"instance": instance.id, "definition": instance.definition_id})
        if not found:
            raise NotFound("instance %(instance)s or its definition %(definition)s does not exist",
                           instance=instance.id, definition=instance.definition_id)
        state, content_hash, process = found[0]
        set_loaded_values(instance, {"state": state})
        spec, subprocesses = specs_by_key(instance.definition_id, content_hash, process)
    return load_state(state, spec, subprocesses, current_engine().script_engine)


def _error_element(exc: Exception) -> str | None:
    task = getattr(exc, "task", None)
    return getattr(getattr(task, "task_spec", None), "bpmn_id", None) if task is not None else None


def _refresh_timers(workflow: BpmnWorkflow) -> None:
    # SpiffWorkflow 3.2 renamed refresh_waiting_tasks (kept, deprecated) to refresh_timers.
    refresh = getattr(workflow, "refresh_timers", None) or workflow.refresh_waiting_tasks
    refresh()


def advance(instance: Instance, workflow: BpmnWorkflow, actor: str, *, announced: Collection[str] = ()) -> None:
    """Run engine steps until the workflow waits for people or time; record a failure as an error.

    Every timer that fires in the step goes into the history, unless it is `announced` (the ids
    of the timers the sweep already recorded): one whose limit was already past when the case
    reached it fires here, with no sweep.
    """

    def completed(task) -> None:
        if is_timer(task) and str(task.id) not in announced:
            _record_fired_task(instance.id, task)

    try:
        _refresh_timers(workflow)  # timers that fell due since the last step fire first
        # SpiffWorkflow runs engine tasks until none is ready; a timer that is already due when it is
        # reached fires at once, so one pass leaves only people's tasks and future timers waiting.
        workflow.do_engine_steps(did_complete_task=completed)
    except SpiffWorkflowException as exc:
        instance.status = "error"
        instance.error_element = _error_element(exc)
        instance.error_message = str(exc)
        record(instance.id, "error", actor, element=instance.error_element, detail={"message": str(exc)})
        log.info("instance %s stopped with an error at %s: %s", instance.id, instance.error_element, exc)


def record_fired(instance_id: int, element: str, due_at: datetime, rule: str, expression: str,
                 interrupting: bool) -> None:
    """Record in the history that a timer fired: when it was due, by what rule, from what text."""
    record(instance_id, "timer_fired", "timer", element=element,
           detail={"due_at": due_at.astimezone(timezone.utc).isoformat(), "rule": rule, "expression": expression,
                   "interrupting": interrupting})


def _record_fired_task(instance_id: int, task) -> None:
    definition = task.task_spec.event_definition
    value = definition.timer_value(task)
    record_fired(instance_id, task.task_spec.bpmn_id, value.due_at, value.rule, definition.expression,
                 getattr(task.task_spec, "cancel_activity", True))


def _as_text(value: Any) -> str:
    return getattr(value, "isoformat", lambda: str(value))()


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    # Case data may hold values a script computed (a Deadline); the projection keeps their text.
    return load(dump(data, default=_as_text))


def persist(instance: Instance, workflow: BpmnWorkflow, *, completed_task: str | None = None,
            actor: str | None = None) -> None:
    """Write state, status, ready tasks and timers of an instance (in the caller's transaction)."""
    from .store import dump_state

    now = current_clock().now()
    seen = snapshot(workflow)
    status, ended_at = instance.status, instance.ended_at
    if status in OPEN:
        if seen.completed:
            status, ended_at = "completed", now
            record(instance.id, "completed", actor or "engine")
        else:
            status = "running" if seen.ready else "waiting"
    kept = seen.timers if status not in ENDED else []
    next_timer_at = min((timer.due_at for timer in kept), default=None)
    values = {"state": dump_state(workflow), "data": _jsonable(seen.data), "active": seen.active, "status": status,
              "updated_at": now, "ended_at": ended_at, "next_timer_at": next_timer_at,
              "error_message": instance.error_message, "error_element": instance.error_element}
    # Everything is computed: from here on only writes, so a write lock is held briefly. They go
    # together (one round trip on PostgreSQL), the instance row first; a step that lost the race to
    # another is told so by the instance row, whatever its other writes ran into.
    before, had_timers = projected(workflow, instance.lock_version), instance.next_timer_at is not None
    flush_other_changes(instance)
    update = None
    try:
        with batched():
            update = write_instance(instance, values)
            tasks = project_tasks(instance.id, seen.ready, now, completed_task, actor, before and before.tasks)
            timers = project_timers(instance.id, kept, before and before.timers) if had_timers or kept else {}
            write_history(db.session())
    except Exception:
        if update is not None:
            update.check()  # a lost race raises Conflict here, not the error it led to
        raise
    update.done()
    tasks.update_loaded()  # task objects the request loaded would otherwise still say "ready"
    remember_projected(workflow, Projected(instance.lock_version, tasks.ready, timers))
    engine = current_engine()
    engine.workflows.stage(db.session(), instance.id, instance.lock_version, instance.definition_id, workflow)
    if next_timer_at is not None:
        after_commit(db.session(), lambda: engine.timers_changed(next_timer_at))
