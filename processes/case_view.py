"""What the desk shows of a case: its petition, its procedures' history, documents and deadlines.

One petition may run through several engine instances (all carry its registration number as the
business key); the case is read across all of them.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select

from engine.clock import current_clock
from engine.db import db
from engine.history import history_for
from engine.models import HistoryRow, Instance, TaskRow
from processes.diagram_index import DiagramIndex, ElementInfo, diagram_index
from processes.documents import Document, documents_for
from processes.periods import CST
from processes.petitions.access import may_see
from processes.petitions.lookup import find_by_number
from processes.petitions.models import Petition
from processes.errors import ProcessError

MAX_MOMENT = datetime.max.replace(tzinfo=CST)  # sorts after any moment of the same entry number
SHOWN_EVENTS = ("started", "task_completed", "task_claimed", "task_released", "task_assigned", "timer_fired",
                "suspended", "resumed", "error", "retried", "terminated", "data_changed", "completed", "rewound",
                "message_received")


class CaseRefused(ProcessError):
    """The person may not see this case or work this task (another organ's, or Art. 30)."""

    code = "forbidden"
    status = 403


@dataclass
class Entry:
    """One line of a case's timeline."""

    at: datetime
    kind: str  # a history event, or "received", "document_issued", "document_served"
    actor: str | None = None
    element: str | None = None
    step: str = ""  # the element's name
    process: str = ""  # the procedure's name, bilingual as the diagram writes it
    reason: str | None = None
    document: Document | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    form: str | None = None  # the form of the task the entry is about: its title names the step in English
    info: ElementInfo | None = None  # the element as the diagram describes it (a timer's article and text)
    seq: int | None = None  # the history entry's number; a document's: that of the step it followed


def instances_of(petition: Petition) -> list[Instance]:
    """Return the engine instances of a petition, first started first."""
    return list(db.session.scalars(select(Instance).where(Instance.business_key == petition.registration_number)
                                   .order_by(Instance.started_at, Instance.id)))


def petition_of(instance: Instance) -> Petition | None:
    """Return the petition an instance belongs to, if it is one."""
    return db.session.scalar(select(Petition).where(Petition.registration_number == instance.business_key))


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=CST)


def history_entries(instance: Instance, index: DiagramIndex | None = None) -> list[Entry]:
    """Return an instance's history as timeline entries with step and procedure names."""
    index = index or diagram_index(instance.definition_id)
    forms = dict(db.session.execute(select(TaskRow.id, TaskRow.form).where(TaskRow.instance_id == instance.id)).all())
    entries = []
    for row in history_for(instance.id):
        if row.event not in SHOWN_EVENTS:
            continue
        info = index.elements.get(row.element or "")
        entries.append(Entry(row.at, row.event, row.actor, row.element, index.name_of(row.element),
                             index.processes.get(info.process if info else instance.process, instance.process),
                             row.reason, detail=dict(row.detail or {}), form=forms.get(row.task_id or ""),
                             info=info, seq=row.id))
    return entries


def timeline(petition: Petition) -> list[Entry]:
    """Return everything that happened to a petition, oldest first, across its procedures."""
    entries = [Entry(_day_start(petition.received_on), "received", detail={"channel": petition.channel})]
    for instance in instances_of(petition):
        entries += history_entries(instance)
    steps = sorted((entry.seq, entry.at) for entry in entries if entry.seq is not None)
    for document in documents_for(petition.id):
        entries.append(_document_entry("document_issued", document, document.issued_on, document.issued_after, steps))
        if document.served_on:
            entries.append(_document_entry("document_served", document, document.served_on, document.served_after,
                                           steps))
    return sorted(entries, key=_in_order)


def _document_entry(kind: str, document: Document, day: date, after: int | None,
                    steps: list[tuple[int, datetime]]) -> Entry:
    # A document issued or served in a step follows that step's entry (or the last one shown before it).
    # A day recorded later than it happened (a reply served by hand last week), or a document of an
    # earlier release, has only its day.
    shown = bisect_right(steps, (after, MAX_MOMENT)) if after is not None else 0
    if shown:
        seq, moment = steps[shown - 1]
        if moment.astimezone(CST).date() == day:
            return Entry(moment, kind, document=document, seq=seq)
    return Entry(_day_start(day), kind, document=document)


def _in_order(entry: Entry) -> tuple:
    # In the order things happened: a document just after the step that issued or served it (on a held
    # clock a case's steps share one moment: the entries' order tells them apart), one with a day only
    # after the steps of its day.
    day_only = entry.kind.startswith("document") and entry.seq is None
    return (entry.at.astimezone(CST).date(), day_only, entry.at, entry.seq or 0, entry.kind.startswith("document"))


def check_case_access(user, petition: Petition) -> None:
    """Refuse a person who may neither see the petition nor has had a task on it."""
    if may_see(user, petition):
        return
    from processes.access import may_work

    instance_ids = [i.id for i in instances_of(petition)]
    tasks = db.session.scalars(select(TaskRow).where(TaskRow.instance_id.in_(instance_ids))) if instance_ids else []
    if not any(may_work(user, task) for task in tasks) or (
            petition.confidential and petition.accused_organ and user.organ_code == petition.accused_organ):
        raise CaseRefused("This case belongs to another organ.")


def open_case(number: str, user) -> Petition:
    """Return the petition with this number if the person may see it."""
    petition = find_by_number(number)
    check_case_access(user, petition)
    return petition


def case_tasks(petition: Petition) -> list[TaskRow]:
    """Return the ready tasks of a petition across its procedures."""
    ids = [i.id for i in instances_of(petition)]
    if not ids:
        return []
    return list(db.session.scalars(select(TaskRow).where(TaskRow.instance_id.in_(ids), TaskRow.state == "ready")
                                   .order_by(TaskRow.created_at)))


def fired_timers(instance_id: int) -> dict[str, HistoryRow]:
    """Return the history rows of the timers that fired, by element."""
    return {row.element: row for row in history_for(instance_id) if row.event == "timer_fired" and row.element}


def now() -> datetime:
    """Return the clock's time (for the views' "today")."""
    return current_clock().now()
