"""Slow down guessing of query codes: a registration number rests after a few wrong codes.

Registration numbers are sequential, so the query code is all that keeps a case private. With no
limit, codes could be tried against every number at machine speed. After `per_number` wrong codes
for one number within the window, that number answers to no code (processes/attempt_limits.py).

A rest per number lets anyone who knows a number keep its petitioner out: five wrong codes every
fifteen minutes would do. So a browser that has opened the case once — her receipt, or a look-up
with the right code — holds a proof of that (a signed cookie the portal keeps, see
web/portal/devices.py), and its look-ups are counted on their own: strangers' wrong codes do not
make it rest, and its own wrong codes rest it alone, at the same rate. A stranger cannot obtain such
a proof without the code, so guessing stays at five codes per number per fifteen minutes. A
petitioner who never opened her case online (a letter, a visit) has no such browser: the console
shows which numbers rest after wrong codes, and an administrator may lift a rest once she has
proved who she is; both are recorded in the access history (processes/access_events.py).
Other proofs the petition holds (her phone, her ID number) were not chosen: they are known to the
people most likely to harass her (family, neighbours, her employer), so they open nothing alone,
and as a second factor they would be locked by the same guesser in the same way.

A limit per number does not stop one code being tried against many numbers: a stranger's wrong
codes also count per network address, across all numbers (`per_address` within the window), and
an address past that limit opens no case for strangers until the time its refusal states. The
address is the one Flask gives (`request.remote_addr`): behind a reverse proxy it is the proxy's
unless the app is told to trust the proxy's X-Forwarded-For (`XINFANG_PROXIES`, web/config.py), or
every visitor would share one address and one rest. A browser that opened the
case before is not held up by its address's rest (its own count limits it). Such rests go into the
access history and an administrator may lift them as a number's. Wrong codes from all addresses
together are watched too: when `alarm_level` of them fall within the window, an alarm goes into the
access history for staff to see (once per window), and nobody is kept out by it. Two look-ups that
reach the level together raise it once: on PostgreSQL the alarm's check and record wait for each
other (a transaction-scoped advisory lock); SQLite lets one writer at a time by itself.

An IPv6 address counts by its /64 network, which one client normally holds whole; an IPv4 address
counts alone (processes/network_addresses.py). The numbers of wrong codes, the window and the
alarm's level are the installation's settings (processes/look_up_limits.py); their defaults are
five per number and twenty per address within fifteen minutes, and an alarm at a hundred.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from engine.clock import current_clock
from engine.db import db
from processes.access_events import ADDRESS, ALARM, PORTAL, REGISTRATION_NUMBER, AccessEvent, record_event
from processes.attempt_limits import AttemptLimit, Rest, WrongAttempt
from processes.errors import InvalidInput
from processes.look_up_limits import current_limits
from processes.network_addresses import address_key

DEVICE_MARK = "#"  # the key of a trusted browser's own count: number, mark, the browser's id
ALARM_LOCK = 0x7866_616C_6172_6D  # PostgreSQL's advisory lock for raising the alarm ("xfalarm")


class WrongQueryCode(WrongAttempt, db.Model):
    """One look-up whose query code did not match the number given."""

    __tablename__ = "wrong_query_code"

    registration_number: Mapped[str] = mapped_column(String(100), index=True)


class WrongQueryCodeFrom(WrongAttempt, db.Model):
    """One look-up by a stranger whose query code did not match, by the network address it came from."""

    __tablename__ = "wrong_query_code_address"

    address: Mapped[str] = mapped_column(String(100), index=True)


def query_codes() -> AttemptLimit:
    """Return the count of wrong codes per registration number, with the limit in force."""
    limits = current_limits()
    return AttemptLimit(WrongQueryCode.registration_number, limits.per_number, limits.window, REGISTRATION_NUMBER)


def addresses() -> AttemptLimit:
    """Return the count of strangers' wrong codes per network address (an IPv6 /64), with the limit in force."""
    limits = current_limits()
    return AttemptLimit(WrongQueryCodeFrom.address, limits.per_address, limits.window, ADDRESS)


