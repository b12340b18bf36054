"""What the deployed diagrams say about their elements: names, cited articles, and nesting.

People see steps by name and deadlines with the article that sets them; both are written in the
diagrams (element names, `documentation` citing `第二十二条 (Art. 22)`). Nesting tells which
statutory timer governs a task: a limit attached to a sub-process or call covers every task in it.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from engine.db import db
from engine.definitions import get_version
from engine.models import DefinitionVersion
from engine.xml_safety import parse_safely

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
CAMUNDA = "{http://camunda.org/schema/1.0/bpmn}"
_ARTICLE_ZH = re.compile(r"第[一二三四五六七八九十百零〇]+条(?:[、，][第]?[一二三四五六七八九十百零〇]+条)*"
                         r"(?:第[一二三四五六七八九十]+款)?(?:第[一二三四五六七八九十]+项)?")
_ARTICLE_EN = re.compile(r"Art\.\s*\d+[^):;]*")
_CONTAINERS = ("subProcess", "callActivity", "transaction")


@dataclass(frozen=True)
class ElementInfo:
    """One element of a diagram as people see it."""

    id: str
    process: str
    kind: str
    name: str
    article_zh: str
    article_en: str
    parents: tuple[str, ...]  # enclosing sub-processes, nearest first
    attached_to: str | None = None
    called: str | None = None  # for a call activity: the process it calls
    timer: str = ""  # for a timer event: its time, duration or cycle text
    form: str = ""  # for a person's step: the form it is filled in on (camunda:formKey)
    message: str = ""  # for a message event: the id of the message it catches or throws


@dataclass
class DiagramIndex:
    """Every element of a deployed version, and which calls start which process."""

    elements: dict[str, ElementInfo] = field(default_factory=dict)
    processes: dict[str, str] = field(default_factory=dict)  # process id -> name
    callers: dict[str, list[str]] = field(default_factory=dict)  # process id -> call activities

    def name_of(self, element: str | None) -> str:
        """Return an element's name, or its id when it has none."""
        info = self.elements.get(element or "")
        return info.name if info and info.name else (element or "")

    def procedure_of(self, element: str | None, fallback: str = "") -> str:
        """Return the name of the procedure (process) an element belongs to."""
        info = self.elements.get(element or "")
        process = info.process if info else fallback
        return self.processes.get(process, process)

    def inside(self, container: str) -> set[str]:
        """Return the elements within a container, through the processes its calls start."""
        found: set[str] = set()
        for element, info in self.elements.items():
            if container in self.enclosing(element):
                found.add(element)
        return found

    def enclosing(self, element: str) -> list[str]:
        """Return the containers around an element, nearest first, through calls of its process."""
        found: list[str] = []
        queue = [element]
        while queue:
            info = self.elements.get(queue.pop(0))
            if info is None:
                continue
            for parent in (*info.parents, *self.callers.get(info.process, [])):
                if parent not in found:
                    found.append(parent)
                    queue.append(parent)
        return found


def _articles(text: str) -> tuple[str, str]:
    zh = _ARTICLE_ZH.search(text or "")
    en = _ARTICLE_EN.search(text or "")
    return (zh.group(0) if zh else "", en.group(0).strip().rstrip(",") if en else "")


def _timer_text(node) -> str:
    for tag in ("timeDate", "timeDuration", "timeCycle"):
        found = node.find(f"{BPMN}timerEventDefinition/{BPMN}{tag}")
        if found is not None and found.text:
            return found.text.strip()
    return ""


def _message_ref(node) -> str:
    found = node.find(f"{BPMN}messageEventDefinition")
    return (found.get("messageRef") or "message") if found is not None else ""


def _walk(index: DiagramIndex, node, process: str, parents: tuple[str, ...]) -> None:
    for child in node:
        if not isinstance(child.tag, str) or not child.tag.startswith(BPMN):
            continue
        kind, element = child.tag[len(BPMN):], child.get("id")
        if element and kind not in ("documentation", "extensionElements", "incoming", "outgoing", "laneSet"):
            doc = child.find(f"{BPMN}documentation")
            zh, en = _articles(doc.text if doc is not None else "")
            index.elements[element] = ElementInfo(element, process, kind, child.get("name") or "", zh, en, parents,
                                                  child.get("attachedToRef"), child.get("calledElement"),
                                                  _timer_text(child), child.get(f"{CAMUNDA}formKey") or "",
                                                  _message_ref(child))
            if kind == "callActivity" and child.get("calledElement"):
                index.callers.setdefault(child.get("calledElement"), []).append(element)
        if kind in _CONTAINERS and element:
            _walk(index, child, process, (element, *parents))


def _parse(sources: dict[str, str]) -> DiagramIndex:
    index = DiagramIndex()
    for _name, text in sorted(sources.items()):
        root = parse_safely(text.encode("utf-8"))
        for process in root.iter(f"{BPMN}process"):
            index.processes[process.get("id")] = process.get("name") or process.get("id")
            _walk(index, process, process.get("id"), ())
    return index


KEPT = 64  # indexes of versions kept parsed, the least recently used dropped first
_kept: OrderedDict[str, DiagramIndex] = OrderedDict()
_kept_lock = threading.Lock()


def version_index(definition_id: int, content_hash: str) -> DiagramIndex:
    """Return the index of a deployed version whose content hash is known.

    A version's files never change, so its index is kept by content: the files are read from the
    database and parsed only the first time (a list of a thousand tasks asks for a handful of versions).
    """
    with _kept_lock:
        found = _kept.get(content_hash)
        if found is not None:
            _kept.move_to_end(content_hash)
            return found
    found = _parse(get_version(definition_id).sources)
    with _kept_lock:
        _kept[content_hash] = found
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return found


def diagram_index(definition_id: int) -> DiagramIndex:
    """Return the index of a deployed version (parsed once per content)."""
    return version_index(definition_id, get_version(definition_id).content_hash)


def step_forms(steps: set[tuple[str, str]]) -> dict[str, str]:
    """Return, by name, the form each step is filled in on, for (process or sub-process, step name) pairs
    as the task rows give them, read from the newest deployed version of every process.

    Figures counted from an index hold a step's name and procedure, not its form; the form's title is
    the step's name on an English page."""
    newest = select(DefinitionVersion.process, func.max(DefinitionVersion.version).label("v")).group_by(
        DefinitionVersion.process).subquery()
    versions = db.session.execute(select(DefinitionVersion.id, DefinitionVersion.content_hash).join(
        newest, (DefinitionVersion.process == newest.c.process) & (DefinitionVersion.version == newest.c.v)))
    found: dict[str, str] = {}
    for definition_id, content_hash in versions:
        for info in version_index(definition_id, content_hash).elements.values():
            if info.form and info.name not in found and (
                    (info.process, info.name) in steps or (info.parents[:1] and (info.parents[0], info.name) in steps)):
                found[info.name] = info.form
    return found


def bilingual(name: str, lang: str) -> str:
    """Return the part of a name like `复查 Review` in `lang`; a one-language name as it is."""
    match = re.match(r"^\s*([^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*?)\s+([A-Za-z].*)$", name or "")
    if not match:
        return name or ""
    return match.group(2).strip() if lang == "en" else match.group(1).strip()
