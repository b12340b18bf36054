"""Edges of the regulation's text the other path tests do not reach: the exception of Art. 23 ¶2 for a
petitioner whose name or address is unclear, and the publication of a re-review opinion that only a
hearing allows (Art. 36 ¶2)."""
from __future__ import annotations

import pytest

from tests.diagrams.test_paths_limits import reach

COUNTY_DESK = "JN-QS-LX-XFJ"


@pytest.mark.parametrize(("channel", "clear", "owed"), [
    ("letter", False, False),  # no name or address to write to: nothing owed, nothing served
    ("letter", True, True),
    ("online", False, True),  # an online petitioner is answered on the portal whatever the address
], ids=["letter_unclear", "letter_clear", "online_unclear"])
def test_the_written_notice_is_owed_unless_name_or_address_is_unclear(walker, channel, clear, owed):
    recorded = {"recorded_by": "registrar"} if channel != "online" else {}
    case = walker(channel=channel, **recorded)
    case.step("register_petition", name_address_clear=clear)
    forwarded = case.document("forward_notice")
    assert (forwarded.served_on is not None) is owed
    case.step("decide_acceptance", accept=True)
    reach(case, "notify_acceptance", "missed")  # 00:00 after the 15th day from receipt
    if owed:  # the organ did not tell the petitioner within 15 days: supervised (Art. 23, 44 (3))
        assert case.ready() == {"notify_acceptance", "issue_supervision_letter"}
        assert case.offered("issue_supervision_letter")[1] == COUNTY_DESK
    else:  # Art. 23 ¶2: "except where the name or address is unclear"
        assert case.ready() == {"notify_acceptance"}
    case.step("notify_acceptance")
    notice = case.document("acceptance_notice")
    assert (notice.served_on is not None) is owed
    assert case.stage == "handling"
