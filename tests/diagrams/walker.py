"""Walk one petition through the real diagrams, the way the desk and the portal do, step by step.

Every step ends with a commit and an emptied session, so the next step reads the case back from
the database: the engine rebuilds the workflow from its saved state on every step, which is the
save/restore round trip of each path. A ``restored`` walk adds one more between steps: the state
saved is loaded with ``engine.store.load_state`` and saved again through the engine, which dumps
it with ``dump_state`` (the dump must equal what was saved) and projects its tasks and timers
afresh, as after a restart; and the workflow kept in memory, converted afresh, must be what was
saved (finished tasks are converted once and reused).
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from engine import current_engine, db
from engine.definitions import specs_by_id
from engine.history import history_for
from engine.instances import get_instance
from engine.models import Instance
from engine.runtime import persist
from engine.state_compression import decompress
from engine.store import dump_state, forget_saved, load_state
from engine.timers import advance_clock
from processes import portal
from processes.case_walk import (
    ACCEPT_OWN,
    INVESTIGATE,
    REPLY,
    Step,
    complete_step,
    ready_tasks,
    task_at,
)
from processes.documents import documents_for
from processes.petitions import Petition, get_petition, submit_petition
from tests.sample_petition import petition_fields

CST = ZoneInfo("Asia/Shanghai")
MODES = ("straight", "restored")
LABOUR = "JN-QS-LX-RSJ"  # 柳溪县人社局: handles the wage complaints of these tests
# A matter received on 5 January by the organ whose duty it is, accepted the same day (Art. 23 ¶1).
ACCEPTED: tuple[Step, ...] = ACCEPT_OWN
INVESTIGATING: tuple[Step, ...] = (*ACCEPT_OWN, *INVESTIGATE)
REPLIED: tuple[Step, ...] = (*INVESTIGATING, *REPLY)  # the opinion served on 5 January


class Walker:
    """One petition and its instance, advanced a step at a time with the state reloaded each time."""

    def __init__(self, mode: str) -> None:
        self.restored = mode == "restored"
        self.petition_id = 0
        self.instance_id = 0
        self.query_code = ""

    def submit(self, **changes: Any) -> Walker:
        """Register a petition (``petition_fields`` with changes) and start its case."""
        submitted = submit_petition(petition_fields(**changes), "registrar")
        self.petition_id, self.query_code = submitted.petition.id, submitted.query_code
        self.instance_id = int(submitted.petition.instance_id)
        self._settle()
        return self

    def step(self, element: str, **choices: Any) -> Walker:
        """Complete the ready task of ``element`` with the usual values and these choices."""
        complete_step(self.instance_id, element, choices)
        self._settle()
        return self

    def steps(self, steps: tuple[Step, ...] | list[Step]) -> Walker:
        """Complete several steps in order, each in its own transaction."""
        for element, choices in steps:
            self.step(element, **choices)
        return self

    def request(self, kind: str, reasons: str = "对处理意见不服。") -> Walker:
        """Ask through the portal for review or re-review, as the petitioner does."""
        portal.request_right(self.petition, kind, reasons)
        self._settle()
        return self

    def evaluate(self, evaluation: str, comment: str = "") -> Walker:
        """Evaluate the handling through the portal with the query code (Art. 21)."""
        portal.evaluate_handling(self.petition, self.query_code, evaluation, comment)
        self._settle()
        return self

    def window(self, kind: str) -> portal.Window:
        """Return the portal's view of the petitioner's right to ask for review or re-review."""
        return portal.progress(self.petition).windows[kind]

    def advance(self, *, to: datetime | None = None, by: timedelta | None = None) -> int:
        """Move the simulated clock, firing every timer that falls due; return how many fired."""
        fired = advance_clock(to=to, by=by)
        self._settle()
        return fired

    def _settle(self) -> None:
        db.session.commit()
        db.session.expunge_all()
        if self.restored:
            self._round_trip()

    def _round_trip(self) -> None:
        instance = get_instance(self.instance_id, with_state=True)
        saved = instance.state
        kept = current_engine().workflows.peek(instance.id, instance.lock_version, instance.definition_id)
        if kept is not None:  # saved from finished tasks converted in earlier steps: none may be stale
            for task in [*kept.get_tasks(), *(t for sub in kept.subprocesses.values() for t in sub.get_tasks())]:
                forget_saved(task)
            assert _plain(dump_state(kept)) == _plain(saved), "a finished task was saved as it no longer is"
        workflow = load_state(saved, *specs_by_id(instance.definition_id), current_engine().script_engine)
        persist(instance, workflow, actor="restore")  # dumped again, tasks and timers projected afresh
        assert _plain(instance.state) == _plain(saved), "the state changed through load and dump"
        db.session.commit()
        db.session.expunge_all()

    # What a user notices.
    @property
    def petition(self) -> Petition:
        """Return the petition as the database holds it now."""
        return get_petition(self.petition_id)

    @property
    def instance(self) -> Instance:
        """Return the instance as the database holds it now."""
        return get_instance(self.instance_id)

    @property
    def stage(self) -> str:
        """Return the stage the petitioner sees."""
        return self.petition.stage

    @property
    def status(self) -> str:
        """Return the instance's status."""
        return self.instance.status

    @property
    def data(self) -> dict[str, Any]:
        """Return the case data."""
        return self.instance.data

    def ready(self) -> set[str]:
        """Return the elements of the ready tasks."""
        return {row.element for row in ready_tasks(self.instance_id)}

    def waiting(self, element: str) -> int:
        """Return how many tasks of an element are ready (two supervisions of one limit show as 2)."""
        return sum(row.element == element for row in ready_tasks(self.instance_id))

    def fired(self) -> list[str]:
        """Return the timers that fired, reminders and limits, oldest first, as the case history shows."""
        return [row.element for row in history_for(self.instance_id) if row.event == "timer_fired"]

    def offered(self, element: str) -> tuple[str | None, str | None]:
        """Return the role and the organ a ready task is offered to."""
        row = task_at(self.instance_id, element)
        return row.group, row.organ

    def due(self, element: str) -> datetime:
        """Return the due time of a ready task, in China Standard Time."""
        due = task_at(self.instance_id, element).due_at
        assert due is not None, f"{element} has no deadline"
        return due.astimezone(CST)

    def documents(self) -> list[str]:
        """Return the kinds of the documents issued, oldest first."""
        return [document.kind for document in documents_for(self.petition_id)]

    def document(self, kind: str):
        """Return the newest document of a kind."""
        found = [document for document in documents_for(self.petition_id) if document.kind == kind]
        assert found, f"no {kind} was issued; issued: {self.documents()}"
        return found[-1]


def _plain(blob: bytes) -> Any:
    return json.loads(decompress(blob))


def at(day: str, hour: int = 9, minute: int = 0) -> datetime:
    """Return a moment of an ISO day in China Standard Time."""
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=CST)
