"""Edit the form definitions in `forms/` without silently breaking the diagrams that use them.

Where edits go: a save writes the form's file in `forms/` (atomically: a temporary file, then
a rename). The files stay the one source the engine reads, the same files a designer edits on
the desktop and keeps under version control; there is no second copy that could disagree.
Because a running task reads its form by key when it is shown and submitted, a save is
refused when it would break a deployed diagram: the definition must be in the documented subset
(forms/README.md, checked by processes/form_subset.py) and build a marshmallow schema, and no
field may be removed, or change type, while a condition, script, timer or property of a deployed
version that uses the form reads it.
"Deployed" means the newest version of each process and every version with unfinished instances.
"""
from __future__ import annotations

import ast
import json
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import func, select

from engine.db import db
from engine.models import DefinitionVersion, Instance
from engine.timer_events import is_literal
from engine.xml_safety import parse_safely
from processes.errors import InvalidInput, NotFound
from processes.form_subset import check_form, problem

log = logging.getLogger(__name__)
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
CAMUNDA = "{http://camunda.org/schema/1.0/bpmn}"
OPEN_STATUSES = ("running", "waiting", "suspended", "error")
FORM_KEY = re.compile(r"^[a-z][a-z0-9_]{0,80}$")
TIMER_TAGS = ("timeDate", "timeDuration", "timeCycle")


class FormRefused(InvalidInput):
    """A form definition was not saved; `problems` say where and why."""

    code = "form_refused"

    def __init__(self, message: str, problems: list[dict], **details: object) -> None:
        super().__init__(message, fields=sorted({p["path"] for p in problems}), **details)
        self.problems = problems


@dataclass(frozen=True)
class FormUse:
    """A user task of a deployed version that shows the form."""

    process: str
    version: int
    element: str
    name: str


@dataclass(frozen=True)
class FieldReader:
    """An expression of a deployed version that reads a case-data name."""

    process: str
    version: int
    element: str
    kind: str
    text: str


def form_keys(forms_dir: Path) -> list[str]:
    """Return the keys of every form in the folder."""
    return sorted(path.stem for path in Path(forms_dir).glob("*.json") if FORM_KEY.match(path.stem))


def read_form(forms_dir: Path, key: str) -> dict:
    """Return a form's definition as stored, or raise NotFound."""
    path = Path(forms_dir) / f"{key}.json"
    if not FORM_KEY.match(key or "") or not path.is_file():
        raise NotFound("There is no form '%(form)s'.", form=key)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InvalidInput("The form '%(form)s' is not valid JSON: %(reason)s", fields=["definition"], form=key,
                           reason=str(exc)) from exc


@dataclass(frozen=True)
class FormSummary:
    """A form as the editor lists it."""

    key: str
    definition: dict
    uses: list[FormUse]
    problems: list[dict]


def list_forms(forms_dir: Path) -> list[FormSummary]:
    """Return every form with the deployed user tasks that show it and what keeps it out of the subset."""
    summaries = []
    for key in form_keys(forms_dir):
        try:
            definition = read_form(forms_dir, key)
        except InvalidInput as exc:
            summaries.append(FormSummary(key, {}, form_usage(key), [problem("", "not_json", exc.message)]))
            continue
        summaries.append(FormSummary(key, definition, form_usage(key), check_form(definition)))
    return summaries


def form_details(forms_dir: Path, key: str) -> tuple[dict, list[FormUse], dict[str, list[FieldReader]]]:
    """Return a form's definition, where it is shown, and what reads each of its fields."""
    definition = read_form(forms_dir, key)
    return definition, form_usage(key), field_readers(key, list(definition.get("properties", {})))


def _deployed_versions() -> list[DefinitionVersion]:
    newest = select(func.max(DefinitionVersion.id)).group_by(DefinitionVersion.process)
    running = select(Instance.definition_id).where(Instance.status.in_(OPEN_STATUSES))
    query = select(DefinitionVersion).where(DefinitionVersion.id.in_(newest) | DefinitionVersion.id.in_(running))
    return list(db.session.scalars(query.order_by(DefinitionVersion.process, DefinitionVersion.version)))


