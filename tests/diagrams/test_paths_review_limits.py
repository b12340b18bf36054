"""The limits of review and re-review at their boundary (Art. 35, 36): the petitioner's 30 days to
ask, the organs' 30 days to answer, and the hearing time that re-review does not count."""
from __future__ import annotations

from datetime import timedelta

import pytest

from processes.case_walk import REVIEW
from processes.functions import deadline
from processes.portal import RequestRefused
from tests.diagrams.test_paths_limits import (
    OUTCOMES,
    assert_no_supervision_after,
    reach,
)
from tests.diagrams.walker import LABOUR, REPLIED, at

CITY_LABOUR, PROVINCE_LABOUR = "JN-QS-RSJ", "JN-RSJ"


@pytest.fixture
def replied(walker):
    """Return a wage complaint whose handling opinion was served on Monday 5 January."""
    return walker(receiving_organ=LABOUR).steps(REPLIED)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_review_asked_within_thirty_days(replied, outcome):
    case = replied
    assert case.due("request_review") == at("2026-02-05", 0)  # the 30th day is Wednesday 4 February
    reach(case, "request_review", outcome)
    if outcome == "met":
        case.request("review")
        assert case.offered("review_matter") == ("reviewer", CITY_LABOUR)
        return
    # The 31st day: the portal no longer offers the request and refuses one, naming Art. 35.
    assert "request_review" not in case.ready() and not case.window("review").open
    with pytest.raises(RequestRefused, match="Art. 35"):
        case.request("review")
    # A letter posted by 4 February is in time: the step waits 7 days more for one in the post.
    assert case.ready() == {"review_in_post"} and case.window("review").letters_until.isoformat() == "2026-02-11"
    assert case.petition.stage != "closed"
    case.advance(to=at("2026-02-12", 0))
    assert case.status == "completed"  # the evaluation window closed with the 30 days
    assert (case.petition.stage, case.petition.outcome) == ("closed", "opinion")


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_review_opinion_within_thirty_days(replied, outcome):
    case = replied.request("review")
    assert case.due("review_matter") == at("2026-02-05", 0)
    reach(case, "review_matter", outcome)
    if outcome == "met":
        case.steps(REVIEW)
        assert case.document("review_opinion").issued_on.isoformat() == "2026-02-04"
        assert_no_supervision_after(case)
        case.step("request_re_review", wants_re_review=False)  # the petitioner accepts the review
        assert (case.petition.stage, case.petition.outcome) == ("closed", "reviewed")
        return
    assert case.offered("issue_supervision_letter") == ("supervisor", "JN-QS-XFJ")
    case.step("issue_supervision_letter")
    letter = case.document("supervision_letter")
    assert (letter.fields["reason"], letter.fields["organs"]["to"]["code"]) == ("review_overdue", CITY_LABOUR)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_re_review_asked_within_thirty_days(replied, outcome):
    case = replied.request("review").steps(REVIEW)
    reach(case, "request_re_review", outcome)
    if outcome == "met":
        case.request("re_review")
        assert case.offered("examine_re_review") == ("reviewer", PROVINCE_LABOUR)
        return
    assert not case.window("re_review").open
    with pytest.raises(RequestRefused, match="Art. 36"):
        case.request("re_review")
    assert "re_review_in_post" in case.ready() and case.petition.stage != "closed"
    case.advance(by=timedelta(days=7))  # no letter posted in time arrived
    assert (case.petition.stage, case.petition.outcome) == ("closed", "reviewed")


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_re_review_limit_does_not_count_the_hearing(replied, outcome):
    case = replied.request("review").steps(REVIEW).request("re_review")
    assert case.due("examine_re_review") == at("2026-02-05", 0)
    case.step("examine_re_review", hold_hearing=True)
    assert case.stage == "hearing"
    assert case.offered("prepare_re_review_hearing") == ("reviewer", PROVINCE_LABOUR)
    case.step("prepare_re_review_hearing", hearing_date="2026-01-12", hearing_place="江南省人社厅听证室")
    case.advance(to=at("2026-01-15", 17))
    case.step("record_re_review_hearing", hearing_ended_on="2026-01-15", hearing_record="听取双方意见。")
    assert case.stage == "re_review"
    paused = deadline("2026-01-05", 30, paused_days=10)  # ten days of hearing are not counted
    assert paused.last_day.isoformat() == "2026-02-14"  # a Saturday worked in lieu of the Spring Festival
    assert case.due("decide_re_review") == paused.due_at

    reach(case, "decide_re_review", outcome)
    if outcome == "met":  # 40 days after the request, in time
        case.steps([("decide_re_review", {"publish_opinion": True}), ("serve_re_review_opinion", {})])
        assert case.document("re_review_opinion").fields["hearing_held"] is True
        assert (case.petition.stage, case.petition.outcome) == ("closed", "final")
        assert_no_supervision_after(case)
        return
    assert case.offered("issue_supervision_letter") == ("supervisor", "JN-XFJ")
    case.step("issue_supervision_letter")
    assert case.document("supervision_letter").fields["reason"] == "re_review_overdue"
