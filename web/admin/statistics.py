"""The dashboard of petition work (Art. 39): charts, each with its table and a CSV download.

Each chart's settings go to static/js/admin-charts.js (Chart.js) in its canvas's data-chart.
"""
from __future__ import annotations

from typing import Any

from flask import abort, render_template, request
from marshmallow import ValidationError

from engine import current_clock
from processes.errors import UnknownOrgan
from processes.organs import list_organs
from processes.periods import CST
from processes.petitions.models import CHANNELS
from processes.statistics import dashboard

from . import bp
from .labels import CHANNELS as CHANNEL_WORDS
from .labels import gettext as _
from .labels import lazy_gettext as _l
from .schemas import YearOrganSchema, first_errors
from .tables import Shown, csv_response, shown

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


def _bars(shown: Shown, labels: list[str], column: str, name: str, **options: Any) -> dict[str, Any]:
    return {"type": "bar", "labels": labels, "datasets": [{"label": name, "data": shown.series(column)}],
            **options}


def chart_for(shown: Shown) -> dict[str, Any] | None:
    """Return the chart of a table, or None for a table best read as a list."""
    name = shown.name
    if name == "intake_by_month":
        return {"type": "bar", "labels": shown.words("month"), "stacked": True,
                "datasets": [{"label": str(CHANNEL_WORDS[channel]), "data": shown.series(channel)}
                             for channel in CHANNELS]}
    if name == "intake_by_category":
        return _bars(shown, shown.words("category"), "count", _("Matters"), horizontal=True)
    if name == "intake_by_territory":
        return _bars(shown, shown.words("territory"), "count", _("Matters"), horizontal=True)
    if name == "open_by_stage":
        return _bars(shown, shown.words("stage"), "count", _("Open matters"))
    if name == "on_time" and shown.values:
        labels = [f"{organ} · {limit}" for organ, limit in zip(shown.words("organ"), shown.words("limit"))]
        return _bars(shown, labels, "rate", _("Kept, %"), horizontal=True, percent=True)
    if name == "satisfaction":
        return _bars(shown, [_("%(score)s points", score=score) for score in shown.series("score")], "count",
                     _("Evaluations"))
    return None


def _board(args):
    errors: dict[str, str] = {}
    try:
        wanted = YearOrganSchema().load(args)
    except ValidationError as exc:
        errors, wanted = first_errors(exc), {"year": None, "organ": None, **exc.valid_data}
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
