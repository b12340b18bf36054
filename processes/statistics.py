"""The figures of petition work (Art. 39): intake, open cases, statutory limits kept, supervision, satisfaction.

Every figure is a `Table` of codes and numbers; the web layer turns codes into words. A scope is
an organ and everything below it (a petition department also answers for the organs its party
committee and government lead). Time is an argument: `now` comes from the caller's clock.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import and_, case, extract, func, or_, select, true

from engine.db import db
from engine.models import Instance, TaskRow, TimerRow
from processes.diagram_index import step_forms
from processes.documents.models import Document
from processes.organs import (
    Organ,
    get_organ,
    leading_organ_of,
    list_organs,
    organ_scope,
)
from processes.periods import CST
from processes.petitions.models import (
    CATEGORIES,
    CHANNELS,
    STAGES,
    Evaluation,
    Petition,
)

FINAL_STAGES = ("closed", "not_accepted")
SATISFIED = 4  # a score of 4 or 5 out of 5 counts as satisfied
SUPERVISION_PROCESS = "supervision"  # bpmn/supervision.bpmn: its feedback task carries a statutory limit


@dataclass
class Table:
    """Rows of values under column keys; the first column names the row."""

    name: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)  # a step named in it -> its form, to name it in English
    timers: dict[str, TimerRow] = field(default_factory=dict)  # a timer named in it -> one such, to name it so too


@dataclass
class Dashboard:
    """Every table of the console's statistics for a year and a scope."""

    year: int
    organ: Organ | None
    tables: dict[str, Table]
    organs: dict[str, Organ]


def scope_of(organ: str | None) -> set[str] | None:
    """Return the organ codes an organ answers for (None: every organ)."""
    if not organ:
        return None
    found = get_organ(organ)
    scope = organ_scope(found.code)
    if found.kind == "petition_department":
        leader = leading_organ_of(found.code)
        if leader:
            scope |= organ_scope(leader)
    return scope


def scope_filter(scope: set[str] | None):
    """Return the condition keeping petitions received or handled within a scope (None: all)."""
    if scope is None:
        return true()
    return or_(Petition.receiving_organ.in_(scope), Petition.handling_organ.in_(scope))


def year_start(year: int) -> datetime:
    """Return 1 January 00:00 China Standard Time of a year."""
    return datetime.combine(date(year, 1, 1), time.min, CST)


def petitions_in(year: int, scope: set[str] | None):
    """Return the query of petitions received in a year within a scope."""
    return select(Petition).where(Petition.received_on >= date(year, 1, 1),
                                  Petition.received_on < date(year + 1, 1, 1), scope_filter(scope))


def month_table(counts: dict[tuple[int, str], int]) -> Table:
    """Return the table of petitions per month and channel (Art. 17), from their counts by (month, channel)."""
    table = Table("intake_by_month", ["month", *CHANNELS, "total"])
    for m in range(1, 13):
        values = [counts.get((m, channel), 0) for channel in CHANNELS]
        table.rows.append([m, *values, sum(values)])
    return table


def category_table(counts: dict[str, int]) -> Table:
    """Return the table of petitions per field of work, from their counts by field."""
    return Table("intake_by_category", ["category", "count"],
                 [[category, counts.get(category, 0)] for category in CATEGORIES])


def territory_table(counts: dict[str, int]) -> Table:
    """Return the table of petitions per territory, most first, from their counts by territory."""
    rows = sorted(counts.items(), key=lambda row: (-row[1], row[0]))
    return Table("intake_by_territory", ["territory", "count"], [[code, n] for code, n in rows])


