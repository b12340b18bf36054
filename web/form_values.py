"""Values as a form shows them: bilingual texts picked by language, typed values as field text."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from .i18n import to_cst


def lang_of(locale: str | None) -> str:
    """Return the language key of bilingual texts (`zh` or `en`) for a locale such as `zh_CN`."""
    return "en" if str(locale or "").lower().startswith("en") else "zh"


def text(value: Any, lang: str) -> str:
    """Return a title, description or help in `lang`: a plain string, or `{"zh": …, "en": …}`."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("zh") or value.get("en") or "")
    return str(value)


def choice_labels(spec: dict, lang: str) -> list[str]:
    """Return the labels of a field's choices (`enum`) in `lang`: its `enumNames` in that language, else in
    Chinese or English, else the values themselves."""
    values = spec.get("enum", [])
    names = spec.get("enumNames")
    labels = (names.get(lang) or names.get("zh") or names.get("en")) if isinstance(names, dict) else names
    labels = labels or [str(v) for v in values]
    return [str(labels[i]) if i < len(labels) else str(v) for i, v in enumerate(values)]


def _local_datetime(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # shown as typed, so the person sees what to correct
    if moment.tzinfo is not None:
        moment = to_cst(moment)
    return moment.strftime("%Y-%m-%dT%H:%M")


def display_value(spec: dict, widget: str, value: Any) -> Any:
    """Return a value the way its control shows it (text, a set of choices, rows)."""
    if value is None:
        return [] if widget in ("checkboxes", "group") else ""
    if widget == "checkboxes":
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if widget == "lines":
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if widget == "group":
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if widget == "datetime" and isinstance(value, str):
        return _local_datetime(value)
    if widget == "date" and isinstance(value, str) and "T" in value:
        return value[:10]
    if isinstance(value, float) and value.is_integer() and spec.get("type") == "integer":
        return str(int(value))
    return str(value)
