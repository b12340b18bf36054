"""The administrator's view of cases: find instances with their petitions, see one whole, correct it.

The engine knows instances; the console also filters by organ and shows each case's petition.
These functions read and flush; the caller owns the transaction.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func, or_, select

from engine.clock import current_clock
from engine.db import db
from engine.definitions import get_version
from engine.errors import NotFound
from engine.history import history_for
from engine.instances import get_instance, require_status, update_data
from engine.migration import migration_options
from engine.models import DefinitionVersion, HistoryRow, Instance, TaskRow, TimerRow
from engine.queries import InstanceQuery, count_by_status, list_instances
from engine.runtime import NOT_ENDED
from engine.tasks import assign_task, get_task
from engine.timers import instance_timers, recalculate_timers
from engine.trail import ProcessTrail, instance_trail
from engine.xml_safety import parse_safely
from processes.access import may_be_handed
from processes.accounts import STAFF_ROLES, User, get_user, list_users
from processes.diagram_index import DiagramIndex, ElementInfo, version_index
from processes.errors import InvalidInput
from processes.organs import organ_scope
from processes.periods import CST
from processes.query_attempts import alarm_until
from processes.petitions.lookup import petitioner_matches
from processes.petitions.models import Petition

log = logging.getLogger(__name__)


@dataclass
class CaseFilter:
    """What the instance list is filtered by; empty values mean any."""

    process: str | None = None
    version: int | None = None
    status: str | None = None
    organ: str | None = None
    overdue: bool = False
    key: str | None = None
    text: str | None = None
    started_from: date | None = None
    started_to: date | None = None
    ids: tuple[int, ...] | None = None
    page: int = 1
    per_page: int = 50


@dataclass
class CaseRow:
    """One instance in the list, with its petition and the steps it waits on."""

    instance: Instance
    petition: Petition | None
    steps: list[tuple[str, str | None]]  # the ready tasks' names and forms


@dataclass
class CasePage:
    """One page of the instance list, the total, and how many instances are in each status."""

    rows: list[CaseRow]
    total: int
    page: int
    per_page: int
    counts: dict[str, int]

    @property
    def pages(self) -> int:
        """Return the number of pages."""
        return max(1, -(-self.total // self.per_page))


@dataclass
class CaseView:
    """Everything the instance page shows."""

    instance: Instance
    definition: DefinitionVersion
    petition: Petition | None
    trails: dict[str, ProcessTrail]
    timers: list[TimerRow]
    tasks: list[TaskRow]
    history: list[HistoryRow]
    migrations: list = field(default_factory=list)
    candidates: dict[str, list[User]] = field(default_factory=dict)  # ready task id -> who may be handed it
    names: dict[str, str] = field(default_factory=dict)  # element id -> its name in the diagram
    elements: dict[str, ElementInfo] = field(default_factory=dict)  # element id -> its article, timer text
    index: DiagramIndex = field(default_factory=DiagramIndex)  # the version's elements, procedures and calls
    state_readable: bool = True


def _cst_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, CST)


def _organ_instances(organ: str) -> tuple[int, ...]:
    # A petition may run through several instances; all carry its registration number as their key.
    scope = organ_scope(organ)
    numbers = select(Petition.registration_number).where(
        or_(Petition.receiving_organ.in_(scope), Petition.handling_organ.in_(scope)))
    by_petition = db.session.scalars(select(Instance.id).where(Instance.business_key.in_(numbers)))
    by_task = db.session.scalars(select(TaskRow.instance_id).where(TaskRow.state == "ready",
                                                                    TaskRow.organ.in_(scope)))
    return tuple(sorted(set(by_petition) | set(by_task)))


def _ids(wanted: CaseFilter) -> tuple[int, ...] | None:
    if not wanted.organ:
        return wanted.ids
    by_organ = _organ_instances(wanted.organ)
    return by_organ if wanted.ids is None else tuple(i for i in by_organ if i in set(wanted.ids))


def _text_keys(text: str | None):
    # What an administrator knows a case by besides its number: the petitioner (name, identity or phone
    # number, as the desk's search finds them) and the title.
    if not text:
        return None
    return select(Petition.registration_number).where(
        or_(petitioner_matches(text), Petition.title.icontains(text.strip(), autoescape=True)))


def petitions_of(instances: list[Instance]) -> dict[int, Petition]:
    """Return the petition of each instance that belongs to one (its key is the registration number)."""
    keys = {row.business_key for row in instances}
    if not keys:
        return {}
    by_number = {row.registration_number: row for row in db.session.scalars(
        select(Petition).where(Petition.registration_number.in_(keys)))}
    return {row.id: by_number[row.business_key] for row in instances if row.business_key in by_number}


def find_cases(wanted: CaseFilter) -> CasePage:
    """Return one page of instances matching the filter, with their petitions and waiting steps."""
    query = InstanceQuery(
        process=wanted.process or None, version=wanted.version, status=wanted.status or None,
        business_key=wanted.key or None, text=wanted.text or None, text_keys=_text_keys(wanted.text),
        started_after=_cst_midnight(wanted.started_from) if wanted.started_from else None,
        started_before=_cst_midnight(wanted.started_to + timedelta(days=1)) if wanted.started_to else None,
        overdue_at=current_clock().now() if wanted.overdue else None,
        ids=_ids(wanted),
        page=max(wanted.page, 1), per_page=wanted.per_page)
    instances, total = list_instances(query)
    ids = [row.id for row in instances]
    petitions = petitions_of(instances)
    steps: dict[int, list[tuple[str, str | None]]] = {}
    if ids:
        for task in db.session.scalars(select(TaskRow).where(TaskRow.instance_id.in_(ids), TaskRow.state == "ready")
                                       .order_by(TaskRow.created_at)):
            steps.setdefault(task.instance_id, []).append((task.name, task.form))
    rows = [CaseRow(row, petitions.get(row.id), steps.get(row.id, [])) for row in instances]
    # The counts beside each status are of the cases the other filters find, as a click on one would list.
    filtered = any((wanted.process, wanted.version, wanted.organ, wanted.overdue, wanted.key, wanted.text,
                    wanted.started_from, wanted.started_to, wanted.ids is not None))
    return CasePage(rows, total, query.page, query.per_page, count_by_status(query if filtered else None))


def case_view(instance_id: int) -> CaseView:
    """Return an instance with its diagram version, trail, timers, tasks, history and options."""
    instance = get_instance(instance_id)
    tasks = list(db.session.scalars(select(TaskRow).where(TaskRow.instance_id == instance_id)
                                    .order_by(TaskRow.created_at)))
    staff = [user for user in list_users() if user.active and user.role in STAFF_ROLES]
    petition = petitions_of([instance]).get(instance_id)
    candidates = {task.id: [user for user in staff if may_be_handed(user, task, petition)]
                  for task in tasks if task.state == "ready"}
    definition = get_version(instance.definition_id)
    index = version_index(definition.id, definition.content_hash)
    try:
        trails, migrations = instance_trail(instance_id), migration_options(instance_id)
    except Exception:  # the console is where a broken case is looked at: show the rest of it
        log.exception("the saved state of instance %s cannot be read", instance_id)
        trails, migrations = {}, []
    return CaseView(instance=instance, definition=definition,
                    petition=petition, trails=trails,
                    timers=instance_timers(instance_id), tasks=tasks, history=history_for(instance_id),
                    migrations=migrations, candidates=candidates, state_readable=bool(trails),
                    names=element_names(definition.content_hash, tuple(sorted(definition.sources.items()))),
                    elements=index.elements, index=index)


@lru_cache(maxsize=64)
def element_names(content_hash: str, sources: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Return the name of every named element in a version's files (cached by content)."""
    names: dict[str, str] = {}
    for _file, text in sources:
        for element in parse_safely(text.encode("utf-8")).iter():
            if isinstance(element.tag, str) and element.get("id") and element.get("name"):
                names.setdefault(element.get("id"), element.get("name"))
    return names


