"""Where a case stands, as a person knows it: its steps, timers, called procedures and sub-processes.

The engine reports every task it keeps live. Beside the people's steps these are its own: the joins
it puts after a call's boundary events or before a process ends (`call_acceptance.BoundaryEventJoin`,
`acceptance.EndJoin`, drawn nowhere), its `Start` and `Root`, gateways waiting for their branches,
events waiting to catch an escalation. A migration's preview, in the console and over the API, lists
what a person recognises; an element kept out is still listed when it is in error or the other
version lacks it, as it is then why the migration is refused.
"""
from __future__ import annotations

from typing import Any

from engine.migration_preview import MigrationPreview

from .diagram_index import DiagramIndex, diagram_index

RECOGNISED = ("userTask", "manualTask", "callActivity", "subProcess", "transaction")


def recognised(index: DiagramIndex, entry: dict[str, Any]) -> bool:
    """Tell whether a person would know the element a case stands on: a step, timer, call or sub-process,
    or one drawn in the diagram that is in error or that the other version lacks."""
    info = index.elements.get(entry["element"])
    if info is None:
        return False
    return info.kind in RECOGNISED or bool(info.timer) or entry["kind"] == "error" or not entry["mapped"]


def procedure_name(index: DiagramIndex, process: str) -> str:
    """Return the name the diagrams give the process or sub-process an element lies in (`复查 Review`)."""
    return index.processes.get(process) or index.name_of(process)


def known_entry(index: DiagramIndex, group: MigrationPreview, entry: dict[str, Any]) -> dict[str, Any]:
    """Return an entry named as the diagram names it, with the procedure it lies in (none for the own process)."""
    return {**entry, "name": entry["name"] or index.name_of(entry["element"]),
            "procedure": "" if entry["process"] == group.source.process else procedure_name(index, entry["process"])}


def known_standing(group: MigrationPreview) -> dict[int, list[dict[str, Any]]]:
    """Return, by instance, the places its case stands on that a person knows, each named."""
    index = diagram_index(group.source.id)
    return {check.instance_id: _known(index, group, check.standing) for check in group.checks}


def known_on_diagram(group: MigrationPreview, standing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep of the entries drawn on one of the group's diagrams the places a person knows, each named."""
    return _known(diagram_index(group.source.id), group, standing)


def _known(index: DiagramIndex, group: MigrationPreview, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [known_entry(index, group, entry) for entry in entries if recognised(index, entry)]
