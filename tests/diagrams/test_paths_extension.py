"""Paths of extension.bpmn (Art. 34): a complex matter's 60 days extended once, by at most 30 days,
on the head's approval, with the reasons told to the petitioner; the 60 days run on while the
request waits, and missing them opens supervision once (Art. 45 (1))."""
from __future__ import annotations

from datetime import timedelta

import pytest

from engine.errors import FormInvalid
from processes.functions import deadline, remind_before
from tests.diagrams.walker import LABOUR, at

SIXTY_DAYS = at("2026-03-07", 0)  # accepted 5 January: the 60th day is Friday 6 March
COUNTY_DESK = "JN-QS-LX-XFJ"
MINUTE = timedelta(minutes=1)


def test_extension_is_granted_once_and_moves_the_limit(investigating):
    case = investigating
    assert case.due("investigate") == SIXTY_DAYS
    case.step("investigate", next_step="extension")
    assert case.offered("request_extension") == ("handler", LABOUR)
    case.step("request_extension", extension_days=30, extension_reason="涉及多名工人，需调取工资台账。")
    assert case.offered("approve_extension") == ("head", LABOUR)
    case.step("approve_extension", extension_approved=True)

    notice = case.document("extension_notice")
    extended = deadline("2026-01-05", 90)
    assert extended.last_day.isoformat() == "2026-04-07"  # the 90th day falls in the Qingming holiday
    assert notice.fields["extended_until"] == extended.last_day.isoformat()
    assert notice.fields["reason"] == "涉及多名工人，需调取工资台账。"
    assert case.stage == "extension"
    assert case.ready() == {"investigate"}
    assert case.due("investigate") == extended.due_at

    case.step("investigate", next_step="extension")  # a second request is refused without asking
    assert case.ready() == {"investigate"}
    assert case.data["extension_outcome"] == "refused_already_extended"
    assert case.documents().count("extension_notice") == 1
    assert case.due("investigate") == extended.due_at


def test_extension_beyond_thirty_days_is_refused(investigating):
    case = investigating.step("investigate", next_step="extension")
    with pytest.raises(FormInvalid) as refused:
        case.step("request_extension", extension_days=31)
    assert "extension_days" in refused.value.errors
    assert case.ready() == {"request_extension"}
    case.step("request_extension", extension_days=30)
    assert case.ready() == {"approve_extension"}


def test_head_refuses_the_extension(investigating):
    case = investigating.step("investigate", next_step="extension")
    case.step("request_extension", extension_days=15)
    case.step("approve_extension", extension_approved=False, extension_head_comment="理由不充分。")
    assert case.ready() == {"investigate"}
    assert case.data["extension_outcome"] == "refused" and case.data["extension_days"] == 0
    assert "extension_notice" not in case.documents()
    assert case.due("investigate") == SIXTY_DAYS
    assert case.stage == "handling"


def test_the_sixty_days_stay_on_the_request_and_the_approval(investigating):
    case = investigating.step("investigate", next_step="extension")
    assert case.due("request_extension") == SIXTY_DAYS
    case.step("request_extension", extension_days=30)
    assert case.offered("approve_extension") == ("head", LABOUR)
    assert case.due("approve_extension") == SIXTY_DAYS


@pytest.mark.parametrize("outcome", ("met", "missed"))
def test_head_sitting_on_the_request_past_the_sixty_days_opens_supervision(investigating, outcome):
    case = investigating.step("investigate", next_step="extension").step("request_extension", extension_days=30)
    reminder = remind_before(deadline("2026-01-05", 60), 3).due_at
    case.advance(to=reminder - MINUTE)
    assert "request_reminder" not in case.fired()
    case.advance(to=reminder)  # three days before the limit, the reminder fires; no supervision yet
    assert "request_reminder" in case.fired() and "request_limit" not in case.fired()
    assert "issue_supervision_letter" not in case.ready()

    case.advance(to=SIXTY_DAYS - MINUTE if outcome == "met" else SIXTY_DAYS)
    if outcome == "met":  # 23:59 of the 60th day: still in time
        assert case.ready() == {"approve_extension"}
        case.step("approve_extension", extension_approved=True)
        case.advance(by=MINUTE)
        assert "issue_supervision_letter" not in case.ready() and case.ready() == {"investigate"}
        return
    # 00:00 of the 61st day: the petition department supervises while the request still waits.
    assert case.ready() == {"approve_extension", "issue_supervision_letter"}
    assert case.offered("issue_supervision_letter") == ("supervisor", COUNTY_DESK)
    case.step("issue_supervision_letter")
    letter = case.document("supervision_letter")
    assert (letter.fields["reason"], letter.fields["organs"]["to"]["code"]) == ("handling_overdue", LABOUR)
    # The head refuses late: handling goes on under the same missed limit, supervised once only.
    case.step("approve_extension", extension_approved=False)
    assert case.ready() == {"investigate", "give_feedback"}
    assert case.waiting("issue_supervision_letter") == 0
    assert case.documents().count("supervision_letter") == 1


def test_extension_granted_after_the_sixty_days_watches_the_extended_limit(investigating):
    case = investigating.step("investigate", next_step="extension").step("request_extension", extension_days=30)
    case.advance(to=at("2026-03-09"))
    assert case.waiting("issue_supervision_letter") == 1
    case.step("approve_extension", extension_approved=True)
    assert case.due("investigate") == at("2026-04-08", 0)
    assert case.waiting("issue_supervision_letter") == 1  # the 60 days are not reported a second time
    case.advance(to=at("2026-04-08", 0))  # the extended limit is missed too: a second supervision
    assert case.waiting("issue_supervision_letter") == 2


def test_request_made_after_the_sixty_days_is_not_reported_again(investigating):
    case = investigating
    case.advance(to=SIXTY_DAYS)
    assert case.waiting("issue_supervision_letter") == 1
    case.step("investigate", next_step="extension").step("request_extension", extension_days=30)
    assert case.due("approve_extension") == SIXTY_DAYS
    case.step("approve_extension", extension_approved=False)
    assert case.ready() == {"investigate", "issue_supervision_letter"}
    assert case.waiting("issue_supervision_letter") == 1
