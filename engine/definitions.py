"""Parse, check and deploy diagrams as versions identified by their content."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import undefer

from .clock import current_clock
from .db import db
from .diagram_rules import check_rules
from .errors import NotFound, nothing_deployed
from .loaded_rows import LoadedRead
from .models import DefinitionVersion, is_row_id
from .parsing import EngineParser
from .prepared import Prepared
from .settings import current_engine
from .xml_safety import ForbiddenDeclaration, parse_safely

MAX_DIAGRAM_BYTES = 2 * 1024 * 1024


@dataclass
class DeployResult:
    """What a deploy did, per process: a new version, or nothing because nothing changed."""

    deployed: list[DefinitionVersion] = field(default_factory=list)
    unchanged: list[DefinitionVersion] = field(default_factory=list)


def read_directory(directory: Path) -> dict[str, bytes]:
    """Read every `*.bpmn` file of a folder."""
    return {path.name: path.read_bytes() for path in sorted(Path(directory).glob("*.bpmn"))}


def _problem(file: str, element: str | None, message: str) -> dict:
    return {"file": file, "element": element, "message": message}


# What can be wrong with a diagram's file before its BPMN is read: a code and the values a reader's
# language needs (the designer's pages say each from them), beside the English message.
FILE_PROBLEMS = {
    "not_utf8": "the file is not UTF-8 encoded; save it as UTF-8",
    "too_large": "larger than %(kb)s KB",
    "unreadable": "not a readable BPMN file: %(reason)s",
    "malformed_xml": "not a readable BPMN file: its XML breaks at line %(line)s, column %(column)s (%(reason)s)",
    "declaration": "a DOCTYPE or entity declaration is not allowed in a diagram",
    "empty": "the file is empty",
    "dmn": "a DMN decision file, not a BPMN diagram",
    "not_bpmn": "not a BPMN 2.0 file (its root is not bpmn:definitions)",
    "holds_no_process": "the file holds no process (bpmn:process)",
    "only_collaboration": "the file holds pools (a collaboration) but no process (bpmn:process)",
    "no_process": "no executable process found",
    "file_name": "file name not allowed",
}


def file_problem(file: str, code: str, **params: object) -> dict:
    """Return a finding about a diagram's file as a whole (FILE_PROBLEMS)."""
    return {**_problem(file, None, FILE_PROBLEMS[code] % params), "code": code, "params": params}


def unreadable(file: str, exc: Exception) -> dict:
    """Return the finding for a file whose XML could not be read: where it breaks, when the parser says."""
    if isinstance(exc, ForbiddenDeclaration):
        return file_problem(file, "declaration")
    if isinstance(exc, etree.XMLSyntaxError) and exc.lineno:
        return file_problem(file, "malformed_xml", line=exc.lineno, column=exc.position[1], reason=exc.msg)
    return file_problem(file, "unreadable", reason=str(exc))


