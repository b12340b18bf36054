"""Find instances by what an administrator filters on."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Select, func, or_, select

from .db import db
from .models import Instance, TimerRow


@dataclass
class InstanceQuery:
    """Filters of the instance list; `None` means any."""

    process: str | None = None
    version: int | None = None
    status: str | None = None
    business_key: str | None = None
    text: str | None = None
    text_keys: Select | None = None  # business keys of cases the text finds elsewhere (a caller's own records)
    started_after: datetime | None = None
    started_before: datetime | None = None
    overdue_at: datetime | None = None
    ids: tuple[int, ...] | None = None
    page: int = 1
    per_page: int = 50


def _filtered(query: InstanceQuery):
    stmt = select(Instance)
    if query.process:
        stmt = stmt.where(Instance.process == query.process)
    if query.version is not None:
        stmt = stmt.where(Instance.version == query.version)
    if query.status:
        stmt = stmt.where(Instance.status == query.status)
    if query.business_key:
        # what is typed is found as typed: a '%' or '_' in it is no wildcard
        stmt = stmt.where(Instance.business_key.contains(query.business_key, autoescape=True))
    if query.text:
        found = [Instance.business_key.contains(query.text, autoescape=True),
                 Instance.error_message.contains(query.text, autoescape=True)]
        if query.text_keys is not None:
            found.append(Instance.business_key.in_(query.text_keys))
        stmt = stmt.where(or_(*found))
    if query.started_after is not None:
        stmt = stmt.where(Instance.started_at >= query.started_after)
    if query.started_before is not None:
        stmt = stmt.where(Instance.started_at < query.started_before)
    if query.overdue_at is not None:
        late = select(TimerRow.instance_id).where(TimerRow.due_at <= query.overdue_at, TimerRow.interrupting)
        stmt = stmt.where(Instance.id.in_(late))
    if query.ids is not None:
        stmt = stmt.where(Instance.id.in_(query.ids))
    return stmt


def list_instances(query: InstanceQuery) -> tuple[list[Instance], int]:
    """Return one page of instances, newest first, and how many match in all."""
    stmt = _filtered(query)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = max(query.page, 1)
    rows = db.session.scalars(stmt.order_by(Instance.id.desc()).offset((page - 1) * query.per_page)
                              .limit(query.per_page))
    return list(rows), total


def count_by_status(query: InstanceQuery | None = None) -> dict[str, int]:
    """Return how many instances are in each status, of all or of those the query's other filters find."""
    if query is None:
        return dict(db.session.execute(select(Instance.status, func.count()).group_by(Instance.status)).all())
    found = _filtered(replace(query, status=None)).subquery()
    return dict(db.session.execute(select(found.c.status, func.count()).group_by(found.c.status)).all())
