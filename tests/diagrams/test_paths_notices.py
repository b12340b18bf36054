"""Notices to the petitioner are served, and the day and way recorded (Art. 22, 23, 35, 36):
through the portal the day of issue for an online petition, otherwise as the handler records or as
the channel is usually answered; letters between organs stay between organs; the stages after the
review and re-review opinions."""
from __future__ import annotations

import pytest

from processes.case_view import timeline
from processes.case_walk import REVIEW
from processes.documents import issue_document, serve_document
from processes.errors import InvalidDocument
from processes.statistics import open_by_stage
from tests.diagrams.walker import LABOUR, REPLIED, at

TOWNSHIP = "JN-QS-LX-TY"  # 桃源镇


def _served(case) -> dict[str, tuple[str, str]]:
    """Return the notices the petitioner sees on the portal: kind -> (day served, way)."""
    from processes.portal import progress

    return {d.kind: (d.served_on.isoformat(), d.service_method) for d in progress(case.petition).replies}


def test_online_petition_is_served_each_notice_on_the_portal_the_day_it_is_issued(walker):
    case = walker()
    case.step("register_petition")
    assert _served(case) == {"forward_notice": ("2026-01-05", "portal")}
    case.advance(to=at("2026-01-07"))
    case.steps([("decide_acceptance", {}), ("notify_acceptance", {})])
    assert _served(case) == {"forward_notice": ("2026-01-05", "portal"),
                             "acceptance_notice": ("2026-01-07", "portal")}
    # Every service is in the case's history, on its day.
    served = [(e.at.date().isoformat(), e.document.kind) for e in timeline(case.petition) if e.kind == "document_served"]
    assert served == [("2026-01-05", "forward_notice"), ("2026-01-07", "acceptance_notice")]


def test_assignment_is_told_to_the_petitioner_and_the_letter_stays_between_organs(walker):
    case = walker(territory=TOWNSHIP, category="land", request="请求桃源镇依法补偿被征收的承包地。")
    case.step("register_petition", route="assign", handling_organ=TOWNSHIP, feedback_due_days=10)
    told, letter = case.document("assignment_notice"), case.document("assign_notice")
    assert told.fields["organs"]["to"]["code"] == TOWNSHIP and told.article == "第二十二条、第二十三条第一款"
    assert (told.served_on.isoformat(), told.service_method) == ("2026-01-05", "portal")
    assert letter.served_on is None and letter.fields["feedback_due_days"] == 10
    assert _served(case) == {"assignment_notice": ("2026-01-05", "portal")}


@pytest.mark.parametrize(("days", "asked"), [
    (10, "于2026年1月15日前反馈办理结果"),  # ten days from the day after assignment
    (0, "在规定期限内反馈办理结果"),  # no day of its own: the statutory periods
], ids=["ten_days", "statutory"])
def test_the_letter_of_assignment_gives_the_day_for_the_feedback(walker, days, asked):
    from processes.documents.rendering import render_document

    case = walker(territory=TOWNSHIP, category="land", request="请求桃源镇依法补偿被征收的承包地。")
    case.step("register_petition", route="assign", handling_organ=TOWNSHIP, feedback_due_days=days)
    letter = render_document(case.document("assign_notice"))
    assert asked in letter


@pytest.mark.parametrize(("channel", "proposed", "chosen"), [
    ("visit", "in_person", "in_person"),  # told on the spot (Art. 23 ¶2)
    ("letter", "post", "post"),
    ("letter", "post", "sms"),  # the handler telephoned and sent a text message instead
])
def test_other_channels_record_how_the_petitioner_was_told(walker, channel, proposed, chosen):
    case = walker(receiving_organ=LABOUR, channel=channel, recorded_by="registrar")
    assert case.data["notice_service_method"] == proposed  # what the form shows first
    case.step("register_petition")
    case.advance(to=at("2026-01-09"))
    case.step("notify_acceptance", notice_service_method=chosen)
    notice = case.document("acceptance_notice")
    assert (notice.issued_on.isoformat(), notice.served_on.isoformat(), notice.service_method) == (
        "2026-01-09", "2026-01-09", chosen)


def test_litigation_and_redirection_notices_are_served(walker):
    case = walker(category="litigation", request="请求法院重新审理我的劳动争议案件。")
    case.step("register_petition")
    assert _served(case) == {"forward_notice": ("2026-01-05", "portal")}
    other = walker(channel="letter", recorded_by="registrar")
    other.step("confirm_same_matter", same_matter_confirmed=False)  # another matter of the same person
    other.step("register_petition", route="redirect", handling_organ="JN-QS-ZRZYJ")
    assert _served(other) == {"non_acceptance_notice": ("2026-01-05", "post")}


def test_a_transfer_to_discipline_inspection_is_not_served_by_this_system(walker):
    case = walker(category="accusation", accused_organ="JN-QS-LX-ZRZYJ", request="举报某局干部收受好处费。")
    case.step("register_petition")
    assert case.document("forward_notice").served_on is None  # its own rules tell him (Art. 23 ¶4)
    assert _served(case) == {}


def test_stage_after_the_review_and_re_review_opinions(walker):
    case = walker(receiving_organ=LABOUR).steps(REPLIED)
    case.request("review")
    assert case.stage == "review"
    case.advance(to=at("2026-01-12"))
    case.steps(REVIEW)
    assert case.stage == "reviewed"
    assert dict(open_by_stage(None).rows)["reviewed"] == 1  # the statistics of open cases count it
    opinion = case.document("review_opinion")
    assert (opinion.served_on.isoformat(), opinion.service_method) == ("2026-01-12", "in_person")
    assert case.window("re_review").last_day.isoformat() == "2026-02-11"

    case.request("re_review").steps([("examine_re_review", {}), ("decide_re_review", {}),
                                     ("serve_re_review_opinion", {"re_review_service_method": "post"})])
    assert case.document("re_review_opinion").service_method == "post"
    assert (case.petition.stage, case.petition.outcome) == ("closed", "final")
    assert "reviewed" not in {stage for stage, count in open_by_stage(None).rows if count}


def test_a_way_of_service_outside_the_list_is_refused(walker):
    case = walker()
    with pytest.raises(InvalidDocument, match="way of service") as refused:
        issue_document(case.petition_id, "extension_notice",
                       {"reason": "需调取账册。", "extended_until": "2026-03-31", "service_method": "pigeon"})
    assert refused.value.fields == ["service_method"]
    case.step("register_petition")
    with pytest.raises(InvalidDocument, match="way of service"):
        serve_document(case.document("forward_notice").number, "2026-01-05", "pigeon")


def test_the_timeline_shows_each_document_just_after_the_step_that_issued_it(investigating):
    case = investigating.step("investigate", next_step="extension").step("request_extension", extension_days=30)
    case.step("approve_extension", extension_approved=True).step("investigate", next_step="opinion")
    shown = [e.document.kind if e.document else e.element for e in timeline(case.petition)
             if e.kind in ("task_completed", "document_issued")]
    # All on one day, on a clock that stands still: the notices come where they were issued, not at the day's end.
    assert shown[shown.index("approve_extension"):] == ["approve_extension", "extension_notice", "investigate"]
    assert shown.index("acceptance_notice") == shown.index("notify_acceptance") + 1
