"""The console's front page, the instance list with its filters, and one instance on its diagram."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from flask import abort, render_template, request
from marshmallow import ValidationError

from engine import NotFound, db
from engine.definitions import list_versions
from engine.rewind import earlier_steps
from processes.case_admin import CaseFilter, case_view, console_summary, find_cases
from processes.diagram_index import bilingual
from processes.errors import UnknownOrgan
from processes.documents.kinds import KINDS
from processes.organs import list_organs
from processes.rewind_records import documents_from

from ..deadline_words import deadline_end
from ..i18n import page_lang as lang
from . import bp
from .details import trail_words
from .labels import ACTIONS, EVENTS, STATUS, STATUS_TONE
from .labels import gettext as _
from .schemas import InstanceFilterSchema, first_errors


def _choices() -> dict[str, Any]:
    processes: dict[str, str] = {}
    for row in list_versions():
        processes.setdefault(row.process, bilingual(row.name or row.process, lang()))
    return {"processes": processes, "organs": list_organs(), "statuses": STATUS, "tones": STATUS_TONE,
            "batch_actions": ACTIONS}


def render_list(args, errors: dict[str, str] | None = None, typed: dict[str, Any] | None = None,
                status: int = 200):
    """Render the instance list for query `args`, with a batch form's errors and input kept."""
    errors = dict(errors or {})
    try:
        wanted = InstanceFilterSchema().load(args)
    except ValidationError as exc:
        errors.update(first_errors(exc))
        wanted = InstanceFilterSchema().load({})
    try:
        page = find_cases(CaseFilter(**wanted))
    except UnknownOrgan:
        errors["organ"] = _("No organ has this code.")
        page = find_cases(CaseFilter(**{**wanted, "organ": None}))
    query = {key: value for key, value in args.items() if key != "page" and value}
    return render_template("admin/instances.html", page=page, wanted=wanted, query=query, errors=errors,
                           typed=typed or {}, **_choices()), status


@bp.get("/instances")
def instances():
    """List instances by process, version, status, organ, lateness, key, text and start date."""
    return render_list(request.args)


def process_names(view) -> dict[str, str]:
    """Return each process of the case's version named in the page's language (`复查 Review` -> `Review`)."""
    return {process: bilingual(name or process, lang()) for process, name in view.index.processes.items()}


def diagram_payload(view) -> dict[str, Any]:
    """Return what the diagram script needs: the version's files and each process's trail."""
    return {
        "process": view.instance.process,
        "sources": view.definition.sources,
        "trails": {name: asdict(trail) for name, trail in view.trails.items()},
        "names": process_names(view),
        "timers": [{"element": timer.element, "due": deadline_end(timer.due_at),
                    "provisional": timer.provisional} for timer in view.timers],
        "labels": {"calledTitle": _("Called processes:"), "main": _("Back to the main process"),
                   "open": _("Open the called process %(name)s", name="{name}"),
                   "failed": _("The diagram could not be drawn."), "due": _("due"),
                   "failedInside": _("A step of this process failed"), "error": _("Error"),
                   "provisional": _("provisional"), "runs": _("completed %(count)s times", count="{count}")},
    }


def render_instance(instance_id: int, errors: dict[str, str] | None = None, typed: dict[str, Any] | None = None,
                    status: int = 200):
    """Render one instance, with an action's error and what was typed into its form kept."""
    try:
        view = case_view(instance_id)
    except NotFound:
        db.session.rollback()
        abort(404, _("No such case."))
    earlier = earlier_steps(view.instance) if view.state_readable else []
    stays = {task_id: [_document_words(document) for document in documents]
             for task_id, documents in documents_from(view.petition, earlier).items()}
    return render_template("admin/instance.html", view=view, payload=diagram_payload(view), errors=errors or {},
                           earlier=earlier, stays=stays,
                           typed=typed or {}, statuses=STATUS, tones=STATUS_TONE, events=EVENTS,
                           data_text=json.dumps(view.instance.data, ensure_ascii=False, indent=2, sort_keys=True),
                           organs={organ.code: organ for organ in list_organs()},
                           names=view.names, trail_text=trail_words(view, process_names(view)),
                           process_name=process_names(view).get(view.instance.process)), status


def _document_words(document) -> str:
    """Name a document by its kind in the page's language, its number and the day it was issued."""
    kind = KINDS.get(document.kind)
    return _("%(title)s No. %(number)s, issued %(day)s", title=kind.title(lang()) if kind else document.title,
             number=document.number, day=document.issued_on.isoformat())


@bp.get("/instances/<int:instance_id>")
def instance(instance_id: int):
    """Show an instance: diagram with markers, data, timers, tasks, history, error and actions."""
    return render_instance(instance_id)


@bp.get("/")
def overview():
    """Show counts by status, the latest failures, and what is late or provisional."""
    return render_template("admin/overview.html", summary=console_summary(), statuses=STATUS, tones=STATUS_TONE)