def edit_case_data(instance_id: int, new_data: dict[str, Any], actor: str, reason: str | None) -> Instance:
    """Change the case data of a suspended instance to `new_data`, field by field, with a reason."""
    if not isinstance(new_data, dict):
        raise InvalidInput("The case data must be a JSON object.", fields=["data"], code="data_not_object")
    instance = get_instance(instance_id)
    # say so before judging what was typed against data that may move on
    require_status(instance, ("suspended",), "change the data of")
    current = instance.data or {}
    removed = sorted(set(current) - set(new_data))
    if removed:
        raise InvalidInput("Fields cannot be removed: %(removed)s.", fields=["data"], code="data_fields_removed",
                           removed=", ".join(removed))
    changes = {key: value for key, value in new_data.items() if key not in current or current[key] != value}
    if not changes:
        raise InvalidInput("Nothing in the case data was changed.", fields=["data"], code="data_unchanged")
    return update_data(instance_id, changes, actor, reason)


def recount_deadlines(instance_id: int, actor: str, reason: str | None) -> list[TimerRow]:
    """Count an open case's deadlines again (after a holiday schedule changed), with a reason."""
    # an ended case has no deadlines left; its tasks must stay withdrawn
    require_status(get_instance(instance_id), NOT_ENDED, "recalculate")
    return recalculate_timers(instance_id, actor, reason)


def reassign_task(instance_id: int, task_id: str, username: str | None, actor: str, reason: str | None) -> TaskRow:
    """Hand a ready task of an instance to a member of staff (or back to its group), with a reason."""
    if not reason or not reason.strip():
        raise InvalidInput("A reason is required to reassign a task.", fields=["reason"], code="reason_required")
    task = get_task(task_id)
    if task.instance_id != instance_id:
        raise NotFound("task %(task)s is not a task of instance %(instance)s", task=task_id, instance=instance_id)
    if username:
        user = get_user(username)
        if not user.active or user.role not in STAFF_ROLES:
            raise InvalidInput("%(username)s does not handle cases.", fields=["assignee"], code="not_staff",
                               username=username)
        if not may_be_handed(user, task, petitions_of([get_instance(instance_id)]).get(instance_id)):
            raise InvalidInput("This task belongs to another role or organ.", fields=["assignee"],
                               code="not_for_task", username=username)
    return assign_task(task_id, username or None, actor, reason.strip())


@dataclass
class ConsoleSummary:
    """What the console's front page shows at a glance."""

    counts: dict[str, int]
    failures: list[CaseRow]
    failures_total: int
    overdue: int
    provisional: int
    late_tasks: int
    look_up_alarm: datetime | None = None  # until when the portal's alarm about guessed query codes holds


def console_summary() -> ConsoleSummary:
    """Return the counts by status, the newest failures, and what is late or provisional."""
    failures = find_cases(CaseFilter(status="error", per_page=5))
    late = find_cases(CaseFilter(overdue=True, per_page=1)).total
    provisional = db.session.scalar(select(func.count()).select_from(TimerRow).where(TimerRow.provisional)) or 0
    late_tasks = db.session.scalar(select(func.count()).select_from(TaskRow).where(
        TaskRow.state == "ready", TaskRow.due_at <= current_clock().now(), TaskRow.organ.is_not(None))) or 0
    return ConsoleSummary(failures.counts, failures.rows, failures.total, late, provisional, late_tasks,
                          alarm_until())
