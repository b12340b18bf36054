"""Record on the case page a request for review or re-review that came by letter or at a visit (Art. 35, 36)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from engine import EngineError
from processes.case_file import case_file
from processes.errors import AttachmentKindRefused, AttachmentTooLarge
from processes.petitions import NewAttachment
from processes.portal import RequestRefused
from processes.review_requests import DeskRequest, RequestDayInvalid, record_request

from ..auth_tokens import current_user, require_role
from ..i18n import page_lang
from ..unit_of_work import committed
from . import bp
from .inbox import STAFF
from .intake import chosen_files
from .messages import explain
from .schemas import RequestForm

FIELD_PROBLEMS = {  # a field the form left empty or wrong -> what to say at it
    "channel": lambda: _("Choose how the request came in."),
    "received_on": lambda: _("Enter the day the request was received, as year-month-day."),
    "posted_on": lambda: _("Enter the postmark day as year-month-day, or leave it empty."),
    "reasons": lambda: _("At most 4000 characters."),
}


@bp.post("/case/<number>/request")
@require_role(*STAFF)
@committed
def record(number: str):
    """Record the petitioner's request as received; refused at the form with what was typed kept."""
    values = request.form.to_dict()
    try:
        body = RequestForm().load(request.form)
    except ValidationError as exc:
        if "kind" in exc.messages:
            abort(400, _("The request is not valid."))
        return _again(number, values, {name: FIELD_PROBLEMS[name]() for name in exc.messages if name in FIELD_PROBLEMS})
    files = [NewAttachment(f.filename or "file", f.mimetype or "", f.read())
             for f in request.files.getlist("attachments") if f and f.filename]
    try:
        record_request(number, DeskRequest(**body, attachments=files), current_user())
    except RequestDayInvalid as exc:
        return _again(number, values, {(exc.fields or ["received_on"])[0]: _day_problem(exc)})
    except AttachmentTooLarge:
        return _again(number, values, {"attachments": _("Each attachment may be at most 10 MB.")})
    except AttachmentKindRefused as exc:
        said = exc.field_problems["attachments"]
        return _again(number, values, {"attachments": said.zh if page_lang() == "zh" else str(said)})
    except RequestRefused as exc:
        return _again(number, values, refusal=exc.code, status=409)
    except EngineError as exc:
        return _again(number, values, refusal=explain(exc), status=409)
    flash(_("The request for review was recorded; the next higher organ now reviews the matter.")
          if body["kind"] == "review" else
          _("The request for re-review was recorded; the organ above the review organ now re-reviews the matter."),
          "success")
    return redirect(url_for("tasks.case", number=number) + "#requests")


def _day_problem(exc: RequestDayInvalid) -> str:
    if exc.code == "posted_after_received":
        return _("The postmark day cannot be later than the day the letter was received.")
    if exc.code == "future":
        return _("This day cannot be later than today (%(today)s).", today=exc.details["today"])
    return _("This day cannot be earlier than the day the opinion was served (%(day)s).", day=exc.details["served"])


def _again(number: str, values: dict, errors: dict | None = None, refusal: str | None = None, status: int = 422):
    # The case page again, the form holding what was typed and saying what is wrong.
    return render_template("tasks/case.html", file=case_file(number, current_user()), request_values=values,
                           request_errors=errors or {}, refusal=refusal, dropped=chosen_files()), status
