"""The supervision ledger of a supervisor's petition department (督办台账): the letters issued in a year and
where each supervision stands."""
from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import lazy_gettext as _l

from engine import current_engine
from engine.forms import load_form
from processes.organs import petition_department_of
from processes.petitions.models import today
from processes.supervision_ledger import STATES, supervision_ledger

from ..auth_tokens import current_user, require_role
from ..form_values import choice_labels
from ..i18n import page_lang
from . import bp

STATE_WORDS = {"awaiting_feedback": _l("Awaiting written feedback"), "feedback_late": _l("Feedback overdue"),
               "to_assess": _l("Feedback to assess"), "escalating": _l("To be escalated"), "closed": _l("Closed")}
STATE_BADGES = {"awaiting_feedback": "info", "feedback_late": "bad", "to_assess": "warn", "escalating": "bad",
                "closed": "ok"}
FIRST_YEAR = 2000


def reason_words() -> dict[str, str]:
    """Say why supervision opened, as the supervision letter's form words it, in the page's language."""
    field = load_form(current_engine().forms_dir, "supervision_letter")["properties"]["supervision_reason"]
    return dict(zip(field["enum"], choice_labels(field, page_lang())))


@bp.get("/supervision")
@require_role("supervisor")
def supervision():
    """List the supervision letters the supervisor's department issued in a year, and where each stands."""
    user = current_user()
    department = petition_department_of(user.organ_code) if user.organ_code else None
    if department is None:
        abort(403, _l("Only a supervisor of a petition department keeps a supervision ledger."))
    this_year = today().year
    year = request.args.get("year", type=int) or this_year
    if not FIRST_YEAR <= year <= this_year + 1:
        year = this_year
    state = request.args.get("state") if request.args.get("state") in STATES else None
    everything = supervision_ledger(department, year)
    shown = [row for row in everything.rows if state is None or row.state == state]
    return render_template("tasks/supervision.html", ledger=everything, rows=shown, state=state, year=year,
                           this_year=this_year, department=department, states=STATES, state_words=STATE_WORDS,
                           state_badges=STATE_BADGES, reasons=reason_words())
