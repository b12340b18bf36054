"""The official holiday schedule per year, the deadlines counted without one, and their recalculation."""
from __future__ import annotations

import re

from flask import flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from engine import current_clock, db
from processes.calendar_admin import (
    ScheduleLineError,
    affected_instances,
    provisional_deadlines,
    recalculate_deadlines,
    save_schedule,
    schedule_text,
    schedule_years,
    year_grid,
)
from processes.case_admin import CaseFilter, find_cases
from processes.errors import ProcessError
from processes.periods import CST

from ..auth_tokens import current_user
from ..step_words import timer_names
from ..unit_of_work import committed
from . import bp
from .explain import explain
from .labels import ACTIONS
from .labels import gettext as _
from .labels import lazy_gettext as _l
from .schemas import RecalculateSchema, ScheduleSchema, first_errors
from .tables import lang

LINE_PROBLEMS = {
    "schedule_line": _l("Line %(line)s is not written as “date [~date] 休|班 name”."),
    "schedule_date": _l("Line %(line)s has a date that does not exist."),
    "schedule_range": _l("Line %(line)s: a run of days must go forward and last at most a month."),
    "schedule_wrong_year": _l("Line %(line)s lists a day of another year."),
    "schedule_duplicate_day": _l("Line %(line)s lists a day that an earlier line lists already."),
}
BILINGUAL = re.compile(r"^([\u3400-\u9fff·]+) ([A-Za-z][A-Za-z' -]*)$")
WEEKDAYS = (_l("Mon"), _l("Tue"), _l("Wed"), _l("Thu"), _l("Fri"), _l("Sat"), _l("Sun"))


@bp.get("/calendar")
def calendar():
    """List the years with an official schedule and the deadlines that are provisional."""
    this_year = current_clock().now().astimezone(CST).year
    provisional = provisional_deadlines()
    return render_template("admin/calendar.html", years=schedule_years(), provisional=provisional,
                           timer_names=timer_names(provisional), next_year=this_year + 1)


@bp.get("/calendar/open")
def calendar_open():
    """Go to the page of the year typed into the 'add or correct a year' form."""
    year = request.args.get("year", "")
    if not year.isdigit() or not 2000 <= int(year) <= 2100:
        flash(_("Give a year between 2000 and 2100."), "error")
        return redirect(url_for("admin.calendar"))
    return redirect(url_for("admin.calendar_year", year=int(year)))


def day_name(name: str) -> str:
    """Return the part of a seeded bilingual day name ("春节 Spring Festival") in the page's language."""
    match = BILINGUAL.match(name or "")
    if not match:
        return name
    return match.group(2) if lang() == "en" else match.group(1)


def _render_year(year: int, error: str | None = None, typed: str | None = None, status: int = 200):
    text = schedule_text(year)
    return render_template("admin/calendar_year.html", year=year, grid=year_grid(year), weekdays=WEEKDAYS,
                           day_name=day_name,
                           text=text if typed is None else typed, known=bool(text), error=error,
                           affected=len(affected_instances(year))), status


@bp.get("/calendar/<int(min=2000, max=2100):year>")
def calendar_year(year: int):
    """Show a year's schedule month by month, with the form to enter or correct it."""
    return _render_year(year)


@bp.post("/calendar/<int(min=2000, max=2100):year>")
@committed
def calendar_save(year: int):
    """Replace a year's official schedule with the days typed in."""
    typed = request.form.get("schedule", "")
    try:
        form = ScheduleSchema().load(request.form)
        count = save_schedule(year, form["schedule"], current_user().username)
    except ValidationError as exc:
        return _render_year(year, next(iter(first_errors(exc).values())), typed, 422)
    except ScheduleLineError as exc:
        db.session.rollback()
        return _render_year(year, str(LINE_PROBLEMS[exc.code]) % {"line": exc.line}, typed, 422)
    except ProcessError:
        db.session.rollback()
        return _render_year(year, _("The schedule lists no days."), typed, 422)
    flash(_("The schedule for %(year)s is saved: %(count)s days.", year=year, count=count), "success")
    return redirect(url_for("admin.calendar_year", year=year) + "#recalculate")


@bp.post("/calendar/recalculate")
@committed
def calendar_recalculate():
    """Count again the provisional deadlines (and, for a year, every deadline counted over it)."""
    try:
        form = RecalculateSchema().load(request.form)
    except ValidationError as exc:
        flash(next(iter(first_errors(exc).values())), "error")
        return redirect(request.referrer or url_for("admin.calendar"))
    results = recalculate_deadlines(current_user().username, form["reason"], form["year"])
    explained = {result.instance_id: explain(result.code, result.details, "recalculate")
                 for result in results if not result.ok}
    cases = {row.instance.id: row for row in find_cases(CaseFilter(
        ids=tuple(result.instance_id for result in results), per_page=500)).rows} if results else {}
    return render_template("admin/batch_result.html", results=results, cases=cases, explained=explained,
                           action=ACTIONS["recalculate"], reason=form["reason"], back=None)
