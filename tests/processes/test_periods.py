"""Statutory periods counted against the official 2026 schedule, checked by hand."""
from datetime import UTC, date, datetime

import chinese_calendar
import pytest

from processes.errors import PeriodError
from processes.periods import (
    CST,
    Deadline,
    ScheduleCalendar,
    WeekendOnlyCalendar,
    after_post,
    days_left,
    remind_before,
    statutory_deadline,
)


@pytest.fixture(scope="module")
def cal2026() -> ScheduleCalendar:
    """Return the State Council's 2026 schedule, as chinesecalendar publishes it."""
    days = {d: False for d in chinese_calendar.holidays if d.year == 2026}
    days.update({d: True for d in chinese_calendar.workdays if d.year == 2026})
    return ScheduleCalendar(days, {2026})


def test_the_2026_schedule_is_the_one_we_count_by(cal2026):
    assert not any(cal2026.is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert cal2026.is_working_day(date(2026, 9, 20))  # Sunday, make-up day
    assert cal2026.is_working_day(date(2026, 10, 10))  # Saturday, make-up day
    assert not any(cal2026.is_working_day(date(2026, 2, d)) for d in range(15, 24))
    assert cal2026.is_working_day(date(2026, 2, 14)) and cal2026.is_working_day(date(2026, 2, 28))


def test_event_day_is_not_counted_and_period_ends_at_midnight(cal2026):
    deadline = statutory_deadline(date(2026, 3, 2), 1, cal=cal2026)  # a Monday
    assert deadline.last_day == date(2026, 3, 3)
    assert deadline.isoformat() == "2026-03-04T00:00:00+08:00"
    assert not deadline.provisional


def test_last_day_in_national_day_rolls_to_first_working_day(cal2026):
    # 2026-09-20 + 15 = Monday 5 October, a holiday; 6 and 7 are too; Thursday 8th works.
    deadline = statutory_deadline("2026-09-20", 15, cal=cal2026)
    assert deadline.last_day == date(2026, 10, 8)
    assert deadline.due_at == datetime(2026, 10, 9, tzinfo=CST)
    assert "rolled" in deadline.rule and "2026-10-05" in deadline.rule


def test_last_day_in_spring_festival_rolls_past_the_whole_break(cal2026):
    # 2026-02-01 + 15 = Monday 16 February, inside the 15-23 February break.
    deadline = statutory_deadline("2026-02-01", 15, cal=cal2026)
    assert deadline.last_day == date(2026, 2, 24)


def test_last_day_on_a_make_up_saturday_is_not_rolled(cal2026):
    deadline = statutory_deadline("2026-01-30", 15, cal=cal2026)
    assert deadline.last_day == date(2026, 2, 14)
    assert "rolled" not in deadline.rule


def test_without_a_schedule_only_weekends_roll_and_deadline_is_provisional():
    deadline = statutory_deadline("2026-09-20", 15)
    assert deadline.last_day == date(2026, 10, 5)
    assert deadline.provisional
    assert "no official holiday schedule for 2026" in deadline.rule


def test_working_days_skip_the_holiday_and_count_the_make_up_saturday(cal2026):
    # Wed 30 Sep (1); 1-7 Oct off; Thu 8 (2), Fri 9 (3), Sat 10 make-up (4); Mon 12 (5).
    deadline = statutory_deadline("2026-09-29", 5, "working", cal=cal2026)
    assert deadline.last_day == date(2026, 10, 12)
    assert deadline.rule.startswith("5 working days from 2026-09-29")


def test_working_days_count_a_make_up_sunday(cal2026):
    # Fri 18 Sep (1), Sun 20 make-up (2), Mon 21 (3), Tue 22 (4), Wed 23 (5).
    deadline = statutory_deadline("2026-09-17", 5, "working", cal=cal2026)
    assert deadline.last_day == date(2026, 9, 23)


def test_period_into_an_unpublished_year_is_provisional(cal2026):
    # chinesecalendar 1.11 stops at 2026; 1 January 2027 is a Friday, so nothing rolls.
    deadline = statutory_deadline("2026-12-17", 15, cal=cal2026)
    assert deadline.last_day == date(2027, 1, 1)
    assert deadline.provisional
    assert "2027" in deadline.rule and "2026," not in deadline.rule


def test_paused_days_extend_the_period(cal2026):
    # Art. 36: 30 days for the re-review plus a 4-day hearing.
    plain = statutory_deadline("2026-03-02", 30, cal=cal2026)
    paused = statutory_deadline("2026-03-02", 30, cal=cal2026, paused_days=4)
    assert plain.last_day == date(2026, 4, 1)
    assert paused.last_day == date(2026, 4, 7)  # 5 April is Sunday, 6 April Qingming
    assert "4 paused days" in paused.rule


def test_a_datetime_counts_from_its_china_standard_time_date(cal2026):
    # 17:00 UTC on 1 March is 01:00 on 2 March in Beijing.
    deadline = statutory_deadline("2026-03-01T17:00:00+00:00", 1, cal=cal2026)
    assert deadline.last_day == date(2026, 3, 3)
    aware = datetime(2026, 3, 1, 17, tzinfo=UTC)
    assert statutory_deadline(aware, 1, cal=cal2026) == deadline


@pytest.mark.parametrize(
    ("start", "days", "kind"),
    [("2026-13-01", 15, "calendar"), ("soon", 15, "calendar"), ("2026-03-02", -1, "calendar"),
     ("2026-03-02", 5, "weekly"), ("2026-03-02", "15", "calendar")],
)
def test_bad_input_is_refused_with_a_period_error(start, days, kind):
    with pytest.raises(PeriodError) as caught:
        statutory_deadline(start, days, kind)
    assert caught.value.code == "period_error" and caught.value.message


def test_remind_before_moves_the_instant_and_keeps_the_flag():
    deadline = statutory_deadline("2026-09-20", 15)
    reminder = remind_before(deadline, 3)
    assert reminder.due_at == datetime(2026, 10, 3, tzinfo=CST)
    assert reminder.last_day == date(2026, 10, 2)
    assert reminder.provisional and reminder.rule.endswith("reminder 3 days before")
    assert isinstance(reminder, Deadline) and deadline.due_at == datetime(2026, 10, 6, tzinfo=CST)


def test_after_post_waits_calendar_days_past_the_end_for_letters_posted_in_time(cal2026):
    deadline = statutory_deadline("2026-01-05", 30, cal=cal2026)  # the 30th day is Wednesday 4 February
    waited = after_post(deadline, 7)
    assert waited.due_at == datetime(2026, 2, 12, tzinfo=CST) and waited.last_day == date(2026, 2, 11)
    assert waited.rule == f"{deadline.rule}; 7 days for letters in the post" and not waited.provisional
    assert deadline.due_at == datetime(2026, 2, 5, tzinfo=CST)  # the period itself is unchanged
    with pytest.raises(PeriodError):
        after_post(deadline, -1)


def test_days_left_counts_calendar_days_from_today_in_beijing(cal2026):
    deadline = statutory_deadline("2026-09-20", 15, cal=cal2026)  # last day 8 October
    late_evening_utc = datetime(2026, 9, 30, 16, 30, tzinfo=UTC)  # 1 Oct in Beijing
    assert days_left(deadline, late_evening_utc) == 7
    assert days_left(deadline, datetime(2026, 10, 8, 23, 59, tzinfo=CST)) == 0
    assert days_left(deadline, datetime(2026, 10, 9, tzinfo=CST)) == -1


def test_days_left_in_working_days_skips_the_holiday(cal2026):
    deadline = statutory_deadline("2026-09-29", 5, "working", cal=cal2026)  # 12 October
    assert days_left(deadline, datetime(2026, 9, 30, 9, tzinfo=CST), "working", cal2026) == 4
    assert days_left(deadline, datetime(2026, 10, 12, 9, tzinfo=CST), "working", cal2026) == 0
    # Overdue on a weekend still reads as overdue.
    deadline = statutory_deadline("2026-10-15", 1, "working", cal=cal2026)  # Friday 16 October
    assert days_left(deadline, datetime(2026, 10, 18, 9, tzinfo=CST), "working", cal2026) == -1
    assert days_left(deadline, datetime(2026, 10, 20, 9, tzinfo=CST), "working", cal2026) == -2


def test_weekend_only_calendar_knows_no_year():
    cal = WeekendOnlyCalendar()
    assert cal.is_working_day(date(2026, 10, 1)) and not cal.is_working_day(date(2026, 10, 3))
    assert not cal.is_known(2026)


def test_an_extension_counts_from_the_end_of_the_period_it_extends():
    from processes.periods import ScheduleCalendar, extend

    cal = ScheduleCalendar({date(2026, 10, day): False for day in range(1, 8)}, {2026})  # National Day week
    sixty = statutory_deadline("2026-08-02", 60, cal=cal)
    assert sixty.last_day == date(2026, 10, 8)  # the 60th day, 1 October, is a holiday (Civil Code Art. 203)
    longer = extend(sixty, 30, cal)
    # 30 days from 8 October end on Saturday 7 November, so on Monday 9 November; 90 days from acceptance
    # would have ended on 2 November, giving the organ eight days fewer than the extension approved.
    assert longer.last_day == date(2026, 11, 9) and longer.due_at == datetime(2026, 11, 10, tzinfo=CST)
    assert "extended by 30 days from 2026-10-08" in longer.rule and not longer.provisional
    assert extend(sixty, 0, cal) == sixty
