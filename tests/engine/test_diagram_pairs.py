"""Two versions compared file by file: the own process, each called process whose copy differs, the alike ones."""
from __future__ import annotations

from engine import db
from engine.definitions import deploy, find_version
from engine.diagram_pairs import compare_versions
from tests.engine.conftest import HERE

PARENT = (HERE / "diagrams" / "parent.bpmn").read_text()
CHILD = (HERE / "diagrams" / "child.bpmn").read_text()


def _parent_version(files: dict[str, str]):
    """Deploy files (the test diagrams are deployed already) and return parent's newest version."""
    deploy({name: text.encode() for name, text in files.items()}, "designer")
    db.session.commit()
    return find_version("parent")


def test_the_own_file_comes_first_then_each_differing_copy_and_the_alike_ones_are_set_apart(ctx):
    first = _parent_version({"parent.bpmn": PARENT, "child.bpmn": CHILD})
    second = _parent_version({"child.bpmn": CHILD.replace('name="Inside child"', 'name="Inside, anew"')})

    compared = compare_versions(find_version("parent", first.version), find_version("parent", second.version))

    assert [(pair.file, pair.process, len(pair.changes)) for pair in compared.diagrams] == [
        ("parent.bpmn", "parent", 0), ("child.bpmn", "child", 1)]
    assert compared.quiet == []
    assert [(change.file, change.element, change.kind) for change in compared.changes] == [
        ("child.bpmn", "inside", "changed")]


def test_a_copy_changed_only_in_its_layout_is_drawn_without_changes_and_an_untouched_one_is_quiet(ctx):
    first = _parent_version({"parent.bpmn": PARENT, "child.bpmn": CHILD})
    second = _parent_version({"child.bpmn": CHILD.replace("<bpmn:process ", "\n  <bpmn:process ", 1)})
    third = _parent_version({"parent.bpmn": PARENT.replace('name="After child"', 'name="Then"')})

    moved = compare_versions(find_version("parent", first.version), find_version("parent", second.version))
    assert [(pair.file, pair.changes) for pair in moved.diagrams] == [("parent.bpmn", []), ("child.bpmn", [])]

    renamed = compare_versions(find_version("parent", second.version), find_version("parent", third.version))
    assert [pair.file for pair in renamed.diagrams] == ["parent.bpmn"]
    assert [(pair.file, pair.name, pair.old == pair.new) for pair in renamed.quiet] == [("child.bpmn", "child", True)]
