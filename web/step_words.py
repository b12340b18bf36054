"""Name a case's steps and timers in the page's language, as its history and deadlines show them.

The diagrams name their elements in Chinese. On an English page a person's step is named by the
title of its form, and a timer by what it is and the article that sets it ("Reminder before the
time limit of Art. 22"); its due time and rule are said in China Standard Time and the page's words.
A stage a limit is set on (a call of another procedure, a sub-process) is named by its procedure,
whose name the diagrams give in both languages (`复查 Review`).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from engine import NotFound, current_engine
from engine.forms import load_form
from processes.deadlines import is_reminder, waits_for_post
from processes.diagram_index import DiagramIndex, ElementInfo, bilingual

from .deadline_words import deadline_end, rule_words, timer_kind
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
    """Tell what a fired timer was: a `reminder` before a limit, the `limit` itself, the days after it for
    letters in the `post`, or another `timer`."""
    detail = detail or {}
    written = info.timer if info else ""
    if is_reminder(written):
        return "reminder"
    if waits_for_post(written):
        return "post"
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
    if kind == "post":
        return (_("Days for letters in the post after the time limit of %(article)s", article=article) if article
                else _("Days for letters in the post"))
    return _("Timer of %(article)s", article=article) if article else (fallback or _("Timer"))


def request_title(info: ElementInfo) -> str:
    """Return, in English, what a message event the case waits for is: a request the article provides for."""
    return _("Request under %(article)s", article=info.article_en)


def element_title(index: DiagramIndex, element: str | None, form: str | None = None) -> str:
    """Return what an element is called in the page's language: the diagram's name on a Chinese page;
    on an English one a step by its form's title, a call by the procedure it calls, a sub-process by
    the procedure it lies in, a timer by its kind and article, a limit missed by its article."""
    name = index.name_of(element)
    info = index.elements.get(element or "")
    if page_lang() == "zh" or info is None:
        return name
    if form or info.form:
        return step_title(name, form or info.form)
    if info.kind == "callActivity" and info.called:
        return bilingual(index.processes.get(info.called, info.called), "en")
    if info.kind in ("subProcess", "transaction"):
        return bilingual(index.procedure_of(element), "en")
    if info.timer:
        return timer_title(info, None, name)
    if info.message and info.article_en:  # a request the case waits for, 请求督办
        return request_title(info)
    if info.kind == "boundaryEvent" and info.attached_to and info.article_en:  # a missed limit caught, 复查超期
        return _("Time limit of %(article)s missed", article=info.article_en)
    return name


def waiting_timer_title(info: ElementInfo | None, timer: Any) -> str:
    """Return a waiting timer's name in the page's language (a timer row: its rule and whether it interrupts)."""
    detail = {"rule": timer.rule, "interrupting": getattr(timer, "interrupting", False)}
    return timer_title(info, detail, timer.name or timer.element)


def timer_names(rows: Iterable[Any]) -> dict[tuple[int, str], str]:
    """Return the names of waiting timers of any cases (rows with an instance, an element, a rule) in the
    page's language, by (instance, element); each case's diagrams are read once."""
    from processes.task_deadlines import indexes_for

    rows = list(rows)
    indexes = indexes_for({row.instance_id for row in rows}) if rows else {}
    return {(row.instance_id, row.element): waiting_timer_title(
        indexes[row.instance_id].elements.get(row.element) if row.instance_id in indexes else None, row)
        for row in rows}


def timer_detail(detail: dict[str, Any] | None) -> str:
    """Return when a fired timer was due (CST, a midnight as 24:00) and by what rule, in the page's words."""
    detail = detail or {}
    parts = []
    if detail.get("due_at"):
        parts.append(_("due %(time)s", time=deadline_end(datetime.fromisoformat(str(detail["due_at"])))))
    if detail.get("rule"):
        parts.append(rule_words(str(detail["rule"])))
    return " · ".join(parts)
