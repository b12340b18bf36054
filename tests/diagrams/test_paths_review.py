"""Paths after the written reply (petition.bpmn, review.bpmn, re_review.bpmn): the petitioner's
evaluation in the portal (Art. 21), review (Art. 35), re-review (Art. 36) and the end it makes."""
from __future__ import annotations

import pytest

from processes.case_walk import ACCEPT_OWN, REVIEW
from processes.documents import render_document
from processes.functions import deadline
from processes.petitions import public_view
from tests.diagrams.walker import LABOUR, REPLIED, at

CITY_LABOUR, PROVINCE_LABOUR = "JN-QS-RSJ", "JN-RSJ"  # the review organ and the re-review organ


@pytest.fixture
def replied(walker):
    """Return a wage complaint whose handling opinion was served on 5 January."""
    return walker(receiving_organ=LABOUR).steps(REPLIED)


def test_review_and_re_review_end_the_matter_for_good(replied, walker):
    case = replied.evaluate("satisfied", "答复及时。")
    assert case.ready() == {"request_review"}
    assert public_view(case.petition)["evaluated"] is True

    case.advance(to=at("2026-01-20"))
    window = case.window("review")
    assert window.open and window.last_day.isoformat() == "2026-02-04"
    case.request("review", "公司仍未支付。")
    assert case.stage == "review"
    assert case.offered("review_matter") == ("reviewer", CITY_LABOUR)
    assert case.due("review_matter") == deadline("2026-01-20", 30).due_at
    case.step("review_matter", review_decision="uphold", review_opinion_text="维持原处理意见。")
    assert case.document("review_opinion").issued_by == CITY_LABOUR
    assert case.offered("serve_review_opinion") == ("reviewer", CITY_LABOUR)
    case.step("serve_review_opinion")
    assert case.stage == "reviewed"  # the petitioner sees the review opinion served (Art. 36)
    assert case.document("review_opinion").served_on.isoformat() == "2026-01-20"
    assert case.ready() == {"request_re_review"} and not case.window("review").open
    assert case.window("re_review").open

    case.request("re_review")
    assert case.stage == "re_review"
    assert case.offered("examine_re_review") == ("reviewer", PROVINCE_LABOUR)
    case.step("examine_re_review", hold_hearing=False)
    assert case.offered("decide_re_review") == ("reviewer", PROVINCE_LABOUR)
    case.step("decide_re_review", re_review_decision="uphold")
    case.step("serve_re_review_opinion")
    assert case.document("re_review_opinion").issued_by == PROVINCE_LABOUR
    assert case.status == "completed" and case.ready() == set()
    assert (case.petition.stage, case.petition.outcome) == ("closed", "final")

    # Art. 36 ¶3: the same facts and reasons come again, and are not accepted.
    again = walker()
    assert again.data["same_matter_check"]["rule"] == "art36"
    assert again.offered("confirm_same_matter") == ("registrar", "JN-QS-LX-XFJ")
    again.step("confirm_same_matter", same_matter_confirmed=True)
    notice = again.document("non_acceptance_notice")
    assert notice.fields["ground"] == "final_after_re_review"
    assert notice.fields["earlier"] == case.petition.registration_number
    assert again.stage == "not_accepted" and again.status == "completed"


def test_petitioner_lets_review_go_and_the_case_closes(replied):
    case = replied.step("request_review", wants_review=False)
    assert (case.petition.stage, case.petition.outcome) == ("closed", "opinion")
    assert case.ready() == {"evaluate"}  # the evaluation stays open until its own window ends
    case.evaluate("basically_satisfied")
    assert case.status == "completed"


