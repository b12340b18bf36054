"""Paths of acceptance.bpmn: registration and the routes of Art. 22, acceptance and objections of
Art. 23, disputes of Art. 24 and the report upward of Art. 25, each walked on the real engine."""
from __future__ import annotations

from processes.documents import render_document
from processes.organs import get_organ
from tests.diagrams.walker import at

COUNTY_DESK = "JN-QS-LX-XFJ"  # 柳溪县信访局, where the petitions of these tests arrive
LABOUR = "JN-QS-LX-RSJ"
LAND = "JN-QS-LX-ZRZYJ"


def test_forwarded_matter_is_accepted_in_writing(walker):
    case = walker()
    assert case.stage == "registration"
    assert case.offered("register_petition") == ("registrar", COUNTY_DESK)
    assert case.due("register_petition") == at("2026-01-21", 0)  # 15 days: the 20th is the last
    assert case.data["route"] == "forward" and case.data["handling_organ"] == LABOUR  # the proposal

    case.step("register_petition")
    assert case.documents() == ["forward_notice"]
    assert case.document("forward_notice").fields["organs"]["to"]["code"] == LABOUR
    assert case.stage == "acceptance"
    assert case.offered("decide_acceptance") == ("handler", LABOUR)
    assert case.due("decide_acceptance") == at("2026-01-13", 0)  # 5 working days to object

    case.step("decide_acceptance", accept=True)
    assert case.ready() == {"notify_acceptance"}
    assert case.due("notify_acceptance") == at("2026-01-21", 0)
    case.step("notify_acceptance", accepted_on="2026-01-05", handling_procedure="依照第三十一条第六项办理")
    assert case.documents() == ["forward_notice", "acceptance_notice"]
    assert case.stage == "handling"
    assert case.ready() == {"check_recusal"}
    assert case.data["accepted"] is True and case.status == "running"


def test_assigned_matter_reports_back_and_is_checked(walker):
    case = walker(territory="JN-QS-LX-TY", category="land", request="请求桃源镇依法补偿被征收的承包地。",
                  facts="村里二十亩承包地被征收用于修路，至今未发补偿款。")
    assert case.data["route"] == "assign" and case.data["handling_organ"] == "JN-QS-LX-TY"
    case.step("register_petition", feedback_due_days=10)
    notice = case.document("assign_notice")
    assert notice.fields["feedback_due_days"] == 10
    assert case.offered("decide_acceptance") == ("handler", "JN-QS-LX-TY")
    case.steps([("decide_acceptance", {}), ("notify_acceptance", {}), ("check_recusal", {}),
                ("choose_route", {"handling_route": "administrative"}), ("introduce_procedure", {}),
                ("serve_procedure_reply", {})])
    assert case.ready() == {"evaluate", "request_review"}

    case.step("evaluate", evaluation="satisfied")
    # An assigned matter comes back to the desk that assigned it, whatever the evaluation.
    assert case.offered("check_handling") == ("registrar", COUNTY_DESK)
    case.step("check_handling", handling_report_received=True, mishandled=False)
    assert case.ready() == {"request_review"}


def test_litigation_goes_to_the_political_legal_organs(walker):
    case = walker(category="litigation", request="请求法院重新审理我的劳动争议案件。")
    case.step("register_petition")
    notice = case.document("forward_notice")
    assert notice.fields["route"] == "political_legal"
    assert notice.fields["organs"]["to"]["code"] == "JN-QS-LX-ZFW"
    assert case.status == "completed" and case.ready() == set()
    assert (case.petition.stage, case.petition.outcome) == ("closed", "political_legal")


def test_accusation_goes_to_discipline_inspection_in_confidence(walker):
    case = walker(category="accusation", accused_organ=LAND, request="举报某局干部收受好处费。")
    case.step("register_petition")
    notice = case.document("forward_notice")
    assert notice.fields["organs"]["to"]["code"] == "JN-QS-LX-JW"
    assert notice.fields["confidential"] is True
    assert case.petition.outcome == "discipline" and case.status == "completed"


def test_organ_receiving_its_own_matter_accepts_directly(walker):
    case = walker(receiving_organ=LABOUR)
    assert case.offered("register_petition") == ("registrar", LABOUR)
    case.step("register_petition")
    assert case.data["route"] == "accept"
    assert case.ready() == {"notify_acceptance"}  # no objection: the matter is its own
    assert case.offered("notify_acceptance") == ("handler", LABOUR)
    assert case.due("notify_acceptance") == at("2026-01-21", 0)
    assert case.documents() == []


def test_matter_for_another_authority_is_not_accepted_and_the_petitioner_told_where(walker):
    case = walker()
    case.step("register_petition", route="redirect", handling_organ="JN-QS-ZRZYJ")
    notice = case.document("non_acceptance_notice")
    assert notice.fields["competent_organ"] == "JN-QS-ZRZYJ"
    competent = get_organ("JN-QS-ZRZYJ")
    chinese = render_document(notice, "zh")
    assert f"请向有权处理的{competent.name_zh}提出" in chinese and "authority" not in chinese
    assert f"Please submit it to {competent.name_en}" in render_document(notice, "en")
    assert case.stage == "not_accepted" and case.petition.outcome == "redirected"
    assert case.status == "completed"


def test_objection_within_five_working_days_returns_the_matter(walker):
    case = walker()
    case.step("register_petition", handling_organ=LAND)
    case.step("decide_acceptance", accept=False, decision_reason="拖欠工资不属本局职责。", proposed_organ=LABOUR)
    assert case.document("objection").fields["proposed_organ"] == LABOUR
    assert case.offered("verify_objection") == ("registrar", COUNTY_DESK)

    case.step("verify_objection", objection_verdict="agree")
    assert case.offered("reroute_petition") == ("registrar", COUNTY_DESK)
    case.step("reroute_petition", route="forward", handling_organ=LABOUR)
    assert case.documents() == ["forward_notice", "objection", "forward_notice"]
    assert case.offered("decide_acceptance") == ("handler", LABOUR)


def test_disputed_objection_is_decided_by_the_common_superior(walker):
    case = walker()
    case.step("register_petition", handling_organ=LAND)
    case.step("decide_acceptance", accept=False, decision_reason="不属本局职责。", proposed_organ=LABOUR)
    case.step("verify_objection", objection_verdict="dispute")
    assert case.offered("decide_dispute") == ("head", "JN-QS-LX")  # the county government above both

    case.step("decide_dispute", decided_organ=LAND, dispute_reason="征地引发的欠薪由自然资源局牵头。")
    assert case.ready() == {"notify_acceptance"}  # the organ decided on cannot object again
    assert case.offered("notify_acceptance") == ("handler", LAND)
    case.step("notify_acceptance")
    assert case.document("acceptance_notice").issued_by == LAND
    assert case.stage == "handling"


def test_major_matter_is_reported_upward_at_once(walker):
    case = walker(is_major=True, request="百余名工人聚集要求支付拖欠工资。")
    report = case.document("major_report")
    assert report.fields["organs"]["to"]["code"] == "JN-QS-XFJ"  # the petition department above
    assert "national_petition_bureau" in report.fields["also_to"]
    assert case.ready() == {"register_petition"}  # registration goes on meanwhile
