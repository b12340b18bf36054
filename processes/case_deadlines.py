"""Every statutory deadline of a case with its article and how it stands: met, running, missed, paused.

The diagrams write each limit as a timer calling `deadline(...)`. A waiting timer is a running
deadline; one that fired was missed; one whose step was reached and left before it fired was met
(its date is counted again from the case data, the way the timer counted it).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from engine.clock import current_clock
from engine.db import db
from engine.models import HistoryRow, Instance, TaskRow
from engine.timers import instance_timers
from processes.case_view import instances_of
from processes.deadlines import is_limit
from processes.diagram_index import DiagramIndex, ElementInfo, diagram_index
from processes.periods import last_day_of, to_cst_date
from processes.petitions.models import Petition
from processes.portal import REQUEST_FIELDS, RIGHTS
from processes.task_deadlines import Limit, due_state, kind_of

log = logging.getLogger(__name__)
# The form of a petitioner's request step -> the case data holding the day she used that right.
REQUESTED_ON = {RIGHTS[kind][0]: REQUEST_FIELDS[kind][1] for kind in RIGHTS}
# The form of a petitioner's request step -> the case data saying whether she asked at all.
WANTED = {RIGHTS[kind][0]: REQUEST_FIELDS[kind][0] for kind in RIGHTS}


@dataclass(frozen=True)
class CaseDeadline:
    """One statutory limit of a case as the case page shows it."""

    name: str
    step: str  # the step or stage the limit is set on
    article_zh: str
    article_en: str
    due_at: datetime | None
    last_day: date | None
    state: str  # "met", "running", "missed", "paused"; for a petitioner's window also "lapsed" (it ran out
    # unused), "declined" (she said she would not use it) and "closed" (the case moved on without its use)
    provisional: bool
    kind: str
    days_left: int | None
    stage: str = ""  # the element the limit is set on (a step, a sub-process, a call)
    index: DiagramIndex | None = field(default=None, compare=False, repr=False)  # its version's elements
    window: str = ""  # for a petitioner's window: the form of the step that uses the right (request_review, …)
    used_on: date | None = None  # the day she used the right (a request's day, an evaluation's)

    @property
    def title(self) -> str:
        """Return the limit's name. A diagram names a limit's timer by the moment it runs out ("15日期限届满");
        a table of limits names the limit itself ("15日期限"), its state saying whether it ran out."""
        return self.name[:-2] if self.name.endswith("届满") and len(self.name) > 2 else self.name


def _evaluate(expression: str, data: dict) -> object | None:
    from processes.functions import FUNCTIONS

    try:  # the same text the timer evaluated, over the case data as it stands now
        return eval(expression, {"__builtins__": {}}, {**FUNCTIONS, **data})  # noqa: S307 (deployed diagram text)
    except Exception:
        log.info("deadline %r could not be counted again", expression, exc_info=True)
        return None


def _reached(index: DiagramIndex, container: str, seen: set[str], active: set[str]) -> bool:
    if container in seen or container in active:
        return True
    return bool(index.inside(container) & (seen | active))


def _paused(instance: Instance, info: ElementInfo, index: DiagramIndex, ready: list[TaskRow]) -> bool:
    if instance.status == "suspended":
        return True
    # A hearing stops the re-review clock (Art. 36 ¶2): the timer counts paused days once it ends.
    return "paused_days" in info.timer and any(t.process == "hearing" for t in ready)


def _passed(info: ElementInfo, petitioners: dict[str, str | None], data: dict, last_day: date | None) -> str:
    """Say how a limit that ran out stands: the organ's missed; the petitioner's window lapsed unused,
    or met when the right was used by its last day (a letter posted in time that arrived later)."""
    if info.attached_to not in petitioners:
        return "missed"
    used = data.get(REQUESTED_ON.get(petitioners[info.attached_to] or "", ""))
    return "met" if used and last_day and str(used)[:10] <= last_day.isoformat() else "lapsed"


def _use(form: str, element: str, data: dict, tasks: list[TaskRow]) -> tuple[date | None, bool]:
    """Return the day the petitioner used the right a window gives, and whether she declined it."""
    done = next((t for t in tasks if t.element == element and t.state == "completed"), None)
    if form in REQUESTED_ON:
        day, wanted = data.get(REQUESTED_ON[form]), data.get(WANTED[form])
        if wanted and day:
            return to_cst_date(str(day)[:10]), False
        return None, done is not None and wanted is False
    return (to_cst_date(done.completed_at), False) if done is not None and done.completed_at else (None, False)


def _window_state(state: str, used_on: date | None, declined: bool) -> str:
    # A window left before it ran out was used, declined, or closed with the case; one that ran out was
    # used in time (a letter posted by its last day) or lapsed.
    if state != "met" or used_on is not None:
        return state
    return "declined" if declined else "closed"


def _for_instance(instance: Instance, now: datetime) -> list[CaseDeadline]:
    index = diagram_index(instance.definition_id)
    waiting = {row.element: row for row in instance_timers(instance.id)}
    history = list(db.session.scalars(select(HistoryRow).where(HistoryRow.instance_id == instance.id)))
    fired = {row.element: row for row in history if row.event == "timer_fired"}
    tasks = list(db.session.scalars(select(TaskRow).where(TaskRow.instance_id == instance.id)))
    seen = {row.element for row in history if row.element} | {t.element for t in tasks}
    ready = [t for t in tasks if t.state == "ready"]
    # A limit on the petitioner's own step (evaluation, a review request) is a right's window, not
    # the organ's duty: when it passes unused, nobody missed anything.
    petitioners = {t.element: t.form for t in tasks if t.group == "petitioner"}
    data = instance.data or {}
    found = []
    for info in index.elements.values():
        if not is_limit(info.timer) or not info.attached_to:
            continue
        step, provisional, due_at, last_day = index.name_of(info.attached_to), False, None, None
        if info.id in waiting:
            row = waiting[info.id]
            limit = Limit(row.due_at, row.provisional, kind_of(row), info.id, info.name, "", "")
            state = due_state(limit, now)
            status = "paused" if _paused(instance, info, index, ready) else (
                _passed(info, petitioners, data, limit.last_day) if state.urgency == "overdue" else "running")
            form = petitioners.get(info.attached_to) or ""
            used_on = _use(form, info.attached_to, data, tasks)[0] if form and status == "met" else None
            found.append(CaseDeadline(info.name, step, info.article_zh, info.article_en, row.due_at, limit.last_day,
                                      status, row.provisional, limit.kind, state.days_left, info.attached_to, index,
                                      form, used_on))
            continue
        if info.id in fired:
            due_text = (fired[info.id].detail or {}).get("due_at")
            due_at = datetime.fromisoformat(due_text) if due_text else fired[info.id].at
            status = _passed(info, petitioners, data, last_day_of(due_at))
        elif _reached(index, info.attached_to, seen, set(instance.active or [])):
            value = _evaluate(info.timer, data)
            due_at, provisional = getattr(value, "due_at", None), bool(getattr(value, "provisional", False))
            status = "met"
        else:
            continue
        last_day = last_day_of(due_at) if due_at else None
        form, used_on = petitioners.get(info.attached_to) or "", None
        if form:
            used_on, declined = _use(form, info.attached_to, data, tasks)
            status = _window_state(status, used_on, declined)
        found.append(CaseDeadline(info.name, step, info.article_zh, info.article_en, due_at, last_day, status,
                                  provisional, "working" if "'working'" in info.timer else "calendar", None,
                                  info.attached_to, index, form, used_on))
    return found


def case_deadlines(petition: Petition) -> list[CaseDeadline]:
    """Return the statutory deadlines of a petition across its procedures, earliest first."""
    now = current_clock().now()
    found = []
    for instance in instances_of(petition):
        found += _for_instance(instance, now)
    return sorted(found, key=lambda d: (d.due_at is None, d.due_at.timestamp() if d.due_at else 0))
