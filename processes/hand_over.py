"""Hand a task to a colleague: only to someone of its group at its own organ (processes/access.py)."""
from __future__ import annotations

from engine.instances import get_instance
from engine.models import TaskRow
from engine.tasks import assign_task, get_task
from processes.access import may_be_handed
from processes.accounts import User, get_user, list_users
from processes.case_view import petition_of
from processes.errors import InvalidInput
from processes.recusals import recused_handlers


def hand_over_candidates(task: TaskRow) -> list[User]:
    """Return the people a task may be handed to, by username: never the one who holds it already, nor a
    handler who recused from the case."""
    instance = get_instance(task.instance_id)
    petition, recused = petition_of(instance), recused_handlers(instance.id)
    return [user for user in list_users(role=task.group)
            if user.username != task.assignee and user.username not in recused and may_be_handed(user, task, petition)]


def hand_over_task(task_id: str, username: str | None, actor: str, reason: str | None = None) -> TaskRow:
    """Hand a ready task to a colleague who may take it (None: back to its group); refuse anyone else."""
    task = get_task(task_id)
    if username:
        user = get_user(username)  # a name nobody has is not found
        instance = get_instance(task.instance_id)
        # Art. 28 ¶3: a handler who recused is no colleague who may take the case's tasks.
        if not may_be_handed(user, task, petition_of(instance)) \
                or username in recused_handlers(instance.id):
            raise InvalidInput("The task can be handed only to a colleague of its role at its own organ; "
                               "%(username)s is not one.", fields=["assignee"], code="not_for_task",
                               username=username)
    return assign_task(task_id, username or None, actor, reason)
