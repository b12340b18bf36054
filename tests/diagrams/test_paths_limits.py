"""The statutory limits of intake and handling at their boundary: met at 23:59 of the last day, no
supervision follows; missed at 00:00 of the next day, supervision opens (Art. 22, 23, 34, 40)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from processes.functions import deadline, remind_before
from tests.diagrams.walker import LABOUR, Walker, at

COUNTY_DESK, CITY_DESK = "JN-QS-LX-XFJ", "JN-QS-XFJ"
OUTCOMES = ("met", "missed")
MINUTE = timedelta(minutes=1)


def reach(case: Walker, element: str, outcome: str) -> None:
    """Move the clock to the last minute of a task's limit, or to the first minute after it."""
    due = case.due(element)
    case.advance(to=due - MINUTE if outcome == "met" else due)


def assert_no_supervision_after(case: Walker) -> None:
    """Let the limit pass: nothing falls due once the task was done in time."""
    case.advance(by=MINUTE)
    assert "issue_supervision_letter" not in case.ready()


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_registration_within_fifteen_days(walker, outcome):
    case = walker()
    assert case.due("register_petition") == at("2026-01-21", 0)
    reach(case, "register_petition", outcome)
    if outcome == "met":
        case.step("register_petition")
        assert case.ready() == {"decide_acceptance"}
        assert_no_supervision_after(case)
        return
    # The county desk missed its 15 days: the petition department above supervises it (Art. 43).
    assert case.ready() == {"register_petition", "issue_supervision_letter"}
    assert case.offered("issue_supervision_letter") == ("supervisor", CITY_DESK)
    case.step("issue_supervision_letter")
    letter = case.document("supervision_letter")
    assert (letter.fields["reason"], letter.fields["organs"]["to"]["code"]) == ("registration_overdue", COUNTY_DESK)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_acceptance_notice_within_fifteen_days(walker, outcome):
    case = walker().steps([("register_petition", {}), ("decide_acceptance", {"accept": True})])
    reach(case, "notify_acceptance", outcome)
    if outcome == "met":
        case.step("notify_acceptance")
        assert case.document("acceptance_notice").issued_on.isoformat() == "2026-01-20"
        assert_no_supervision_after(case)
        return
    assert case.offered("issue_supervision_letter") == ("supervisor", COUNTY_DESK)
    assert "notify_acceptance" in case.ready()


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_objection_within_five_working_days(walker, outcome):
    case = walker().step("register_petition", handling_organ="JN-QS-LX-ZRZYJ")
    assert case.due("decide_acceptance") == at("2026-01-13", 0)  # Tue 6 to Mon 12 January
    reach(case, "decide_acceptance", outcome)
    if outcome == "met":
        case.step("decide_acceptance", accept=False, decision_reason="不属本局职责。")
        assert "objection" in case.documents()
        assert case.ready() == {"verify_objection"}
        return
    # Silence for five working days: the matter is its own now, and it must say so in writing.
    assert case.ready() == {"notify_acceptance"}
    assert case.offered("notify_acceptance") == ("handler", "JN-QS-LX-ZRZYJ")
    assert "objection" not in case.documents()


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_handling_within_sixty_days(investigating, outcome):
    case = investigating
    assert case.due("investigate") == at("2026-03-07", 0)
    reach(case, "investigate", outcome)
    if outcome == "met":
        case.steps([("investigate", {}), ("draft_opinion", {}), ("approve_opinion", {}), ("serve_reply", {})])
        assert case.stage == "replied"
        assert case.document("handling_opinion").served_on.isoformat() == "2026-03-06"
        assert_no_supervision_after(case)
        return
    assert case.ready() == {"investigate", "issue_supervision_letter"}
    assert case.offered("issue_supervision_letter") == ("supervisor", COUNTY_DESK)
    case.step("issue_supervision_letter")
    letter = case.document("supervision_letter")
    assert (letter.fields["reason"], letter.fields["organs"]["to"]["code"]) == ("handling_overdue", LABOUR)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_extended_handling_within_ninety_days(investigating, outcome):
    case = investigating.steps([("investigate", {"next_step": "extension"}),
                                ("request_extension", {"extension_days": 30}), ("approve_extension", {})])
    assert case.due("investigate") == at("2026-04-08", 0)
    reach(case, "investigate", outcome)
    if outcome == "met":
        case.steps([("investigate", {}), ("draft_opinion", {}), ("approve_opinion", {}), ("serve_reply", {})])
        assert case.stage == "replied"
        assert_no_supervision_after(case)
        return
    case.step("issue_supervision_letter")
    assert case.document("supervision_letter").fields["reason"] == "extended_handling_overdue"
    assert case.stage == "extension"


def test_sixty_days_show_before_the_route_is_chosen(accepted):
    case = accepted
    assert case.due("check_recusal") == at("2026-03-07", 0)  # Art. 34 counts from acceptance
    case.step("check_recusal", has_direct_interest=True)
    assert case.offered("reassign_handler") == ("head", LABOUR)
    assert case.due("reassign_handler") == at("2026-03-07", 0)
    case.step("reassign_handler").step("check_recusal")
    assert case.due("choose_route") == at("2026-03-07", 0)


def test_handling_reminder_comes_three_days_before_the_limit(investigating):
    case = investigating
    reminder = remind_before(deadline("2026-01-05", 60), 3).due_at
    assert reminder == at("2026-03-04", 0)
    case.advance(to=reminder - MINUTE)
    assert "handling_reminder" not in case.fired()
    case.advance(to=reminder)
    assert "handling_reminder" in case.fired()
    assert case.ready() == {"investigate"}  # a reminder, not yet supervision
    assert case.due("investigate") == at("2026-03-07", 0)
