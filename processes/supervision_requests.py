"""Supervision on the petition department's own finding (Art. 40 ¶1).

A supervisor of a petition department who finds the organ dealing with a matter accepting or
handling it against the rules, shirking, perfunctory, delaying or falsifying "应当及时督办": opens
supervision at once, without waiting for a statutory limit to run out. The petition diagram catches
the request (message `supervision_requested`) while the matter is being accepted, handled, reviewed or
re-reviewed, once in each of these procedures; the procedure goes on beside the supervision, which
runs as one opened for a missed limit does (supervision.bpmn). A petition department supervises the
organs of its own area and below it (those its party committee and government lead), not itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine.instances import get_instance
from engine.messages import send_message, waiting_messages

from .errors import ProcessError
from .organs import Organ, get_organ, leading_organ_of, organ_scope, petition_department_of
from .petitions import Petition

MESSAGE = "supervision_requested"
ROLES = ("supervisor",)
FINDINGS_LIMIT = 4000
# The organs a case names, in the order the stages reach them, and the one each stage deals with.
_CASE_ORGANS = ("receiving_organ", "handling_organ", "review_organ", "re_review_organ")
_STAGE_ORGAN = {"review": "review_organ", "re_review": "re_review_organ"}


class SupervisionRefused(ProcessError):
    """Supervision cannot be opened on this case now, or not by this person."""

    code = "supervision_refused"
    status = 409


@dataclass
class SupervisionOffer:
    """What the case page offers a supervisor."""

    waiting: bool  # the case takes a request now (in acceptance, handling, review or re-review, not yet made there)
    organs: list[Organ]  # the organs the case names that this supervisor's department may supervise
    suggested: str | None  # the organ dealing with the matter now, if among them

    @property
    def open(self) -> bool:
        """Whether this supervisor may open supervision now."""
        return self.waiting and bool(self.organs)


def _instance_id(petition: Petition) -> int | None:
    return int(petition.instance_id) if petition.instance_id else None


def supervision_offer(petition: Petition, user) -> SupervisionOffer | None:
    """Return what a supervisor may do about the case (None for anyone else, or a case with no procedure)."""
    instance_id = _instance_id(petition)
    if user.role not in ROLES or instance_id is None:
        return None
    data = get_instance(instance_id).data or {}
    department = _department(user)
    area = _area(department)
    codes = [code for code in dict.fromkeys(data[key] for key in _CASE_ORGANS if data.get(key))
             if code in area and code != department]
    suggested = data.get(_STAGE_ORGAN.get(petition.stage, "handling_organ")) or petition.handling_organ
    return SupervisionOffer(MESSAGE in waiting_messages(instance_id), [get_organ(code) for code in codes],
                            suggested if suggested in codes else (codes[-1] if codes else None))


def _department(user) -> str | None:
    return petition_department_of(user.organ_code) if user.organ_code else None


def _area(department: str | None) -> set[str]:
    # The organs led by the department's party committee and government, and those below them.
    leader = leading_organ_of(department) if department else None
    return organ_scope(leader) if leader else set()


def request_supervision(petition: Petition, user, supervised_organ: str, findings: str) -> None:
    """Open supervision of an organ on what the supervisor found; refused with the reason, changing nothing."""
    if user.role not in ROLES:
        raise SupervisionRefused("Only a supervisor of a petition department opens supervision.",
                                 code="not_supervisor")
    findings = (findings or "").strip()
    if not findings:
        raise SupervisionRefused("Say what you found.", code="no_findings", field="findings")
    if len(findings) > FINDINGS_LIMIT:
        raise SupervisionRefused("At most %(limit)s characters.", code="findings_too_long", field="findings",
                                 limit=FINDINGS_LIMIT)
    offer = supervision_offer(petition, user)
    if offer is not None and offer.waiting and not offer.organs:
        raise SupervisionRefused("None of the organs dealing with this case is in your department's area; the "
                                 "petition department above them supervises them.", code="outside_area")
    if offer is None or not offer.open:
        raise SupervisionRefused("Supervision cannot be opened on this case now: it was already opened on a finding "
                                 "in this procedure, or the matter is not being accepted, handled, reviewed or "
                                 "re-reviewed.", code="not_open")
    if supervised_organ not in {organ.code for organ in offer.organs}:
        raise SupervisionRefused("Choose one of the organs dealing with this case.", code="unknown_organ",
                                 field="supervised_organ")
    send_message(_instance_id(petition), MESSAGE,
                 {"supervised_organ": supervised_organ, "supervising_organ": _department(user), "findings": findings},
                 user.username, reason=findings)
