"""Who may see and work which task: role by lane, organ by duty and territory."""
from __future__ import annotations

from processes.organs import organ_scope


def task_scope(user) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """Return the groups and organs whose tasks a user may work (None: all)."""
    if user.role == "admin":
        return None, None
    organs = tuple(organ_scope(user.organ_code)) if user.organ_code else ()
    return (user.role,), organs


def may_work(user, task) -> bool:
    """Tell whether a user may claim and complete a task."""
    groups, organs = task_scope(user)
    if groups is None:
        return True
    if task.group not in groups:
        return False
    return task.organ is None or task.organ in (organs or ())
