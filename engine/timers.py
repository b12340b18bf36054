"""The timer sweep: fire what is due, in due order, loading only the instances concerned."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from .clock import SimulatedClock, current_clock
from .clock_store import save_simulated_time
from .db import db
from .errors import ClockError, DeadlineUncountable
from .history import record
from .models import Instance, TimerRow
from .projection import timers_not_counted
from .runtime import OPEN, advance, load_workflow, persist, record_fired

log = logging.getLogger(__name__)


# The sweep reads the instances' earliest timer (Instance.next_timer_at, indexed, kept by every
# save) so that its cost follows the due timers, not the number of instances that wait.


def next_due_at() -> datetime | None:
    """Return the earliest due time among timers of running instances."""
    return db.session.scalar(select(Instance.next_timer_at).where(
        Instance.next_timer_at.is_not(None), Instance.status.in_(OPEN)).order_by(Instance.next_timer_at).limit(1))


def _due_instance_ids(now: datetime, limit: int) -> list[int]:
    stmt = (select(Instance.id)
            .where(Instance.next_timer_at <= now, Instance.status.in_(OPEN))
            .order_by(Instance.next_timer_at).limit(limit))
    return list(db.session.scalars(stmt))


def _claim(instance_id: int) -> Instance | None:
    # On PostgreSQL another worker holding the row makes us skip it rather than wait or fire twice.
    stmt = select(Instance).where(Instance.id == instance_id, Instance.status.in_(OPEN))
    if db.engine.dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return db.session.scalars(stmt).first()


def _fire(instance: Instance, now: datetime) -> int:
    due = list(db.session.scalars(select(TimerRow).where(TimerRow.instance_id == instance.id,
                                                         TimerRow.due_at <= now).order_by(TimerRow.due_at)))
    if not due:
        return 0
    workflow = load_workflow(instance)
    for timer in due:
        record_fired(instance.id, timer.element, timer.due_at, timer.rule, timer.expression, timer.interrupting)
    advance(instance, workflow, "timer", announced={timer.id for timer in due})
    persist(instance, workflow, actor="timer")
    return len(due)


def fire_due_timers(limit: int = 200) -> int:
    """Fire every timer due by now, committing instance by instance; return how many fired.

    One broken instance is logged and skipped: it must not block the whole sweep.
    """
    fired = 0
    now = current_clock().now()
    for instance_id in _due_instance_ids(now, limit):
        try:
            instance = _claim(instance_id)
            if instance is not None:
                fired += _fire(instance, now)
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("timer sweep: instance %s could not be advanced", instance_id)
    return fired


def advance_clock(*, by: timedelta | None = None, to: datetime | None = None, max_steps: int = 10_000) -> int:
    """Move the simulated clock forward, firing every timer that falls due, in due order."""
    clock = current_clock()
    if not isinstance(clock, SimulatedClock):
        raise ClockError("the clock is not simulated")
    target = to if to is not None else clock.now() + (by or timedelta(0))
    if target < clock.now():
        raise ClockError("the simulated clock cannot go backwards")
    fired = 0
    for _ in range(max_steps):
        due = next_due_at()
        if due is None or due > target:
            break
        clock.set(max(due, clock.now()))
        fired_now = fire_due_timers()
        fired += fired_now
        if not fired_now and next_due_at() == due:
            break  # what is due cannot fire (its instance failed); do not spin
    clock.set(target)
    fired += fire_due_timers()
    save_simulated_time(clock)
    db.session.commit()
    return fired


def recalculate_timers(instance_id: int, actor: str, reason: str | None = None) -> list[TimerRow]:
    """Evaluate an instance's timers again (after a holiday schedule changed) and save them."""
    from .instances import get_instance

    instance = get_instance(instance_id)
    before = {row.element: row.due_at.isoformat() for row in instance_timers(instance_id)}
    workflow = load_workflow(instance)
    uncountable = timers_not_counted(workflow)
    if uncountable:  # the deadline counted before would stand while the history said it was counted again
        task, error = uncountable[0]
        raise DeadlineUncountable("the deadline of timer %(timer)s cannot be counted from the case data: %(error)s",
                                  timer=task.task_spec.bpmn_id, name=task.task_spec.bpmn_name or "", error=error)
    persist(instance, workflow, actor=actor)
    after = {row.element: row.due_at.isoformat() for row in instance_timers(instance_id)}
    record(instance.id, "timers_recalculated", actor, reason=reason, detail={"before": before, "after": after})
    return instance_timers(instance_id)


def instance_timers(instance_id: int) -> list[TimerRow]:
    """Return an instance's waiting timers, earliest first."""
    return list(db.session.scalars(select(TimerRow).where(TimerRow.instance_id == instance_id)
                                   .order_by(TimerRow.due_at)))
