"""The supervision ledger of a petition department (督办台账, Art. 40, 41 ¶1(2)): every supervision letter it
issued in a year, to which organ, why, by when the organ must answer in writing, and where the matter
stands now.

Each letter is one supervision (supervision.bpmn). Where it stands is read from the supervision's
steps waiting on its case: the supervised organ's written feedback, the department's assessment of
it, or the escalation of feedback that came late or fell short; with none waiting, it is closed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, select

from engine import db
from engine.models import TaskRow

from .documents import Document
from .petitions import Petition
from .petitions.models import today

SUPERVISION_PROCESS = "supervision"
STATES = ("awaiting_feedback", "feedback_late", "to_assess", "escalating", "closed")


@dataclass
class LedgerRow:
    """One supervision letter and where its supervision stands."""

    letter: Document
    petition: Petition
    organ: str  # the organ supervised
    reason: str  # why supervision opened (the supervision letter form's supervision_reason)
    feedback_due: date | None
    state: str  # one of STATES


@dataclass
class Ledger:
    """A department's supervision letters of a year, newest first, and how many stand where."""

    year: int
    rows: list[LedgerRow]

    def count(self, state: str) -> int:
        """Return how many supervisions stand in a state."""
        return sum(row.state == state for row in self.rows)


def supervision_ledger(department: str, year: int) -> Ledger:
    """Return the supervision letters a department issued in a year."""
    letters = list(db.session.scalars(
        select(Document).where(Document.kind == "supervision_letter", Document.issued_by == department,
                               extract("year", Document.issued_on) == year)
        .order_by(Document.issued_on.desc(), Document.id.desc())))
    petitions = {row.id: row for row in db.session.scalars(
        select(Petition).where(Petition.id.in_({letter.petition_id for letter in letters})))} if letters else {}
    waiting = _waiting_steps({int(p.instance_id) for p in petitions.values() if p.instance_id})
    rows = []
    for letter in letters:
        petition = petitions[letter.petition_id]
        organ = ((letter.fields.get("organs") or {}).get("to") or {}).get("code", "")
        due = _day(letter.fields.get("feedback_due"))
        steps = waiting.get(int(petition.instance_id), []) if petition.instance_id else []
        rows.append(LedgerRow(letter, petition, organ, letter.fields.get("reason") or "", due,
                              _state(steps, organ, department, due)))
    return Ledger(year, rows)


def _waiting_steps(instance_ids: set[int]) -> dict[int, list[tuple[str, str | None]]]:
    # The supervision steps waiting on each case: (element, organ offered).
    found: dict[int, list[tuple[str, str | None]]] = {}
    if not instance_ids:
        return found
    for instance_id, element, organ in db.session.execute(
            select(TaskRow.instance_id, TaskRow.element, TaskRow.organ)
            .where(TaskRow.instance_id.in_(instance_ids), TaskRow.process == SUPERVISION_PROCESS,
                   TaskRow.state == "ready")):
        found.setdefault(instance_id, []).append((element, organ))
    return found


def _state(steps: list[tuple[str, str | None]], organ: str, department: str, due: date | None) -> str:
    # A case may carry two supervisions; the organ a step is offered to tells them apart where it can.
    if ("give_feedback", organ) in steps:
        return "feedback_late" if due is not None and today() > due else "awaiting_feedback"
    if ("escalate_supervision", department) in steps:
        return "escalating"
    if ("assess_feedback", department) in steps:
        return "to_assess"
    return "closed"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
