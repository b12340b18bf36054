"""The clock: read it; set or advance it when it is simulated."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_smorest import Blueprint, abort

from engine import current_clock
from engine.timer_events import TimerEventDefinition
from engine.timers import advance_clock

from ..auth_tokens import require_role
from .schemas import ClockChangeSchema, ClockSchema

bp = Blueprint("api_clock", __name__, url_prefix="/api/v1/clock", description="The engine clock")


@bp.get("")
@require_role()
@bp.response(200, ClockSchema)
def show_clock():
    """Show the engine's time and whether it is simulated."""
    clock = current_clock()
    return {"now": clock.now(), "simulated": clock.simulated}


@bp.post("")
@require_role("admin")
@bp.arguments(ClockChangeSchema())
@bp.response(200, ClockSchema)
def change_clock(body: dict):
    """Advance (`{"advance": "P16D"}`) or set (`{"now": ISO}`) a simulated clock, firing due timers; say how
    many fired."""
    clock = current_clock()
    if not clock.simulated:
        abort(404, message=_("The clock is real; it can only be changed when XINFANG_CLOCK=simulated."))
    if "advance" in body:
        try:
            parsed = TimerEventDefinition.parse_iso_duration(body["advance"])
            delta = TimerEventDefinition.get_timedelta_from_start(parsed, clock.now())
        except Exception:
            abort(422, message=_("'advance' must be an ISO-8601 duration such as P16D or PT2H."))
        fired = advance_clock(by=delta)
    else:
        fired = advance_clock(to=body["now"])
    return {"now": clock.now(), "simulated": True, "fired": fired}
