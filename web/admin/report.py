"""The annual report of Art. 41 for a year and an organ: on screen, for print on A4, and as CSV."""
from __future__ import annotations

from flask import render_template, request
from marshmallow import ValidationError

from engine import current_clock
from processes.annual_report import AnnualReport, annual_report
from processes.errors import UnknownOrgan
from processes.organs import list_organs
from processes.periods import CST

from . import bp
from .labels import gettext as _
from .labels import lazy_gettext as _l
from .schemas import YearOrganSchema, first_errors
from .tables import Shown, csv_response, lang, shown

PARTS = (  # (part heading, [(table attribute, caption)])
    (_l("1. Data statistics, fields concerned and the organs most complained about"), [
        ("summary", _l("Overview")), ("by_channel", _l("By channel")), ("by_category", _l("By field")),
        ("by_territory", _l("By territory")), ("most_complained", _l("Organs most complained about"))]),
    (_l("2. Forwarding, assigning and supervising by the petition department"), [
        ("passing_on", _l("Totals")), ("passed_to", _l("By receiving organ"))]),
    (_l("3. Suggestions to improve work, improve policy and pursue responsibility, and their adoption"), [
        ("suggestions", _l("Suggestions and adoption"))]),
    (_l("4. Other matters to report"), [("other", _l("Other figures"))]),
)


def _report(args) -> tuple[AnnualReport | None, dict[str, str], dict]:
    errors: dict[str, str] = {}
    organs = list_organs()
    departments = [organ for organ in organs if organ.kind == "petition_department"]
    try:
        wanted = YearOrganSchema().load(args)
    except ValidationError as exc:
        errors, wanted = first_errors(exc), {"year": None, "organ": None, **exc.valid_data}
    now = current_clock().now()
    wanted["year"] = wanted["year"] or now.astimezone(CST).year
    wanted["organ"] = wanted["organ"] or (max(departments, key=lambda o: o.rank).code if departments else None)
    report = None
    if wanted["organ"]:
        try:
            report = annual_report(wanted["year"], wanted["organ"], now)
        except UnknownOrgan:
            errors["organ"] = _("No organ has this code.")
    return report, errors, {"wanted": wanted, "organs": organs, "now": now}


def _parts(report: AnnualReport) -> list[tuple[str, list[tuple[str, Shown]]]]:
    return [(str(heading), [(str(caption), shown(getattr(report, name), report.organs)) for name, caption in tables])
            for heading, tables in PARTS]


@bp.get("/report")
def report():
    """Show the annual report of the chosen year and organ."""
    found, errors, context = _report(request.args)
    this_year = context["now"].astimezone(CST).year
    return render_template("admin/report.html", report=found, parts=_parts(found) if found else [],
                           errors=errors, years=range(this_year, this_year - 6, -1), **context)


@bp.get("/report/print")
def report_print():
    """Show the annual report laid out for A4 paper."""
    found, errors, context = _report(request.args)
    return render_template("admin/report_print.html", report=found, parts=_parts(found) if found else [],
                           errors=errors, **context)


@bp.get("/report.csv")
def report_csv():
    """Download the annual report as one CSV file, part after part."""
    found, _errors, context = _report(request.args)
    rows: list[list[str]] = []
    if found:
        rows.append([_("Annual report of petition work"), found.organ.name(lang()),
                     str(found.year)])
        for heading, tables in _parts(found):
            rows += [[], [heading]]
            for caption, table in tables:
                rows += [[caption], *table.as_rows()]
    code = context["wanted"]["organ"] or "all"
    return csv_response(f"annual-report-{context['wanted']['year']}-{code}.csv", rows)
