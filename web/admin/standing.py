"""Where a case stands, named in the page's language: the places a person knows (processes/migration_steps.py).

The migration's table and the badges on its diagrams show the same places the API lists, named as
the rest of the console names steps.
"""
from __future__ import annotations

from typing import Any

from engine.migration_preview import MigrationPreview
from processes.diagram_index import DiagramIndex, bilingual, diagram_index
from processes.migration_steps import known_on_diagram, known_standing

from ..i18n import page_lang
from ..step_words import element_title


def procedure_title(index: DiagramIndex, process: str) -> str:
    """Return what the process or sub-process an element lies in is called, in the page's language."""
    if process in index.processes:
        return bilingual(index.processes[process], page_lang())
    return element_title(index, process)


def standing_rows(group: MigrationPreview) -> dict[int, list[dict[str, Any]]]:
    """Return, by instance, the places its case stands on that a person knows, each with its name and
    the procedure it lies in (none for the group's own process)."""
    index = diagram_index(group.source.id)
    return {instance_id: [
        {**entry, "title": element_title(index, entry["element"]),
         "within": procedure_title(index, entry["process"]) if entry["procedure"] else ""}
        for entry in entries] for instance_id, entries in known_standing(group).items()}


def shown_standing(group: MigrationPreview, diagrams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep on each diagram of the two-version script only the places a person knows, named as in the table."""
    index = diagram_index(group.source.id)
    for diagram in diagrams:
        diagram["standing"] = [{**entry, "title": element_title(index, entry["element"])}
                               for entry in known_on_diagram(group, diagram["standing"])]
    return diagrams
