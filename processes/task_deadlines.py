"""The statutory limit that governs each task, and how many days are left of it as the law counts.

A limit is a timer whose text calls `deadline(...)`: attached to the task itself (its `due_at`),
or attached to a sub-process or call that encloses the task, the usual way a diagram says
"the whole review must end within 30 days" (Art. 35).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from engine.db import db
from engine.models import DefinitionVersion, Instance, TaskRow, TimerRow
from processes.deadlines import is_limit
from processes.diagram_index import DiagramIndex, version_index
from processes.holidays import load_calendar
from processes.periods import Deadline, days_left, last_day_of

SOON_DAYS = 3  # a limit this many days away or fewer is "due soon"


@dataclass(frozen=True)
class Limit:
    """A statutory limit: when it runs out, how it counts, which article sets it."""

    due_at: datetime
    provisional: bool
    kind: str  # "calendar" or "working"
    element: str
    name: str
    article_zh: str
    article_en: str

    @property
    def last_day(self) -> date:
        """Return the last day of the period (CST): it ends at 24:00 of this day."""
        return last_day_of(self.due_at)


@dataclass(frozen=True)
class DueState:
    """How a limit stands today."""

    limit: Limit
    days_left: int
    urgency: str  # "overdue", "soon" or "ok"


def is_statutory(timer: TimerRow) -> bool:
    """Tell whether a timer is a statutory limit (not a reminder, not a plain wait)."""
    return is_limit(timer.expression)


def kind_of(timer: TimerRow | None) -> str:
    """Return whether a limit counts calendar or working days."""
    text = f"{timer.expression} {timer.rule}" if timer else ""
    # A calendar period's rule may say its last day "rolled to next working day": that is no working-day period.
    return "working" if ("'working'" in text or '"working"' in text or " working days from " in text) else "calendar"


def limit_of_timer(timer: TimerRow, index: DiagramIndex, fallback: str | None = None) -> Limit:
    """Return the limit a timer sets, with the article its element (or the fallback element) cites."""
    info = index.elements.get(timer.element)
    other = index.elements.get(fallback or "")
    zh = (info.article_zh if info else "") or (other.article_zh if other else "")
    en = (info.article_en if info else "") or (other.article_en if other else "")
    name = (info.name if info else "") or timer.name or timer.element
    return Limit(timer.due_at, timer.provisional, kind_of(timer), timer.element, name, zh, en)


def indexes_for(instance_ids: set[int]) -> dict[int, DiagramIndex]:
    """Return the diagram index of each instance."""
    rows = db.session.execute(select(Instance.id, Instance.definition_id, DefinitionVersion.content_hash).join(
        DefinitionVersion, DefinitionVersion.id == Instance.definition_id).where(Instance.id.in_(instance_ids)))
    return {instance_id: version_index(definition_id, content_hash)
            for instance_id, definition_id, content_hash in rows}


def governing_limits(tasks: list[TaskRow]) -> dict[str, Limit]:
    """Return, per ready task id, the earliest statutory limit that governs it."""
    instance_ids = {t.instance_id for t in tasks}
    if not instance_ids:
        return {}
    indexes = indexes_for(instance_ids)
    timers: dict[int, list[TimerRow]] = {}
    for timer in db.session.scalars(select(TimerRow).where(TimerRow.instance_id.in_(instance_ids))
                                    .order_by(TimerRow.due_at)):
        timers.setdefault(timer.instance_id, []).append(timer)
    found: dict[str, Limit] = {}
    for task in tasks:
        index, waiting = indexes[task.instance_id], timers.get(task.instance_id, [])
        own = [t for t in waiting if t.attached_to == task.element]
        if task.due_at is not None:
            timer = next((t for t in own if t.due_at == task.due_at), own[0] if own else None)
            found[task.id] = (limit_of_timer(timer, index, task.element) if timer else
                              Limit(task.due_at, task.due_provisional, "calendar", task.element, task.name,
                                    *_articles(index, task.element)))
            continue
        around = set(index.enclosing(task.element))
        statutory = [t for t in waiting if is_statutory(t) and (t.attached_to in around or t in own)]
        if statutory:
            found[task.id] = limit_of_timer(statutory[0], index, statutory[0].attached_to)
    return found


def _articles(index: DiagramIndex, element: str) -> tuple[str, str]:
    info = index.elements.get(element)
    return (info.article_zh, info.article_en) if info else ("", "")


def due_state(limit: Limit | None, now: datetime) -> DueState | None:
    """Return the days left of a limit as the law counts them, and how urgent it is."""
    if limit is None:
        return None
    deadline = Deadline(due_at=limit.due_at, last_day=limit.last_day, provisional=limit.provisional, rule="")
    left = days_left(deadline, now, kind=limit.kind,
                     cal=load_calendar(db.session) if limit.kind == "working" else None)
    urgency = "overdue" if now >= limit.due_at else ("soon" if left <= SOON_DAYS else "ok")
    return DueState(limit, left, urgency)
