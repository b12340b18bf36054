"""A petition's progress: its stage, its end, and what the petitioner sees and says (Art. 21)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engine.clock import current_clock
from engine.db import db
from processes.errors import EvaluationRefused, InvalidInput
from processes.organs import get_organ
from processes.petitions.lookup import check_query_code, get_petition
from processes.petitions.models import STAGE_LABELS, STAGES, Evaluation, Petition, today


def set_stage(petition_id: int, stage: str) -> None:
    """Record the stage the petitioner sees."""
    if stage not in STAGES:
        raise InvalidInput("Unknown stage '%(stage)s'; the stages are %(stages)s.", fields=["stage"],
                           code="invalid_stage", stage=stage, stages=", ".join(STAGES))
    get_petition(petition_id).stage = stage
    db.session.flush()


def set_handling_organ(petition_id: int, organ: str) -> None:
    """Record the organ now handling the petition (after forwarding or assignment)."""
    petition, code = get_petition(petition_id), get_organ(organ).code
    if petition.confidential and code == petition.accused_organ:
        raise InvalidInput("An accusation is never handed to the organ accused (Art. 30).",
                           fields=["organ"], code="accused_organ")
    petition.handling_organ = code
    db.session.flush()


def close_petition(petition_id: int, outcome: str) -> None:
    """Mark the petition closed today with ``outcome`` (``final`` after a re-review, Art. 36)."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise InvalidInput("Closing a petition needs its outcome.", fields=["outcome"], code="invalid_outcome")
    petition = get_petition(petition_id)
    petition.stage, petition.outcome, petition.closed_on = "closed", outcome[:64], today()
    db.session.flush()


def evaluate(number: str, code: str, satisfaction: int, comment: str = "") -> Evaluation:
    """Record the petitioner's evaluation, once, after a written reply was served."""
    petition = check_query_code(number, code)
    if petition is None:
        raise InvalidInput("The registration number and query code do not match.",
                           fields=["number", "code"], code="wrong_query_code")
    if petition.replied_on is None:
        raise EvaluationRefused("The handling can be evaluated once its written reply has been served.",
                                code="not_yet_replied")
    if _evaluation_of(petition) is not None:
        raise EvaluationRefused("This petition has already been evaluated.", code="already_evaluated")
    if isinstance(satisfaction, bool) or not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
        raise InvalidInput("Satisfaction is a whole number from 1 to 5.", fields=["satisfaction"],
                           code="invalid_satisfaction")
    evaluation = Evaluation(petition_id=petition.id, satisfaction=satisfaction,
                            comment=(comment or "").strip()[:2000], at=current_clock().now())
    db.session.add(evaluation)
    db.session.flush()
    return evaluation


def public_view(petition: Petition, lang: str = "zh") -> dict[str, Any]:
    """Return what the petitioner may see: progress and organs, never staff or others' details."""
    evaluation = _evaluation_of(petition)
    handling = get_organ(petition.handling_organ) if petition.handling_organ else None
    view = {
        "registration_number": petition.registration_number,
        "channel": petition.channel,
        "received_on": petition.received_on.isoformat(),
        "stage": petition.stage,
        "stage_label": STAGE_LABELS.get(lang, STAGE_LABELS["zh"])[petition.stage],
        "receiving_organ": get_organ(petition.receiving_organ).name(lang),
        "handling_organ": handling.name(lang) if handling else None,
        "replied_on": petition.replied_on.isoformat() if petition.replied_on else None,
        "closed_on": petition.closed_on.isoformat() if petition.closed_on else None,
        "outcome": petition.outcome,
        "evaluated": evaluation is not None,
        "can_evaluate": evaluation is None and petition.replied_on is not None,
    }
    # An accusation's content stays out of anything a query code opens: a code can be shared
    # or seen over a shoulder, and Art. 30 protects what was reported.
    if petition.confidential:
        view.update(title="举报事项" if lang == "zh" else "Report", request=None)
    else:
        view.update(title=petition.title, request=petition.request)
    return view


def _evaluation_of(petition: Petition) -> Evaluation | None:
    return db.session.scalar(select(Evaluation).where(Evaluation.petition_id == petition.id))
