"""The task page: case summary, history, documents, position, and the form to save or complete."""
from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from engine import Conflict, EngineError, FormInvalid
from engine.tasks import complete_task, get_task, save_draft
from processes.extension_once import AlreadyExtended
from processes.recorded_dates import RecordedDateInvalid
from processes.task_checks import check_task_submission
from processes.task_view import task_view, workable_task

from ..auth_tokens import current_user, require_role
from ..form_rendering import parse_form_post, render_form
from ..form_values import text
from ..form_errors import Localized
from ..i18n import page_lang
from ..refusals import problem_errors
from ..unit_of_work import committed
from . import bp
from .inbox import STAFF
from .labels import person_name, task_title
from .messages import date_errors, explain


def _page(task_id: str, values: dict | None = None, errors: dict | None = None, status: int = 200):
    view = task_view(task_id, current_user())
    shown = view.values if values is None else {**_read_only(view), **values}
    form_html = (render_form(view.form, shown, errors or {}, str(get_locale()), skip_empty_context=True)
                 if view.form else None)
    return render_template("tasks/task.html", view=view, form_html=form_html,
                           row_groups=_row_groups(view.form, page_lang())), status


def _read_only(view) -> dict:
    # A form shown back holds what was posted; what it shows to read (the opinion a head approves, the
    # request a reviewer weighs) is never posted and comes from the case, as on the first showing.
    names = (view.form or {}).get("properties", {})
    return {name: value for name, value in view.values.items() if (names.get(name) or {}).get("readOnly")}


def _row_groups(form: dict | None, lang: str) -> list[str]:
    """Return the titles of the form's repeated groups of fields, to which "another row" adds a row."""
    return [text(spec.get("title"), lang) or name for name, spec in (form or {}).get("properties", {}).items()
            if spec.get("type") == "array" and spec.get("items", {}).get("type") == "object"]


@bp.get("/<task_id>")
@require_role(*STAFF)
def show(task_id: str):
    """Show a task with its case and its form."""
    return _page(task_id)


@bp.get("/<task_id>/diagram")
@require_role(*STAFF)
def diagram(task_id: str):
    """The task's procedure as BPMN XML, with the case's way through it (for the page's diagram)."""
    from processes.task_diagram import task_diagram

    return jsonify(task_diagram(task_id, current_user()))


def _after_completion(task_id: str):
    # Go on with the same case when its next step is for this person; else back to the inbox.
    from processes.task_view import visible_task
    from processes.access import may_work
    from engine.tasks import TaskQuery, list_tasks

    task = get_task(task_id)
    rows, _total = list_tasks(TaskQuery(instance=task.instance_id))
    following = next((row for row in rows if may_work(current_user(), row)), None)
    if following is not None:
        visible_task(following.id, current_user())
        return redirect(url_for("tasks.show", task_id=following.id))
    return redirect(url_for("tasks.index"))


@bp.post("/<task_id>")
@require_role(*STAFF)
@committed
def submit(task_id: str):
    """Save the form as a draft, or complete the task with it."""
    user = current_user()
    task = workable_task(task_id, user)
    form = _form_of(task_id)
    data = parse_form_post(form, request.form) if form else {}
    action = request.form.get("action", "complete")
    try:
        if action == "save":
            if task.assignee not in (None, user.username):
                # The draft is the holder's work in progress: another hand must not overwrite it.
                flash(_("This task is held by %(who)s; your draft was not saved. What you typed is still below.",
                        who=person_name(task.assignee)), "error")
                return _page(task_id, data, status=409)
            save_draft(task_id, data, user.username)
            flash(_("Draft saved. Nothing is decided until you complete the task."), "success")
            return redirect(url_for("tasks.show", task_id=task_id))
        if action == "add_row":
            return _page(task_id, data)
        check_task_submission(task_id, data)
        complete_task(task_id, data, user.username)
    except FormInvalid as exc:
        return _page(task_id, data, exc.errors, 422)
    except RecordedDateInvalid as exc:
        return _page(task_id, data, date_errors(exc), 422)
    except AlreadyExtended as exc:
        said = problem_errors(exc.field_problems)
        return _page(task_id, data, {name: [Localized(text) for text in texts] for name, texts in said.items()}, 422)
    except Conflict as exc:
        fresh = get_task(task_id)
        if fresh.state == "completed" and fresh.completed_by == user.username:
            flash(_("You had already completed this task; it was not done twice."), "info")
            return redirect(url_for("tasks.index"))
        if fresh.state == "ready" and fresh.assignee not in (None, user.username):
            # A colleague holds it (handed over, or claimed meanwhile): what was typed stays on the page.
            flash(_("This task is held by %(who)s; it was not completed. What you typed is still below.",
                    who=person_name(fresh.assignee)), "error")
            return _page(task_id, data, status=409)
        flash(explain(exc), "error")
        return redirect(url_for("tasks.show", task_id=task_id))
    except EngineError as exc:
        flash(explain(exc), "error")
        return redirect(url_for("tasks.show", task_id=task_id))
    # Named with its case: the next page is often the inbox or another case's task, where "登记信访事项" alone
    # does not say which of the day's petitions was done.
    from engine.instances import get_instance

    flash(_("Task completed: %(name)s (%(case)s).", name=task_title(task),
            case=get_instance(task.instance_id).business_key), "success")
    return _after_completion(task_id)


def _form_of(task_id: str) -> dict | None:
    from engine import NotFound
    from engine.tasks import task_form

    try:
        return task_form(get_task(task_id))
    except NotFound:
        return None
