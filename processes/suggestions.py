"""The suggestions of supervision letters and the adoption fed back (Art. 40 ¶4), kept as they are made.

The annual report (Art. 41) counts them for a year and a scope. Read back out of the history, the
data of every completion of the year had to be searched as text; a row is kept here instead when
a completion names a suggestion or an adoption, so the report reads a few indexed rows.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import ForeignKey, String, Text, cast, insert, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from engine.completions import CompletedTask
from engine.db import UtcDateTime, db
from engine.models import HistoryRow

SUGGESTION_FIELDS = {  # the fields of the supervision letter's form (forms/supervision_letter.json)
    "improvement": "improvement_suggestions",
    "policy": "policy_suggestions",
    "accountability": "accountability_suggestion",
}
ADOPTION_FIELD = "suggestions_adoption"  # forms/supervision_feedback.json
ADOPTIONS = ("adopted", "partly_adopted", "not_adopted")


class SuggestionRecord(db.Model):
    """One completion that made suggestions or fed back on their adoption: which kinds, what answer."""

    __tablename__ = "suggestion_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)  # the completion's history entry's
    improvement: Mapped[bool] = mapped_column(default=False)
    policy: Mapped[bool] = mapped_column(default=False)
    accountability: Mapped[bool] = mapped_column(default=False)
    adoption: Mapped[Optional[str]] = mapped_column(String(20))


def suggestion_values(instance_id: int, at: datetime, data: Any) -> dict[str, Any] | None:
    """Return the row to keep of a completion's data, or None when it names no suggestion nor adoption."""
    data = data if isinstance(data, dict) else {}
    made = {kind: bool(str(data.get(name) or "").strip()) for kind, name in SUGGESTION_FIELDS.items()}
    adoption = data.get(ADOPTION_FIELD)
    adoption = adoption if isinstance(adoption, str) and adoption in ADOPTIONS else None
    if not any(made.values()) and adoption is None:
        return None
    return {"instance_id": instance_id, "at": at, **made, "adoption": adoption}


def record_suggestions(completed: CompletedTask) -> None:
    """Keep the suggestions or the adoption a completed task records (a completion listener)."""
    values = suggestion_values(completed.instance_id, completed.at, completed.data)
    if values is not None:
        db.session.add(SuggestionRecord(**values))


SAME = ("instance_id", "at", *SUGGESTION_FIELDS, "adoption")  # a completion's instance and instant, what it named


def _same(values: dict[str, Any]) -> tuple:
    return tuple(values[key] for key in SAME)


def record_past_suggestions() -> int:
    """Keep a row for each completion in the history that made suggestions or fed back on them and
    has none yet; return how many rows were added.

    Run when the table is made in a database that already holds cases (processes/backfills.py),
    and again should that fill have been cut short. The steps completed meanwhile have kept their
    own rows: a completion is matched to a kept row value for value and not kept twice. The
    history is read before the kept rows: a step completing in between is then either in both
    or only among the kept rows, never only in the history.
    """
    text = cast(HistoryRow.detail, Text)
    named = or_(*(text.contains(f'"{name}"') for name in (*SUGGESTION_FIELDS.values(), ADOPTION_FIELD)))
    found = db.session.execute(select(HistoryRow.instance_id, HistoryRow.at, HistoryRow.detail).where(
        HistoryRow.event == "task_completed", named).order_by(HistoryRow.id)).all()
    kept = Counter(_same(row._asdict()) for row in db.session.execute(
        select(*(getattr(SuggestionRecord, key) for key in SAME))))
    rows = []
    for instance_id, at, detail in found:
        values = suggestion_values(instance_id, at, (detail or {}).get("data"))
        if values is None:
            continue
        if kept[_same(values)]:
            kept[_same(values)] -= 1
        else:
            rows.append(values)
    if rows:
        db.session.execute(insert(SuggestionRecord), rows)
    return len(rows)
