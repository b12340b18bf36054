"""Versions of a process: which cases run on which, what changed, and a test instance to try one."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from engine.definitions import find_version
from engine.diagram_pairs import compare_versions
from engine.instances import start_instance

from ..auth_tokens import current_user, require_role
from ..refusals import request_errors
from ..unit_of_work import committed
from . import bp, overview
from .diff_config import diff_config
from .schemas import DiffQuerySchema, TestInstanceSchema, load
from .wording import process_name, status_label


@bp.get("/processes/<process>")
@require_role("designer")
def process(process: str):
    """Show every version of a process with the instances on each, and the ways to compare and try them."""
    return _process_page(process)


def _process_page(process: str, typed=None, errors=None):
    # `typed`: what the designer sent to start a test instance, shown again beside what is wrong with it.
    rows = overview.version_rows(process)
    key = f"test-{process}-{sum(row.instances for row in rows) + 1}"
    return render_template("designer/process.html", process=process, rows=rows, key=key, typed=typed or {},
                           errors=errors or {})


@bp.get("/processes/<process>/diff")
@require_role("designer")
def diff(process: str):
    """Show what changed between two versions, file by file: the process's own and each called one that differs.

    Each file has its tab, with both diagrams marked (removed, added, changed) and its list of changes.
    """
    query = load(DiffQuerySchema(), request.args)
    new = find_version(process, query["new"])  # the newest when none is named
    old = find_version(process, query["old"] or max(new.version - 1, 1))
    compared = compare_versions(old, new)
    return render_template("designer/diff.html", process=process, old=compared.old, new=compared.new,
                           compared=compared, changes=compared.changes, config=diff_config(compared.diagrams),
                           quiet_names=[process_name(pair.name) for pair in compared.quiet])


@bp.post("/processes/<process>/test-instances")
@require_role("designer")
@committed
def start_test(process: str):
    """Start a test instance on a chosen version, as the designer's try-out of a deployed diagram."""
    try:
        data = TestInstanceSchema().load(request.form)
    except ValidationError as exc:  # the page again, with the designer's text kept and what is wrong with it
        messages = exc.normalized_messages()
        errors = request_errors(messages)
        if "data" in messages:  # the case data's own words say what is wrong with the JSON
            errors["data"] = messages["data"]
        return _process_page(process, request.form, errors), 422
    instance = start_instance(process, data["business_key"], data["data"], current_user().username,
                              version=data["version"])
    flash(_("Test instance %(key)s started on version %(version)s (status: %(status)s).",
            key=instance.business_key, version=instance.version, status=status_label(instance.status)), "success")
    return redirect(url_for("designer.process", process=process) + f"#v{instance.version}")
