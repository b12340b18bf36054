"""Everything the task page shows: the task, its case, history, documents, limit and form."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine import NotFound
from engine.instances import get_instance
from engine.models import Instance, TaskRow
from engine.tasks import get_task, task_form
from processes.access import may_work
from processes.accounts import User
from processes.case_view import CaseRefused, Entry, history_entries, petition_of
from processes.diagram_index import diagram_index
from processes.documents import Document, documents_for
from processes.extension_once import ASKING_FIELD, asks_again
from processes.extension_preview import DECIDING_FORM, ExtensionPreview, extension_preview
from processes.hand_over import hand_over_candidates
from processes.holidays import load_calendar
from processes.petitions.access import may_see
from processes.petitions.models import ORAL_CHANNELS, Petition
from processes.task_deadlines import DueState, due_state, governing_limits
from engine.clock import current_clock
from engine.db import db


@dataclass
class TaskView:
    """The task page's content."""

    task: TaskRow
    instance: Instance
    petition: Petition | None
    form: dict | None
    procedure: str
    step: str
    history: list[Entry]
    documents: list[Document]
    due: DueState | None
    workable: bool  # the person may claim and complete it
    candidates: list[User] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    extension: ExtensionPreview | None = None  # for the head deciding an extension: the last day now and after


def visible_task(task_id: str, user) -> tuple[TaskRow, Petition | None]:
    """Return a task the person may work or whose case they may see; refuse anyone else."""
    task = get_task(task_id)
    petition = petition_of(get_instance(task.instance_id))
    if may_work(user, task):
        if petition is None or not (petition.confidential and petition.accused_organ
                                    and user.organ_code == petition.accused_organ):
            return task, petition
    elif petition is not None and may_see(user, petition):
        return task, petition
    raise CaseRefused("This task belongs to another role or organ.")


def workable_task(task_id: str, user) -> TaskRow:
    """Return a task the person may claim and complete; refuse anyone else."""
    task, _petition = visible_task(task_id, user)
    if not may_work(user, task):
        raise CaseRefused("This task belongs to another role or organ.")
    return task


# Fields that record what the petitioner wrote (Art. 19): until the case data holds them, they show
# the petition as it was received, so a registrar checks it rather than types it again. A matter
# raised at a visit or by telephone was written down by staff.
AS_WRITTEN = {
    "petitioner_request": lambda p: p.request,
    "facts_and_reasons": lambda p: "\n".join(part for part in (p.facts, p.reasons) if part),
    "oral_record": lambda p: p.channel in ORAL_CHANNELS,
}


def initial_values(form: dict | None, instance: Instance, task: TaskRow,
                   petition: Petition | None = None) -> dict[str, Any]:
    """Return what the form shows first: the case data its fields name (else the petition as written), the draft.

    A field with `ui:prefill` starts from that case-data name instead of its own (forms/README.md).
    A read-only field always shows the case data: a draft never stands in for what the case holds.
    A required yes-or-no decision starts unanswered (or at its form's default): the case data holds
    under its name only a diagram's starting value or an earlier round's answer, and a decision
    already marked "no" is one a person can complete without having made it. A number the field
    would refuse (below its minimum or above its maximum) starts blank for the same reason.
    """
    if not form:
        return {}
    data = instance.data or {}
    names = form.get("properties", {})
    ui = form.get("uiSchema") or {}
    required = set(form.get("required") or [])
    values = {}
    for name in names:
        hints = ui.get(name) if isinstance(ui.get(name), dict) else {}
        if _asked_decision(name, names[name], hints, required):
            continue
        source = hints.get("ui:prefill", name)
        if isinstance(source, str) and source in data and not _out_of_bounds(names[name], data[source]):
            values[name] = data[source]
    for name, read in AS_WRITTEN.items():
        if petition is not None and name in names and values.get(name) in (None, ""):
            values[name] = read(petition)
    if asks_again(task.form, values, data):
        del values[ASKING_FIELD]  # an earlier round's request for an extension, which cannot be made again
    values.update({name: value for name, value in (task.draft or {}).items()
                   if not (names.get(name) or {}).get("readOnly")})
    return values


def _out_of_bounds(spec: dict, value: Any) -> bool:
    # A diagram's starting number (the 0 days of an extension not yet asked for) is no answer the field
    # takes: shown, it had to be noticed and replaced before the form would go.
    if not isinstance(spec, dict) or spec.get("type") not in ("integer", "number") or spec.get("readOnly"):
        return False
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    low, high = spec.get("minimum"), spec.get("maximum")
    return (isinstance(low, (int, float)) and value < low) or (isinstance(high, (int, float)) and value > high)


def _asked_decision(name: str, spec: dict, hints: dict, required: set[str]) -> bool:
    return (isinstance(spec, dict) and spec.get("type") == "boolean" and name in required
            and not spec.get("readOnly") and "ui:prefill" not in hints)


def task_view(task_id: str, user) -> TaskView:
    """Return the task page's content for a person allowed to see it."""
    task, petition = visible_task(task_id, user)
    instance = get_instance(task.instance_id)
    index = diagram_index(instance.definition_id)
    try:
        form = task_form(task)
    except NotFound:
        form = None
    limit = governing_limits([task]).get(task.id) if task.state == "ready" else None
    workable = task.state == "ready" and may_work(user, task)
    candidates = hand_over_candidates(task) if workable else []
    extension = (extension_preview(instance.data or {}, load_calendar(db.session))
                 if task.form == DECIDING_FORM and task.state == "ready" else None)
    return TaskView(task, instance, petition, form, index.procedure_of(task.element, task.process),
                    index.name_of(task.element), history_entries(instance, index),
                    documents_for(petition.id) if petition else [], due_state(limit, current_clock().now()),
                    workable, candidates, initial_values(form, instance, task, petition), extension)