def _roots(version: DefinitionVersion) -> list[etree._Element]:
    return [_parsed(version.content_hash, file, text) for file, text in sorted(version.sources.items())]


@lru_cache(maxsize=128)
def _parsed(_content_hash: str, _file: str, text: str) -> etree._Element:
    # Deployed versions never change: parse each file once; callers only read the tree.
    return parse_safely(text.encode("utf-8"))


def form_usage(key: str) -> list[FormUse]:
    """Return the user tasks of deployed versions that show this form."""
    uses = []
    for version in _deployed_versions():
        for root in _roots(version):
            for task in root.iter(f"{BPMN}userTask"):
                if task.get(f"{CAMUNDA}formKey") == key:
                    uses.append(FormUse(version.process, version.version, task.get("id"), task.get("name") or ""))
    return uses


def _expressions(root: etree._Element):
    for node in root.iter(f"{BPMN}conditionExpression"):
        yield node.getparent(), "condition", node.text or "", "eval"
    for node in root.iter(f"{BPMN}script"):
        yield node.getparent(), "script", node.text or "", "exec"
    for tag in TIMER_TAGS:
        for node in root.iter(f"{BPMN}{tag}"):
            if not is_literal(node.text or ""):
                yield node.getparent().getparent(), "timer", node.text or "", "eval"
    for node in root.iter(f"{CAMUNDA}property"):
        owner = next((a for a in node.iterancestors() if a.get("id")), node)
        yield owner, f"property {node.get('name')}", node.get("value") or "", "eval"


def _names_read(text: str, mode: str) -> set[str]:
    try:
        tree = ast.parse(text.strip(), mode=mode)
    except SyntaxError:
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def field_readers(key: str, fields: list[str]) -> dict[str, list[FieldReader]]:
    """Return, per field, the expressions of deployed versions showing this form that read it."""
    wanted = set(fields)
    readers: dict[str, list[FieldReader]] = {name: [] for name in fields}
    for version in _deployed_versions():
        roots = _roots(version)
        if not any(t.get(f"{CAMUNDA}formKey") == key for r in roots for t in r.iter(f"{BPMN}userTask")):
            continue
        for root in roots:
            for owner, kind, text, mode in _expressions(root):
                for name in _names_read(text, mode) & wanted:
                    readers[name].append(FieldReader(version.process, version.version, owner.get("id") or "",
                                                     kind, " ".join(text.split())))
    return readers


def _breaking_changes(key: str, old: dict, new: dict) -> list[dict]:
    before, after = old.get("properties", {}), new.get("properties", {})
    touched = [name for name in before if name not in after or after[name].get("type") != before[name].get("type")]
    problems = []
    for name, readers in field_readers(key, touched).items():
        for reader in readers:
            change = "removed" if name not in after else "type_changed"
            problems.append(problem(
                f"properties.{name}", f"field_{change}",
                f"field {name!r} is read by the {reader.kind} of {reader.element!r} in {reader.process} "
                f"version {reader.version}", field=name, kind=reader.kind, element=reader.element,
                process=reader.process, version=reader.version))
    return problems


def save_form(forms_dir: Path, key: str, definition: Any, actor: str, *, new: bool = False) -> dict:
    """Write a form's definition to its file after every check; return what was written."""
    path = Path(forms_dir) / f"{key}.json"
    if not FORM_KEY.match(key or ""):
        raise FormRefused("The form's name is not allowed.",
                          [problem("key", "form_key", "a form's name is snake_case: a-z, 0-9 and _")])
    if new and path.exists():
        raise FormRefused("A form of that name exists.", [problem("key", "form_exists", "the form exists")])
    old = {} if new else read_form(forms_dir, key)
    problems = check_form(definition) or _breaking_changes(key, old, definition)
    if problems:
        raise FormRefused("The form was not saved: %(listed)s", problems,
                          listed="; ".join(p["message"] for p in problems))
    before = path.stat().st_mtime_ns if path.exists() else None
    temporary = path.with_name(f".{key}.json.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(definition, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    if before is not None and path.stat().st_mtime_ns <= before:
        # The engine re-reads a form when its file's time changes; a coarse clock must not hide a save.
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))
    log.info("form %s saved by %s", key, actor)
    return definition
