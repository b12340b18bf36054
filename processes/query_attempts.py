"""Slow down guessing of query codes: a registration number rests after a few wrong codes.

Registration numbers are sequential, so the query code is all that keeps a case private. With no
limit, codes could be tried against every number at machine speed. After `MAX_WRONG` wrong codes
for one number within `WINDOW`, that number answers to no code (processes/attempt_limits.py). The
count is kept per number, not per address: behind the office's reverse proxy every visitor shares one.

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
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import UtcDateTime, db
from processes.access_events import REGISTRATION_NUMBER
from processes.attempt_limits import AttemptLimit, Rest
from processes.errors import InvalidInput

MAX_WRONG = 5
WINDOW = timedelta(minutes=15)
DEVICE_MARK = "#"  # the key of a trusted browser's own count: number, mark, the browser's id


class WrongQueryCode(db.Model):
    """One look-up whose query code did not match the number given."""

    __tablename__ = "wrong_query_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    registration_number: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


QUERY_CODES = AttemptLimit(WrongQueryCode.registration_number, MAX_WRONG, WINDOW, REGISTRATION_NUMBER)


class QueryLocked(InvalidInput):
    """Too many wrong query codes were given for this number lately; `until` says when to try again."""

    code = "query_locked"


def _key(number: str, device: str | None = None) -> str:
    number = (number or "").strip().upper()[:100]
    return number if device is None else f"{number[:60]}{DEVICE_MARK}{device[:32]}"


def locked_until(number: str, device: str | None = None) -> datetime | None:
    """Return when look-ups of this number (from this trusted browser, if given) are answered again."""
    return QUERY_CODES.rests_until(_key(number, device))


def check_not_locked(number: str, device: str | None = None) -> None:
    """Refuse a look-up of a number that rests after too many wrong codes."""
    QUERY_CODES.refuse_if_resting(_key(number, device), QueryLocked,
                                  "Too many wrong query codes were given for this number; try again after %(until)s.",
                                  ["number", "code"])


def record_wrong(number: str, device: str | None = None) -> None:
    """Count a wrong query code for this number; a rest it begins for strangers goes into the history."""
    QUERY_CODES.record_wrong(_key(number, device), in_history=device is None)


def resting_numbers() -> list[Rest]:
    """Return the registration numbers that answer to no code now (for strangers), the latest rest first."""
    return [rest for rest in QUERY_CODES.resting() if DEVICE_MARK not in rest.key]


def lift_number_rest(number: str, actor: str, reason: str) -> datetime | None:
    """End a number's rest for strangers early, recording who and why; return when it would have ended."""
    return QUERY_CODES.lift(_key(number), actor, reason)
