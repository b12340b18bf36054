"""The schedule as an administrator types it: lines of days and runs of days, read and written back."""
from __future__ import annotations

from datetime import date

import pytest

from processes.calendar_admin import (
    ScheduleLineError,
    parse_schedule,
    schedule_text,
    year_grid,
)
from processes.errors import InvalidInput
from processes.holidays import set_year_schedule
from tests.console_data import console_app


@pytest.fixture
def app(app_pool, db_kind):
    return console_app(app_pool, db_kind)


def test_lines_and_runs_are_read_into_days():
    days = parse_schedule(2027, "# 2027\n2027-02-06~2027-02-08 休 春节\n\n2027-02-14 班 春节调休\n2027-01-01 holiday 元旦")
    assert days == [(date(2027, 1, 1), False, "元旦"), (date(2027, 2, 6), False, "春节"), (date(2027, 2, 7), False, "春节"),
                    (date(2027, 2, 8), False, "春节"), (date(2027, 2, 14), True, "春节调休")]


@pytest.mark.parametrize("text, line, code", [
    ("2027-01-01 放 元旦", 1, "schedule_line"),
    ("2027-01-01 休 元旦\n2027-02-29 休 无", 2, "schedule_date"),
    ("2027-03-01~2027-02-01 休 倒序", 1, "schedule_range"),
    ("2026-12-31 休 跨年", 1, "schedule_wrong_year"),
    ("2027-01-01 休 元旦\n2026-12-31~2027-01-02 休 元旦", 2, "schedule_wrong_year"),
    ("2027-01-01~2027-01-03 休 元旦\n2027-01-03 班 调休", 2, "schedule_duplicate_day"),
])
def test_a_wrong_line_is_named_by_its_number(text, line, code):
    with pytest.raises(ScheduleLineError) as raised:
        parse_schedule(2027, text)
    assert (raised.value.line, raised.value.code) == (line, code)


def test_an_empty_schedule_is_refused():
    with pytest.raises(InvalidInput):
        parse_schedule(2027, "# nothing yet\n")


def test_a_saved_schedule_is_written_back_as_runs_and_drawn_month_by_month(ctx):
    from engine import db

    text = "2027-01-01~2027-01-03 休 元旦\n2027-02-14 班 春节调休"
    set_year_schedule(db.session, 2027, parse_schedule(2027, text), "admin")
    assert schedule_text(2027) == text
    january = year_grid(2027)[0]
    first_week = january.weeks[0]  # 1 January 2027 is a Friday
    assert first_week[:4] == [None] * 4 and first_week[4] == (date(2027, 1, 1), "holiday", "元旦")
    assert year_grid(2027)[1].weeks[1][6] == (date(2027, 2, 14), "working", "春节调休")
