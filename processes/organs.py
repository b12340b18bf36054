"""Organs and units: their hierarchy, their duties, and where a matter goes (Art. 22–24).

An organ has one ``parent_code``: the next higher organ of its own line (the superior
department, or the next higher government). A department is also led by the party committee
or government of its own territory; the hierarchy walks both edges, so the common superior of
two county bureaus is the county government (Art. 24), not the province.
Functions flush at most and never commit: the caller owns the transaction.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import db
from engine.forms import Choice
from processes.errors import UnknownOrgan

LEVELS = ("township", "county", "city", "province", "central")  # lowest first
KINDS = ("party_committee", "government", "petition_department", "functional_department",
         "political_legal", "discipline_inspection")
LEADING_KINDS = ("party_committee", "government")
PARTY_KINDS = ("political_legal", "discipline_inspection")  # led by the party committee first
LEVEL_NAMES = {"township": ("乡镇级", "Township"), "county": ("县级", "County"), "city": ("市级", "City"),
               "province": ("省级", "Province"), "central": ("中央", "Central")}
PICKER_FILTERS = ("level", "kind")  # what a form's organ picker may narrow the directory by (ui:options)


def _among(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Organ(db.Model):
    """An organ or unit that receives, handles, reviews or supervises petitions."""

    __tablename__ = "organ"
    __table_args__ = (CheckConstraint(_among("level", LEVELS), name="level"),
                      CheckConstraint(_among("kind", KINDS), name="kind"))

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("organ.code"), index=True)
    territory: Mapped[str] = mapped_column(String(64), index=True)
    duties: Mapped[list[str]] = mapped_column(JSON, default=list)

    @property
    def rank(self) -> int:
        """Return the level as a number: 0 for a township, higher further up."""
        return LEVELS.index(self.level)

    def name(self, lang: str = "zh") -> str:
        """Return the organ's name in ``lang`` (``zh`` or ``en``)."""
        return self.name_zh if lang == "zh" else self.name_en


def get_organ(code: str) -> Organ:
    """Return the organ with ``code`` or raise UnknownOrgan."""
    organ = db.session.get(Organ, code) if code else None
    if organ is None:
        raise UnknownOrgan("No organ has the code '%(organ)s'.", organ=code)
    return organ


def list_organs(level: str | None = None, kind: str | None = None,
                territory: str | None = None) -> list[Organ]:
    """Return the organs, filtered by level, kind and territory, in code order."""
    query = select(Organ).order_by(Organ.code)
    if level:
        query = query.where(Organ.level == level)
    if kind:
        query = query.where(Organ.kind == kind)
    if territory:
        query = query.where(Organ.territory == territory)
    return list(db.session.scalars(query))


def superior_of(code: str) -> str | None:
    """Return the code of the next higher organ (review, re-review), or None at the top."""
    return get_organ(code).parent_code


def leading_organ_of(code: str) -> str | None:
    """Return the party committee or government of the organ's territory that leads it."""
    organ = get_organ(code)
    return _local_leader(organ, list_organs(territory=organ.territory))


def superiors(code: str) -> list[str]:
    """Return every organ above ``code``, nearest first."""
    graph = _leader_graph()
    if code not in graph:
        raise UnknownOrgan("No organ has the code '%(organ)s'.", organ=code)
    seen: dict[str, None] = {}
    queue = deque(graph[code])
    while queue:
        above = queue.popleft()
        if above not in seen and above != code:
            seen[above] = None
            queue.extend(graph.get(above, []))
    return list(seen)


def common_superior(a: str, b: str) -> str | None:
    """Return the lowest organ above both ``a`` and ``b`` (Art. 24), or None if there is none."""
    above_a, above_b = superiors(a), set(superiors(b))
    common = [code for code in above_a if code in above_b]
    if not common:
        return None
    return min(common, key=lambda code: (get_organ(code).rank, above_a.index(code)))


def organ_scope(code: str) -> set[str]:
    """Return the codes of the organ and of every organ below it."""
    graph = _leader_graph()
    if code not in graph:
        raise UnknownOrgan("No organ has the code '%(organ)s'.", organ=code)
    below: dict[str, list[str]] = {}
    for organ, leaders in graph.items():
        for leader in leaders:
            below.setdefault(leader, []).append(organ)
    scope, queue = {code}, deque([code])
    while queue:
        for child in below.get(queue.popleft(), []):
            if child not in scope:
                scope.add(child)
                queue.append(child)
    return scope


