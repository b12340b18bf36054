"""Claim, release and hand over a task; each refused with a clear message when it does not fit."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from engine import EngineError
from engine.tasks import claim_task, release_task
from processes.errors import InvalidInput
from processes.errors import NotFound as RecordNotFound
from processes.hand_over import hand_over_task
from processes.task_view import workable_task

from ..auth_tokens import current_user, require_role
from ..unit_of_work import committed
from . import bp
from .inbox import STAFF
from .messages import explain
from .schemas import HandOverForm

MAY_HAND_OVER = ("head", "supervisor", "admin")


def _back(task_id: str):
    return redirect(url_for("tasks.show", task_id=task_id))


@bp.post("/<task_id>/claim")
@require_role(*STAFF)
@committed
def claim(task_id: str):
    """Take the task for yourself."""
    user = current_user()
    workable_task(task_id, user)
    try:
        claim_task(task_id, user.username)
    except EngineError as exc:
        flash(explain(exc), "error")
        return _back(task_id)
    flash(_("The task is yours now; others see it as held by you."), "success")
    return _back(task_id)


@bp.post("/<task_id>/release")
@require_role(*STAFF)
@committed
def release(task_id: str):
    """Give the task back to its group."""
    user = current_user()
    workable_task(task_id, user)
    try:
        release_task(task_id, user.username, override=user.role == "admin")
    except EngineError as exc:
        flash(explain(exc), "error")
        return _back(task_id)
    flash(_("The task is back in the group's unclaimed list."), "success")
    return redirect(url_for("tasks.index"))


@bp.post("/<task_id>/hand-over")
@require_role(*STAFF)
@committed
def hand_over(task_id: str):
    """Hand the task to a colleague who may work it."""
    user = current_user()
    task = workable_task(task_id, user)
    if user.role not in MAY_HAND_OVER and task.assignee != user.username:
        abort(403, _("Only the person holding the task, or a head or supervisor, may hand it over."))
    try:
        body = HandOverForm().load(request.form)
    except ValidationError:
        flash(_("Choose the colleague to hand the task to."), "error")
        return _back(task_id)
    try:
        hand_over_task(task_id, body["assignee"], user.username, body["reason"] or None)
    except (InvalidInput, RecordNotFound):  # of another organ or role, or nobody's name: nothing changed
        flash(_("That person may not work this task; choose a colleague of the same role and organ."), "error")
        return _back(task_id)
    except EngineError as exc:
        flash(explain(exc), "error")
        return _back(task_id)
    flash(_("The task was handed over."), "success")
    return _back(task_id)
