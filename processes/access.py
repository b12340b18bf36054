"""Who may see and work which task: role by lane, organ by duty and territory; to whom it may be handed."""
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


def may_be_handed(user, task, petition=None) -> bool:
    """Tell whether a task may be handed to a person: an active colleague of its group at its own organ,
    never of the organ accused.

    An organ above may take up a task of an organ below it (`organ_scope`), but a hand-over stays with the
    organ that has the duty: a county bureau's task is not handed to the county government's staff, nor a
    city bureau's review to the province's. A task held by someone who may not work it would leave every
    inbox: its holder's (not their role or organ) and its group's (it is held). Art. 30: an accusation
    never reaches the accused.
    """
    if not user.active or user.role != task.group or not may_work(user, task):
        return False
    if task.organ is not None and user.organ_code != task.organ:
        return False
    return not (petition is not None and petition.confidential and petition.accused_organ
                and petition.accused_organ == user.organ_code)
