"""The statutory calendar: deadlines as the law counts them, and the holiday schedule."""
from __future__ import annotations

from flask_smorest import Blueprint

from engine import db
from processes.holidays import known_years, load_calendar, set_year_schedule, year_schedule
from processes.periods import statutory_deadline

from ..auth_tokens import current_user, require_role
from ..unit_of_work import committed
from .schemas import DeadlineQuerySchema, DeadlineSchema, HolidayDaySchema, HolidayYearSchema

bp = Blueprint("api_calendar", __name__, url_prefix="/api/v1/calendar", description="Statutory calendar")


@bp.get("/deadline")
@require_role()
@bp.arguments(DeadlineQuerySchema(), location="query")
@bp.response(200, DeadlineSchema)
def deadline(query: dict):
    """Count a period from a date: calendar days (last day rolled) or working days."""
    result = statutory_deadline(query["from_"], query["days"], query["kind"], cal=load_calendar(db.session),
                                paused_days=query["paused_days"])
    return {"due_at": result.isoformat(), "last_day": result.last_day, "provisional": result.provisional,
            "rule": result.rule}


@bp.get("/holidays")
@require_role()
@bp.response(200)
def holidays():
    """List the years with an official schedule and the days of each."""
    return {"years": [{"year": year, "days": HolidayDaySchema(many=True).dump(year_schedule(db.session, year))}
                      for year in known_years(db.session)]}


@bp.post("/holidays")
@require_role("admin")
@bp.arguments(HolidayYearSchema())
@bp.response(201)
@committed
def set_holidays(body: dict):
    """Set (or replace) one year's official schedule."""
    days = [(day["day"], day["working"], day["name"]) for day in body["days"]]
    set_year_schedule(db.session, body["year"], days, current_user().username)
    return {"year": body["year"], "days": len(days)}
