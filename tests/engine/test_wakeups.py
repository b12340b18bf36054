"""The timer sweep is woken for a new timer once it is committed, and no sweep loses that wake-up."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from engine import current_clock, current_engine, db
from engine.instances import start_instance
from engine.scheduler import IDLE_WAKE, JOB, TimerScheduler

CST = timezone(timedelta(hours=8))


def _listen():
    told: list[datetime] = []
    current_engine().timer_listeners.append(told.append)
    return told


def _start_case(key: str) -> int:
    current_clock().set(max(current_clock().now(), datetime(2026, 9, 21, 9, 0, tzinfo=CST)))
    return start_instance("deadlines", key, {"received_on": "2026-09-20"}, "ann").id


def test_the_sweep_hears_of_a_new_timer_when_it_is_committed_not_before(ctx):
    told = _listen()
    try:
        _start_case("w-1")
        assert told == []  # not yet visible to the sweep's own transaction
        db.session.commit()
        assert told == [datetime(2026, 10, 6, 0, 0, tzinfo=CST)]  # the reminder, the earliest timer
    finally:
        current_engine().timer_listeners.pop()


def test_a_rolled_back_timer_wakes_nobody(ctx):
    told = _listen()
    try:
        _start_case("w-2")
        db.session.rollback()
        db.session.commit()
        assert told == []
    finally:
        current_engine().timer_listeners.pop()


def test_a_sweep_keeps_an_earlier_wake_up_asked_for_while_it_ran(app):
    scheduler = TimerScheduler(app, app.extensions["xinfang_engine"])
    scheduler.scheduler.start(paused=True)  # jobs are planned, none runs by itself
    try:
        before = datetime.now(timezone.utc)
        scheduler.wake_by(current_clock().now())  # a step committed a timer during the sweep
        scheduler._sweep()  # nothing is due in the database: on its own it would sleep IDLE_WAKE (30 s)
        planned = scheduler.scheduler.get_job(JOB).next_run_time
        assert planned < before + IDLE_WAKE / 2  # the wake-up asked for (5 s ahead under a simulated clock)
    finally:
        scheduler.shutdown()
