"""Wake the timer sweep at the next due time with APScheduler."""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta, timezone

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

from .db import db
from .settings import EngineSettings
from .timers import fire_due_timers, next_due_at

log = logging.getLogger(__name__)
JOB = "xinfang-timer-sweep"
# Timers written by another process (a second worker, the CLI) are noticed within this time.
IDLE_WAKE = timedelta(seconds=30)


class TimerScheduler:
    """Run the sweep when the earliest timer falls due, and again whenever it changes."""

    def __init__(self, app: Flask, settings: EngineSettings) -> None:
        self.app = app
        self.settings = settings
        self.scheduler = BackgroundScheduler(timezone=timezone.utc)
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the background thread and sweep at once (overdue timers fire after a restart)."""
        self.scheduler.add_job(self._sweep, "date", run_date=datetime.now(timezone.utc), id=JOB,
                               replace_existing=True, misfire_grace_time=None)
        self.settings.timer_listeners.append(self.wake_by)
        self.scheduler.start()

    def shutdown(self) -> None:
        """Stop the background thread."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _real_time_of(self, due: datetime) -> datetime:
        # Under a simulated clock, due times are not wall-clock times: poll instead.
        if self.settings.clock.simulated:
            return datetime.now(timezone.utc) + timedelta(seconds=5)
        return max(due, datetime.now(timezone.utc))

    def wake_by(self, due: datetime) -> None:
        """Make sure the sweep runs no later than `due`."""
        when = self._real_time_of(due)
        with self._lock:
            job = self.scheduler.get_job(JOB)
            if job is None or job.next_run_time is None or when < job.next_run_time:
                self.scheduler.add_job(self._sweep, "date", run_date=when, id=JOB, replace_existing=True,
                                       misfire_grace_time=None)

    def _sweep(self) -> None:
        with self.app.app_context():
            try:
                fired = fire_due_timers()
                if fired:
                    log.info("timer sweep fired %d timer(s)", fired)
                due = next_due_at()
            except Exception:
                log.exception("timer sweep failed")
                due = None
            finally:
                db.session.remove()
        fallback = datetime.now(timezone.utc) + IDLE_WAKE
        when = fallback if due is None else min(self._real_time_of(due), fallback)
        with self._lock:
            # A step that committed during this sweep may have asked for an earlier wake-up: keep it.
            job = self.scheduler.get_job(JOB)
            if job is None or job.next_run_time is None or when < job.next_run_time:
                self.scheduler.add_job(self._sweep, "date", run_date=when, id=JOB, replace_existing=True,
                                       misfire_grace_time=None)
