"""Paths of handling.bpmn, mediation.bpmn and hearing.bpmn: recusal (Art. 28), the six routes of
Art. 31, the opinion and its approval (Art. 32), mediation and settlement (Art. 33), hearings."""
from __future__ import annotations

import pytest

from tests.diagrams.walker import LABOUR


def test_handler_with_an_interest_is_replaced(accepted):
    case = accepted
    assert case.stage == "handling"
    assert case.offered("check_recusal") == ("handler", LABOUR)
    case.step("check_recusal", has_direct_interest=True, interest_note="承办人系被投诉公司股东的亲属。")
    assert case.offered("reassign_handler") == ("head", LABOUR)
    case.step("reassign_handler", assigned_handler="handler2")
    assert case.ready() == {"check_recusal"}  # the new handler declares too
    case.step("check_recusal", has_direct_interest=False)
    assert case.offered("choose_route") == ("handler", LABOUR)


@pytest.mark.parametrize("route", ["judicial", "arbitration", "party_discipline", "administrative",
                                   "law_enforcement"])
def test_routes_one_to_five_introduce_the_statutory_procedure(accepted, route):
    case = accepted
    case.steps([("check_recusal", {}), ("choose_route", {"handling_route": route})])
    assert case.offered("introduce_procedure") == ("handler", LABOUR)
    case.step("introduce_procedure", procedure_name="劳动争议仲裁", competent_body="柳溪县劳动人事争议仲裁委员会",
              guidance_text="请于一年内向仲裁委员会申请仲裁。")
    reply = case.document("handling_opinion")
    assert (reply.fields["route"], reply.fields["opinion"]) == (route, "explain")
    assert case.ready() == {"serve_procedure_reply"}
    case.step("serve_procedure_reply", reply_served_on="2026-01-05")
    assert case.document("handling_opinion").served_on.isoformat() == "2026-01-05"
    assert case.stage == "replied" and case.petition.replied_on.isoformat() == "2026-01-05"
    assert case.data["handling_outcome"] == "other_procedure"
    assert case.ready() == {"evaluate", "request_review"}  # the written reply opens review (Art. 35)


def test_route_six_opinion_returned_by_the_head_then_approved_and_served(investigating):
    case = investigating
    assert case.offered("investigate") == ("handler", LABOUR)
    case.step("investigate", investigation_findings="公司确欠工资三万元。", next_step="opinion")
    case.step("draft_opinion", opinion_kind="support", opinion_text="责令公司十日内支付。")
    assert case.offered("approve_opinion") == ("head", LABOUR)
    case.step("approve_opinion", opinion_approved=False, opinion_head_comment="补充法律依据。")
    assert case.ready() == {"draft_opinion"}
    assert "handling_opinion" not in case.documents()  # nothing issued before approval
    case.step("draft_opinion", opinion_kind="support", legal_basis="《劳动合同法》第三十条。")
    case.step("approve_opinion", opinion_approved=True)
    opinion = case.document("handling_opinion")
    assert opinion.fields["opinion"] == "support" and "第三十条" in opinion.fields["basis"]
    assert case.offered("serve_reply") == ("handler", LABOUR)
    case.step("serve_reply", reply_served_on="2026-01-05")
    assert case.stage == "replied" and case.data["handling_outcome"] == "opinion"
    assert case.ready() == {"evaluate", "request_review"}


def test_mediation_agreement_concludes_the_matter(investigating):
    case = investigating
    case.step("investigate", next_step="mediation")
    assert case.stage == "mediation"
    assert case.offered("seek_consent") == ("handler", LABOUR)
    case.step("seek_consent", mediation_mode="mediation", other_party="青山建材有限公司")
    case.step("conduct_mediation", agreement_reached=True, agreement_terms="公司分两期支付工资三万元。",
              agreement_signed_on="2026-01-05")
    agreement = case.document("mediation_agreement")
    assert agreement.fields["terms"] == "公司分两期支付工资三万元。" and agreement.served_on is not None
    assert case.data["handling_outcome"] == "mediated"
    # An agreement ends the matter: no review is offered, only the evaluation.
    assert case.ready() == {"evaluate"}
    assert (case.petition.stage, case.petition.outcome) == ("closed", "mediated")


@pytest.mark.parametrize("failure", [{"other_party_consents": False}, {"agreement_reached": False}],
                         ids=["no_consent", "no_agreement"])
def test_failed_mediation_returns_to_investigation(investigating, failure):
    case = investigating
    case.step("investigate", next_step="mediation")
    case.step("seek_consent", **{key: value for key, value in failure.items() if key.endswith("consents")})
    if "agreement_reached" in failure:
        case.step("conduct_mediation", agreement_reached=False)
    assert case.ready() == {"investigate"}
    assert case.stage == "handling" and case.data["mediation_result"] == "failed"
    assert "mediation_agreement" not in case.documents()


def test_hearing_during_handling(investigating):
    case = investigating
    case.step("investigate", next_step="hearing")
    assert case.stage == "hearing"
    assert case.offered("prepare_hearing") == ("handler", LABOUR)
    case.step("prepare_hearing", hearing_date="2026-01-09", hearing_matters="欠薪数额")
    assert case.document("hearing_notice").fields["hearing_at"] == "2026-01-09"
    case.step("record_hearing", hearing_ended_on="2026-01-09", hearing_record="双方陈述意见。")
    assert case.ready() == {"investigate"} and case.stage == "handling"
    assert case.data["hearing_held"] is True
