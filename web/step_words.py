"""Name a case's steps and timers in the page's language, as its history and deadlines show them.

The diagrams name their elements in Chinese. On an English page a person's step is named by the
title of its form, and a timer by what it is and the article that sets it ("Reminder before the
time limit of Art. 22"); its due time and rule are said in China Standard Time and the page's words.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from engine import NotFound, current_engine
from engine.forms import load_form
from processes.diagram_index import ElementInfo

from .admin.due import deadline_end
from .admin.rules import rule_words, timer_kind
from .form_values import text
from .i18n import page_lang


def step_title(name: str, form: str | None) -> str:
    """Return a step's name: the diagram's on a Chinese page, its form's title on an English one."""
    if page_lang() == "zh" or not form:
        return name
    try:
        found = load_form(current_engine().forms_dir, form)
    except NotFound:
        return name
    return text(found.get("title"), "en") or name


def timer_sort(info: ElementInfo | None, detail: dict[str, Any] | None) -> str:
    """Tell what a fired timer was: a `reminder` before a limit, the `limit` itself, or another `timer`."""
    detail = detail or {}
    written = info.timer if info else ""
    if "remind_before(" in written:
        return "reminder"
    kind = timer_kind(detail.get("rule") or written or None, bool(detail.get("interrupting")))
    return "limit" if kind == "timer" and "deadline(" in written else kind


def timer_title(info: ElementInfo | None, detail: dict[str, Any] | None, fallback: str = "") -> str:
    """Return a timer's name: the diagram's on a Chinese page; on an English one, its kind and article."""
    if page_lang() == "zh":
        return (info.name if info and info.name else "") or fallback
    kind, article = timer_sort(info, detail), info.article_en if info else ""
    if kind == "reminder":
        return _("Reminder before the time limit of %(article)s", article=article) if article else _("Reminder")
    if kind == "limit":
        return _("Time limit of %(article)s", article=article) if article else _("Time limit")
    return _("Timer of %(article)s", article=article) if article else (fallback or _("Timer"))


def timer_detail(detail: dict[str, Any] | None) -> str:
    """Return when a fired timer was due (CST, a midnight as 24:00) and by what rule, in the page's words."""
    detail = detail or {}
    parts = []
    if detail.get("due_at"):
        parts.append(_("due %(time)s", time=deadline_end(datetime.fromisoformat(str(detail["due_at"])))))
    if detail.get("rule"):
        parts.append(rule_words(str(detail["rule"])))
    return " · ".join(parts)
