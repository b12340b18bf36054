"""Give a petitioner who lost her query code a new one, on the case page (processes/query_codes.py)."""
from __future__ import annotations

from flask import render_template, request

from processes.case_file import case_file
from processes.case_view import open_case
from processes.query_codes import CodeReissueRefused, reissue_query_code

from ..auth_tokens import current_user, require_role
from ..refusals import refusal_message
from ..unit_of_work import committed
from . import bp
from .inbox import STAFF


@bp.post("/case/<number>/query-code")
@require_role(*STAFF)
@committed
def new_query_code(number: str):
    """Give a new query code and show it once on the case page; refused there with the reason kept."""
    user = current_user()
    reason = request.form.get("reason", "")
    try:
        code = reissue_query_code(open_case(number, user), user, reason)
    except CodeReissueRefused as exc:
        status = 403 if exc.code == "not_allowed" else 422
        return render_template("tasks/case.html", file=case_file(number, user), code_reason=reason,
                               code_refusal=refusal_message(exc)), status
    # Shown on this page only: never kept in the session, a flash or a log.
    return render_template("tasks/case.html", file=case_file(number, user), new_code=code)
