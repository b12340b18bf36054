"""What a completed task recorded, as the console's history says it: each field by its title in the
page's language, a choice by its label, yes or no in words; the field's name stays at hand for the
administrator who looks for it in the case data."""
from __future__ import annotations

import json
from typing import Any

from engine import NotFound, current_engine
from engine.forms import load_form

from ..form_values import choice_labels, text
from .labels import gettext as _
from .tables import lang


def _choice_label(spec: dict, value: Any, language: str) -> str | None:
    values = spec.get("enum") or []
    return choice_labels(spec, language)[values.index(value)] if value in values else None


def _organ(code: Any, language: str) -> str | None:
    from processes.errors import UnknownOrgan
    from processes.organs import get_organ

    try:
        return get_organ(str(code)).name(language)
    except UnknownOrgan:
        return None


def _words(spec: dict, value: Any, language: str, widget: str = "") -> str:
    if widget == "organ" and value and (name := _organ(value, language)):
        return name
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None or value == "":
        return "—"
    label = _choice_label(spec, value, language)
    if label is not None:
        return label
    if isinstance(value, list):
        item = spec.get("items") if isinstance(spec.get("items"), dict) else {}
        return ("、" if language == "zh" else ", ").join(_words(item, v, language) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def completed_fields(view, row) -> list[tuple[str, str, str]]:
    """Return (title, field name, value in words) for each field a completed task recorded; none when
    the entry is not a completion or its form cannot be read (the raw details are shown then)."""
    data = (row.detail or {}).get("data") if row.event == "task_completed" else None
    form_key = next((task.form for task in view.tasks if task.id == row.task_id), None)
    if not isinstance(data, dict) or not data or not form_key:
        return []
    try:
        form = load_form(current_engine().forms_dir, form_key)
    except (NotFound, OSError, ValueError):
        return []
    language, properties, ui = lang(), form.get("properties") or {}, form.get("uiSchema") or {}
    found = []
    for name, value in data.items():
        spec = properties.get(name) if isinstance(properties.get(name), dict) else {}
        widget = (ui.get(name) or {}).get("ui:widget", "") if isinstance(ui.get(name), dict) else ""
        found.append((text(spec.get("title"), language) or name, name, _words(spec, value, language, widget)))
    return found
