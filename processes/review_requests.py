"""Requests for review and re-review that reach an organ by letter or at a visit (Art. 35, 36).

Most petitioners ask in writing or in person, not on the portal. Staff record such a request at
the desk on the petitioner's behalf: it completes the same petitioner step of the petition diagram
as the portal does (so the case goes on the same way), with the staff member as the actor, and the
case data and history keep how it came in and its days. A request is made on the day it is handed
in or, for a letter, on its postmark day: the petitioner's 30 days are measured to that day. The
organ's own 30 days for its opinion run from the day it received the request (Art. 35, 36), which
for a letter is the later day it arrived.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from processes.errors import InvalidInput, Said
from processes.organs import superior_of
from processes.petitions import NewAttachment, Petition, find_by_number
from processes.petitions.intake import attachment_rows
from processes.petitions.access import may_see
from processes.petitions.models import today
from processes.portal import RIGHT_WORDS, RequestRefused, Window, complete_request, progress

DESK_CHANNELS = ("letter", "visit", "other")  # how a request reaches the organ other than the portal
RECORDING_ROLES = ("registrar", "reviewer")


class RequestDayInvalid(InvalidInput):
    """The day a request was received lies in the future or before the reply was served."""

    code = "invalid_request_day"


@dataclass(frozen=True)
class DeskRequest:
    """A request for review or re-review as staff received it."""

    kind: str  # a key of processes.portal.RIGHTS
    channel: str  # one of DESK_CHANNELS
    received_on: date  # the day the organ received it
    reasons: str
    posted_on: date | None = None  # a letter's postmark day, the day the request was made
    attachments: Sequence[NewAttachment] = field(default_factory=tuple)  # the letter's scan, papers handed in


def pending_right(windows: dict[str, Window]) -> Window | None:
    """Return the right a request would now be about (re-review once its opinion was served, else review),
    None when it was already used or no reply opens one."""
    for kind in ("re_review", "review"):
        window = windows[kind]
        if window.served_on is not None:
            return None if window.requested_on else window
    return None


def requested_organ(petition: Petition, kind: str) -> str | None:
    """Return the organ a request goes to: the next higher organ of the one whose opinion is contested."""
    # As review.bpmn and re_review.bpmn name the review and re-review organs.
    if not petition.handling_organ:
        return None
    organ = superior_of(petition.handling_organ)
    return superior_of(organ) if kind == "re_review" and organ else organ


def may_record(user, petition: Petition, kind: str) -> bool:
    """Tell whether a person may record a request on the petitioner's behalf.

    The registrars of the organs concerned (those who see the case, as its petition department
    does) take in letters and visits; the request goes to the next higher organ, whose reviewers
    receive it too.
    """
    if user is None or not user.active:
        return False
    if user.role == "admin":
        return True
    if user.role not in RECORDING_ROLES or not may_see(user, petition):
        return False
    if user.role == "registrar":
        return True
    return bool(user.organ_code) and user.organ_code == requested_organ(petition, kind)


def record_request(number: str, request: DeskRequest, user) -> None:
    """Record a request received by letter or at a visit; refused with the article and days when late."""
    from processes.case_view import CaseRefused

    petition = find_by_number(number)
    if not may_record(user, petition, request.kind):
        raise CaseRefused("Only a registrar of the organs concerned, or staff of the organ the request goes to, "
                          "may record it.")
    window = progress(petition).windows[request.kind]
    _check_day(window, request.received_on, "received_on")
    made_on = request.posted_on or request.received_on
    if request.posted_on is not None:
        _check_day(window, request.posted_on, "posted_on")
        if request.posted_on > request.received_on:
            raise RequestDayInvalid("The postmark day cannot be later than the day the letter was received.",
                                    fields=["posted_on"], code="posted_after_received")
    if made_on > window.last_day:
        raise RequestRefused("%(kind)s made on %(day)s is late: the 30 days of %(article)s ended on %(last)s.",
                             fields=["posted_on" if request.posted_on else "received_on"], code="late",
                             kind=Said(*RIGHT_WORDS[request.kind]), article=Said(window.article_en, window.article_zh),
                             day=made_on.isoformat(), last=window.last_day.isoformat())
    if window.requested_on is not None:
        raise RequestRefused("%(kind)s was already requested on %(day)s.", code="already_requested",
                             kind=Said(*RIGHT_WORDS[request.kind]), day=window.requested_on.isoformat())
    if not window.takes_letters:
        raise RequestRefused("%(kind)s can no longer be recorded: the case has moved on.", code="moved_on",
                             kind=Said(*RIGHT_WORDS[request.kind]))
    rows = attachment_rows(request.attachments)
    complete_request(window, made_on, request.reasons, request.channel, user.username,
                     "、".join(row.filename for row in rows), received_on=request.received_on)
    petition.attachments.extend(rows)  # kept with the petition's files, listed on the case page


def _check_day(window: Window, day: date, field: str) -> None:
    if window.served_on is None:
        raise RequestRefused("%(kind)s cannot be requested before the written opinion is served.", code="not_served",
                             kind=Said(*RIGHT_WORDS[window.kind]))
    if day > today():
        raise RequestDayInvalid("The day cannot be later than today (%(today)s).", fields=[field],
                                code="future", today=today().isoformat())
    if day < window.served_on:
        raise RequestDayInvalid("The day cannot be earlier than the day the opinion was served (%(served)s).",
                                fields=[field], code="before_service", served=window.served_on.isoformat())
