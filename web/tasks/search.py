"""Search cases by registration number, petitioner, organ and text."""
from __future__ import annotations

from flask import render_template, request

from processes.petitions import search_petitions

from ..auth_tokens import current_user, require_role
from . import bp
from .inbox import STAFF, organ_choices, valid_args
from .schemas import SearchArgs


@bp.get("/search")
@require_role(*STAFF)
def search():
    """Find the cases a person may see."""
    args = valid_args(SearchArgs(), request.args)
    asked = any(args.get(key) for key in ("number", "petitioner", "organ", "text", "stage"))
    results = search_petitions(viewer=current_user(), per_page=20, **args) if asked else None
    return render_template("tasks/search.html", args=args, results=results,
                           organs=organ_choices(None, args.get("organ")))  # a case may pass through any organ
