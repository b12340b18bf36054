"""Wrong secrets counting towards a rest: one count for query codes and passwords, each kind on its own."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest

from engine.db import db
from processes import models  # noqa: F401  (every table, for create_all)
from processes.look_up_limits import EXTENSION, LookUpLimits
from processes.query_attempts import query_codes
from processes.sign_in import passwords

NINE_FIFTEEN = datetime.fromisoformat("2026-03-02T09:15:00+08:00")


def test_the_fifth_wrong_attempt_within_the_window_begins_a_rest_that_the_oldest_ends(app, clock):
    for _ in range(4):
        assert passwords().record_wrong("li.ming") is None
        clock.advance(timedelta(minutes=1))
    assert passwords().record_wrong("li.ming") == NINE_FIFTEEN  # the first, at 09:00, is 15 minutes old then
    clock.advance(timedelta(minutes=11))  # 09:15: the first no longer counts
    assert passwords().rests_until("li.ming") is None and passwords().resting() == []


def test_kinds_and_keys_do_not_mix_and_a_lift_forgets_the_attempts(app, clock):
    for _ in range(5):
        query_codes().record_wrong("XF-1")
    assert passwords().rests_until("XF-1") is None and query_codes().rests_until("XF-2") is None
    assert [(rest.key, rest.until, rest.wrong) for rest in query_codes().resting()] == [("XF-1", NINE_FIFTEEN, 5)]
    assert query_codes().lift("XF-1") == NINE_FIFTEEN
    assert query_codes().rests_until("XF-1") is None and query_codes().lift("XF-1") is None


def _history() -> list[tuple]:
    from processes.access_events import recent_events

    return [(event.subject_kind, event.subject, event.event, event.until, event.actor, event.reason)
            for event in reversed(recent_events())]


def test_a_rest_begun_and_a_rest_lifted_go_into_the_history_of_the_kind_when_asked(app, clock):
    for _ in range(5):
        passwords().record_wrong("li.ming", in_history=True)
        query_codes().record_wrong("XF-1")  # not asked: no row
    assert passwords().lift("li.ming", "admin", "本人来电核实") == NINE_FIFTEEN
    query_codes().lift("XF-1")  # nobody's lift: no row
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
    from processes.query_attempts import alarm_until, record_wrong

    ALARM_LEVEL = 100  # the default
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


def test_an_ipv6_client_counts_by_its_slash_64_and_an_ipv4_mapped_address_as_its_ipv4(app, clock):
    from processes.query_attempts import AddressResting, check_not_locked, record_wrong, resting_addresses

    for serial in range(20):  # a new address each time, all in one /64
        record_wrong(f"XF-{serial}", address=f"2001:db8:1:2:{serial:x}:a:b:c")
    with pytest.raises(AddressResting):
        check_not_locked("XF-99", address="2001:db8:1:2:ffff::1")  # yet another of its addresses
    check_not_locked("XF-99", address="2001:db8:1:3::1")  # the next /64: another client
    for serial in range(19):
        record_wrong(f"XF-{serial}", address="203.0.113.7")
    record_wrong("XF-19", address="::ffff:203.0.113.7")  # the same IPv4 client, as a dual-stack server sees it
    with pytest.raises(AddressResting):
        check_not_locked("XF-99", address="203.0.113.7")
    check_not_locked("XF-99", address="203.0.113.8")  # IPv4 addresses count one by one
    assert [(rest.key, rest.wrong) for rest in resting_addresses()] == [("203.0.113.7", 20),
                                                                          ("2001:db8:1:2::/64", 20)]
    assert [event[1] for event in _history()] == ["2001:db8:1:2::/64", "203.0.113.7"]


def test_an_ipv6_rest_is_lifted_by_its_network_as_the_console_shows_it(app, clock):
    from processes.query_attempts import address_rests_until, lift_address_rest, record_wrong

    for serial in range(20):
        record_wrong(f"XF-{serial}", address=f"2001:db8:1:2::{serial + 1:x}")
    assert address_rests_until("2001:db8:1:2::/64") == NINE_FIFTEEN
    assert lift_address_rest("2001:db8:1:2::/64", "admin", "本人来电核实") == NINE_FIFTEEN
    assert address_rests_until("2001:db8:1:2::99") is None
    assert _history()[-1] == ("address", "2001:db8:1:2::/64", "lifted", NINE_FIFTEEN, "admin", "本人来电核实")


def test_the_limits_in_force_are_the_ones_the_app_was_given(app, clock):
    from processes.query_attempts import AddressResting, QueryLocked, alarm_until, check_not_locked, record_wrong

    app.extensions[EXTENSION] = LookUpLimits(per_number=3, per_address=4, window_minutes=30, alarm_level=6)
    half_past = NINE_FIFTEEN + timedelta(minutes=15)
    for _ in range(3):
        record_wrong("XF-1")
    with pytest.raises(QueryLocked) as refused:
        check_not_locked("XF-1")
    assert refused.value.details["until"] == half_past  # the 30-minute window
    for serial in range(4):
        record_wrong(f"XF-{serial + 10}", address="203.0.113.7")
    with pytest.raises(AddressResting):
        check_not_locked("XF-99", address="203.0.113.7")
    assert alarm_until() is None
    record_wrong("XF-20", address="198.51.100.1")
    record_wrong("XF-21", address="198.51.100.2")  # the sixth from all addresses
    assert alarm_until() == half_past
    clock.advance(timedelta(minutes=29))
    with pytest.raises(QueryLocked):
        check_not_locked("XF-1")


@pytest.mark.parametrize("raised_first", [True, False], ids=["past-the-level", "reaching-it-together"])
def test_two_wrong_codes_at_the_same_moment_raise_the_alarm_once(app, clock, raised_first):
    """One look-up's wrong code is written but not committed when another arrives (two requests, two sessions)."""
    from processes.query_attempts import alarm_until, record_wrong

    app.extensions[EXTENSION] = LookUpLimits(alarm_level=4)
    for serial in range(3 if raised_first else 2):
        record_wrong(f"XF-{serial}", address=f"198.51.100.{serial}")
    db.session.commit()
    record_wrong("XF-A", address="198.51.100.10")  # the fourth (raises the alarm) or the third (not yet)
    assert (alarm_until() is not None) == raised_first
    other_done = threading.Event()

    def other_request() -> None:
        with app.app_context():
            try:
                record_wrong("XF-B", address="198.51.100.11")
                db.session.commit()
            finally:
                db.session.remove()
                other_done.set()

    other = threading.Thread(target=other_request)
    other.start()
    other_done.wait(1)  # it waits for the first request to end, or not
    db.session.commit()
    other.join(20)
    assert not other.is_alive()
    db.session.expire_all()
    assert [event[:3] for event in _history()] == [("portal", "portal", "alarm")]
    with app.app_context():  # a third, just after: the alarm holds
        record_wrong("XF-C", address="198.51.100.12")
        db.session.commit()
        db.session.remove()
    assert [event[2] for event in _history()] == ["alarm"]
