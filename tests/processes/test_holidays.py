"""The holiday table on SQLite and PostgreSQL: seeding, administrators' years, the calendar."""
import uuid
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from engine.db import db
from processes.errors import PeriodError
from processes.holidays import (
    HolidayDay,
    HolidayYear,
    known_years,
    load_calendar,
    seed_from_chinesecalendar,
    set_year_schedule,
    year_schedule,
)
from processes.periods import statutory_deadline

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# An illustrative 2027 schedule: New Year's Day falls on a Friday, the weekend follows.
NEW_YEAR_2027 = [(date(2027, 1, d), False, "元旦 New Year's Day") for d in (1, 2, 3)]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def app(request, tmp_path):
    """Yield an app context over fresh holiday tables on each database."""
    app = Flask(__name__)
    schema = None
    if request.param == "sqlite":
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'holidays.sqlite3'}"
    else:
        schema = f"test_holidays_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(POSTGRES)
        with admin.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        app.config["SQLALCHEMY_DATABASE_URI"] = POSTGRES
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "connect_args": {"options": f"-csearch_path={schema}"}
        }
    db.init_app(app)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()
    if schema:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def seeded(app):
    seed_from_chinesecalendar(db.session)
    db.session.commit()
    return app


def test_seed_copies_every_year_chinesecalendar_knows(app):
    years = seed_from_chinesecalendar(db.session)
    db.session.commit()
    assert years == list(range(2004, 2027))
    assert known_years(db.session) == years
    national_day = {row.day: row for row in year_schedule(db.session, 2026) if row.day.month == 10}
    assert sorted(d.day for d, row in national_day.items() if not row.working) == list(range(1, 8))
    assert national_day[date(2026, 10, 10)].working
    assert national_day[date(2026, 10, 1)].name == "国庆节 National Day"
    assert db.session.get(HolidayYear, 2026).source.startswith("chinesecalendar ")


def test_seeding_twice_changes_nothing(seeded):
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(HolidayDay))
    stamp = db.session.get(HolidayYear, 2026).updated_at
    assert seed_from_chinesecalendar(db.session) == []
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(HolidayDay)) == rows
    assert db.session.get(HolidayYear, 2026).updated_at == stamp


def test_seeded_calendar_rolls_a_deadline_out_of_national_day(seeded):
    deadline = statutory_deadline("2026-09-20", 15, cal=load_calendar(db.session))
    assert deadline.last_day == date(2026, 10, 8)
    assert not deadline.provisional


def test_adding_2027_makes_a_crossing_deadline_final(seeded):
    before = statutory_deadline("2026-12-17", 15, cal=load_calendar(db.session))
    assert (before.last_day, before.provisional) == (date(2027, 1, 1), True)

    set_year_schedule(db.session, 2027, NEW_YEAR_2027, actor="li.ming")
    db.session.commit()

    after = statutory_deadline("2026-12-17", 15, cal=load_calendar(db.session))
    assert (after.last_day, after.provisional) == (date(2027, 1, 4), False)
    record = db.session.get(HolidayYear, 2027)
    assert (record.source, record.updated_by) == ("administrator", "li.ming")
    assert record.updated_at is not None


def test_setting_a_year_again_replaces_its_days(seeded):
    set_year_schedule(db.session, 2027, NEW_YEAR_2027, actor="li.ming")
    set_year_schedule(db.session, 2027, [(date(2027, 2, 6), True, "春节 Spring Festival")],
                      actor="li.ming")
    db.session.commit()
    assert [(r.day, r.working) for r in year_schedule(db.session, 2027)] == [
        (date(2027, 2, 6), True)
    ]
    assert load_calendar(db.session).is_working_day(date(2027, 1, 1))


def test_a_day_of_another_year_is_refused_and_nothing_is_written(seeded):
    days = NEW_YEAR_2027 + [(date(2026, 12, 31), False, "元旦 New Year's Day")]
    with pytest.raises(PeriodError, match="2026-12-31"):
        set_year_schedule(db.session, 2027, days, actor="li.ming")
    with pytest.raises(PeriodError, match="no days"):
        set_year_schedule(db.session, 2027, [], actor="li.ming")
    db.session.commit()
    assert 2027 not in known_years(db.session)
    assert year_schedule(db.session, 2027) == []


def test_a_rolled_back_schedule_leaves_the_calendar_as_it_was(seeded):
    assert not load_calendar(db.session).is_known(2027)
    set_year_schedule(db.session, 2027, NEW_YEAR_2027, actor="li.ming")
    assert load_calendar(db.session).is_known(2027)
    db.session.rollback()
    assert not load_calendar(db.session).is_known(2027)


def test_seeding_leaves_an_administrators_year_alone(seeded):
    set_year_schedule(db.session, 2026, [(date(2026, 10, 8), False, "国庆节 National Day")],
                      actor="li.ming")
    db.session.commit()
    assert seed_from_chinesecalendar(db.session) == []
    assert [row.day for row in year_schedule(db.session, 2026)] == [date(2026, 10, 8)]
    assert not load_calendar(db.session).is_working_day(date(2026, 10, 8))
