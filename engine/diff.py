"""What changed between two versions of a process: elements added, removed and changed, by id.

Each semantic element with an id (a task, an event, a gateway, a flow, a lane, the process) is
described by its type, its name and its aspects: its attributes (`camunda:formKey`,
`attachedToRef`, `default`, …), its lane, and the texts folded in from the children that have no
identity of their own: the condition of a flow, the text of a timer, a script, the documentation,
the `camunda:property` values. Layout (BPMNDI) is not compared: moving a shape changes nothing
that runs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .models import DefinitionVersion
from .xml_safety import parse_safely

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
PREFIXES = {BPMN_NS: "", "http://camunda.org/schema/1.0/bpmn": "camunda:"}
# Children that belong to their parent, though modellers give some of them ids.
FOLDED_SUFFIXES = ("EventDefinition",)
SKIPPED_CHILDREN = {"incoming", "outgoing", "flowNodeRef"}
SKIPPED_ATTRIBUTES = {"id", "name", "{http://www.w3.org/2001/XMLSchema-instance}type"}
LANES = "\0lanes"  # not an XML id: it cannot clash with an element
# Attributes at their BPMN default say nothing: a modeller may write or drop them on any save.
DEFAULTS = {"cancelActivity": "true", "isInterrupting": "true", "isForCompensation": "false", "startQuantity": "1",
            "completionQuantity": "1", "gatewayDirection": "Unspecified", "isClosed": "false",
            "parallelMultiple": "false", "triggeredByEvent": "false", "isSequential": "false",
            "instantiate": "false", "isImmediate": "true"}
NAMED_ASPECTS = {"conditionExpression": "condition", "completionCondition": "completion condition"}


@dataclass
class ElementChange:
    """One element that differs between two versions; `details` are (aspect, before, after)."""

    file: str
    element: str
    kind: str
    type: str
    name: str
    details: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute_name(key: str) -> str:
    if key.startswith("{"):
        namespace, local = key[1:].split("}", 1)
        return PREFIXES.get(namespace, "") + local
    return key


def _text(node: etree._Element) -> str:
    return " ".join((node.text or "").split())


def _fold(node: etree._Element, entry: dict) -> None:
    """Put what a child without its own identity says into its owner's aspects."""
    local = _local(node.tag)
    aspects = entry["aspects"]
    if local == "property" and node.get("name"):
        aspects[f"property {node.get('name')}"] = node.get("value") or _text(node)
    elif local not in SKIPPED_CHILDREN:
        aspect = NAMED_ASPECTS.get(local, local)
        if local.endswith(FOLDED_SUFFIXES):
            aspects["event"] = local
        elif _text(node):
            aspects[aspect] = f"{aspects[aspect]} | {_text(node)}" if aspect in aspects else _text(node)
        for key, value in node.attrib.items():
            if key not in SKIPPED_ATTRIBUTES:
                aspects[f"{aspect} {_attribute_name(key)}"] = value
    for child in node:
        if isinstance(child.tag, str):
            _fold(child, entry)


def _visit(node: etree._Element, entries: dict[str, dict], owner: dict | None) -> None:
    local = _local(node.tag)
    identified = (node.tag.startswith(f"{{{BPMN_NS}}}") and bool(node.get("id"))
                  and not local.endswith(FOLDED_SUFFIXES))
    if not identified:
        if owner is not None:
            _fold(node, owner)
        return  # a top-level child without identity (the BPMNDI layout) describes nothing that runs
    owner_of_children = owner
    if local != "laneSet":  # a lane set is only structure: its lanes are the elements
        owner_of_children = {"type": local, "name": node.get("name") or "", "aspects": {}}
        for key, value in node.attrib.items():
            if key not in SKIPPED_ATTRIBUTES and DEFAULTS.get(key) != value:
                owner_of_children["aspects"][_attribute_name(key)] = value
        entries[node.get("id")] = owner_of_children
    if local == "lane":
        for ref in node.iter(f"{{{BPMN_NS}}}flowNodeRef"):
            entries.setdefault(LANES, {})[_text(ref)] = node.get("name") or node.get("id")
    for child in node:
        if isinstance(child.tag, str):
            _visit(child, entries, owner_of_children)


def describe(xml: str | bytes) -> dict[str, dict]:
    """Return, per element id of a diagram's text, its type, name and aspects."""
    root = parse_safely(xml.encode("utf-8") if isinstance(xml, str) else xml)
    entries: dict[str, dict] = {}
    for child in root:  # the root's own attributes (exporter, its version) are not the process
        if isinstance(child.tag, str) and child.tag.startswith(f"{{{BPMN_NS}}}"):
            _visit(child, entries, None)
    for element, lane in entries.pop(LANES, {}).items():
        if element in entries:
            entries[element]["aspects"]["lane"] = lane
    return entries


def _compare(file: str, element: str, old: dict, new: dict) -> ElementChange | None:
    details = []
    if old["type"] != new["type"]:
        details.append(("type", old["type"], new["type"]))
    if old["name"] != new["name"]:
        details.append(("name", old["name"], new["name"]))
    for aspect in sorted(set(old["aspects"]) | set(new["aspects"])):
        before, after = old["aspects"].get(aspect), new["aspects"].get(aspect)
        if before != after:
            details.append((aspect, before, after))
    if not details:
        return None
    return ElementChange(file, element, "changed", new["type"], new["name"] or old["name"], details)


def diff_sources(old: dict[str, str], new: dict[str, str]) -> list[ElementChange]:
    """Return the elements removed, added and changed from `old` files to `new` files."""
    changes: list[ElementChange] = []
    for file in sorted(set(old) | set(new)):
        before = describe(old[file]) if file in old else {}
        after = describe(new[file]) if file in new else {}
        for element in sorted(set(before) - set(after)):
            entry = before[element]
            changes.append(ElementChange(file, element, "removed", entry["type"], entry["name"]))
        for element in sorted(set(after) - set(before)):
            entry = after[element]
            changes.append(ElementChange(file, element, "added", entry["type"], entry["name"]))
        for element in sorted(set(before) & set(after)):
            if (change := _compare(file, element, before[element], after[element])) is not None:
                changes.append(change)
    order = {"removed": 0, "added": 1, "changed": 2}
    return sorted(changes, key=lambda change: (order[change.kind], change.file, change.element))


def diff_versions(old: DefinitionVersion, new: DefinitionVersion) -> list[ElementChange]:
    """Return what changed from one deployed version to another."""
    return diff_sources(old.sources, new.sources)
