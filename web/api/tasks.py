"""User tasks: list, show with form, claim, release, assign, keep a draft, complete."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_smorest import Blueprint, abort

from engine.tasks import (TaskQuery, claim_task, complete_task, get_task, list_tasks, release_task,
                          save_draft, task_form)
from processes.access import may_work, task_scope
from processes.hand_over import hand_over_task
from processes.task_checks import check_task_submission

from ..auth_tokens import current_user, require_role
from ..unit_of_work import committed
from .schemas import AssignSchema, CompleteSchema, DraftSchema, TaskDetailSchema, TaskQuerySchema, TaskSchema

bp = Blueprint("api_tasks", __name__, url_prefix="/api/v1/tasks", description="User tasks")


def _visible(task_id: str):
    task = get_task(task_id)
    if not may_work(current_user(), task):
        abort(403, message=_("This task belongs to another role or organ."))
    return task


def _with_form(task) -> dict:
    view = {field.attribute or name: getattr(task, field.attribute or name, None)
            for name, field in TaskDetailSchema().fields.items()}
    view["form"] = task_form(task)
    return view


@bp.get("")
@require_role()
@bp.arguments(TaskQuerySchema(), location="query")
@bp.response(200, TaskSchema(many=True))
def find_tasks(query: dict):
    """List tasks you may work (an admin sees all); the total is in the X-Total-Count header."""
    groups, organs = task_scope(current_user())
    if query.get("group"):
        groups = (query["group"],) if groups is None or query["group"] in groups else ()
    if query.get("organ"):
        organs = (query["organ"],) if organs is None or query["organ"] in organs else ()
    rows, total = list_tasks(TaskQuery(instance=query.get("instance"), assignee=query.get("assignee"),
                                       groups=groups, organs=organs, state=query["state"],
                                       page=query["page"], per_page=query["per_page"]))
    return rows, 200, {"X-Total-Count": str(total)}


@bp.get("/<task_id>")
@require_role()
@bp.response(200, TaskDetailSchema)
def show_task(task_id: str):
    """Show a task with its form definition."""
    return _with_form(_visible(task_id))


@bp.post("/<task_id>/claim")
@require_role()
@bp.response(200, TaskDetailSchema)
@committed
def claim(task_id: str):
    """Take the task for yourself."""
    _visible(task_id)
    return _with_form(claim_task(task_id, current_user().username))


@bp.post("/<task_id>/release")
@require_role()
@bp.response(200, TaskDetailSchema)
@committed
def release(task_id: str):
    """Give the task back to its group."""
    _visible(task_id)
    user = current_user()
    return _with_form(release_task(task_id, user.username, override=user.role == "admin"))


@bp.post("/<task_id>/assign")
@require_role("admin", "head", "supervisor")
@bp.arguments(AssignSchema())
@bp.response(200, TaskDetailSchema)
@committed
def assign(body: dict, task_id: str):
    """Hand the task to a colleague of its group at its own organ, or back to its group with `null`."""
    _visible(task_id)
    return _with_form(hand_over_task(task_id, body["assignee"], current_user().username, body.get("reason")))


@bp.put("/<task_id>/draft")
@require_role()
@bp.arguments(DraftSchema())
@bp.response(200, TaskDetailSchema)
@committed
def keep_draft(body: dict, task_id: str):
    """Keep unfinished input on the task, unvalidated, until it is completed (a task someone else
    holds is refused with 409)."""
    _visible(task_id)
    return _with_form(save_draft(task_id, body["data"], current_user().username))


@bp.post("/<task_id>/complete")
@require_role()
@bp.arguments(CompleteSchema())
@bp.response(200, TaskSchema)
@committed
def complete(body: dict, task_id: str):
    """Complete the task with data its form accepts: 422 with field errors, 409 when no longer ready."""
    task = _visible(task_id)  # held, so the session does not load it again
    check_task_submission(task_id, body["data"])
    complete_task(task_id, body["data"], current_user().username)
    return task
