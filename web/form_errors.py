"""Say what is wrong with a field in the reader's language, from the validation's message and the field's rules.

Validation (engine/forms.py, marshmallow) reports in English; a Chinese page must not show that.
Each message is recognised by its kind and told again from the field's own limits, so the words
fit the field ("at most 200 characters") rather than the validator. A format's check (a telephone
number) says what is wrong in both languages (`processes.errors.Said`): its words are kept.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from processes.errors import Said


class Localized(str):
    """A message already written in the reader's language; shown as it is."""


MESSAGES = {
    "required": {"zh": "请填写此项。", "en": "Please fill in this field."},
    "choose": {"zh": "请选择一项。", "en": "Please choose one."},
    "offered": {"zh": "请从列表中选择一项；所填的值不在可选范围内。",
                "en": "Please choose one from the list; the value given is not among the choices."},
    "too_long": {"zh": "最多 {max} 个字。", "en": "At most {max} characters."},
    "too_short": {"zh": "至少 {min} 个字。", "en": "At least {min} characters."},
    "items": {"zh": "应为 {min} 至 {max} 项。", "en": "Give {min} to {max} entries."},
    "max_items": {"zh": "最多 {max} 项。", "en": "At most {max} entries."},
    "min_items": {"zh": "至少 {min} 项。", "en": "At least {min} entries."},
    "integer": {"zh": "请填写整数。", "en": "Please enter a whole number."},
    "number": {"zh": "请填写数字。", "en": "Please enter a number."},
    "range": {"zh": "应在 {min} 至 {max} 之间。", "en": "Between {min} and {max}."},
    "minimum": {"zh": "不得小于 {min}。", "en": "At least {min}."},
    "maximum": {"zh": "不得大于 {max}。", "en": "At most {max}."},
    "date": {"zh": "请填写有效日期（年-月-日）。", "en": "Please enter a valid date (year-month-day)."},
    "datetime": {"zh": "请填写有效的日期和时间。", "en": "Please enter a valid date and time."},
    "email": {"zh": "请填写有效的电子邮箱地址。", "en": "Please enter a valid e-mail address."},
    "pattern": {"zh": "格式不正确。", "en": "This is not in the expected format."},
    "boolean": {"zh": "请选择是或否。", "en": "Please choose yes or no."},
    "invalid": {"zh": "此项填写不正确。", "en": "This value is not valid."},
    "unknown": {"zh": "没有这一项。", "en": "There is no such field."},
}

_KINDS = (  # (pattern of the validator's message, kind)
    (r"Missing data|may not be null", "required"),
    (r"Shorter than minimum length 1\.", "required"),
    (r"Not one of the offered choices", "offered"),
    (r"Longer than maximum|Shorter than minimum|Length must be", "length"),
    (r"Not a valid integer", "integer"), (r"Not a valid number", "number"),
    (r"Must be (greater|less) than", "range"), (r"Must be one of", "choose"),
    (r"Not a valid date\b(?!time)", "date"), (r"Not a valid datetime", "datetime"),
    (r"Not a valid email", "email"), (r"does not match", "pattern"), (r"Not a valid boolean", "boolean"),
    (r"Unknown field", "unknown"),
)
LIMITED = ("length", "range")  # kinds said from the field's limits, which only a form's field has


def _say(kind: str, lang: str, **limits: Any) -> str:
    return MESSAGES[kind][lang].format(**limits)


def _length(spec: dict, lang: str) -> str:
    if spec.get("type") == "array":
        low, high = spec.get("minItems"), spec.get("maxItems")
        if low is not None and high is not None:
            return _say("items", lang, min=low, max=high)
        return _say("max_items", lang, max=high) if high is not None else _say("min_items", lang, min=low or 1)
    if spec.get("maxLength") is not None and spec.get("minLength") in (None, 0, 1):
        return _say("too_long", lang, max=spec["maxLength"])
    return _say("too_short", lang, min=spec.get("minLength", 1))


def _range(spec: dict, lang: str) -> str:
    low, high = spec.get("minimum"), spec.get("maximum")
    if low is not None and high is not None:
        return _say("range", lang, min=low, max=high)
    return _say("minimum", lang, min=low) if low is not None else _say("maximum", lang, max=high)


def kind_of(message: str) -> str | None:
    """Return the kind of a validation message (`required`, `length`, …), or None if it is not known."""
    for pattern, kind in _KINDS:
        if re.search(pattern, str(message)):
            return kind
    return None


def describe(spec: dict, message: str, lang: str) -> str:
    """Return one validation message about a field, said in `lang`."""
    if isinstance(message, Localized):
        return str(message)
    if isinstance(message, Said):
        return message.zh if lang == "zh" else str(message)
    for pattern, kind in _KINDS:
        if re.search(pattern, str(message)):
            if kind == "required" and ("enum" in spec or spec.get("type") == "boolean"):
                return _say("choose", lang)
            if kind == "length":
                return _length(spec, lang)
            if kind == "range":
                return _range(spec, lang)
            return _say(kind, lang)
    return _say("invalid", lang)


def describe_errors(spec: dict, errors: Any, lang: str) -> list[str]:
    """Return the messages about one field (a list, a string, or nothing), each said once."""
    if not errors:
        return []
    if isinstance(errors, str):
        errors = [errors]
    if isinstance(errors, dict):  # errors of the items of a list of choices: report once for the field
        errors = [m for value in errors.values() for m in (value if isinstance(value, list) else [value])]
    said: list[str] = []
    for message in errors if isinstance(errors, Iterable) else [errors]:
        line = describe(spec, message, lang)
        if line not in said:
            said.append(line)
    return said
