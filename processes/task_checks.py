"""Checks of a task's submission that its form's schema cannot say: days against the case, reasons for a "no",
a second extension of the handling period (processes/extension_once.py).

The engine validates each field on its own (engine/forms.py). Two rules need more: a recorded day is
checked against today and the petition's receipt (processes/recorded_dates.py), and a reason field
marked `"ui:options": {"requiredWhen": {"opinion_approved": false}}` must be filled in when the
decision it names has that answer: a head who returns an opinion, refuses an extension or rejects
feedback says why, so the person who receives it back knows what to change.
"""
from __future__ import annotations

from typing import Any

from engine import FormInvalid, NotFound

from .extension_once import ASKING_FIELD, ASKING_FORM, ASKING_VALUE, check_extension_once
from .recorded_dates import check_recorded_dates, recorded_days

MISSING = "Missing data for required field."  # the validator's words, said in the reader's language by the web


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def unreasoned(form: dict | None, data: dict[str, Any]) -> list[str]:
    """Return the reason fields left empty although the decision they depend on was given their answer."""
    ui = (form or {}).get("uiSchema") or {}
    missing = []
    for name in (form or {}).get("properties", {}):
        hints = ui.get(name) if isinstance(ui.get(name), dict) else {}
        options = hints.get("ui:options") if isinstance(hints.get("ui:options"), dict) else {}
        when = options.get("requiredWhen")
        if isinstance(when, dict) and when and all(data.get(k) == v for k, v in when.items()) \
                and _blank(data.get(name)):
            missing.append(name)
    return missing


def check_task_submission(task_id: str, data: Any) -> None:
    """Refuse a submission whose reasons are missing or whose recorded days are impossible; change nothing."""
    from engine.forms import validate_submission
    from engine.instances import get_instance
    from engine.tasks import get_task, task_form

    from .case_view import petition_of
    from .petitions.models import today

    if not isinstance(data, dict):
        return  # the form's validation refuses it
    task = get_task(task_id)
    try:
        form = task_form(task)
    except NotFound:
        return
    if form is None:
        return
    missing = unreasoned(form, _as_submitted(data))
    if missing:
        try:  # said together with the form's own findings, so one refusal names every field at fault
            validate_submission(form, data)
            errors: dict[str, Any] = {}
        except FormInvalid as exc:
            errors = dict(exc.errors)
        raise FormInvalid("some fields are not filled in correctly",
                          {**errors, **{name: [MISSING] for name in missing}}, form)
    if task.form == ASKING_FORM and data.get(ASKING_FIELD) == ASKING_VALUE:
        from engine.db import db

        from .holidays import load_calendar

        check_extension_once(task.form, data, get_instance(task.instance_id).data or {}, load_calendar(db.session))
    if not any(data.get(name) for name in recorded_days(form)):
        return  # no day recorded: nothing to read the case for
    petition = petition_of(get_instance(task.instance_id))
    check_recorded_dates(form, data, today(), petition.received_on if petition else None)


def _as_submitted(data: dict[str, Any]) -> dict[str, Any]:
    # The desk posts yes and no as the text "true" / "false"; the API as JSON booleans.
    words = {"true": True, "false": False}
    return {k: words.get(v, v) if isinstance(v, str) else v for k, v in data.items()}
