"""Show a history entry's details as a person reads them.

The history keeps each entry's details as saved JSON: instants in UTC, a deadline's rule in the
fixed English grammar of `processes/periods.py`. JSON written for a machine escapes every Chinese
character (`\\u8bf7\\u6c42`), so the page writes the details out itself: text as typed, instants in
China Standard Time, rules in the page's language.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from ..actor_words import system_actor
from ..deadline_words import rule_words
from ..i18n import to_cst
from ..step_words import element_title, step_title, timer_detail, timer_title, waiting_timer_title
from . import bp
from .completed_fields import completed_fields
from .labels import gettext as _
from .tables import lang

INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")


def _readable(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {name: _readable(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_readable(item) for item in value]
    if isinstance(value, str) and INSTANT.match(value):
        return to_cst(datetime.fromisoformat(value.replace("Z", "+00:00"))).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str) and key == "rule":
        return rule_words(value)
    return value


def detail_text(detail: Any) -> str:
    """Return a history entry's details as JSON a reader can read (escaped by the template)."""
    return json.dumps(_readable(detail), ensure_ascii=False)


def change_detail(view, row) -> str:
    """Return what a migration or a return to an earlier step changed, in the page's words."""
    detail = row.detail or {}

    def steps(elements: list[str]) -> str:
        named = (f"{view.names.get(element) or element} ({element})" for element in elements)
        return ("、" if lang() == "zh" else ", ").join(named)

    if row.event == "migrated":
        text = _("version %(old)s → version %(new)s", old=detail.get("from", "?"), new=detail.get("to", "?"))
        if detail.get("dropped"):
            text += " · " + _("steps the new version lacks, dropped from the saved state: %(steps)s",
                              steps=steps(detail["dropped"]))
        return text
    if not detail.get("withdrawn"):
        return _("no task was waiting after it")
    return _("tasks withdrawn: %(tasks)s", tasks=steps(detail["withdrawn"]))


def history_step(view, row) -> str:
    """Return the name of the element a history entry is about, in the page's language."""
    name = view.names.get(row.element or "", "")
    if not row.element:
        return ""
    if row.event == "timer_fired":
        return timer_title(view.elements.get(row.element), row.detail, name)
    form = next((task.form for task in view.tasks if task.id == row.task_id), None) if row.task_id else None
    return step_title(name, form)


def waiting_timer(view, timer) -> str:
    """Return the name of a waiting timer in the page's language."""
    return waiting_timer_title(view.elements.get(timer.element), timer)


def element_name(view, element: str | None) -> str:
    """Return the name of the step, stage or procedure an element is, in the page's language (a timer's
    task, a sub-process or a call its limit is set on)."""
    form = next((task.form for task in reversed(view.tasks) if task.element == element and task.form), None)
    return element_title(view.index, element, form)


TRAIL_BUCKETS = ("completed", "active", "waiting_timers", "errors")


def trail_words(view, process_names: dict[str, str]) -> list[tuple[str, dict[str, list[str]]]]:
    """Return where the case stands as text, for those who do not see the diagram: each process (or
    sub-process) by name, with the named steps completed, active, waiting on a timer and failed.

    A step with no name of its own (a gateway that only joins flows) is left out: nobody would
    recognise its id.
    """
    words = []
    for process, trail in view.trails.items():
        title = process_names.get(process) or element_name(view, process)
        buckets = {}
        for bucket in TRAIL_BUCKETS:
            named = (element_name(view, element) for element in getattr(trail, bucket))
            buckets[bucket] = [name for name, element in zip(named, getattr(trail, bucket)) if name != element]
        words.append((title, buckets))
    return words


def actor_label(actor: str | None) -> str:
    """Return who made a history entry: a user's name as recorded, or what acted in their stead, in the
    page's language."""
    if not actor:
        return ""
    if (words := system_actor(actor)) is not None:
        return words
    if actor.startswith("petitioner:"):  # the petitioner with the query code of a registration number
        return _("The petitioner (%(number)s)", number=actor.split(":", 1)[1])
    return actor


@bp.context_processor
def detail_helpers() -> dict:
    """Give the console's templates the details' wording and the names of steps and timers."""
    return {"detail_text": detail_text, "history_step": history_step, "waiting_timer": waiting_timer,
            "element_name": element_name, "change_detail": change_detail,
            "step_title": step_title, "timer_detail": timer_detail, "actor_label": actor_label,
            "completed_fields": completed_fields}