INTAKE_KEYS = ("month", "channel", "category", "territory")
# What can be counted of the petitions received, each by an expression over them (`p`) joined to
# their evaluations (at most one each): received first.
INTAKE_FIGURES = {
    "received": lambda p: func.count(),
    "group": lambda p: count_where(p.c.is_group),
    "accusations": lambda p: count_where(p.c.is_accusation),
    "not_accepted": lambda p: count_where(p.c.stage == "not_accepted"),
    "closed": lambda p: count_where(p.c.stage == "closed"),
    "replied": lambda p: count_where(p.c.replied_on.is_not(None)),
    "evaluated": lambda p: func.count(Evaluation.id),
    "satisfied": lambda p: count_where(Evaluation.satisfaction >= SATISFIED),
}
EVALUATION_FIGURES = ("evaluated", "satisfied")


@dataclass
class Intake:
    """The petitions received in a year within a scope, counted per month, channel, field and
    territory (`INTAKE_KEYS`): each row holds those keys, then the count of each of `figures`."""

    figures: tuple[str, ...]
    rows: list[tuple]

    def counted_by(self, *keys: str) -> dict[Any, int]:
        """Return the petitions received per value of one key, or per tuple of values of several."""
        at = [INTAKE_KEYS.index(key) for key in keys]
        value = len(INTAKE_KEYS) + self.figures.index("received")
        counts: dict[Any, int] = {}
        for row in self.rows:
            key = row[at[0]] if len(at) == 1 else tuple(row[i] for i in at)
            counts[key] = counts.get(key, 0) + row[value]
        return counts

    def total(self, figure: str) -> int:
        """Return a figure summed over every row."""
        value = len(INTAKE_KEYS) + self.figures.index(figure)
        return sum(row[value] for row in self.rows)


def count_intake(year: int, scope: set[str] | None, figures: tuple[str, ...] = ("received",)) -> Intake:
    """Count the petitions received in a year within a scope per month, channel, field and territory,
    each of `figures` (of `INTAKE_FIGURES`): one pass over them, where a query per table read them
    once each. Their evaluations are joined only when a figure counts them."""
    petitions = petitions_in(year, scope).subquery()
    keys = (extract("month", petitions.c.received_on), petitions.c.channel, petitions.c.category,
            petitions.c.territory)
    query = select(*keys, *(INTAKE_FIGURES[figure](petitions) for figure in figures)).select_from(petitions)
    if any(figure in EVALUATION_FIGURES for figure in figures):
        query = query.outerjoin(Evaluation, Evaluation.petition_id == petitions.c.id)
    rows = [(int(month), *rest) for month, *rest in db.session.execute(query.group_by(*keys))]
    return Intake(tuple(figures), rows)


def intake(year: int, scope: set[str] | None) -> list[Table]:
    """Count the petitions received in a year within a scope by month and channel, by field and by territory."""
    counted = count_intake(year, scope)
    return [month_table(counted.counted_by("month", "channel")), category_table(counted.counted_by("category")),
            territory_table(counted.counted_by("territory"))]


def open_by_stage(scope: set[str] | None) -> Table:
    """Count the petitions not yet closed, per stage, whenever they were received."""
    query = select(Petition.stage, func.count()).where(Petition.stage.not_in(FINAL_STAGES),
                                                       scope_filter(scope)).group_by(Petition.stage)
    counts = dict(db.session.execute(query).all())
    return Table("open_by_stage", ["stage", "count"],
                 [[stage, counts.get(stage, 0)] for stage in STAGES if stage not in FINAL_STAGES])


OUTCOMES = ("met", "missed", "overdue")


