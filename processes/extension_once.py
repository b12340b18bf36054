"""Art. 34: the handling period is extended once at most; a second request is refused where it is made.

The handler asks for an extension as the next step of the investigation. Once an extension has been
granted, the extension procedure turns a further request away without a word to anyone and the
investigation comes back as it was, the earlier choice still marked; so the choice is refused on the
form instead, saying until when the period already runs, and it is not offered marked again.
"""
from __future__ import annotations

from typing import Any

from processes.errors import InvalidInput, Said
from processes.extension_preview import HANDLING_DAYS
from processes.periods import Calendar, extend, statutory_deadline

ASKING_FORM = "investigate"  # the form whose next step may be a request for an extension
ASKING_FIELD, ASKING_VALUE = "next_step", "extension"


class AlreadyExtended(InvalidInput):
    """The handling period was extended before; Art. 34 allows it once."""

    code = "already_extended"


def extended_before(case: dict[str, Any]) -> bool:
    """Tell whether the handling period of a case has already been extended."""
    return bool(case.get("extension_granted_before"))


def asks_again(form_key: str | None, data: dict[str, Any], case: dict[str, Any]) -> bool:
    """Tell whether a submission asks for an extension of a period already extended."""
    return form_key == ASKING_FORM and data.get(ASKING_FIELD) == ASKING_VALUE and extended_before(case)


def check_extension_once(form_key: str | None, data: dict[str, Any], case: dict[str, Any],
                         cal: Calendar | None) -> None:
    """Refuse a request for a second extension, saying the last day the period already runs to."""
    if not asks_again(form_key, data, case):
        return
    days = case.get("extension_days")
    last = ""
    if case.get("accepted_on") and isinstance(days, int) and not isinstance(days, bool):
        ends = extend(statutory_deadline(case["accepted_on"], HANDLING_DAYS, cal=cal), days, cal).last_day
        last = ends.isoformat()
    to_en, to_zh = (f" (to {last})", f"（至{last}）") if last else ("", "")
    said = Said(f"The handling period was already extended once{to_en}; Art. 34 allows one extension. "
                "Choose another next step.",
                f"办理期限已延长过一次{to_zh}，第三十四条规定延期以一次为限。请选择其他下一步。")
    raise AlreadyExtended("The handling period was already extended once; Art. 34 allows one extension.",
                          fields=[ASKING_FIELD], field_problems={ASKING_FIELD: said}, last_day=last)
