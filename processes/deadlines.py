"""The statutory deadlines of a petition: running, met, missed, each with the article it rests on."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from engine.definitions import element_texts, get_version
from engine.history import history_for
from engine.instances import get_instance
from engine.timers import instance_timers

ARTICLE = re.compile(r"第([一二三四五六七八九十]+)条|Art(?:icle)?\.?\s*(\d+)")
NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class StatutoryDeadline:
    """One limit: which step, which article, when it ends, and where it stands."""

    element: str
    name: str
    article: int | None
    due_at: datetime
    provisional: bool
    state: str  # running, missed
    rule: str


def _chinese_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return NUMERALS.get(tens, 1) * 10 + NUMERALS.get(units, 0)
    return NUMERALS[text]


def article_of(documentation: str) -> int | None:
    """Return the first article a piece of documentation cites (第二十二条 or Art. 22)."""
    match = ARTICLE.search(documentation or "")
    if not match:
        return None
    return _chinese_number(match.group(1)) if match.group(1) else int(match.group(2))


def is_reminder(expression: str) -> bool:
    """Tell a reminder before a limit from the limit itself."""
    return "remind_before" in (expression or "")


def waits_for_post(expression: str | None) -> bool:
    """Tell the days a step waits after a limit for letters posted by its last day (`after_post`)."""
    return "after_post(" in (expression or "")


def is_limit(expression: str | None) -> bool:
    """Tell whether a timer's text is a statutory limit: a `deadline(...)`, not a reminder before one
    nor the wait after one for letters still in the post."""
    text = expression or ""
    return "deadline(" in text and not is_reminder(text) and not waits_for_post(text)


def statutory_deadlines(instance_id: int) -> list[StatutoryDeadline]:
    """Return the case's limits: those still running and those that were missed."""
    instance = get_instance(instance_id)
    texts = element_texts(get_version(instance.definition_id))
    found = []
    for timer in instance_timers(instance_id):
        if not is_limit(timer.expression):
            continue
        text = texts.get(timer.element, {})
        found.append(StatutoryDeadline(timer.element, timer.name or text.get("name", ""),
                                       article_of(text.get("documentation", "")), timer.due_at,
                                       timer.provisional, "running", timer.rule))
    for row in history_for(instance_id):
        if row.event == "timer_fired" and row.detail and is_limit(row.detail.get("expression")):
            text = texts.get(row.element or "", {})
            found.append(StatutoryDeadline(row.element or "", text.get("name", ""),
                                           article_of(text.get("documentation", "")),
                                           datetime.fromisoformat(row.detail["due_at"]), False, "missed",
                                           row.detail.get("rule", "")))
    return sorted(found, key=lambda d: d.due_at)
