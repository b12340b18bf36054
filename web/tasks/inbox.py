"""The inbox: my tasks, my group's unclaimed tasks, all I may see; filtered, sorted, paged."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from engine import NotFound
from processes.access import task_scope
from processes.case_view import CaseRefused
from processes.errors import UnknownPetition
from processes.inbox import InboxFilters, inbox
from processes.organs import list_organs

from ..auth_tokens import current_user, require_role
from . import bp
from .labels import organ_name, template_names
from .schemas import InboxArgs

STAFF = ("registrar", "handler", "head", "reviewer", "supervisor")


@bp.context_processor
def desk_names() -> dict:
    """Give every desk template the labels of codes."""
    return template_names()


def valid_args(schema, args) -> dict:
    """Load query arguments, leaving out the ones that are not valid (a stale bookmark still opens)."""
    raw = args.to_dict()
    problems = schema.validate(raw)
    return schema.load({k: v for k, v in raw.items() if k not in problems})


def organ_choices(user, chosen: str | None = None) -> list[tuple[str, str]]:
    """Return the organs whose tasks a person may work (all for None) as (code, name in the page's language)."""
    # A filter names organs, not codes nobody at a desk knows by heart; a bookmarked code stays chosen.
    _groups, organs = task_scope(user) if user is not None else (None, None)
    codes = list(organs) if organs is not None else [organ.code for organ in list_organs()]
    if chosen and chosen not in codes:
        codes.append(chosen)
    # Lower levels first, as the intake form lists them: a desk works mostly with its own county.
    return [(code, organ_name(code)) for code in sorted(codes, key=lambda code: (-len(code), code))]


@bp.get("/")
@require_role(*STAFF)
def index():
    """Show the inbox."""
    args = valid_args(InboxArgs(), request.args)
    user = current_user()
    page = inbox(user, InboxFilters(per_page=25, **args))
    return render_template("tasks/inbox.html", page=page, args=args, organs=organ_choices(user, args.get("organ")))


@bp.errorhandler(CaseRefused)
def refused(exc: CaseRefused):
    """Say in the page's language that the case or task belongs to others."""
    return render_template("error.html", code=exc.code, status=403,
                           message=_("This task or case belongs to another role or organ; you cannot open it.")), 403


@bp.errorhandler(UnknownPetition)
def unknown_case(exc: UnknownPetition):
    """Say that no case has this number."""
    return render_template("error.html", code=exc.code, status=404, message=_("No case has this registration number.")), 404


@bp.errorhandler(NotFound)
def unknown_task(exc: NotFound):
    """Say that the task does not exist."""
    return render_template("error.html", code=exc.code, status=404, message=_("This task does not exist.")), 404
