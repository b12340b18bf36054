"""Signing in with a password, and the rest an account takes after too many wrong passwords.

After a number of wrong passwords for one username within a window, both the installation's
settings (processes/sign_in_limits.py), that username answers to no password
(processes/attempt_limits.py) until the time the refusal states. Wrong passwords count
per username typed, whether or not an account has it, so neither the refusal nor the rest tells a
visitor which usernames exist (nor does the time an answer takes: processes/accounts.py).
A rest of an existing account goes into the access history (processes/access_events.py), and an
administrator may lift it early, which is recorded there too. API tokens are long random values
that cannot be guessed: token authentication is not limited here.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import db
from processes.access_events import ACCOUNT
from processes.accounts import User, authenticate, get_user
from processes.attempt_limits import AttemptLimit, Rest, WrongAttempt
from processes.errors import InvalidInput
from processes.sign_in_limits import current_sign_in_limits

class WrongPassword(WrongAttempt, db.Model):
    """One sign-in whose password did not match the username given (or no account has that username)."""

    __tablename__ = "wrong_password"

    username: Mapped[str] = mapped_column(String(100), index=True)


def passwords() -> AttemptLimit:
    """Return the count of wrong passwords per username, with the limit in force."""
    limits = current_sign_in_limits()
    return AttemptLimit(WrongPassword.username, limits.per_username, limits.window, ACCOUNT)


class SignInRefused(InvalidInput):
    """The username and password do not match an active account; which of them is wrong is not said."""

    code = "sign_in_refused"


class SignInResting(InvalidInput):
    """Too many wrong passwords were given for this username lately; `until` says when to try again."""

    code = "sign_in_resting"


def _key(username: str) -> str:
    return (username or "").strip()[:100]


def check_not_resting(username: str) -> None:
    """Refuse any password for a username that rests after too many wrong ones."""
    passwords().refuse_if_resting(_key(username), SignInResting,
                                "Too many wrong passwords were given for this username; try again after %(until)s.",
                                ["username", "password"])


def check_password(username: str, password: str) -> User:
    """Return the active user if the password is right; wrong ones count towards a rest.

    A wrong password is written (flushed) before SignInRefused is raised: the caller commits it
    all the same, or guessing would cost nothing.
    """
    check_not_resting(username)
    user = authenticate(_key(username), password)
    if user is not None:
        return user
    account = db.session.scalar(select(User.username).where(User.username == _key(username)))
    passwords().record_wrong(_key(username), in_history=account is not None)
    raise SignInRefused("The username or password is not right.", fields=["username", "password"])


def resting_accounts() -> dict[str, Rest]:
    """Return the rests of usernames resting now, by username."""
    return {rest.key: rest for rest in passwords().resting()}


def sign_in_rests_until(username: str) -> datetime | None:
    """Return when a username may sign in again, or None if it may now."""
    return passwords().rests_until(_key(username))


def lift_sign_in_rest(username: str, actor: str, reason: str) -> datetime | None:
    """Let an account sign in again at once, recording who and why; return when its rest would have ended."""
    return passwords().lift(get_user(username).username, actor, reason)
