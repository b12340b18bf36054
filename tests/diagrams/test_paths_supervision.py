"""Paths of supervision.bpmn (Art. 38–40, 43–45): a missed limit or mishandling found on a check
opens supervision; the supervised organ answers in writing within 15 days, or it is escalated."""
from __future__ import annotations

import pytest

from tests.diagrams.walker import LABOUR, REPLIED, at

COUNTY_DESK = "JN-QS-LX-XFJ"


@pytest.fixture
def supervised(walker):
    """Return a forwarded complaint whose acceptance notice was not given within 15 days."""
    case = walker().steps([("register_petition", {}), ("decide_acceptance", {"accept": True})])
    case.advance(to=at("2026-01-21", 0))  # the 15 days of Art. 23 ran out at the end of the 20th
    return case


def test_missed_limit_opens_supervision_answered_in_time(supervised):
    case = supervised
    assert case.ready() == {"notify_acceptance", "issue_supervision_letter"}  # the overdue task stays
    assert case.offered("issue_supervision_letter") == ("supervisor", COUNTY_DESK)
    case.step("issue_supervision_letter", supervision_findings="未在15日内书面告知是否受理。",
              correction_required="立即书面告知信访人。")
    letter = case.document("supervision_letter")
    assert letter.fields["organs"]["to"]["code"] == LABOUR
    assert (letter.fields["reason"], letter.fields["feedback_due"]) == ("acceptance_notice_overdue", "2026-02-05")
    assert case.offered("give_feedback") == ("handler", LABOUR)
    assert case.due("give_feedback") == at("2026-02-06", 0)

    case.step("notify_acceptance")  # the organ corrects what was late
    case.advance(to=at("2026-02-05", 23, 59))
    case.step("give_feedback", feedback_text="已书面告知受理。", suggestions_adoption="adopted")
    assert case.offered("assess_feedback") == ("supervisor", COUNTY_DESK)
    case.step("assess_feedback", feedback_accepted=True)
    assert case.ready() == {"check_recusal"}
    assert case.stage == "handling"


def test_feedback_not_given_within_fifteen_days_is_escalated(supervised):
    case = supervised.step("issue_supervision_letter")
    case.advance(to=at("2026-02-06", 0))
    assert "give_feedback" not in case.ready()
    assert case.offered("escalate_supervision") == ("supervisor", COUNTY_DESK)
    case.step("escalate_supervision", escalation_action="accountability", escalated_to="JN-QS-LX",
              escalation_note="逾期未反馈，建议追究责任。")
    assert case.ready() == {"notify_acceptance"}


def test_feedback_found_wanting_is_escalated(supervised):
    case = supervised.steps([("issue_supervision_letter", {}), ("give_feedback", {})])
    case.step("assess_feedback", feedback_accepted=False, assessment_note="未说明整改措施。")
    assert case.offered("escalate_supervision") == ("supervisor", COUNTY_DESK)
    case.step("escalate_supervision", escalation_action="listed_supervision")
    assert case.ready() == {"notify_acceptance"}


def test_dissatisfied_petitioner_has_the_handling_checked_and_mishandling_supervised(walker):
    case = walker(receiving_organ=LABOUR).steps(REPLIED)
    case.evaluate("dissatisfied", "处理意见没有落实。")
    assert case.offered("check_handling") == ("registrar", COUNTY_DESK)
    case.step("check_handling", check_findings="支持意见作出后公司仍未付款，承办单位未督促落实。", mishandled=True)
    assert case.offered("issue_supervision_letter") == ("supervisor", COUNTY_DESK)
    case.step("issue_supervision_letter", supervision_findings="未督促落实支持意见。", correction_required="督促履行。",
              improvement_suggestions="建立处理意见落实台账。")
    letter = case.document("supervision_letter")
    assert letter.fields["reason"] == "mishandling"
    assert letter.fields["improvement_suggestions"] == "建立处理意见落实台账。"
    assert case.offered("give_feedback") == ("handler", LABOUR)
    assert "request_review" in case.ready()  # the petitioner's rights run on beside the supervision
