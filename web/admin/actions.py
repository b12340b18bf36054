"""What an administrator does to one instance: each with a reason that goes into its history."""
from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, request, url_for
from marshmallow import Schema, ValidationError

from engine import EngineError, db
from engine.instances import (
    resume_instance,
    retry_instance,
    suspend_instance,
    terminate_instance,
)
from engine.rewind import rewind_instance
from processes.case_admin import edit_case_data, reassign_task, recount_deadlines
from processes.errors import ProcessError

from ..auth_tokens import current_user
from ..unit_of_work import committed
from . import bp
from .explain import explain_error
from .instances import render_instance
from .labels import lazy_gettext as _l
from .schemas import (
    DataEditSchema,
    ReasonSchema,
    ReassignSchema,
    RewindSchema,
    first_errors,
)

DONE = {
    "suspend": _l("The case is suspended: its tasks and timers wait until it is resumed."),
    "resume": _l("The case is resumed."), "terminate": _l("The case is terminated."),
    "retry": _l("The failed step was run again."), "recalculate": _l("The deadlines were counted again."),
    "data": _l("The case data was changed."), "reassign": _l("The task was reassigned."),
    "migrate": _l("The case now runs on the chosen version."),
    "rewind": _l("The case went back to the chosen step: it is ready again and the steps after it were undone."),
}
# A retried step can fail again, and a resumed case that had failed still stands on its failed step:
# neither is the success the action's own message would announce.
STILL_FAILING = {
    "retry": _l("The step failed again; the case is still in error. Its message is below."),
    "resume": _l("The case is resumed but still stands on its failed step: fix the cause, then retry it."),
}
SIMPLE: dict[str, Callable] = {"suspend": suspend_instance, "resume": resume_instance,
                               "terminate": terminate_instance, "retry": retry_instance,
                               "recalculate": recount_deadlines}


def _perform(instance_id: int, action: str, schema: Schema, call: Callable[[dict, str], object]):
    typed = {action: request.form.to_dict()}
    try:
        form = schema.load(request.form)
        result = call(form, current_user().username)
    except ValidationError as exc:
        return render_instance(instance_id, errors={action: next(iter(first_errors(exc).values()))},
                               typed=typed, status=422)
    except (EngineError, ProcessError) as exc:
        db.session.rollback()  # nothing of a refused action is kept
        missing_case = getattr(exc, "code", "") == "not_found" and "version" not in getattr(exc, "details", {})
        status = 404 if missing_case else 409
        return render_instance(instance_id, errors={action: explain_error(exc, action)}, typed=typed, status=status)
    if action in STILL_FAILING and getattr(result, "status", None) == "error":
        flash(str(STILL_FAILING[action]), "error")
    else:
        flash(str(DONE[action]), "success")
    return redirect(url_for("admin.instance", instance_id=instance_id))


@bp.post("/instances/<int:instance_id>/<any(suspend, resume, terminate, retry, recalculate):action>")
@committed
def act(instance_id: int, action: str):
    """Suspend, resume, terminate, retry or recalculate the deadlines of an instance."""
    return _perform(instance_id, action, ReasonSchema(),
                    lambda form, actor: SIMPLE[action](instance_id, actor, form["reason"]))


@bp.post("/instances/<int:instance_id>/data")
@committed
def change_data(instance_id: int):
    """Change the case data of a suspended instance."""
    return _perform(instance_id, "data", DataEditSchema(),
                    lambda form, actor: edit_case_data(instance_id, form["data"], actor, form["reason"]))


@bp.post("/instances/<int:instance_id>/reassign")
@committed
def reassign(instance_id: int):
    """Hand one of the instance's ready tasks to someone else, or back to its group."""
    return _perform(instance_id, "reassign", ReassignSchema(),
                    lambda form, actor: reassign_task(instance_id, form["task"], form["assignee"], actor,
                                                      form["reason"]))


@bp.post("/instances/<int:instance_id>/rewind")
@committed
def rewind(instance_id: int):
    """Go back to an earlier step: a completed task is ready again and the steps after it are undone."""
    return _perform(instance_id, "rewind", RewindSchema(),
                    lambda form, actor: rewind_instance(instance_id, form["task"], actor, form["reason"]))
