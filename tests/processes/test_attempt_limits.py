"""Wrong secrets counting towards a rest: one count for query codes and passwords, each kind on its own."""
from __future__ import annotations

from datetime import datetime, timedelta

from processes import models  # noqa: F401  (every table, for create_all)
from processes.query_attempts import QUERY_CODES
from processes.sign_in import PASSWORDS

NINE_FIFTEEN = datetime.fromisoformat("2026-03-02T09:15:00+08:00")


def test_the_fifth_wrong_attempt_within_the_window_begins_a_rest_that_the_oldest_ends(app, clock):
    for _ in range(4):
        assert PASSWORDS.record_wrong("li.ming") is None
        clock.advance(timedelta(minutes=1))
    assert PASSWORDS.record_wrong("li.ming") == NINE_FIFTEEN  # the first, at 09:00, is 15 minutes old then
    clock.advance(timedelta(minutes=11))  # 09:15: the first no longer counts
    assert PASSWORDS.rests_until("li.ming") is None and PASSWORDS.resting() == []


def test_kinds_and_keys_do_not_mix_and_a_lift_forgets_the_attempts(app, clock):
    for _ in range(5):
        QUERY_CODES.record_wrong("XF-1")
    assert PASSWORDS.rests_until("XF-1") is None and QUERY_CODES.rests_until("XF-2") is None
    assert [(rest.key, rest.until, rest.wrong) for rest in QUERY_CODES.resting()] == [("XF-1", NINE_FIFTEEN, 5)]
    assert QUERY_CODES.lift("XF-1") == NINE_FIFTEEN
    assert QUERY_CODES.rests_until("XF-1") is None and QUERY_CODES.lift("XF-1") is None
