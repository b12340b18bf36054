"""Paths of extension.bpmn (Art. 34): a complex matter's 60 days extended once, by at most 30 days,
on the head's approval, with the reasons told to the petitioner."""
from __future__ import annotations

import pytest

from engine.errors import FormInvalid
from processes.functions import deadline
from tests.diagrams.walker import LABOUR, at

SIXTY_DAYS = at("2026-03-07", 0)  # accepted 5 January: the 60th day is Friday 6 March


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
