"""The annual report of petition work that Art. 41 asks of every petition department.

Its four parts: (1) the data statistics, the fields matters concern and the organs most complained
about; (2) forwarding, assigning and supervising; (3) the suggestions made to improve work,
improve policy and pursue responsibility, and whether they were adopted; (4) other matters worth
reporting. Each part is made of `Table`s of codes and numbers; the web layer words them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, literal, or_, select, union_all

from engine.db import db
from engine.models import Instance
from processes.documents.models import Document
from processes.organs import Organ, get_organ, list_organs
from processes.petitions.models import CHANNELS, Petition
from processes.statistics import (
    INTAKE_FIGURES,
    Intake,
    Table,
    category_table,
    count_intake,
    count_where,
    limit_counts,
    petitions_in,
    scope_filter,
    scope_of,
    territory_table,
    year_start,
)
from processes.suggestions import ADOPTIONS, SUGGESTION_FIELDS, SuggestionRecord

PASSING_ON = {"forward_notice": "forwarded", "assign_notice": "assigned", "supervision_letter": "supervised"}
OTHER_DOCUMENTS = {"major_report": "major_reported", "hearing_notice": "hearings",
                   "mediation_agreement": "mediation_agreements", "re_review_opinion": "re_reviews_decided"}
MOST_COMPLAINED = 10


@dataclass
class AnnualReport:
    """One organ's report for one year, part by part."""

    year: int
    organ: Organ
    generated_at: datetime
    summary: Table
    by_channel: Table
    by_category: Table
    by_territory: Table
    most_complained: Table
    passing_on: Table
    passed_to: Table
    suggestions: Table
    other: Table
    organs: dict[str, Organ]


def _summary(intake: Intake, limits: dict[str, int]) -> Table:
    evaluated, satisfied = intake.total("evaluated"), intake.total("satisfied")
    decided = sum(limits.values())
    return Table("summary", ["figure", "value"], [
        ["received", intake.total("received")], ["group", intake.total("group")],
        ["online", intake.counted_by("channel").get("online", 0)],
        *[[name, intake.total(name)] for name in ("accusations", "not_accepted", "closed", "replied")],
        ["evaluated", evaluated], ["satisfied_share", round(100 * satisfied / evaluated, 1) if evaluated else None],
        ["limits_kept_share", round(100 * limits.get("met", 0) / decided, 1) if decided else None],
    ])


def _most_complained(year: int, scope: set[str]) -> Table:
    # The organ a matter is about: the one handling it, and for an accusation the organ accused
    # (a petition handled by the organ it accuses counts once for it). The petitions are read once,
    # counted per pair of organs; each pair then counts for both of its organs.
    petitions = petitions_in(year, scope).subquery()
    pairs = select(petitions.c.handling_organ.label("handling"), petitions.c.accused_organ.label("accused"),
                   func.count().label("n")).group_by(petitions.c.handling_organ, petitions.c.accused_organ).cte()
    concerned = union_all(
        select(pairs.c.handling.label("organ"), pairs.c.n.label("petitions"), literal(0).label("accusations")),
        select(pairs.c.accused, case((pairs.c.accused.is_distinct_from(pairs.c.handling), pairs.c.n), else_=0),
               pairs.c.n)).subquery()
    petitions_about = func.sum(concerned.c.petitions)
    ranked = db.session.execute(select(concerned.c.organ, petitions_about, func.sum(concerned.c.accusations)).where(
        concerned.c.organ.is_not(None)).group_by(concerned.c.organ).order_by(
        petitions_about.desc(), concerned.c.organ).limit(MOST_COMPLAINED)).all()
    return Table("most_complained", ["organ", "petitions", "accusations"],
                 [[organ, int(count), int(accused)] for organ, count, accused in ranked])


def _documents(year: int, scope: set[str], kinds) -> list[Document]:
    return list(db.session.scalars(select(Document).where(
        Document.kind.in_(list(kinds)), Document.issued_by.in_(scope),
        Document.issued_on >= date(year, 1, 1), Document.issued_on < date(year + 1, 1, 1))))


def _passing_on(documents: list[Document]) -> tuple[Table, Table]:
    totals = Table("passing_on", ["figure", "value"],
                   [[figure, sum(d.kind == kind for d in documents)] for kind, figure in PASSING_ON.items()])
    by_target: dict[str, dict[str, int]] = {}
    for document in documents:
        target = str((document.fields or {}).get("to_organ") or (document.fields or {}).get("organ") or "")
        if target:
            row = by_target.setdefault(target, dict.fromkeys(PASSING_ON.values(), 0))
            row[PASSING_ON[document.kind]] += 1
    rows = [[organ, *counts.values()] for organ, counts in sorted(by_target.items(), key=lambda i: -sum(i[1].values()))]
    return totals, Table("passed_to", ["organ", *PASSING_ON.values()], rows)


def _suggestions(year: int, scope: set[str]) -> Table:
    """Count suggestions made in supervision letters in the year and the adoption fed back (Art. 40 ¶4)."""
    kept = SuggestionRecord
    kinds = [getattr(kept, kind) for kind in SUGGESTION_FIELDS]
    in_scope = select(Petition.id).join(Instance, Instance.business_key == Petition.registration_number).where(
        Instance.id == kept.instance_id, scope_filter(scope)).exists()
    figures = db.session.execute(select(
        *map(count_where, kinds), count_where(or_(*kinds)), *(count_where(kept.adoption == a) for a in ADOPTIONS)
    ).where(kept.at >= year_start(year), kept.at < year_start(year + 1), in_scope)).one()
    made, letters, adoption = figures[:len(kinds)], figures[len(kinds)], figures[len(kinds) + 1:]
    return Table("suggestions", ["figure", "value"], [
        *[[f"{kind}_made", count] for kind, count in zip(SUGGESTION_FIELDS, made)],
        ["letters_with_suggestions", letters], *[[name, count] for name, count in zip(ADOPTIONS, adoption)],
        ["awaiting_feedback", max(letters - sum(adoption), 0)],
    ])


def annual_report(year: int, organ: str, now: datetime) -> AnnualReport:
    """Compile the Art. 41 report of an organ (normally a petition department) for a year."""
    found = get_organ(organ)
    scope = scope_of(found.code) or set()
    limits = limit_counts(year, scope, now).get((), {})
    intake = count_intake(year, scope, tuple(INTAKE_FIGURES))
    channels = intake.counted_by("channel")
    by_channel = Table("by_channel", ["channel", "count"],
                       [[channel, channels.get(channel, 0)] for channel in CHANNELS])
    passing_on, passed_to = _passing_on(_documents(year, scope, PASSING_ON))
    others = _documents(year, scope, OTHER_DOCUMENTS)
    other = Table("other", ["figure", "value"],
                  [[figure, sum(d.kind == kind for d in others)] for kind, figure in OTHER_DOCUMENTS.items()])
    return AnnualReport(
        year=year, organ=found, generated_at=now, summary=_summary(intake, limits),
        by_channel=by_channel, by_category=category_table(intake.counted_by("category")),
        by_territory=territory_table(intake.counted_by("territory")),
        most_complained=_most_complained(year, scope),
        passing_on=passing_on, passed_to=passed_to, suggestions=_suggestions(year, scope), other=other,
        organs={row.code: row for row in list_organs()})
