"""The dashboard of petition work (Art. 39): charts, each with its table and a CSV download."""
from __future__ import annotations

from flask import abort, render_template, request
from marshmallow import ValidationError

from engine import current_clock
from processes.errors import UnknownOrgan
from processes.organs import list_organs
from processes.periods import CST
from processes.statistics import dashboard

from . import bp
from .charts import chart_for
from .i18n import gettext as _
from .i18n import lazy_gettext as _l
from .schemas import YearOrganSchema, first_errors
from .tables import csv_response, shown

TITLES = {
    "intake_by_month": _l("Matters received by month and channel"),
    "intake_by_category": _l("Matters received by field"),
    "intake_by_territory": _l("Matters received by territory"),
    "open_by_stage": _l("Open matters by stage"),
    "on_time": _l("Statutory limits kept, by organ and limit"),
    "overdue": _l("Overdue now"),
    "supervision": _l("Supervision"),
    "satisfaction": _l("Petitioners' evaluations by score"),
    "satisfaction_by_organ": _l("Satisfaction by handling organ"),
}


def _board(args):
    errors: dict[str, str] = {}
    try:
        wanted = YearOrganSchema().load(args)
    except ValidationError as exc:
        errors, wanted = first_errors(exc), {"year": None, "organ": None}
    now = current_clock().now()
    year = wanted["year"] or now.astimezone(CST).year
    try:
        board = dashboard(year, wanted["organ"], now)
    except UnknownOrgan:
        errors["organ"] = _("No organ has this code.")
        board = dashboard(year, None, now)
    return board, errors, now


@bp.get("/statistics")
def statistics():
    """Show the year's figures for every organ or one organ's scope."""
    board, errors, now = _board(request.args)
    tables = {name: shown(table, board.organs) for name, table in board.tables.items()}
    charts = {name: chart_for(table) for name, table in tables.items()}
    this_year = now.astimezone(CST).year
    return render_template("admin/statistics.html", board=board, tables=tables, charts=charts, titles=TITLES,
                           errors=errors, years=range(this_year, this_year - 6, -1), organs=list_organs(),
                           organ=board.organ.code if board.organ else "")


@bp.get("/statistics/<name>.csv")
def statistics_csv(name: str):
    """Download one of the dashboard's tables as CSV."""
    if name not in TITLES:
        abort(404, _("There is no such table."))
    board, _errors, _now = _board(request.args)
    suffix = f"-{board.organ.code}" if board.organ else ""
    return csv_response(f"{name}-{board.year}{suffix}.csv", shown(board.tables[name], board.organs).as_rows())
