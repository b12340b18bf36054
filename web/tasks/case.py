"""The case page, its printable documents and its attachments."""
from __future__ import annotations

from flask import Response, render_template
from flask_babel import gettext as _
from markupsafe import Markup

from processes.case_file import case_attachment, case_document, case_file
from processes.documents import render_document
from processes.errors import UnknownDocument

from ..auth_tokens import current_user, require_role
from . import bp
from .inbox import STAFF
from .labels import lang


@bp.errorhandler(UnknownDocument)
def unknown_document(exc: UnknownDocument):
    """Say that the case has no such document or attachment."""
    return render_template("error.html", code=exc.code, status=404,
                           message=_("This case has no such document or attachment.")), 404


@bp.get("/case/<number>/documents/<doc>")
@require_role(*STAFF)
def document(number: str, doc: str):
    """Show a written document as it prints on A4."""
    petition, found = case_document(number, doc, current_user())
    return render_template("tasks/document.html", petition=petition, document=found,
                           body=Markup(render_document(found, lang())))


@bp.get("/case/<number>/attachments/<int:attachment_id>")
@require_role(*STAFF)
def attachment(number: str, attachment_id: int):
    """Download an attachment of the case."""
    found = case_attachment(number, attachment_id, current_user())
    return Response(found.data, mimetype=found.content_type,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(found.filename)}",
                             "X-Content-Type-Options": "nosniff"})


@bp.get("/case/<number>")
@require_role(*STAFF)
def case(number: str):
    """Show the case: timeline across procedures, deadlines with their articles, documents."""
    return render_template("tasks/case.html", file=case_file(number, current_user()))


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
