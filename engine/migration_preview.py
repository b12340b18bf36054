"""What a migration would do, shown before it is done: the two versions, what differs, where each case stands.

Instances are grouped by the version they run on and the version they would move to; each group
carries the elements added, removed and changed between the two, and for each instance every
element it stands on (a ready task, a waiting timer, a step in error) with whether the target has
it, and the file it is drawn in. An element the target lacks makes that instance's migration
refused (engine/migration.py).

A version holds the text of every process its process calls, as deployed with it (a called
process changed later makes a new version of its callers): so each group can also show, file by
file (engine/diagram_pairs.py), the diagrams of the called processes the instances stand in or that
changed, not only the process's own.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

from .definitions import get_version, specs_for
from .diagram_pairs import DiagramPair, diagram_pair
from .diff import ElementChange, diff_versions
from .drafts import file_of
from .errors import EngineError
from .instances import get_instance
from .migration import MigrationCheck, migration_check
from .models import DefinitionVersion

log = logging.getLogger(__name__)


@dataclass
class MigrationPreview:
    """Instances that would move from one version to another, with what differs between the two."""

    source: DefinitionVersion
    target: DefinitionVersion
    changes: list[ElementChange]
    checks: list[MigrationCheck] = field(default_factory=list)

    @property
    def refused(self) -> list[MigrationCheck]:
        """Return the checks of the instances that stand on an element the target lacks."""
        return [check for check in self.checks if not check.possible]

    @cached_property
    def diagrams(self) -> list[DiagramPair]:
        """Return the files worth drawing: where the cases stand (the innermost first), the own process, changed ones.

        A called process the cases are not in and that did not change is left out (see `quiet_files`).
        """
        own = file_of(self.source)
        depth: dict[str, int] = {}  # a file's last entry: called processes come after their callers
        for check in self.checks:
            for position, entry in enumerate(check.standing):
                depth[entry["file"]] = max(depth.get(entry["file"], -1), position)
        changed = {change.file for change in self.changes}
        files = [*sorted(depth, key=lambda file: -depth[file]), own, *sorted(changed)]
        return [self._pair(file) for file in dict.fromkeys(files)]

    def quiet_files(self) -> list[str]:
        """Return the files of called processes left out of `diagrams`: no case stands in them, nothing changed."""
        shown = {pair.file for pair in self.diagrams}
        return sorted((set(self.source.sources) | set(self.target.sources)) - shown)

    def _pair(self, file: str) -> DiagramPair:
        standing = [entry for check in self.checks for entry in check.standing]
        return diagram_pair(self.source, self.target, file, self.changes, standing)


@dataclass
class MigrationPreviews:
    """The groups of a migration of one or more instances, and the instances that cannot move at all."""

    groups: list[MigrationPreview] = field(default_factory=list)
    # Ended, already there, no such version (an EngineError), or a saved state that cannot be read.
    unmovable: list[tuple[int, Exception]] = field(default_factory=list)


def preview_migrations(instance_ids: list[int], version: int | None = None) -> MigrationPreviews:
    """Tell what moving each instance to a version (its process's newest when none) would change."""
    previews = MigrationPreviews()
    groups: dict[tuple[int, int], MigrationPreview] = {}
    changed_in: dict[tuple[int, int], set[tuple[str, str]]] = {}  # (file, element) both versions have, changed
    drawn_in: dict[tuple[int, int], dict[str, str]] = {}  # the file each process of the source is drawn in
    for instance_id in dict.fromkeys(instance_ids):
        try:
            instance = get_instance(instance_id)
            check, target = migration_check(instance, version)
        except EngineError as exc:
            previews.unmovable.append((instance_id, exc))
            continue
        except Exception as exc:  # one broken case must not hide what the others would do; its cause goes to the log
            log.exception("migration preview: the state of instance %s cannot be read", instance_id)
            previews.unmovable.append((instance_id, exc))
            continue
        key = (instance.definition_id, target.id)
        if key not in groups:
            source = get_version(instance.definition_id)
            groups[key] = MigrationPreview(source, target, diff_versions(source, target))
            previews.groups.append(groups[key])
            changed_in[key] = {(change.file, change.element) for change in groups[key].changes
                               if change.kind == "changed"}
            spec, subprocess_specs = specs_for(source)
            drawn_in[key] = {process.name: process.file for process in (spec, *subprocess_specs.values())}
        changed, files = changed_in[key], drawn_in[key]
        for entry in check.standing:
            entry["file"] = files.get(entry["process"], "")
            entry["changed"] = entry["mapped"] and (entry["file"], entry["element"]) in changed
        groups[key].checks.append(check)
    return previews