class QueryLocked(InvalidInput):
    """Too many wrong query codes were given for this number lately; `until` says when to try again."""

    code = "query_locked"


class AddressResting(QueryLocked):
    """Too many wrong query codes, for any numbers, came from this address lately; `until` says when to try again."""

    code = "query_address_resting"


def _key(number: str, device: str | None = None) -> str:
    number = (number or "").strip().upper()[:100]
    return number if device is None else f"{number[:60]}{DEVICE_MARK}{device[:32]}"


def locked_until(number: str, device: str | None = None) -> datetime | None:
    """Return when look-ups of this number (from this trusted browser, if given) are answered again."""
    return query_codes().rests_until(_key(number, device))


def tries_left(number: str, device: str | None = None) -> int:
    """Return how many more wrong query codes this number (from this trusted browser, if given) takes
    before its look-ups rest."""
    return query_codes().left(_key(number, device))


def check_not_locked(number: str, device: str | None = None, address: str | None = None) -> None:
    """Refuse a look-up of a number that rests after too many wrong codes, or from an address that rests.

    A trusted browser (`device`) is held up by its own count alone.
    """
    query_codes().refuse_if_resting(
        _key(number, device), QueryLocked,
        "Too many wrong query codes were given for this number; try again after %(until)s.", ["number", "code"])
    address = address_key(address)
    if device is None and address:
        addresses().refuse_if_resting(
            address, AddressResting,
            "Too many wrong query codes were given from this address; try again after %(until)s.", ["number", "code"])


def record_wrong(number: str, device: str | None = None, address: str | None = None) -> None:
    """Count a wrong query code for this number, and for a stranger's address; rests they begin for strangers
    go into the history, and so does the alarm when wrong codes from all addresses together reach its level."""
    query_codes().record_wrong(_key(number, device), in_history=device is None)
    address = address_key(address)
    if device is None and address:
        addresses().record_wrong(address, in_history=True)
        _raise_alarm_if_due()


def _raise_alarm_if_due() -> None:
    """Record the alarm once wrong codes from all addresses reach its level, unless one raised still holds."""
    if db.session.get_bind().dialect.name == "postgresql":
        # Held until this transaction ends: a look-up at the same moment counts and looks for the alarm
        # after this one's wrong code and alarm are committed, so the level is met once and raises one alarm.
        db.session.execute(select(func.pg_advisory_xact_lock(ALARM_LOCK)))
    limits = current_limits()
    if addresses().wrong_within_window() < limits.alarm_level:
        return
    if alarm_until() is None:
        record_event(PORTAL, PORTAL, ALARM, current_clock().now() + limits.window,
                     limit=(limits.alarm_level, limits.window_minutes))


def alarm_until() -> datetime | None:
    """Return until when the latest alarm about wrong codes from all addresses holds, or None if none does."""
    return db.session.scalar(select(AccessEvent.until).where(
        AccessEvent.subject_kind == PORTAL, AccessEvent.event == ALARM, AccessEvent.until > current_clock().now())
        .order_by(AccessEvent.until.desc()).limit(1))


def resting_numbers() -> list[Rest]:
    """Return the registration numbers that answer to no code now (for strangers), the latest rest first."""
    return [rest for rest in query_codes().resting() if DEVICE_MARK not in rest.key]


def lift_number_rest(number: str, actor: str, reason: str) -> datetime | None:
    """End a number's rest for strangers early, recording who and why; return when it would have ended."""
    return query_codes().lift(_key(number), actor, reason)


def resting_addresses() -> list[Rest]:
    """Return the addresses (IPv6 ones as their /64) that open no case for strangers now, the latest rest first."""
    return addresses().resting()


def address_rests_until(address: str) -> datetime | None:
    """Return when strangers at an address (or its /64) may look cases up again, or None if they may now."""
    return addresses().rests_until(address_key(address) or "")


def lift_address_rest(address: str, actor: str, reason: str) -> datetime | None:
    """End the rest of an address (or its /64) early, recording who and why; return when it would have ended."""
    return addresses().lift(address_key(address) or "", actor, reason)
