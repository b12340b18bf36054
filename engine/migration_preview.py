"""What a migration would do, shown before it is done: the two versions, what differs, where each case stands.

Instances are grouped by the version they run on and the version they would move to; each group
carries the elements added, removed and changed between the two, and for each instance every
element it stands on (a ready task, a waiting timer, a step in error) with whether the target has
it. An element the target lacks makes that instance's migration refused (engine/migration.py).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .definitions import get_version
from .diff import ElementChange, diff_versions
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
    changed_in: dict[tuple[int, int], set[str]] = {}  # the elements each group's versions both have, changed
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
            changed_in[key] = {change.element for change in groups[key].changes if change.kind == "changed"}
        changed = changed_in[key]
        for entry in check.standing:
            entry["changed"] = entry["mapped"] and entry["element"] in changed
        groups[key].checks.append(check)
    return previews
