"""Checks of a task's submission that its form's schema cannot say: days against the case, reasons for a "no",
a second extension of the handling period (processes/extension_once.py).

The engine validates each field on its own (engine/forms.py). Two rules need more: a recorded day is
checked against today and the petition's receipt (processes/recorded_dates.py), and a reason field
marked `"ui:options": {"requiredWhen": {"opinion_approved": false}}` must be filled in when the
decision it names has that answer: a head who returns an opinion, refuses an extension or rejects
feedback says why, so the person who receives it back knows what to change. A choice marked
`"ui:options": {"allowedWhen": {"hearing_held": true}, "notAllowed": {"zh": …, "en": …}}` may be answered
yes only when the case data holds those values (a re-review opinion is published only after a hearing,
Art. 36 ¶2); otherwise it is refused at the field with the form's `notAllowed` words. A field naming a
person, marked `"ui:options": {"staffOf": "handling_organ", "role": "handler", "notRecused": true}`, takes
the username of an active user of that role at the organ the case data names, never a handler who
recused from the case (Art. 28 ¶3).
"""
from __future__ import annotations

from typing import Any

from engine import FormInvalid, NotFound

from .errors import Said
from .extension_once import ASKING_FIELD, ASKING_FORM, ASKING_VALUE, check_extension_once
from .recorded_dates import check_recorded_dates, recorded_days

MISSING = "Missing data for required field."  # the validator's words, said in the reader's language by the web


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _options(form: dict | None, name: str) -> dict[str, Any]:
    ui = (form or {}).get("uiSchema") or {}
    hints = ui.get(name) if isinstance(ui.get(name), dict) else {}
    return hints.get("ui:options") if isinstance(hints.get("ui:options"), dict) else {}


def unreasoned(form: dict | None, data: dict[str, Any]) -> list[str]:
    """Return the reason fields left empty although the decision they depend on was given their answer."""
    missing = []
    for name in (form or {}).get("properties", {}):
        when = _options(form, name).get("requiredWhen")
        if isinstance(when, dict) and when and all(data.get(k) == v for k, v in when.items()) \
                and _blank(data.get(name)):
            missing.append(name)
    return missing


def not_allowed(form: dict | None, data: dict[str, Any], case: dict[str, Any]) -> dict[str, Said]:
    """Return the choices answered yes although the case data does not allow it, each with the form's words why."""
    refused = {}
    for name in (form or {}).get("properties", {}):
        options = _options(form, name)
        when = options.get("allowedWhen")
        if isinstance(when, dict) and when and data.get(name) is True \
                and not all(case.get(k) == v for k, v in when.items()):
            words = options.get("notAllowed") if isinstance(options.get("notAllowed"), dict) else {}
            refused[name] = Said(words.get("en") or "This choice is not open in this case.",
                                 words.get("zh") or "本案不能选择此项。")
    return refused


def staff_problems(form: dict | None, data: dict[str, Any], case: dict[str, Any], instance_id: int) -> dict[str, Said]:
    """Return the fields naming a person who is not an active user of the role at the case's organ, or who
    recused from the case (`notRecused`), each with why."""
    from sqlalchemy import select

    from engine.db import db

    from .accounts import User
    from .recusals import recused_handlers

    refused = {}
    for name in (form or {}).get("properties", {}):
        options = _options(form, name)
        username = data.get(name).strip() if isinstance(data.get(name), str) else ""
        if not options.get("staffOf") or not username:
            continue
        organ, role = case.get(options["staffOf"]), options.get("role")
        user = db.session.scalars(select(User).where(User.username == username, User.active.is_(True))).first()
        if user is None or user.organ_code != organ or (role and user.role != role):
            refused[name] = Said(f"{username} is not an active {role or 'user'} of the organ handling this case: "
                                 "give the username of one.",
                                 f"“{username}”不是本案办理机关的在岗承办人员，请填写其中一人的用户名。")
            continue
        if options.get("notRecused") and username in recused_handlers(instance_id):
            refused[name] = Said(f"{username} recused from this case and cannot be designated (Art. 28 ¶3).",
                                 f"“{username}”已在本案回避，不能指定其承办（第二十八条第三款）。")
    return refused


def check_task_submission(task_id: str, data: Any) -> None:
    """Refuse a submission whose reasons are missing, whose choices the case does not allow or whose recorded days
    are impossible; change nothing."""
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
    submitted = _as_submitted(data)
    missing = unreasoned(form, submitted)
    refused: dict[str, Said] = {}
    if any({"allowedWhen", "staffOf"} & set(_options(form, name)) for name in form.get("properties", {})):
        case = get_instance(task.instance_id).data or {}
        refused = {**not_allowed(form, submitted, case), **staff_problems(form, submitted, case, task.instance_id)}
    if missing or refused:
        try:  # said together with the form's own findings, so one refusal names every field at fault
            validate_submission(form, data)
            errors: dict[str, Any] = {}
        except FormInvalid as exc:
            errors = dict(exc.errors)
        raise FormInvalid("some fields are not filled in correctly",
                          {**errors, **{name: [MISSING] for name in missing},
                           **{name: [words] for name, words in refused.items()}}, form)
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