def count_where(condition):
    """Return an SQL expression counting the rows of a query that meet a condition (0 when none)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _outcome_sums(now: datetime) -> tuple:
    """How a task with a statutory limit kept it, summed by the database: met (completed before the
    limit), missed (completed, or withdrawn when its limit's timer fired, at or after it), overdue
    (still waiting past it). A task withdrawn in time, or still in time, counts in none."""
    ended = TaskRow.completed_at.is_not(None)
    met = and_(TaskRow.state == "completed", ended, TaskRow.completed_at < TaskRow.due_at)
    missed = and_(TaskRow.state != "ready", ended, TaskRow.completed_at >= TaskRow.due_at)
    overdue = and_(TaskRow.state == "ready", TaskRow.due_at <= now)
    return tuple(count_where(condition) for condition in (met, missed, overdue))


def limit_counts(year: int, scope: set[str] | None, now: datetime, *, by: tuple = ()) -> dict[tuple, dict[str, int]]:
    """Count the tasks of organs whose statutory limit falls due in a year, offered within a scope, by
    outcome (`OUTCOMES`), per the values of the columns `by` (a key of () when there are none).

    A task of no organ is the petitioner's (evaluating, asking for review): its period is hers to
    use, not a limit an organ keeps or misses.

    Counted by the database, not row by row: a year of a province's petitions is hundreds of
    thousands of tasks. Groups where nothing was met, missed or overdue are left out.
    """
    query = select(*by, *_outcome_sums(now)).where(TaskRow.due_at.is_not(None), TaskRow.due_at >= year_start(year),
                                                   TaskRow.due_at < year_start(year + 1), TaskRow.organ.is_not(None))
    if scope is not None:
        query = query.where(TaskRow.organ.in_(scope))
    if by:
        query = query.group_by(*by)
    counted = {}
    for row in db.session.execute(query):
        counts = dict(zip(OUTCOMES, (int(value) for value in row[len(by):])))
        if any(counts.values()):
            counted[tuple(row[:len(by)])] = counts
    return counted


# The limits of a year counted once for the whole board: per organ, limit and procedure.
BOARD_LIMITS = (TaskRow.organ, TaskRow.name, TaskRow.process)


def on_time(limits: dict[tuple, dict[str, int]]) -> Table:
    """Per organ and statutory limit (falling due in the year): met, missed, overdue, and the rate kept.

    `limits` is `limit_counts(…, by=BOARD_LIMITS)`."""
    tally: dict[tuple[str, str], dict[str, int]] = {}
    steps: set[tuple[str, str]] = set()
    for (organ, limit, process), counts in limits.items():
        steps.add((process, limit))
        kept = tally.setdefault((organ or "", limit), dict.fromkeys(OUTCOMES, 0))
        for outcome in OUTCOMES:
            kept[outcome] += counts[outcome]
    table = Table("on_time", ["organ", "limit", "met", "missed", "overdue", "rate"], forms=step_forms(steps))
    for (organ, limit), counts in sorted(tally.items()):
        decided = counts["met"] + counts["missed"] + counts["overdue"]
        table.rows.append([organ, limit, counts["met"], counts["missed"], counts["overdue"],
                           round(100 * counts["met"] / decided, 1) if decided else None])
    return table


def overdue(now: datetime, scope: set[str] | None, limit: int = 200) -> Table:
    """List the tasks past their limit and the timers that passed without firing (held cases)."""
    tasks = select(TaskRow.instance_id, TaskRow.name, TaskRow.organ, TaskRow.due_at, TaskRow.form).where(
        TaskRow.state == "ready", TaskRow.due_at <= now, TaskRow.organ.is_not(None))  # not the petitioner's
    timers = select(TimerRow).where(TimerRow.interrupting, TimerRow.due_at <= now, TimerRow.attached_to.is_(None))
    if scope is not None:
        tasks = tasks.where(TaskRow.organ.in_(scope))
    found, forms, held = [], {}, {}
    for i, name, organ, due, form in db.session.execute(tasks.limit(limit)):
        found.append((i, name, organ, due))
        if form:
            forms[name] = form
    if scope is None:
        for timer in db.session.scalars(timers.limit(limit)):
            found.append((timer.instance_id, timer.name or timer.element, None, timer.due_at))
            held.setdefault(timer.name or timer.element, timer)
    found.sort(key=lambda row: row[3])
    instances = {row.id: row for row in db.session.scalars(
        select(Instance).where(Instance.id.in_({row[0] for row in found})))} if found else {}
    table = Table("overdue", ["registration_number", "step", "organ", "due_at", "days_overdue", "status",
                              "instance_id"], forms=forms, timers=held)
    today = now.astimezone(CST).date()
    for instance_id, name, organ, due in found[:limit]:
        instance = instances[instance_id]
        late = (today - due.astimezone(CST).date()).days + 1  # the due instant is the start of the first late day
        table.rows.append([instance.business_key, name, organ or "", due, late, instance.status, instance_id])
    return table


def supervision(year: int, scope: set[str] | None, limits: dict[tuple, dict[str, int]]) -> Table:
    """Supervision (Art. 40): letters issued, cases under supervision, feedback kept or late, escalations.

    `limits` is `limit_counts(…, by=BOARD_LIMITS)`."""
    letters = select(func.count()).select_from(Document).where(
        Document.kind == "supervision_letter", Document.issued_on >= date(year, 1, 1),
        Document.issued_on < date(year + 1, 1, 1))
    if scope is not None:
        letters = letters.where(Document.issued_by.in_(scope))
    open_cases = select(func.count(func.distinct(TaskRow.instance_id))).where(
        TaskRow.process == SUPERVISION_PROCESS, TaskRow.state == "ready")
    if scope is not None:
        open_cases = open_cases.where(TaskRow.organ.in_(scope))
    outcomes = dict.fromkeys(OUTCOMES, 0)
    for (_organ, _limit, process), counts in limits.items():
        if process == SUPERVISION_PROCESS:
            for outcome in OUTCOMES:
                outcomes[outcome] += counts[outcome]
    return Table("supervision", ["figure", "value"], [
        ["letters_issued", db.session.scalar(letters) or 0],
        ["under_supervision", db.session.scalar(open_cases) or 0],
        ["feedback_in_time", outcomes["met"]],
        ["feedback_late", outcomes["missed"] + outcomes["overdue"]],
    ])


def _evaluations(year: int, scope: set[str] | None):
    query = select(Evaluation.satisfaction, Petition.handling_organ, Petition.receiving_organ).join(
        Petition, Petition.id == Evaluation.petition_id).where(
        Evaluation.at >= year_start(year), Evaluation.at < year_start(year + 1), scope_filter(scope))
    return db.session.execute(query).all()


def satisfaction(year: int, scope: set[str] | None) -> Table:
    """Count the petitioners' evaluations (Art. 21) by score, 1 (very dissatisfied) to 5."""
    scores = [row[0] for row in _evaluations(year, scope)]
    return Table("satisfaction", ["score", "count"], [[score, scores.count(score)] for score in range(1, 6)])


def satisfaction_by_organ(year: int, scope: set[str] | None) -> Table:
    """Per handling organ: evaluations, the average score and the share satisfied."""
    by_organ: dict[str, list[int]] = {}
    for score, handling, receiving in _evaluations(year, scope):
        by_organ.setdefault(handling or receiving, []).append(score)
    table = Table("satisfaction_by_organ", ["organ", "evaluations", "average", "satisfied_share"])
    for organ, scores in sorted(by_organ.items(), key=lambda item: -len(item[1])):
        table.rows.append([organ, len(scores), round(sum(scores) / len(scores), 2),
                           round(100 * sum(score >= SATISFIED for score in scores) / len(scores), 1)])
    return table


def dashboard(year: int, organ: str | None, now: datetime) -> Dashboard:
    """Return every table of the console's statistics for a year and (optionally) an organ's scope."""
    scope = scope_of(organ)
    limits = limit_counts(year, scope, now, by=BOARD_LIMITS)
    tables = [*intake(year, scope), open_by_stage(scope), on_time(limits), overdue(now, scope),
              supervision(year, scope, limits), satisfaction(year, scope), satisfaction_by_organ(year, scope)]
    return Dashboard(year, get_organ(organ) if organ else None, {table.name: table for table in tables},
                     {row.code: row for row in list_organs()})
