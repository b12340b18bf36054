"""What the console shows of sign-in and look-up rests: accounts, registration numbers, addresses, their history."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from processes.access_events import AccessEvent, recent_events
from processes.accounts import User, list_users
from processes.attempt_limits import Rest
from processes.query_attempts import alarm_until, resting_addresses, resting_numbers
from processes.sign_in import resting_accounts


@dataclass
class AccessOverview:
    """Every account with its rest (None while it signs in freely), the resting numbers and addresses, until
    when the alarm about wrong codes from all addresses holds (None: none does), the latest events."""

    accounts: list[tuple[User, Rest | None]]
    numbers: list[Rest]
    addresses: list[Rest]
    alarm_until: datetime | None
    events: list[AccessEvent]


def access_overview(subject: str | None = None) -> AccessOverview:
    """Return the accounts, the rests in force, the alarm and the latest events, newest first: of every account,
    number and address, or of `subject` alone (a username, a registration number, an address)."""
    rests = resting_accounts()
    return AccessOverview(accounts=[(user, rests.get(user.username)) for user in list_users()],
                          numbers=resting_numbers(), addresses=resting_addresses(), alarm_until=alarm_until(),
                          events=recent_events(subject=subject or None))
