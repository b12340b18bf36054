"""Wrong secrets counting towards a rest: one count for query codes and passwords, each kind on its own."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

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


def _history() -> list[tuple]:
    from processes.access_events import recent_events

    return [(event.subject_kind, event.subject, event.event, event.until, event.actor, event.reason)
            for event in reversed(recent_events())]


def test_a_rest_begun_and_a_rest_lifted_go_into_the_history_of_the_kind_when_asked(app, clock):
    for _ in range(5):
        PASSWORDS.record_wrong("li.ming", in_history=True)
        QUERY_CODES.record_wrong("XF-1")  # not asked: no row
    assert PASSWORDS.lift("li.ming", "admin", "本人来电核实") == NINE_FIFTEEN
    QUERY_CODES.lift("XF-1")  # nobody's lift: no row
    assert _history() == [("account", "li.ming", "rested", NINE_FIFTEEN, None, None),
                          ("account", "li.ming", "lifted", NINE_FIFTEEN, "admin", "本人来电核实")]


def test_one_address_rests_after_twenty_wrong_codes_for_as_many_numbers(app, clock):
    from processes.query_attempts import AddressResting, check_not_locked, record_wrong

    for serial in range(19):
        record_wrong(f"XF-{serial}", address="203.0.113.7")
    check_not_locked("XF-99", address="203.0.113.7")
    record_wrong("XF-19", address="203.0.113.7")
    with pytest.raises(AddressResting) as refused:
        check_not_locked("XF-99", address="203.0.113.7")
    assert refused.value.details["until"] == NINE_FIFTEEN
    check_not_locked("XF-99", address="198.51.100.1")  # another address
    check_not_locked("XF-99", device="her-browser", address="203.0.113.7")  # a browser that opened XF-99
    assert _history() == [("address", "203.0.113.7", "rested", NINE_FIFTEEN, None, None)]


def test_wrong_codes_from_all_addresses_raise_one_alarm_a_window(app, clock):
    from processes.query_attempts import ALARM_LEVEL, alarm_until, record_wrong

    for serial in range(ALARM_LEVEL - 1):
        record_wrong(f"XF-{serial}", address=f"198.51.100.{serial % 10}")  # ten addresses, none resting
    assert alarm_until() is None and _history() == []
    record_wrong("XF-A", address="198.51.100.200")
    record_wrong("XF-B", address="198.51.100.201")
    assert alarm_until() == NINE_FIFTEEN
    assert _history() == [("portal", "portal", "alarm", NINE_FIFTEEN, None, None)]
    clock.advance(timedelta(minutes=15))
    assert alarm_until() is None
    for serial in range(ALARM_LEVEL):
        record_wrong(f"XF-{serial}", address=f"198.51.100.{serial % 10}")
    assert [event[2] for event in _history()] == ["alarm", "alarm"]