def test_review_window_ending_on_a_weekend_runs_to_monday(walker):
    case = walker(receiving_organ=LABOUR).steps(REPLIED[:-1])
    case.advance(to=at("2026-01-08"))
    case.step("serve_reply")  # served Thursday 8 January: the 30th day is Saturday 7 February
    window = case.window("review")
    assert window.last_day.isoformat() == "2026-02-09"
    assert case.due("request_review") == at("2026-02-10", 0)

    case.advance(to=at("2026-02-09", 23, 59))  # the 32nd day, still in time
    case.request("review")
    assert "non_acceptance_notice" not in case.documents()
    assert case.ready() == {"evaluate", "review_matter"}
    assert case.offered("review_matter") == ("reviewer", CITY_LABOUR)


@pytest.mark.parametrize("kind", ["review", "re_review"])
def test_request_dated_after_the_window_is_refused_in_writing(replied, kind):
    case = replied
    if kind == "re_review":
        case.request("review").steps(REVIEW)
    case.advance(to=at("2026-02-04", 23, 59))
    case.step(f"request_{kind}", **{f"{kind}_requested_on": "2026-02-05"})  # a letter dated the 31st day
    notice = case.document("non_acceptance_notice")
    article, organ, outcome = (("第三十五条", CITY_LABOUR, "opinion") if kind == "review"
                               else ("第三十六条", PROVINCE_LABOUR, "reviewed"))
    assert (notice.article, notice.issued_by) == (article, organ)  # refused by the organ asked
    assert notice.fields["ground"] == f"late_{kind}"
    # The reply (or review opinion) was received on 5 January; the 30th day was 4 February.
    assert (notice.fields["reply_served_on"], notice.fields["last_day"], notice.fields["requested_on"]) == (
        "2026-01-05", "2026-02-04", "2026-02-05")
    text = render_document(notice)
    assert f"《信访工作条例》{article}" in text and "2026年2月4日届满" in text and "第二十三条" not in text
    assert (notice.served_on.isoformat(), notice.service_method) == ("2026-02-04", "portal")  # an online petition
    assert case.ready() == {"evaluate"}
    assert (case.petition.stage, case.petition.outcome) == ("closed", outcome)


def test_no_review_above_the_province_government(walker):
    case = walker(receiving_organ="JN", territory="JN", category="suggestion",
                  request="建议全省统一农民工工资保证金制度。", facts="各地保证金比例不一。")
    case.steps([*ACCEPT_OWN, ("check_recusal", {}), ("choose_route", {"handling_route": "administrative"}),
                ("introduce_procedure", {}), ("serve_procedure_reply", {})])
    case.request("review")
    notice = case.document("non_acceptance_notice")
    assert (notice.fields["ground"], notice.article, notice.issued_by) == ("no_review_organ", "第三十五条", "JN")
    assert (case.petition.stage, case.petition.outcome) == ("closed", "other_procedure")


def test_the_case_data_keeps_both_branches_after_the_reply(replied):
    # After the reply, the evaluation and the review request run side by side (Art. 21, 35).
    # The review goes first; a later dissatisfied evaluation opens the registrar's check on the
    # other branch, whose copy of the data never saw the review: the case data keeps both.
    case = replied.request("review", "公司仍未支付。")
    review_data = {key: case.data[key] for key in ("review_requested_on", "review_organ")}
    assert review_data["review_organ"] == CITY_LABOUR
    case.evaluate("dissatisfied", "仍未支付。")
    assert {"check_handling", "review_matter"} <= case.ready()
    assert {key: case.data[key] for key in review_data} == review_data
    assert case.data["evaluation"] == "dissatisfied"


def test_the_evaluation_is_offered_for_30_days_after_the_reply_and_then_closes(replied):
    from processes import portal
    from processes.errors import EvaluationRefused

    view = portal.progress(replied.petition)
    assert view.evaluation_task is not None and view.evaluation_until.isoformat() == "2026-02-04"
    replied.advance(to=at("2026-02-05"))  # the 30th day after the reply has passed
    view = portal.progress(replied.petition)
    assert view.evaluation_task is None and view.evaluation_closed
    with pytest.raises(EvaluationRefused) as refused:
        replied.evaluate("dissatisfied", "太晚了。")
    assert refused.value.code == "evaluation_closed"
    assert public_view(replied.petition)["evaluated"] is False
