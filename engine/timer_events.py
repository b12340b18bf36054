"""Timer event definitions that read the engine's clock and accept a modeller's ISO literals.

SpiffWorkflow evaluates a timer's text as a Python expression and compares it with
`datetime.now()`. A modeller writes `P15D` or `2026-12-01T09:00:00+08:00` without quotes, and the
statutory deadlines are expressions over case data; both must obey the one clock. These
subclasses keep SpiffWorkflow's timer semantics and change only where the value and the time
come from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)

CST = ZoneInfo("Asia/Shanghai")
_ISO_LITERAL = re.compile(
    r"^(R\d*/)?(P[0-9YMWDTHS.,]+|\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)(/\S+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimerValue:
    """When a timer falls due, whether the holiday schedule behind it is provisional, and why."""

    due_at: datetime
    provisional: bool = False
    rule: str = ""


def is_literal(expression: str) -> bool:
    """Tell whether a timer's text is an ISO-8601 literal rather than an expression."""
    return bool(_ISO_LITERAL.match(expression.strip()))


def _aware(value: datetime) -> datetime:
    # A modeller's date without a zone means China Standard Time, not the server's zone.
    return value if value.tzinfo else value.replace(tzinfo=CST)


def _to_value(result: object, started: datetime) -> TimerValue:
    if hasattr(result, "due_at"):
        return TimerValue(_aware(result.due_at), bool(getattr(result, "provisional", False)),
                          str(getattr(result, "rule", "")))
    if isinstance(result, datetime):
        return TimerValue(_aware(result))
    if isinstance(result, date):
        return TimerValue(datetime.combine(result, datetime.min.time(), CST))
    if isinstance(result, timedelta):
        return TimerValue(started + result)
    if isinstance(result, str):
        text = result.strip()
        if text.upper().startswith("P"):
            parsed = TimerEventDefinition.parse_iso_duration(text)
            return TimerValue(started + TimerEventDefinition.get_timedelta_from_start(parsed, started))
        return TimerValue(_aware(datetime.fromisoformat(text.replace("Z", "+00:00"))))
    raise ValueError(f"a timer must give a date, a date-time or a duration, not {result!r}")


class ClockedTimer:
    """Shared behaviour: evaluate the text once per start, compare with the engine clock."""

    expression: str

    def timer_value(self, my_task) -> TimerValue:
        """Return the stored value, computing it on first use."""
        stored = my_task._get_internal_data("timer_due")
        if stored is None:
            return self.evaluate(my_task)
        return TimerValue(datetime.fromisoformat(stored),
                          my_task._get_internal_data("timer_provisional", False),
                          my_task._get_internal_data("timer_rule", ""))

    def evaluate(self, my_task) -> TimerValue:
        """Compute and store the due time from the timer's text and the task's data."""
        engine = my_task.workflow.script_engine
        started_text = my_task._get_internal_data("timer_started")
        started = datetime.fromisoformat(started_text) if started_text else engine.clock.now()
        text = self.expression.strip()
        result = text if is_literal(text) else engine.evaluate(my_task, text)
        if isinstance(result, str) and result.upper().startswith("R"):
            result = result.split("/", 1)[1]
        value = _to_value(result, started)
        my_task._set_internal_data(
            timer_started=started.isoformat(), timer_due=value.due_at.isoformat(),
            timer_provisional=value.provisional, timer_rule=value.rule,
            event_value=value.due_at.astimezone(timezone.utc).isoformat(),
        )
        return value

    def has_fired(self, my_task) -> bool:
        """Fire once the engine clock reaches the due time."""
        if my_task._get_internal_data("event_fired", False):
            return True
        value = self.timer_value(my_task)
        if my_task.workflow.script_engine.clock.now() >= value.due_at:
            my_task._set_internal_data(event_fired=True)
        return my_task._get_internal_data("event_fired", False)


class ClockedTimeDate(ClockedTimer, TimeDateEventDefinition):
    """A timer at a date and time."""


class ClockedDuration(ClockedTimer, DurationTimerEventDefinition):
    """A timer after a duration."""


class ClockedCycle(ClockedTimer, CycleTimerEventDefinition):
    """A repeating timer: `R3/P1D` fires three times, a day apart."""

    def cycle_complete(self, my_task) -> bool:
        """Fire the next cycle when its time has come; finish after the last."""
        cycles = my_task._get_internal_data("timer_cycles")
        if cycles is None:
            text = self.expression.strip()
            if not is_literal(text):
                text = my_task.workflow.script_engine.evaluate(my_task, text)
            cycles, _start, duration = self.parse_iso_recurring_interval(text)
            now = my_task.workflow.script_engine.clock.now()
            my_task._set_internal_data(timer_cycles=cycles, timer_period=duration.total_seconds(),
                                       timer_due=(now + duration).isoformat(), timer_provisional=False,
                                       timer_rule=str(text), timer_started=now.isoformat())
        if cycles == 0:
            my_task._set_internal_data(event_fired=True)
            return False
        due = datetime.fromisoformat(my_task._get_internal_data("timer_due"))
        if my_task.workflow.script_engine.clock.now() < due:
            return False
        period = timedelta(seconds=my_task._get_internal_data("timer_period"))
        my_task._set_internal_data(timer_cycles=cycles - 1, timer_due=(due + period).isoformat())
        return True

    def has_fired(self, my_task) -> bool:
        """A cycle is over once its last repetition has fired; each repetition starts a branch of its
        own (SpiffWorkflow's `update_task`), so the event itself must not fire at the first one."""
        return my_task._get_internal_data("event_fired", False)

    def evaluate(self, my_task) -> TimerValue:
        """Cycles are not re-evaluated: their next time moves only when one fires."""
        self.cycle_complete(my_task)
        return self.timer_value(my_task)


CLOCKED = {
    TimeDateEventDefinition: ClockedTimeDate,
    DurationTimerEventDefinition: ClockedDuration,
    CycleTimerEventDefinition: ClockedCycle,
}
