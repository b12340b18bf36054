"""What a completed step decided, and why, as a case's history says it ("同意：否；审批意见：请补充…").

A step's entry named only the step: that the head had returned the opinion, and the reasons given,
were nowhere in the history, though the next person has to act on them. A decision is a required
yes-or-no of the step's form (accept, approve, a conflict of interest); a reason is a field that
must be filled in when a decision takes a given answer (`ui:options.requiredWhen`, processes/task_checks.py).
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from engine import NotFound, current_engine
from engine.forms import load_form

from .form_values import text
from .i18n import page_lang

YES_NO = {"zh": ("是", "否"), "en": ("Yes", "No")}


def _decisions(form: dict) -> tuple[list[str], list[str]]:
    """Return the names of a form's yes-or-no decisions and of its reasons for an answer."""
    ui = form.get("uiSchema") or {}
    required = set(form.get("required") or [])
    decided, reasons = [], []
    for name, spec in (form.get("properties") or {}).items():
        hints = ui.get(name) if isinstance(ui.get(name), dict) else {}
        options = hints.get("ui:options") if isinstance(hints.get("ui:options"), dict) else {}
        if not isinstance(spec, dict) or spec.get("readOnly"):
            continue
        if spec.get("type") == "boolean" and name in required and "ui:prefill" not in hints:
            decided.append(name)
        elif isinstance(options.get("requiredWhen"), dict):
            reasons.append(name)
    return decided, reasons


def step_decision(entry: Any) -> str:
    """Return what a completed step's form decided and the reasons given, in the page's language."""
    if entry.kind != "task_completed" or not entry.form:
        return ""
    data = (entry.detail or {}).get("data")
    if not isinstance(data, dict):
        return ""
    try:
        form = load_form(current_engine().forms_dir, entry.form)
    except (NotFound, OSError, ValueError):
        return ""
    lang = page_lang()
    decided, reasons = _decisions(form)
    parts = []
    for name in decided:
        if isinstance(data.get(name), bool):
            title = text(form["properties"][name].get("title"), lang) or name
            parts.append(title + _(": ") + YES_NO[lang][0 if data[name] else 1])
    for name in reasons:
        said = data.get(name)
        if isinstance(said, str) and said.strip():
            title = text(form["properties"][name].get("title"), lang) or name
            parts.append(title + _(": ") + said.strip())
    return _("; ").join(parts)