def territory_chain(territory: str) -> list[str]:
    """Return the territory and the territories above it, nearest first."""
    chain = [territory]
    while True:
        leaders = [o for o in list_organs(territory=chain[-1]) if o.kind in LEADING_KINDS and o.parent_code]
        parent = db.session.get(Organ, leaders[0].parent_code) if leaders else None
        if parent is None or parent.territory in chain:
            return chain
        chain.append(parent.territory)


def petition_department_of(code: str) -> str | None:
    """Return the petition department at the organ's level and territory, or the nearest above."""
    organ = get_organ(code)
    if organ.kind == "petition_department":
        return organ.code
    found = _nearest(organ.territory, kind="petition_department")
    return found.code if found else None


def suggest_route(category: str, territory: str, receiving_organ: str) -> dict[str, str]:
    """Suggest how the receiving organ passes a matter on (Art. 22, 23, 24 ¶2)."""
    receiving = get_organ(receiving_organ)
    if category == "accusation":
        route, target = "discipline", _nearest(territory, kind="discipline_inspection")
    elif category == "litigation":
        route, target = "political_legal", _nearest(territory, kind="political_legal")
    else:
        # Where no organ has the duty, the government of the territory takes it (Art. 24 ¶2).
        target = _nearest(territory, duty=category) or _nearest(territory, kind="government")
        route = "assign" if target and target.rank < receiving.rank else "forward"
    if target is None:
        raise UnknownOrgan("No organ handles '%(category)s' matters for territory '%(territory)s'.",
                           category=category, territory=territory)
    if target.code == receiving.code:
        route = "accept"
    return {"route": route, "organ": target.code}


def _nearest(territory: str, kind: str | None = None, duty: str | None = None) -> Organ | None:
    for place in territory_chain(territory):
        candidates = [o for o in list_organs(territory=place, kind=kind)
                      if (kind or o.kind != "petition_department") and (duty is None or duty in (o.duties or []))]
        if candidates:
            # A functional department with the duty is preferred over a government holding it too.
            return min(candidates, key=lambda o: (o.kind != "functional_department", o.code))
    return None


def _local_leader(organ: Organ, same_territory: list[Organ]) -> str | None:
    if organ.kind in LEADING_KINDS:
        return None
    preferred = "party_committee" if organ.kind in PARTY_KINDS else "government"
    local = sorted((o for o in same_territory if o.kind in LEADING_KINDS),
                   key=lambda o: (o.kind != preferred, o.code))
    return local[0].code if local else None


def _leader_graph() -> dict[str, list[str]]:
    organs = list_organs()
    by_territory: dict[str, list[Organ]] = {}
    for organ in organs:
        by_territory.setdefault(organ.territory, []).append(organ)
    graph = {}
    for organ in organs:
        leaders = (organ.parent_code, _local_leader(organ, by_territory[organ.territory]))
        graph[organ.code] = list(dict.fromkeys(code for code in leaders if code))
    return graph


def _wanted(options: Mapping[str, Any], key: str) -> set[str] | None:
    value = options.get(key)
    if value in (None, "", []):
        return None
    return {value} if isinstance(value, str) else {str(v) for v in value}


def organ_choices(options: Mapping[str, Any]) -> list[Choice]:
    """Return the organs a form's organ picker offers, grouped by level and territory, highest first.

    ``options`` (the field's ``ui:options``) may narrow them by ``level`` and ``kind``, each a value
    or a list of values; a leading organ comes first in its group.
    """
    organs = list_organs()
    levels, kinds = _wanted(options, "level"), _wanted(options, "kind")
    places = {o.territory: o for o in organs if o.kind == "government" and o.code == o.territory}
    shown = [o for o in organs if (levels is None or o.level in levels) and (kinds is None or o.kind in kinds)]
    shown.sort(key=lambda o: (-o.rank, o.territory, o.kind not in LEADING_KINDS, o.code))
    return [Choice(o.code, {"zh": f"{o.name_zh}（{o.code}）", "en": f"{o.name_en} ({o.code})"},
                   _place_label(o, places.get(o.territory))) for o in shown]


def _place_label(organ: Organ, government: Organ | None) -> dict[str, str]:
    level_zh, level_en = LEVEL_NAMES[organ.level]
    if government is None:
        return {"zh": f"{level_zh} · {organ.territory}", "en": f"{level_en} · {organ.territory}"}
    # The territory is named by its government: 柳溪县人民政府 → 柳溪县, Taoyuan Township Government → Taoyuan Township.
    place_zh = government.name_zh.removesuffix("人民政府")
    place_en = government.name_en.removesuffix(" Government").removesuffix(" People's")
    return {"zh": f"{level_zh} · {place_zh}", "en": f"{level_en} · {place_en}"}
