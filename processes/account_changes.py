"""Opening and closing accounts from the console, each change kept in the access history with who and why.

A disabled account signs in no more and its API token answers no call (processes/accounts.py reads only
active accounts); enabling it again gives both back. An administrator may not disable the account she acts with:
were it the last administrator's, nobody could open the console to undo it.
Functions flush and never commit: the caller owns the transaction.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from engine.db import db
from engine.instances import get_instance
from engine.models import TaskRow
from engine.runtime import OPEN
from engine.tasks import assign_task
from processes.access_events import ACCOUNT, CREATED, DISABLED, ENABLED, PASSWORD_SET, record_event
from processes.accounts import STAFF_ROLES, User, create_user, get_user, set_password
from processes.errors import InvalidInput

MIN_PASSWORD = 8


def open_account(username: str, role: str, organ: str | None, password: str, display_name: str | None,
                 actor: str) -> tuple[User, str]:
    """Create an account that signs in with `password`; return it with its API token (shown only this once).

    Staff work for an organ and must name it; a password is at least MIN_PASSWORD characters.
    """
    if role in STAFF_ROLES and not organ:
        raise InvalidInput("Staff work for an organ: choose the organ.", fields=["organ"], code="organ_required")
    _long_enough(password)
    user, token = create_user(username, role, organ=organ or None, password=password,
                              display_name=display_name or None)
    record_event(ACCOUNT, user.username, CREATED, None, actor=actor)
    return user, token


def _long_enough(password: str | None) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise InvalidInput("A password is at least %(count)s characters.", fields=["password"],
                           code="password_too_short", count=MIN_PASSWORD)


def give_password(username: str, password: str, actor: str, reason: str) -> None:
    """Give an account a new password (one forgotten, or known to others), with the reason in the history.

    The account's API token and any rest after wrong passwords are left as they are.
    """
    _long_enough(password)
    set_password(get_user(username), password)
    record_event(ACCOUNT, username, PASSWORD_SET, None, actor=actor, reason=reason)


@dataclass
class ActiveChange:
    """What disabling or enabling an account did: whether it changed, and of the tasks the account held,
    how many went back to their group and how many stay with it (their cases are suspended or failed)."""

    changed: bool
    released: int = 0
    kept: int = 0


def set_account_active(username: str, active: bool, actor: str, reason: str) -> ActiveChange:
    """Disable an account or enable it again, with the reason in the history.

    Refuses to disable the actor's own account. The tasks a disabled account held go back to their
    group, each case's history saying who and why, where the case is open; a suspended or failed case's
    task stays until the case goes on (its tasks wait), and is counted.
    """
    user = get_user(username)
    if user.active == active:
        return ActiveChange(False)
    if not active and user.username == actor:
        raise InvalidInput("You cannot disable the account you are signed in with.", fields=["username"],
                           code="own_account")
    user.active = active
    record_event(ACCOUNT, user.username, ENABLED if active else DISABLED, None, actor=actor, reason=reason)
    change = ActiveChange(True)
    if not active:
        for task in db.session.scalars(select(TaskRow).where(TaskRow.assignee == user.username,
                                                             TaskRow.state == "ready").order_by(TaskRow.id)):
            if get_instance(task.instance_id).status in OPEN:
                assign_task(task.id, None, actor, reason)
                change.released += 1
            else:
                change.kept += 1
    db.session.flush()
    return change
