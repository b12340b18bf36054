"""Online submission with the content Art. 19 requires, and the receipt with number and query code."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale

from engine import FormInvalid
from engine.forms import validate_submission
from processes.attachment_kinds import ACCEPTED
from processes.errors import InvalidInput
from processes.intake_check import addressable_organs
from processes.petitions import MAX_ATTACHMENT_BYTES, NewAttachment, submit_petition
from processes.portal import progress
from processes.submission_tokens import new_token, remember as remember_token, used_for

from ..form_rendering import parse_form_post, render_form
from ..i18n import page_lang
from ..petition_form import online_form, petition_errors
from ..unit_of_work import committed
from . import bp
from .access import opened, remember

ONLINE = "online-petitioner"  # the actor of an online submission in the history
TEXT_ROOM = 512 * 1024  # of the largest request body, what the typed fields may take beside the files


def _form() -> dict:
    return online_form(addressable_organs(kind="petition_department"))


def _show(values: dict, errors: dict | None = None, status: int = 200, token: str = "", files_sent: int = 0,
          expired: bool = False, offer_row: bool = False):
    # Shown back after a refusal, the form holds exactly the petitioners typed; only "add another
    # petitioner" offers a blank one.
    form = _form()
    html = render_form(form, values, errors or {}, str(get_locale()), offer_row=offer_row)
    # Once the form holds as many petitioners as one may name online, it says so instead of
    # offering a row it would not add.
    most = form["properties"]["petitioners"]["maxItems"]
    shown = len([row for row in values.get("petitioners") or [] if isinstance(row, dict)]) + offer_row
    # A browser never fills a file input again: a form shown back must say the files were not kept.
    return render_template("portal/submit.html", form_html=html, token=token or new_token(),
                           attachment_errors=(errors or {}).get("attachments"), files_sent=files_sent,
                           max_file=MAX_ATTACHMENT_BYTES, max_total=_max_files_total(), expired=expired,
                           accepted=",".join(ACCEPTED), most_petitioners=most, petitioners_full=shown >= most), status


def _max_files_total() -> int:
    largest = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return max(largest - TEXT_ROOM, 0) if largest else 10 ** 12


def _files_sent() -> int:
    return sum(1 for f in request.files.getlist("attachments") if f and f.filename)


@bp.get("/submit")
def submit_form():
    """Show the online petition form."""
    return _show({})


def show_expired():
    """Show the petition form again as typed, its session having ended while it was written."""
    return _show(parse_form_post(_form(), request.form), status=400, files_sent=_files_sent(), expired=True)


@bp.get("/submit/rows")
def submit_rows_page():
    """Show the empty form when the address of 'add another petitioner' is opened (a language switch)."""
    get_locale()  # keeps a language chosen by ?lang
    return redirect(url_for("portal.submit_form"))


@bp.post("/submit/rows")
def submit_rows():
    """Show the form again as typed, with room for one more petitioner."""
    return _show(parse_form_post(_form(), request.form), token=request.form.get("submission_token", ""),
                 files_sent=_files_sent(), offer_row=True)


@bp.post("/submit")
@committed
def submit():
    """Register the petition and show its receipt."""
    token = request.form.get("submission_token", "")
    if used_for(token) is not None:
        return redirect(url_for("portal.receipt"))  # a second click: the receipt of the first
    form = _form()
    values = parse_form_post(form, request.form)
    try:
        values = {**values, **validate_submission(form, values)}
    except FormInvalid as exc:
        return _show(values, exc.errors, 422, token, _files_sent())
    files = [NewAttachment(f.filename or "file", f.mimetype or "", f.read())
             for f in request.files.getlist("attachments") if f and f.filename]
    try:
        submitted = submit_petition({**values, "channel": "online"}, ONLINE, files)
    except InvalidInput as exc:
        return _show(values, petition_errors(exc, page_lang()), 422, token, len(files))
    number = submitted.petition.registration_number
    remember_token(token, number)
    session["portal_receipt"] = {"number": number, "code": submitted.query_code,
                                 "received_on": submitted.petition.received_on.isoformat()}
    remember(number, submitted.query_code)
    return redirect(url_for("portal.receipt"))


@bp.get("/receipt")
def receipt():
    """Show the registration number and query code of the petition just submitted."""
    shown = session.get("portal_receipt")
    if not shown:
        return redirect(url_for("portal.index"))
    found = opened()
    petition = found[0] if found and found[0].registration_number == shown["number"] else None
    return render_template("portal/receipt.html", receipt=shown,
                           view=progress(petition, page_lang()) if petition else None,
                           files=[a.filename for a in petition.attachments] if petition else [])
