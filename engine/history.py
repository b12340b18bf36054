"""The append-only history of each instance: who did what, when and why."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from .clock import current_clock
from .db import db
from .models import HistoryRow
from .step_writes import append_history

EVENTS = ("started", "task_completed", "task_claimed", "task_released", "task_assigned", "task_saved",
          "timer_fired", "suspended", "resumed", "error", "retried", "terminated", "migrated",
          "data_changed", "timers_recalculated", "completed", "rewound", "message_received")


def record(instance_id: int, event: str, actor: str, *, element: str | None = None,
           task_id: str | None = None, reason: str | None = None, detail: dict[str, Any] | None = None,
           at: datetime | None = None) -> None:
    """Append one entry to an instance's history, in the caller's transaction (`at`: now)."""
    if event not in EVENTS:
        raise ValueError(f"unknown history event {event!r}")
    append_history({"instance_id": instance_id, "at": at or current_clock().now(), "actor": actor, "event": event,
                    "element": element, "task_id": task_id, "reason": reason, "detail": detail})


def history_for(instance_id: int) -> list[HistoryRow]:
    """Return an instance's history, oldest first."""
    return list(db.session.scalars(select(HistoryRow).where(HistoryRow.instance_id == instance_id)
                                   .order_by(HistoryRow.at, HistoryRow.id)))
