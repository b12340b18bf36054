"""What the console shows of sign-in and look-up rests: accounts, registration numbers, their history."""
from __future__ import annotations

from dataclasses import dataclass

from processes.access_events import AccessEvent, recent_events
from processes.accounts import User, list_users
from processes.attempt_limits import Rest
from processes.query_attempts import resting_numbers
from processes.sign_in import resting_accounts


@dataclass
class AccessOverview:
    """Every account with its rest (None while it signs in freely), the resting numbers, the latest events."""

    accounts: list[tuple[User, Rest | None]]
    numbers: list[Rest]
    events: list[AccessEvent]


def access_overview() -> AccessOverview:
    """Return the accounts, the rests in force and the latest rests and lifts, newest first."""
    rests = resting_accounts()
    return AccessOverview(accounts=[(user, rests.get(user.username)) for user in list_users()],
                          numbers=resting_numbers(), events=recent_events())
