"""Refusals of the engine and of the petition rules said in the reader's language, for the API and
the error pages.

Both refuse in English templates filled from the error's details (engine/errors.py,
processes/errors.py); the core catalogue translates each template. A detail that is one of the
engine's own words (a case's status, a task's state, an action) or that carries its Chinese
(`processes.errors.Said`) is said in the reader's language too; names and numbers stay as they are.
The field errors of a refused form are said as the task pages say them, from each field's own
limits (web/form_errors.py), keeping the layout of fields, rows and items.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext, lazy_pgettext

from engine import EngineError, FormInvalid
from processes.errors import ProcessError, Said

from .form_errors import LIMITED, describe_errors, kind_of
from .i18n import page_lang

WORDS = {
    "status": {"running": lazy_pgettext("case status", "running"),
               "waiting": lazy_pgettext("case status", "waiting"),
               "suspended": lazy_pgettext("case status", "suspended"),
               "error": lazy_pgettext("case status", "in error"),
               "completed": lazy_pgettext("case status", "completed"),
               "terminated": lazy_pgettext("case status", "terminated")},
    "state": {"ready": lazy_pgettext("task state", "waiting to be done"),
              "completed": lazy_pgettext("task state", "completed"),
              "cancelled": lazy_pgettext("task state", "withdrawn")},
    "action": {"suspend": lazy_pgettext("case action", "suspend"), "resume": lazy_pgettext("case action", "resume"),
               "terminate": lazy_pgettext("case action", "terminate"), "retry": lazy_pgettext("case action", "retry"),
               "migrate": lazy_pgettext("case action", "migrate"),
               "change case data": lazy_pgettext("case action", "change case data"),
               "change the data of": lazy_pgettext("case action", "change the data of"),
               "go back to an earlier step": lazy_pgettext("case action", "go back to an earlier step"),
               "go back to an earlier step of": lazy_pgettext("case action", "go back to an earlier step of"),
               "send a message to": lazy_pgettext("case action", "send a message to")},
}


def _word(name: str, value: Any, lang: str) -> Any:
    if isinstance(value, Said):
        return value.zh if lang == "zh" else str(value)
    words = WORDS.get(name, {})
    return str(words[value]) if isinstance(value, str) and value in words else value


def refusal_message(exc: EngineError | ProcessError, **said: str) -> str:
    """Return why the engine or a rule refused, in the reader's language (`said`: values the caller
    has already put in it)."""
    lang = page_lang()
    values = {name: _word(name, value, lang) for name, value in exc.details.items()} | said
    try:
        return gettext(exc.template, **values)
    except (KeyError, TypeError, ValueError):  # a template raised without a value it names
        return exc.message


def field_errors(exc: FormInvalid) -> dict:
    """Return the refused form's errors by field, each said in the reader's language."""
    said = _say(exc.form or {}, exc.errors, page_lang())
    return said if isinstance(said, dict) else {"_schema": said}


def problem_errors(problems: Mapping[str, Said]) -> dict:
    """Return what a rule found wrong with fields ("petitioners[0].phone"), nested by field and row as a
    request's errors are, in the reader's language."""
    lang = page_lang()
    nested: dict = {}
    for path, said in problems.items():
        place = nested
        *outer, last = path.replace("]", "").replace("[", ".").split(".")
        for key in outer:
            place = place.setdefault(int(key) if key.isdigit() else key, {})
        place[last] = [said.zh if lang == "zh" else str(said)]
    return nested


def request_errors(messages: Any) -> Any:
    """Return the errors of a request's body or query, by location and field, in the reader's language.

    A request's schema has no form's limits or choices to say a length, a range or a choice from:
    those keep the validator's own words, which give them.
    """
    return _say({}, messages, page_lang(), keep=(*LIMITED, "choose"))


def _say(spec: Mapping, errors: Any, lang: str, keep: tuple[str, ...] = ()) -> Any:
    if isinstance(errors, Mapping):
        return {key: _say(_inner(spec, key), value, lang, keep) for key, value in errors.items()}
    if keep and isinstance(errors, list) and any(kind_of(message) in keep for message in errors):
        return errors
    return describe_errors(spec, errors, lang)


def _inner(spec: Mapping, key: Any) -> Mapping:
    # A row or item of a list is keyed by its index; a field of an object by its name.
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        items = spec.get("items")
        return items if isinstance(items, Mapping) else {}
    if key == "_schema":
        return spec
    properties = spec.get("properties")
    found = properties.get(key) if isinstance(properties, Mapping) else None
    return found if isinstance(found, Mapping) else {}
