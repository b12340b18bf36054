"""Staff intake of letters, calls, faxes and visits (Art. 17, 19, 20), with the same-matter warning."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from engine import FormInvalid
from engine.forms import validate_submission
from processes.errors import InvalidInput
from processes.intake_check import addressable_organs, same_matter_warning
from processes.petitions import NewAttachment, submit_petition
from processes.submission_tokens import new_token, remember, used_for

from ..auth_tokens import current_user, require_role
from ..form_rendering import parse_form_post, render_form
from ..i18n import page_lang
from ..petition_form import petition_errors, staff_form
from ..unit_of_work import committed
from . import bp

INTAKE_ROLES = ("registrar", "handler", "supervisor")


def _form() -> dict:
    form = staff_form(addressable_organs())
    own = current_user().organ_code
    if own:
        form["properties"]["receiving_organ"]["default"] = own
    return form


def chosen_files() -> list[str]:
    """Return the names of the files sent with a form that is shown back (they must be chosen again)."""
    # A page sent back (a refusal, the same-matter warning, another row) cannot hold the files again:
    # a browser never lets a page fill in a file field. Their names are shown so none is forgotten.
    if request.method != "POST":
        return []
    return [f.filename for f in request.files.getlist("attachments") if f and f.filename]


def _show(form: dict, values: dict, errors: dict | None = None, warning=None, status: int = 200, token: str = "",
          offer_row: bool = False):
    # Shown back after a refusal or a warning, the lists hold exactly what was typed; only "add
    # another" offers a blank row.
    html = render_form(form, values, errors or {}, str(get_locale()), offer_row=offer_row)
    return render_template("tasks/intake.html", form_html=html, warning=warning, token=token or new_token(),
                           attachment_errors=(errors or {}).get("attachments"), dropped=chosen_files()), status


@bp.get("/intake")
@require_role(*INTAKE_ROLES)
def intake():
    """Show the intake form."""
    from processes.petitions.models import today

    return _show(_form(), {"received_on": today().isoformat()})


@bp.post("/intake")
@require_role(*INTAKE_ROLES)
@committed
def register():
    """Check and register a petition; warn first when it repeats an earlier matter."""
    token = request.form.get("submission_token", "")
    if (number := used_for(token)) is not None:
        flash(_("This petition was already registered as %(number)s; it was not registered twice.", number=number),
              "info")
        return redirect(url_for("tasks.case", number=number))
    form = _form()
    values = parse_form_post(form, request.form)
    try:
        values = {**values, **validate_submission(form, values)}
    except FormInvalid as exc:
        return _show(form, values, exc.errors, status=422, token=token)
    warning = same_matter_warning(values)
    if warning is not None and request.form.get("confirm_same_matter") != warning.earlier:
        return _show(form, values, warning=warning, token=token)
    user = current_user()
    fields = {**values, "recorded_by": user.username, "is_group": len(values.get("petitioners", [])) > 1}
    files = [NewAttachment(f.filename or "file", f.mimetype or "", f.read())
             for f in request.files.getlist("attachments") if f and f.filename]
    try:
        submitted = submit_petition(fields, user.username, files)
    except InvalidInput as exc:
        return _show(form, values, petition_errors(exc, page_lang()), status=422, token=token)
    number = submitted.petition.registration_number
    remember(token, number)
    flash(_("Registered as %(number)s. Query code for the petitioner: %(code)s (shown only now; hand it over).",
            number=number, code=submitted.query_code), "success")
    return redirect(url_for("tasks.case", number=number))


@bp.post("/intake/rows")
@require_role(*INTAKE_ROLES)
def intake_rows():
    """Show the form again as typed, with one more empty row in each list (works without JavaScript)."""
    form = _form()
    return _show(form, parse_form_post(form, request.form), token=request.form.get("submission_token", ""),
                 offer_row=True)
