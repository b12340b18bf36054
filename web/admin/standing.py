"""Where a case stands, as a person knows it: its steps, timers, called procedures and sub-processes.

The engine reports every task it keeps live. Beside the people's steps these are its own: the joins
it puts after a call's boundary events or before a process ends (`call_acceptance.BoundaryEventJoin`,
`acceptance.EndJoin`, drawn nowhere), gateways waiting for their branches, events waiting to catch
an escalation. The migration's table and the badges on its diagrams show what a person recognises,
named as the rest of the console names steps; an element kept out is still shown when the other
version lacks it, as it is then why the migration is refused.
"""
from __future__ import annotations

from typing import Any

from engine.migration_preview import MigrationPreview
from processes.diagram_index import DiagramIndex, bilingual, diagram_index

from ..i18n import page_lang
from ..step_words import element_title

RECOGNISED = ("userTask", "manualTask", "callActivity", "subProcess", "transaction")


def recognised(index: DiagramIndex, entry: dict[str, Any]) -> bool:
    """Tell whether a person would know the element a case stands on: a step, timer, call or sub-process,
    or one drawn in the diagram that is in error or that the other version lacks."""
    info = index.elements.get(entry["element"])
    if info is None:
        return False
    return info.kind in RECOGNISED or bool(info.timer) or entry["kind"] == "error" or not entry["mapped"]


def procedure_title(index: DiagramIndex, process: str) -> str:
    """Return what the process or sub-process an element lies in is called, in the page's language."""
    if process in index.processes:
        return bilingual(index.processes[process], page_lang())
    return element_title(index, process)


def standing_rows(group: MigrationPreview) -> dict[int, list[dict[str, Any]]]:
    """Return, by instance, the places its case stands on that a person knows, each with its name and
    the procedure it lies in (none for the group's own process)."""
    index = diagram_index(group.source.id)
    return {check.instance_id: [
        {**entry, "title": element_title(index, entry["element"]),
         "within": "" if entry["process"] == group.source.process else procedure_title(index, entry["process"])}
        for entry in check.standing if recognised(index, entry)] for check in group.checks}


def shown_standing(group: MigrationPreview, diagrams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep on each diagram of the two-version script only the places a person knows, named as in the table."""
    index = diagram_index(group.source.id)
    for diagram in diagrams:
        diagram["standing"] = [{**entry, "title": element_title(index, entry["element"])}
                               for entry in diagram["standing"] if recognised(index, entry)]
    return diagrams
