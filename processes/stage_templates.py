"""Statutory stage templates: the set-up of each stage of the deployed diagrams, to reuse in another.

A designer who models a new procedure must give each statutory stage what the regulation's own
diagrams give theirs: the documentation citing the article and the period, the extension properties
(`statutory`, the `organ` expression), the form, and the boundary timers with their statutory
expressions (`deadline(received_on, 15)`, a reminder three days before). A stage is a user task,
sub-process or call activity with a boundary timer whose documentation cites an article (or that
is marked `statutory`). The modeller offers each stage of the newest deployed diagrams as a
template, as modellers offer element templates: applied to a task, sub-process or call activity,
it copies that set-up, so the diagrams stay the one source of the periods.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from lxml import etree

from engine.definitions import latest_sources
from engine.design_rules import ARTICLE, BPMN, CAMUNDA, is_statutory
from engine.xml_safety import parse_safely


@dataclass(frozen=True)
class TimerTemplate:
    """A boundary timer of a stage: its name, its expression and whether it interrupts the task."""

    name: str
    expression: str
    interrupting: bool


@dataclass(frozen=True)
class StageTemplate:
    """The set-up of one statutory stage, as a diagram gives it."""

    key: str  # file#element
    file: str
    process: str  # the process's name, or its id
    element: str
    kind: str  # userTask, subProcess or callActivity
    name: str
    documentation: str
    form_key: str
    candidate_groups: str
    properties: dict[str, str]
    timers: tuple[TimerTemplate, ...]


def _timers(process, element: str) -> tuple[TimerTemplate, ...]:
    found = []
    for event in process.iter(f"{BPMN}boundaryEvent"):
        if event.get("attachedToRef") != element:
            continue
        definition = event.find(f"{BPMN}timerEventDefinition")
        if definition is None:
            continue
        text = next((node.text for node in definition if node.text and node.text.strip()), None)
        if text:
            found.append(TimerTemplate(event.get("name") or "", text.strip(),
                                       event.get("cancelActivity", "true").lower() != "false"))
    return tuple(found)


KINDS = ("userTask", "subProcess", "callActivity")


def _own_properties(node) -> dict[str, str]:
    extensions = node.find(f"{BPMN}extensionElements")
    found = extensions.iter(f"{CAMUNDA}property") if extensions is not None else ()
    return {p.get("name"): p.get("value") or "" for p in found if p.getparent().getparent() is extensions}


def _templates_of(file: str, content: bytes) -> list[StageTemplate]:
    root = parse_safely(content)
    templates = []
    for process in root.iter(f"{BPMN}process"):
        for node in process.iter(*(f"{BPMN}{kind}" for kind in KINDS)):
            timers = _timers(process, node.get("id"))
            documentation = "\n".join("".join(doc.itertext()).strip() for doc in node.findall(f"{BPMN}documentation"))
            if not timers or not (ARTICLE.search(documentation) or is_statutory(node)):
                continue
            templates.append(StageTemplate(
                f"{file}#{node.get('id')}", file, process.get("name") or process.get("id"), node.get("id"),
                etree.QName(node).localname, node.get("name") or "", documentation,
                node.get(f"{CAMUNDA}formKey") or "", node.get(f"{CAMUNDA}candidateGroups") or "",
                _own_properties(node), timers))
    return templates


_cache: dict[str, list[StageTemplate]] = {}


def stage_templates() -> list[StageTemplate]:
    """Return the statutory stages of the newest deployed diagrams, file by file, in diagram order."""
    sources = sorted(latest_sources().items())
    key = hashlib.sha256(b"\0".join(name.encode() + b"\0" + text for name, text in sources)).hexdigest()
    if key not in _cache:
        _cache.clear()  # only the newest set is ever asked for
        _cache[key] = [template for name, text in sources for template in _templates_of(name, text)]
    return _cache[key]


def as_json(templates: list[StageTemplate]) -> list[dict]:
    """Return templates as the modeller page reads them."""
    return [asdict(template) for template in templates]
