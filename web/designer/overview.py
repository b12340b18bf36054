"""What the studio's pages show, gathered from the engine's services (no SQL here)."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.definitions import find_version, list_versions
from engine.drafts import file_of, list_drafts
from engine.models import DefinitionVersion, Instance
from engine.queries import InstanceQuery, list_instances

OPEN_STATUSES = ("running", "waiting", "suspended", "error")
RECENT = 10


@dataclass
class VersionRow:
    """One deployed version and the instances that run on it."""

    definition: DefinitionVersion
    file: str
    instances: int
    open: int
    recent: list[Instance] = field(default_factory=list)


def _count(process: str, version: int | None, status: str | None = None) -> int:
    return list_instances(InstanceQuery(process=process, version=version, status=status, per_page=1))[1]


def version_rows(process: str) -> list[VersionRow]:
    """Return every version of a process, newest first, with its instance counts and newest instances."""
    rows = []
    for definition in list_versions(process):
        recent, total = list_instances(InstanceQuery(process=process, version=definition.version, per_page=RECENT))
        open_count = sum(_count(process, definition.version, status) for status in OPEN_STATUSES) if total else 0
        rows.append(VersionRow(definition, file_of(definition), total, open_count, recent))
    if not rows:
        find_version(process)  # raises NotFound with the engine's wording
    return rows


def process_summaries() -> list[VersionRow]:
    """Return the newest version of every process with the instance count of the whole process."""
    newest: dict[str, DefinitionVersion] = {}
    for definition in list_versions():
        newest.setdefault(definition.process, definition)
    return [VersionRow(definition, file_of(definition), _count(process, None),
                       sum(_count(process, None, status) for status in OPEN_STATUSES))
            for process, definition in sorted(newest.items())]


def drafts() -> list:
    """Return the drafts, most recently saved first."""
    return list_drafts()
