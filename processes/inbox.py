"""The handler's inbox: the ready tasks a person may work, with their case and the days left in law.

A task is joined to its petition through the instance's business key (the registration number),
so tasks of any procedure of the case, called or started apart, show the same case facts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select

from engine.clock import current_clock
from engine.db import db
from engine.models import Instance, TaskRow
from processes.access import task_scope
from processes.petitions.models import Petition
from processes.task_deadlines import DueState, due_state, governing_limits, indexes_for

TABS = ("mine", "group", "all")
ORDERS = ("due", "new", "received")
MAX_SCANNED = 5000  # an inbox is one organ's open work; past this, narrow it with filters


@dataclass
class InboxFilters:
    """What the inbox shows: a tab, filters over the case, an order, a page."""

    tab: str = "mine"
    stage: str | None = None
    channel: str | None = None
    organ: str | None = None
    category: str | None = None
    deadline: str | None = None  # "overdue" or "soon"
    order: str = "due"
    page: int = 1
    per_page: int = 25


@dataclass
class InboxRow:
    """One task of the inbox with its case (None for a process that is not a petition)."""

    task: TaskRow
    petition: Petition | None
    due: DueState | None
    procedure: str = ""  # the name of the procedure the task belongs to


@dataclass
class InboxPage:
    """One page of the inbox and how many tasks each tab holds."""

    rows: list[InboxRow]
    total: int
    counts: dict[str, int] = field(default_factory=dict)
    page: int = 1
    per_page: int = 25

    @property
    def pages(self) -> int:
        """Return the number of pages."""
        return max(1, -(-self.total // self.per_page))


def _visible(user):
    stmt = (select(TaskRow, Petition).join(Instance, Instance.id == TaskRow.instance_id)
            .outerjoin(Petition, Petition.registration_number == Instance.business_key)
            .where(TaskRow.state == "ready"))
    groups, organs = task_scope(user)
    if groups is not None:
        stmt = stmt.where(TaskRow.group.in_(groups), or_(TaskRow.organ.is_(None), TaskRow.organ.in_(organs or ())))
    if user.organ_code:  # Art. 30: what accuses an organ never reaches it
        stmt = stmt.where(or_(Petition.id.is_(None), Petition.confidential.is_(False),
                              Petition.accused_organ.is_(None), Petition.accused_organ != user.organ_code))
    return stmt


def _tab(stmt, tab: str, user):
    if tab == "mine":
        return stmt.where(TaskRow.assignee == user.username)
    if tab == "group":
        return stmt.where(TaskRow.assignee.is_(None))
    return stmt


def _filtered(stmt, filters: InboxFilters):
    for column, value in ((Petition.stage, filters.stage), (Petition.channel, filters.channel),
                          (Petition.category, filters.category), (TaskRow.organ, filters.organ)):
        if value:
            stmt = stmt.where(column == value)
    return stmt


def _tab_of(row: InboxRow, tab: str, username: str) -> bool:
    if tab == "mine":
        return row.task.assignee == username
    if tab == "group":
        return row.task.assignee is None
    return True


def _sort_key(order: str, now: datetime):
    if order == "new":
        return lambda row: -row.task.created_at.timestamp()
    if order == "received":
        return lambda row: (row.petition is None, row.petition.received_on.toordinal() if row.petition else 0,
                            row.task.created_at.timestamp())
    return lambda row: (row.due is None, row.due.limit.due_at.timestamp() if row.due else 0,
                        row.task.created_at.timestamp())


def inbox(user, filters: InboxFilters) -> InboxPage:
    """Return one page of the tasks a user may work, with the case of each and the count per tab.

    Deadlines come from timers around each task, so the deadline filter and order are applied
    here rather than in SQL; the rows are one organ's open tasks, bounded by MAX_SCANNED.
    """
    now = current_clock().now()
    found = db.session.execute(_filtered(_visible(user), filters).limit(MAX_SCANNED)).all()
    limits = governing_limits([task for task, _ in found])
    indexes = indexes_for({task.instance_id for task, _ in found})
    rows = [InboxRow(task, petition, due_state(limits.get(task.id), now),
                     indexes[task.instance_id].procedure_of(task.element, task.process)) for task, petition in found]
    if filters.deadline in ("overdue", "soon"):
        rows = [row for row in rows if row.due and row.due.urgency == filters.deadline]
    counts = {tab: sum(_tab_of(row, tab, user.username) for row in rows) for tab in TABS}
    tab = filters.tab if filters.tab in TABS else "mine"
    chosen = sorted((row for row in rows if _tab_of(row, tab, user.username)),
                    key=_sort_key(filters.order if filters.order in ORDERS else "due", now))
    page, per_page = max(filters.page, 1), min(max(filters.per_page, 1), 100)
    return InboxPage(chosen[(page - 1) * per_page: page * per_page], len(chosen), counts, page, per_page)
