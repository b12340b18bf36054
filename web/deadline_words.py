"""Say a deadline in the page's words: when it ends, how it was counted, what kind of timer it is.

A period ends at the close of its last day (Civil Code Art. 203), so a limit whose last day is
20 January is stored as the instant 21 January 00:00. Shown as such, it reads as one day more
than the handler's desk (which names the last day) and the notices say; shown as 20 January
24:00, it is the same instant in the words of the law.

`processes/periods.py` writes each deadline's rule in a small fixed English grammar
("15 days from 2026-01-05 (calendar, last day … rolled to next working day …)"); a Chinese page
retells it piece by piece. Anything else (a modeller's literal, a cycle) is shown as written.
"""
from __future__ import annotations

import re
from datetime import datetime, time

from flask_babel import lazy_gettext as _l

from processes.periods import last_day_of

from .i18n import page_lang, to_cst


def deadline_end(value: datetime | None) -> str:
    """Return a due instant in China Standard Time, a midnight as 24:00 of the day before."""
    if value is None:
        return ""
    moment = to_cst(value)
    if moment.time() == time(0, 0):
        return f"{last_day_of(value):%Y-%m-%d} 24:00"
    return moment.strftime("%Y-%m-%d %H:%M")


PIECES = (
    (re.compile(r"^(\d+) days from (\d{4}-\d{2}-\d{2}) \(calendar"), _l("%(1)s days from %(2)s (calendar days")),
    (re.compile(r"^(\d+) working days from (\d{4}-\d{2}-\d{2})"), _l("%(1)s working days from %(2)s")),
    (re.compile(r"^, last day (\d{4}-\d{2}-\d{2}) rolled to next working day (\d{4}-\d{2}-\d{2})"),
     _l(", last day %(1)s moved to the next working day %(2)s")),
    (re.compile(r"^\)"), _l(")")),
    (re.compile(r"^, plus (\d+) paused days"), _l(", plus %(1)s days paused")),
    (re.compile(r"^; provisional: no official holiday schedule for ([\d, ]+)"),
     _l("; provisional: no official holiday schedule for %(1)s yet")),
    (re.compile(r"^; extended by (\d+) days from (\d{4}-\d{2}-\d{2})"), _l("; extended by %(1)s days from %(2)s")),
    (re.compile(r"^; reminder (\d+) days before"), _l("; a reminder %(1)s days before")),
    (re.compile(r"^; (\d+) days for letters in the post"), _l("; %(1)s more days for letters in the post")),
)


def rule_words(rule: str | None) -> str:
    """Return a deadline's rule in the page's language (as written if it is not in the known grammar)."""
    if not rule or page_lang() == "en":
        return rule or ""
    rest, words = rule, []
    while rest:
        for pattern, template in PIECES:
            match = pattern.match(rest)
            if match:
                words.append(str(template) % {str(i): value for i, value in enumerate(match.groups(), start=1)})
                rest = rest[match.end():]
                break
        else:
            return rule  # not the grammar of periods.py: leave it whole rather than half translated
    return "".join(words)


PERIOD = re.compile(r"^\d+ (working )?days from ")


def timer_kind(rule: str | None, interrupting: bool) -> str:
    """Tell a reminder before a deadline from the deadline itself (`reminder`, `limit`, `timer`, or `post`:
    the days after a limit that a step waits for letters posted by its last day).

    A statutory limit often does not interrupt its task (it opens supervision while the task goes
    on), so whether it interrupts cannot tell a limit from a reminder; its rule can.
    """
    if rule and "; reminder " in rule:
        return "reminder"
    if rule and " days for letters in the post" in rule:
        return "post"
    if interrupting or (rule and PERIOD.match(rule)):
        return "limit"
    return "timer"