def too_large(content: bytes) -> dict | None:
    """Return the params of a too_large finding if the content is over the limit, else None."""
    return {"kb": MAX_DIAGRAM_BYTES // 1024} if len(content) > MAX_DIAGRAM_BYTES else None


def _invalid(exc: ValidationException, file: str) -> dict:
    message = str(exc.args[0]) if exc.args else str(exc)
    return _problem(exc.file_name or file, getattr(exc, "id", None) or None, message)


def parse_sources(sources: dict[str, bytes], forms_dir: Path | None = None) -> dict[str, dict]:
    """Parse and check files; return, per process id, the file it lives in and what it calls."""
    problems: list[dict] = []
    parser = EngineParser()
    process_file: dict[str, str] = {}
    for name, content in sources.items():
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(file_problem(name, "not_utf8"))
            continue
        oversized = too_large(content)
        if oversized:
            problems.append(file_problem(name, "too_large", **oversized))
            continue
        try:
            tree = parse_safely(content)
            parser.add_bpmn_xml(etree.ElementTree(tree), filename=name)
        except ValidationException as exc:
            problems.append(_invalid(exc, name))
            continue
        except (etree.LxmlError, ValueError) as exc:
            problems.append(unreadable(name, exc))
            continue
        for process_id in parser.process_parsers:
            process_file.setdefault(process_id, name)
    if not problems and not process_file:
        problems.append(file_problem(", ".join(sources) or "-", "no_process"))
    parsed: dict[str, dict] = {}
    for process_id, name in process_file.items():
        if not parser.process_parsers[process_id].process_executable:
            continue
        try:
            spec = parser.get_spec(process_id)
            subprocesses = parser.get_subprocess_specs(process_id)
        except ValidationException as exc:
            problems.append(_invalid(exc, name))
            continue
        except Exception as exc:  # SpiffWorkflow signals a missing called process with KeyError etc.
            problems.append(_problem(name, None, f"cannot be built: {exc}"))
            continue
        problems.extend(check_rules(name, spec, subprocesses, forms_dir))
        called = {parser.process_parsers[sub].filename for sub in subprocesses if sub in parser.process_parsers}
        parsed[process_id] = {"file": name, "files": sorted({name, *called}), "name": spec.description or process_id}
    if problems:
        raise nothing_deployed(problems)
    return parsed


def _hash(sources: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + sources[name].encode() + b"\0")
    return digest.hexdigest()


def deploy(sources: dict[str, bytes], actor: str) -> DeployResult:
    """Deploy files: a changed process gets a new version, an unchanged one is left alone.

    The newest deployed files stand beside the uploaded ones, so a single uploaded file that
    calls a process from another file still resolves.
    """
    everything = {**latest_sources(), **sources}
    parsed = parse_sources(everything, current_engine().forms_dir)
    now = current_clock().now()
    result = DeployResult()
    for process_id, info in sorted(parsed.items()):
        if info["file"] not in sources and not set(info["files"]) & set(sources):
            continue
        texts = {name: everything[name].decode("utf-8") for name in info["files"]}
        content_hash = _hash(texts)
        latest = latest_version(process_id)
        if latest is not None and latest.content_hash == content_hash:
            result.unchanged.append(latest)
            continue
        row = DefinitionVersion(process=process_id, version=(latest.version if latest else 0) + 1,
                                name=info["name"], content_hash=content_hash, sources=texts,
                                deployed_at=now, deployed_by=actor)
        db.session.add(row)
        result.deployed.append(row)
    db.session.flush()
    return result


def source_of(row: DefinitionVersion, process: str) -> str | None:
    """Return the BPMN XML of the file of a version that holds `process`: a process (called ones
    included) or an embedded sub-process, which runs as a process of its own."""
    pattern = re.compile(rf'<(?:[\w-]+:)?(?:process|subProcess)\b[^>]*\bid="{re.escape(process)}"')
    return next((text for text in row.sources.values() if pattern.search(text)), None)


_versions = DefinitionVersion.__table__
_LATEST = LoadedRead(DefinitionVersion, select(*(column for column in _versions.columns if column.key != "sources"))
                     .where(_versions.c.process == bindparam("process"))
                     .order_by(_versions.c.version.desc()).limit(1))  # read by every start


def latest_version(process: str) -> DefinitionVersion | None:
    """Return the newest version of a process, if any (its sources are read when used)."""
    return _LATEST.first({"process": process})


def get_version(definition_id: int) -> DefinitionVersion:
    """Return one version or raise NotFound."""
    row = db.session.get(DefinitionVersion, definition_id) if is_row_id(definition_id) else None
    if row is None:
        raise NotFound("definition %(definition)s does not exist", definition=definition_id)
    return row


def find_version(process: str, version: int | None = None) -> DefinitionVersion:
    """Return the given (or newest) version of a process or raise NotFound."""
    if version is None:
        row = latest_version(process)
    elif not is_row_id(version):
        row = None  # no version has such a number
    else:
        row = db.session.scalars(select(DefinitionVersion).where(
            DefinitionVersion.process == process, DefinitionVersion.version == version)).first()
    if row is None:
        if version:
            raise NotFound("version %(version)s of process '%(process)s' is not deployed", process=process,
                           version=version)
        raise NotFound("process '%(process)s' is not deployed", process=process)
    return row


def list_versions(process: str | None = None) -> list[DefinitionVersion]:
    """Return every deployed version, newest first within each process."""
    query = select(DefinitionVersion).options(undefer(DefinitionVersion.sources)).order_by(
        DefinitionVersion.process, DefinitionVersion.version.desc())
    if process:
        query = query.where(DefinitionVersion.process == process)
    return list(db.session.scalars(query))


def latest_sources() -> dict[str, bytes]:
    """Return the newest deployed text of every file, for resolving calls across files."""
    newest = select(DefinitionVersion.process, func.max(DefinitionVersion.version).label("v")).group_by(
        DefinitionVersion.process).subquery()
    rows = db.session.scalars(select(DefinitionVersion).options(undefer(DefinitionVersion.sources)).join(
        newest, (DefinitionVersion.process == newest.c.process) & (DefinitionVersion.version == newest.c.v)))
    files: dict[str, bytes] = {}
    for row in rows:
        for name, text in row.sources.items():
            files.setdefault(name, text.encode("utf-8"))
    return files


_parsed: dict[tuple[str, str], tuple] = {}


def specs_for(row: DefinitionVersion):
    """Return the (spec, subprocess specs) of a version, parsed once per process and content."""
    key = (row.content_hash, row.process)
    if key not in _parsed:
        parser = EngineParser()
        for name, text in sorted(row.sources.items()):
            parser.add_bpmn_xml(etree.ElementTree(parse_safely(text.encode("utf-8"))), filename=name)
        _parsed[key] = (parser.get_spec(row.process), parser.get_subprocess_specs(row.process))
    return _parsed[key]


# What tells a version's parsed specs apart: its content and process (a prepared read, once a step
# that rebuilds a workflow; a version never changes once deployed, but ids are the database's).
SPECS_KEY_COLUMNS = (_versions.c.content_hash, _versions.c.process)
_SPECS_KEY = Prepared(select(*SPECS_KEY_COLUMNS).where(_versions.c.id == bindparam("definition")))


def specs_by_id(definition_id: int):
    """Return the specs of a version by id, reading only its content hash when already parsed."""
    found = _SPECS_KEY.rows({"definition": definition_id})
    if not found:
        raise NotFound("definition %(definition)s does not exist", definition=definition_id)
    return specs_by_key(definition_id, *found[0])


def specs_by_key(definition_id: int, content_hash: str, process: str):
    """Return the specs of a version whose content hash and process were read with another row."""
    cached = _parsed.get((content_hash, process))
    return cached if cached is not None else specs_for(get_version(definition_id))


def element_texts(row: DefinitionVersion) -> dict[str, dict[str, str]]:
    """Return, per BPMN element id of a version (called processes included), its name and documentation."""
    spec, subprocesses = specs_for(row)
    texts: dict[str, dict[str, str]] = {}
    for process_spec in (spec, *subprocesses.values()):
        for task_spec in process_spec.task_specs.values():
            element = getattr(task_spec, "bpmn_id", None)
            if element:
                texts.setdefault(element, {"name": task_spec.bpmn_name or "",
                                           "documentation": getattr(task_spec, "documentation", None) or "",
                                           "process": process_spec.name})
    return texts
