"""Paths of supervision.bpmn (Art. 38–40, 43–45): a missed limit or mishandling found on a check
opens supervision; the supervised organ answers in writing within 15 days, or it is escalated."""
from __future__ import annotations

import pytest

from engine.history import history_for
from tests.diagrams.walker import INVESTIGATING, LABOUR, REPLIED, at

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


def _supervisor():
    from processes.accounts import get_user

    return get_user("supervisor")  # 柳溪县信访局's supervisor


def test_a_supervisor_opens_supervision_of_a_delaying_organ_while_the_handling_goes_on(walker):
    from processes.supervision_requests import SupervisionRefused, request_supervision, supervision_offer

    case = walker(receiving_organ=LABOUR).steps(INVESTIGATING)
    offer = supervision_offer(case.petition, _supervisor())
    assert offer.open and offer.suggested == LABOUR and LABOUR in [organ.code for organ in offer.organs]
    with pytest.raises(SupervisionRefused):
        request_supervision(case.petition, _supervisor(), LABOUR, "  ")  # what was found must be said
    with pytest.raises(SupervisionRefused):
        request_supervision(case.petition, _supervisor(), "JN-QS-LX-ZRZYJ", "拖延。")  # not an organ of this case
    request_supervision(case.petition, _supervisor(), LABOUR, "调查已逾四十日未开展，存在拖延。")
    case._settle()
    assert case.ready() == {"investigate", "issue_supervision_letter"}  # handling goes on beside it
    assert case.offered("issue_supervision_letter") == ("supervisor", COUNTY_DESK)
    assert case.data["supervision_request"] == "调查已逾四十日未开展，存在拖延。"
    case.step("issue_supervision_letter", supervision_findings="调查拖延。", correction_required="五日内开展调查。")
    letter = case.document("supervision_letter")
    assert letter.fields["reason"] == "requested" and letter.fields["organs"]["to"]["code"] == LABOUR
    assert case.offered("give_feedback") == ("handler", LABOUR)
    # Once in a procedure: a second finding in the same handling goes into this supervision.
    assert not supervision_offer(case.petition, _supervisor()).open
    with pytest.raises(SupervisionRefused):
        request_supervision(case.petition, _supervisor(), LABOUR, "再次拖延。")
    (entry,) = [row for row in history_for(case.instance_id) if row.event == "message_received"]
    assert (entry.actor, entry.reason, entry.element) == (
        "supervisor", "调查已逾四十日未开展，存在拖延。", "supervision_requested_in_handling")


def test_only_a_supervisor_opens_supervision_and_not_once_the_matter_is_replied(walker):
    from processes.accounts import get_user
    from processes.supervision_requests import SupervisionRefused, request_supervision, supervision_offer

    case = walker(receiving_organ=LABOUR).steps(REPLIED)
    assert supervision_offer(case.petition, get_user("handler")) is None
    with pytest.raises(SupervisionRefused):
        request_supervision(case.petition, get_user("handler"), LABOUR, "拖延。")
    assert not supervision_offer(case.petition, _supervisor()).open  # the handling has ended
    with pytest.raises(SupervisionRefused):
        request_supervision(case.petition, _supervisor(), LABOUR, "拖延。")


def test_in_review_a_department_supervises_the_organs_of_its_own_area_only(walker):
    from processes.accounts import create_user, get_user
    from processes.supervision_requests import SupervisionRefused, request_supervision, supervision_offer

    city_labour = "JN-QS-RSJ"
    create_user("city_supervisor", "supervisor", organ="JN-QS-XFJ")  # 青山市信访局
    case = walker(receiving_organ=LABOUR).steps(REPLIED)
    case.request("review", "公司仍未支付。")
    assert case.stage == "review"
    county = supervision_offer(case.petition, _supervisor())
    assert county.open and [organ.code for organ in county.organs] == [LABOUR]  # not the city bureau above it
    with pytest.raises(SupervisionRefused):
        request_supervision(case.petition, _supervisor(), city_labour, "复查拖延。")
    offer = supervision_offer(case.petition, get_user("city_supervisor"))
    assert offer.suggested == city_labour and {organ.code for organ in offer.organs} == {LABOUR, city_labour}
    request_supervision(case.petition, get_user("city_supervisor"), city_labour, "复查期间未调阅案卷。")
    case._settle()
    assert case.offered("issue_supervision_letter") == ("supervisor", "JN-QS-XFJ")
    assert "review_matter" in case.ready()  # the review goes on


def test_an_organ_slow_to_decide_acceptance_is_supervised_before_its_fifteen_days_run_out(walker):
    from processes.supervision_requests import request_supervision, supervision_offer

    case = walker().steps([("register_petition", {})])  # forwarded to the labour bureau, not yet accepted
    assert case.stage in ("registration", "acceptance")
    offer = supervision_offer(case.petition, _supervisor())
    assert offer.open and offer.suggested == LABOUR
    request_supervision(case.petition, _supervisor(), LABOUR, "转送后十日未审查是否受理。")
    case._settle()
    assert {"decide_acceptance", "issue_supervision_letter"} <= case.ready()
    (entry,) = [row for row in history_for(case.instance_id) if row.event == "message_received"]
    assert entry.element == "supervision_requested_in_acceptance"
    case.advance(to=at("2026-01-21", 0))  # the limit missed as well: its own supervision opens beside
    assert case.waiting("issue_supervision_letter") == 2
