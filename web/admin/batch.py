"""One action on the instances ticked in the list; each result is reported, one refusal stops nothing."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from flask import render_template, request
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from engine.batch import run_batch
from engine.instances import (
    resume_instance,
    retry_instance,
    suspend_instance,
    terminate_instance,
)
from engine.migration import migrate_instance
from engine.migration_preview import preview_migrations
from processes.case_admin import CaseFilter, find_cases, recount_deadlines

from ..auth_tokens import current_user
from ..unit_of_work import committed
from . import bp
from .explain import explain
from .instances import render_list
from .labels import ACTIONS, STATUS, STATUS_TONE
from .migration import preview_words
from .schemas import BatchSchema, first_errors


def _action(name: str, actor: str, reason: str) -> Callable[[int], object]:
    services = {"suspend": suspend_instance, "resume": resume_instance, "terminate": terminate_instance,
                "retry": retry_instance, "recalculate": recount_deadlines}
    if name == "migrate":  # each to the newest version of its own process
        return lambda instance_id: migrate_instance(instance_id, None, actor, reason)
    return lambda instance_id: services[name](instance_id, actor, reason)


@bp.post("/instances/batch")
@committed
def batch():
    """Apply one action to every ticked instance and show what happened to each; show a migration first."""
    back = MultiDict(parse_qsl(request.form.get("back", "")))
    submitted = {"ids": request.form.getlist("ids"), "action": request.form.get("action", ""),
                 "reason": request.form.get("reason", ""), "confirmed": request.form.get("confirmed", "")}
    try:
        form = BatchSchema().load(submitted)
    except ValidationError as exc:
        return render_list(back, errors={"batch": next(iter(first_errors(exc).values()))}, typed=submitted,
                           status=422)
    if form["action"] == "migrate" and not form["confirmed"]:
        previews = preview_migrations(form["ids"])
        return render_template("admin/batch_migration.html", previews=previews, ids=form["ids"], reason=form["reason"],
                               back=request.form.get("back", ""), **preview_words(previews))
    results = run_batch(form["ids"], _action(form["action"], current_user().username, form["reason"]))
    cases = {row.instance.id: row for row in find_cases(CaseFilter(ids=tuple(form["ids"]), per_page=500)).rows}
    explained = {result.instance_id: explain(result.code, result.details, form["action"])
                 for result in results if not result.ok}
    # A retried step may fail again, and a resumed case that had failed still stands on its failed step.
    still_failing = {result.instance_id for result in results
                     if result.ok and form["action"] in ("retry", "resume") and result.instance_id in cases
                     and cases[result.instance_id].instance.status == "error"}
    return render_template("admin/batch_result.html", results=results, cases=cases, explained=explained,
                           still_failing=still_failing, action=ACTIONS[form["action"]], reason=form["reason"],
                           back=request.form.get("back", ""), statuses=STATUS, tones=STATUS_TONE)
