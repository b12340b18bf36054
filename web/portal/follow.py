"""Follow a petition by number and query code: progress, served replies, evaluation, review requests."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext as _, ngettext
from marshmallow import ValidationError
from markupsafe import Markup

from engine import EngineError
from processes.documents import render_document
from processes.errors import EvaluationRefused, InvalidInput
from processes.periods import CST
from processes.portal import RequestRefused, evaluate_handling, look_up, progress, request_right
from processes.query_attempts import AddressResting, QueryLocked, locked_until, query_codes, tries_left

from ..i18n import page_lang
from ..unit_of_work import committed
from . import bp
from .access import forget, opened, remember, to_lookup
from .devices import browser_id_for
from .labels import names
from .schemas import EvaluationForm, QueryForm, RequestForm


@bp.context_processor
def portal_names() -> dict:
    """Give every portal template the labels of codes."""
    return names()


@bp.get("/")
def index():
    """Show the portal's start: submit online, or follow a petition."""
    return render_template("portal/index.html", number=request.args.get("number", ""), error=None)


@bp.post("/query")
@committed
def query():
    """Open a case with its registration number and query code."""
    try:
        body = QueryForm().load(request.form)
        petition = look_up(body["number"], body["code"], browser_id_for(body["number"]), request.remote_addr)
    except QueryLocked as exc:
        time = exc.details["until"].astimezone(CST).strftime("%Y-%m-%d %H:%M")
        if isinstance(exc, AddressResting):
            message = _("Too many wrong query codes were entered from this network address. To protect the cases, "
                        "try again after %(time)s (Beijing time).", time=time)
        else:
            message = _("Too many wrong query codes were entered for this registration number. To protect the "
                        "case, try again after %(time)s (Beijing time).", time=time)
        return render_template("portal/index.html", number=request.form.get("number", ""), error=message), 429
    except ValidationError:
        message = _("The registration number and query code do not match. Check both and try again.")
        return render_template("portal/index.html", number=request.form.get("number", ""), error=message), 422
    except InvalidInput:
        message = _("The registration number and query code do not match. Check both and try again.")
        number = request.form.get("number", "")
        return render_template("portal/index.html", number=number,
                               error=f"{message} {_tries_words(number)}".strip()), 422
    remember(petition.registration_number, body["code"])
    return redirect(url_for("portal.case"))


def _tries_words(number: str) -> str:
    # Said before the number pauses, so that a petitioner unsure of her code stops to look for it.
    browser = browser_id_for(number)
    left = tries_left(number, browser)
    if left == 0:
        until = locked_until(number, browser)
        time = until.astimezone(CST).strftime("%Y-%m-%d %H:%M") if until else ""
        return _("To protect the case, look-ups of this number now pause until %(time)s (Beijing time).", time=time)
    if left <= 2:
        minutes = int(query_codes().window.total_seconds() // 60)
        return ngettext("You may try %(num)s more time; then look-ups of this number pause for %(minutes)s minutes.",
                        "You may try %(num)s more times; then look-ups of this number pause for %(minutes)s "
                        "minutes.", left, minutes=minutes)
    return ""


@bp.get("/case")
def case():
    """Show the progress of the opened case."""
    found = opened()
    if found is None:
        return to_lookup()
    return render_template("portal/case.html", view=progress(found[0], page_lang()))


@bp.post("/leave")
def leave():
    """Close the case in this browser."""
    forget()
    flash(_("The case is closed in this browser."), "info")
    return redirect(url_for("portal.index"))


@bp.post("/evaluate")
@committed
def evaluate():
    """Record the petitioner's evaluation of the handling (Art. 21)."""
    found = opened()
    if found is None:
        return to_lookup()
    try:
        body = EvaluationForm().load(request.form)
        evaluate_handling(found[0], found[1], body["evaluation"], body["comment"])
    except ValidationError:  # shown at the question, with the comment as typed
        return render_template("portal/case.html", view=progress(found[0], page_lang()),
                               evaluation_error=_("Choose how satisfied you are with the handling."),
                               comment=request.form.get("comment", "")), 422
    except EvaluationRefused as exc:
        flash({"already_evaluated": _("This petition has already been evaluated."),
               "evaluation_closed": _("The days offered for evaluating the handling have passed.")}.get(
            exc.code, _("The handling can be evaluated once its written reply has been served.")), "error")
        return redirect(url_for("portal.case"))
    flash(_("Thank you. Your evaluation was recorded."), "success")
    return redirect(url_for("portal.case"))


@bp.route("/request", methods=["POST"])
@committed
def request_review():
    """Ask for review or re-review: first confirm, then the request is made."""
    found = opened()
    if found is None:
        return to_lookup()
    try:
        body = RequestForm().load(request.form)
    except ValidationError:
        abort(400, _("The request is not valid."))
    view = progress(found[0], page_lang())
    window = view.windows[body["kind"]]
    if not window.open:
        return render_template("portal/refused.html", view=view, window=window), 409
    if body["confirmed"] == "back":  # the confirmation cancelled: the case page again, the reasons as typed
        return render_template("portal/case.html", view=view, reasons=body["reasons"], reasons_kind=body["kind"])
    if body["confirmed"] != "yes":
        return render_template("portal/confirm.html", view=view, window=window, reasons=body["reasons"])
    try:
        request_right(found[0], body["kind"], body["reasons"])
    except (RequestRefused, EngineError):
        return render_template("portal/refused.html", view=progress(found[0], page_lang()), window=window), 409
    flash(_("Your request was received. The next higher organ now reviews the matter."), "success")
    return redirect(url_for("portal.case"))


@bp.get("/query")
@bp.get("/leave")
@bp.get("/evaluate")
@bp.get("/request")
def form_page():
    """Show the page a form belongs to when its address is opened (a reload, a language switch)."""
    # The look-up's refusal and the confirmation of a request are answers to a POST: the language
    # links on them ("?lang=en") open the same address, which must not answer 405.
    get_locale()  # keeps a language chosen by ?lang for the page this leads to
    if request.path.endswith("/query") or opened() is None:
        return to_lookup()
    return redirect(url_for("portal.case") + ("#review" if request.path.endswith("/request") else ""))


@bp.get("/documents/<doc>")
def document(doc: str):
    """Show a written reply served on the petitioner."""
    found = opened()
    if found is None:
        return to_lookup()
    view = progress(found[0], page_lang())
    match = next((d for d in view.replies if d.number == doc), None)
    if match is None or found[0].confidential:
        abort(404, _("There is no such document for this petition."))
    return render_template("portal/document.html", document=match, body=Markup(render_document(match, page_lang())))
