"""One file of two versions of a process, drawn side by side, with what changed in it.

A version holds the text of every process its process calls, as deployed with it (a called
process changed later makes a new version of its callers): comparing two versions is comparing
them file by file. The studio's version diff and the console's migration preview both draw these
pairs, one tab per file.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .diff import ElementChange, describe, diff_versions
from .drafts import file_of
from .models import DefinitionVersion


@dataclass
class DiagramPair:
    """One file of both versions: what changed in it, and where cases stand in it (when a migration asks)."""

    file: str
    process: str  # the first process the file defines
    name: str
    old: str | None  # the file's text in the older (or running) version; None when that version lacks it
    new: str | None  # the same in the newer (or target) version
    changes: list[ElementChange]
    standing: list[dict] = field(default_factory=list)  # cases' entries on elements drawn in this file

    @property
    def stands_here(self) -> bool:
        """Tell whether a case stands on an element of this file."""
        return bool(self.standing)


def diagram_pair(old: DefinitionVersion, new: DefinitionVersion, file: str, changes: list[ElementChange],
                 standing: Sequence[dict] = ()) -> DiagramPair:
    """Return a file of two versions with its share of `changes` and of `standing` (entries on elements drawn in it).

    The file is named after its first process, as the older version has it (the newer when the older lacks it).
    """
    before, after = old.sources.get(file), new.sources.get(file)
    drawn = describe(before) if before is not None else {}
    named = drawn or (describe(after) if after is not None else {})
    process = next((element for element, entry in named.items() if entry["type"] == "process"), file)
    return DiagramPair(file, process, named.get(process, {}).get("name") or process, before, after,
                       [change for change in changes if change.file == file],
                       [entry for entry in standing if entry["file"] == file and entry["element"] in drawn])


@dataclass
class VersionDiff:
    """Two versions of a process compared file by file: its own and each called process whose copy differs."""

    old: DefinitionVersion
    new: DefinitionVersion
    changes: list[ElementChange]

    @cached_property
    def diagrams(self) -> list[DiagramPair]:
        """Return the files worth drawing: the process's own first, then each file whose text differs, by name.

        A file that differs only in its layout is drawn too (nothing in it runs otherwise); one both versions
        hold alike is left out (see `quiet`).
        """
        files = [file_of(self.old), *sorted(self._differing())]
        return [diagram_pair(self.old, self.new, file, self.changes) for file in dict.fromkeys(files)]

    @cached_property
    def quiet(self) -> list[DiagramPair]:
        """Return the called processes both versions hold alike, named but not worth drawing."""
        shown = {pair.file for pair in self.diagrams}
        alike = sorted(set(self.old.sources) & set(self.new.sources) - shown)
        return [diagram_pair(self.old, self.new, file, []) for file in alike]

    def _differing(self) -> set[str]:
        files = set(self.old.sources) | set(self.new.sources)
        return {file for file in files if self.old.sources.get(file) != self.new.sources.get(file)}


def compare_versions(old: DefinitionVersion, new: DefinitionVersion) -> VersionDiff:
    """Return what changed from one deployed version to another, file by file."""
    return VersionDiff(old, new, diff_versions(old, new))
