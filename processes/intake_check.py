"""Checks staff and petitioners see before a petition is registered: the same-matter warning.

Art. 19 ¶4 and Art. 36 ¶3 bar a matter already in hand or finally decided; staff are warned
before they register, so they can decide with the earlier case in front of them.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from processes.organs import get_organ, list_organs
from processes.petitions.intake import checked_person
from processes.petitions.models import Petition, as_date, today
from processes.same_matter import SameMatterResult, find_same_matter


def same_matter_warning(fields: Mapping[str, Any]) -> SameMatterResult | None:
    """Return the earlier petition the new one repeats, if any, without registering anything."""
    checked = [checked_person(p, today()) for p in fields.get("petitioners") or []]
    people = [person for person, _problems in checked]
    receiving = fields.get("receiving_organ")
    # A number the registration will refuse is said first: compared as typed, it would find nothing.
    if not people or not receiving or any(problems for _person, problems in checked):
        return None
    try:
        received = as_date(fields.get("received_on")) or today()
        get_organ(receiving)
    except Exception:  # the registration's own checks will name what is wrong
        return None
    # A transient record, never added to the session: find_same_matter only reads its fields.
    draft = Petition(petitioners=people, request=str(fields.get("request") or ""),
                     facts=str(fields.get("facts") or ""), received_on=received, receiving_organ=receiving)
    return find_same_matter(draft)


def addressable_organs(kind: str | None = None) -> list[tuple[str, str, str]]:
    """Return (code, Chinese name, English name) of the organs a petition may be addressed to."""
    organs = list_organs(kind=kind) if kind else list_organs()
    # Lower levels first: a petition goes to the level that can settle it (Art. 22).
    organs.sort(key=lambda o: (-len(o.code), o.code))
    return [(o.code, o.name_zh, o.name_en) for o in organs]
