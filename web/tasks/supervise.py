"""Open supervision on the case page, on what a supervisor found (Art. 40 ¶1)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine import EngineError
from processes.case_file import case_file
from processes.case_view import open_case
from processes.supervision_requests import FINDINGS_LIMIT, ROLES, SupervisionRefused, request_supervision

from ..auth_tokens import current_user, require_role
from ..unit_of_work import committed
from . import bp
from .messages import explain

FIELD_PROBLEMS = {  # a refusal that is about one field -> what to say at it
    "no_findings": lambda: _("Say what you found: what the organ did or failed to do, and since when."),
    "findings_too_long": lambda: _("At most %(limit)s characters.", limit=FINDINGS_LIMIT),
    "unknown_organ": lambda: _("Choose one of the organs dealing with this case."),
}


@bp.post("/case/<number>/supervise")
@require_role(*ROLES)
@committed
def open_supervision(number: str):
    """Open supervision of the chosen organ; refused at the form with what was typed kept."""
    values = {"supervised_organ": request.form.get("supervised_organ", ""),
              "findings": request.form.get("findings", "")}
    user = current_user()
    try:
        request_supervision(open_case(number, user), user, values["supervised_organ"], values["findings"])
    except SupervisionRefused as exc:
        if exc.code in FIELD_PROBLEMS:
            return _again(number, values, errors={exc.details.get("field", "findings"): FIELD_PROBLEMS[exc.code]()})
        return _again(number, values, refusal=exc.code, status=409)
    except EngineError as exc:
        return _again(number, values, refusal=explain(exc), status=409)
    flash(_("Supervision was opened. Draft the supervision letter in your tasks; the handling of the case goes on."),
          "success")
    return redirect(url_for("tasks.case", number=number) + "#supervise")


def _again(number: str, values: dict, errors: dict | None = None, refusal: str | None = None, status: int = 422):
    # The case page again, the form holding what was typed and saying what is wrong.
    return render_template("tasks/case.html", file=case_file(number, current_user()), supervise_values=values,
                           supervise_errors=errors or {}, supervise_refusal=refusal), status
