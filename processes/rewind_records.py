"""What stays when a case goes back to an earlier step: the documents issued from that step on.

Going back undoes the workflow only (engine/rewind.py). A written notice or opinion already issued
or served stays as it is: an organ withdraws a written decision by another document, not by deleting
it. The console names them beside the steps it offers to go back to, so the administrator knows what
the petitioner may already hold.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from engine.db import db
from engine.models import HistoryRow
from engine.rewind import EarlierStep
from processes.documents import Document, documents_for
from processes.periods import to_cst_date
from processes.petitions.models import Petition


def documents_from(petition: Petition | None, steps: Sequence[EarlierStep]) -> dict[str, list[Document]]:
    """Return, by the task id of each step, the documents of the petition issued when that step was
    completed or later (they stay if the case goes back to it); steps with none are left out."""
    documents = documents_for(petition.id) if petition is not None else []
    if not documents or not steps:
        return {}
    completions = dict(db.session.execute(
        select(HistoryRow.task_id, func.max(HistoryRow.id)).where(
            HistoryRow.event == "task_completed", HistoryRow.task_id.in_([step.task_id for step in steps]))
        .group_by(HistoryRow.task_id)).all())
    found = {}
    for step in steps:
        entry = completions.get(step.task_id)
        day = to_cst_date(step.completed_at) if step.completed_at else None
        # A document records the case's latest history entry when it was issued; one of an earlier
        # release records none, and its day decides.
        later = [document for document in documents
                 if (document.issued_after is not None and entry is not None and document.issued_after >= entry)
                 or (document.issued_after is None and day is not None and document.issued_on >= day)]
        if later:
            found[step.task_id] = later
    return found
