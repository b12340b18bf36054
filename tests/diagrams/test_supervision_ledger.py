"""The supervision ledger (督办台账): each letter a department issued, and where its supervision stands as
the supervised organ answers, the department assesses and the limit runs out."""
from __future__ import annotations

from tests.diagrams.walker import LABOUR, at

COUNTY_DESK = "JN-QS-LX-XFJ"


def _ledger(year: int = 2026):
    from processes.supervision_ledger import supervision_ledger

    return supervision_ledger(COUNTY_DESK, year)


def _late_notice(walker):
    # A forwarded complaint whose acceptance notice was not given within 15 days: supervision opens.
    case = walker().steps([("register_petition", {}), ("decide_acceptance", {"accept": True})])
    case.advance(to=at("2026-01-21", 0))
    return case


def test_a_letter_stands_awaiting_feedback_then_to_assess_then_closed(walker):
    case = _late_notice(walker)
    assert _ledger().rows == []  # no letter issued yet: the supervisor is drafting it
    case.step("issue_supervision_letter", supervision_findings="未在15日内书面告知是否受理。")
    (row,) = _ledger().rows
    assert (row.organ, row.reason, row.state) == (LABOUR, "acceptance_notice_overdue", "awaiting_feedback")
    assert row.feedback_due.isoformat() == "2026-02-05" and row.petition.id == case.petition_id
    case.step("give_feedback", feedback_text="已书面告知受理。", suggestions_adoption="adopted")
    assert _ledger().rows[0].state == "to_assess"
    case.step("assess_feedback", feedback_accepted=True)
    ledger = _ledger()
    assert ledger.rows[0].state == "closed" and ledger.count("closed") == 1 and ledger.count("to_assess") == 0
    assert _ledger(2025).rows == []  # the year it was issued in


def test_no_feedback_within_fifteen_days_shows_the_supervision_to_be_escalated(walker):
    case = _late_notice(walker)
    case.step("issue_supervision_letter")
    case.advance(to=at("2026-02-06", 0))
    (row,) = _ledger().rows
    assert row.state == "escalating"
    case.step("escalate_supervision", escalation_action="accountability", escalated_to="JN-QS-LX")
    assert _ledger().rows[0].state == "closed"
