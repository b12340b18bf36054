"""The simulated clock: read it, see what falls due next, move it forward (demonstrations and training)."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from engine import current_clock
from processes.clock_admin import move_clock, upcoming_timers
from processes.periods import CST

from ..i18n import to_cst
from ..step_words import timer_names
from ..unit_of_work import committed
from . import bp
from .labels import gettext as _
from .labels import ngettext
from .schemas import ClockMoveSchema, first_errors


def _simulated_only() -> None:
    if not current_clock().simulated:
        abort(404, _("The clock is real; it can be moved only when the app runs with XINFANG_CLOCK=simulated."))


def _render(errors: dict[str, str] | None = None, typed: dict[str, str] | None = None, status: int = 200):
    upcoming = upcoming_timers()
    return render_template("admin/clock.html", now=current_clock().now(), upcoming=upcoming,
                           timer_names=timer_names(timer for timer, _instance in upcoming),
                           errors=errors or {}, typed=typed or {}), status


@bp.get("/clock")
def clock():
    """Show the simulated time, the timers that fall due next and the forms that move the clock."""
    _simulated_only()
    return _render()


@bp.post("/clock")
@committed
def clock_move():
    """Move the simulated clock forward by days and hours, or to a moment, firing what falls due."""
    _simulated_only()
    typed = request.form.to_dict()
    try:
        form = ClockMoveSchema().load(request.form)
    except ValidationError as exc:
        return _render(first_errors(exc), typed, 422)
    now = current_clock().now()
    if form["to"] is not None:
        target = form["to"].replace(tzinfo=CST)
        if target <= now:
            message = _("The simulated clock cannot go back or stand still: it reads %(now)s already.",
                        now=to_cst(now).strftime("%Y-%m-%d %H:%M"))
            return _render({"to": message}, typed, 422)
        moved = move_clock(to=target)
    else:
        moved = move_clock(by=timedelta(days=form["days"], hours=form["hours"]))
    flash(ngettext("The clock now reads %(now)s; %(num)s timer fired on the way.",
                   "The clock now reads %(now)s; %(num)s timers fired on the way.",
                   moved.fired, now=to_cst(moved.after).strftime("%Y-%m-%d %H:%M")), "success")
    return redirect(url_for("admin.clock"))
