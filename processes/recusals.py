"""Who recused from a case (Art. 28 ¶3): the handlers who declared a direct interest at its recusal check."""
from __future__ import annotations

from sqlalchemy import select

from engine.db import db
from engine.models import HistoryRow

CHECK = "check_recusal"  # the handling step where a handler declares an interest, or none


def recused_handlers(instance_id: int) -> set[str]:
    """Return the usernames that completed a recusal check of the case declaring a direct interest."""
    rows = db.session.execute(select(HistoryRow.actor, HistoryRow.detail).where(
        HistoryRow.instance_id == instance_id, HistoryRow.event == "task_completed", HistoryRow.element == CHECK))
    return {actor for actor, detail in rows
            if isinstance(detail, dict) and (detail.get("data") or {}).get("has_direct_interest") in (True, "true")}
