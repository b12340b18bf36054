"""Drafts of diagrams a designer is still working on: one per file, never run, never versioned.

A draft holds whatever the modeller saved, even a diagram that would not deploy yet; it must
only be safe XML (no DOCTYPE, no entities), no larger than a deployable diagram, and hold a
process: a file without one (an empty BPMN file, pools alone) has nothing a modeller can show.
Deploying the file's content removes its draft.
"""
from __future__ import annotations

import re
from datetime import datetime

from lxml import etree
from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from .clock import current_clock
from .db import UtcDateTime, db
from .definitions import file_problem, latest_sources, too_large, unreadable
from .errors import DeployError, NotFound
from .models import DefinitionVersion
from .xml_safety import parse_safely

FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,150}\.bpmn$")
BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DMN_NS = re.compile(r"^\{https?://www\.omg\.org/spec/DMN/")


class DiagramDraft(db.Model):
    """The unfinished text of one `.bpmn` file, as its designer last saved it."""

    __tablename__ = "diagram_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    file: Mapped[str] = mapped_column(String(160), unique=True)
    xml: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_by: Mapped[str] = mapped_column(String(200))


def check_file_name(file: str) -> str:
    """Return the file name if it is a plain `name.bpmn`, else raise DeployError."""
    if not FILE_NAME.match(file or ""):
        raise DeployError("a diagram's file name is letters, digits, '_', '-' or '.', ending in .bpmn",
                          [file_problem(file or "-", "file_name")])
    return file


def check_xml(file: str, content: bytes) -> etree._Element:
    """Parse a diagram's text safely and within the size limit, or raise DeployError."""
    oversized = too_large(content)
    if oversized:
        found = file_problem(file, "too_large", **oversized)
    elif not content.strip():
        found = file_problem(file, "empty")
    else:
        try:
            root = parse_safely(content)
        except (etree.LxmlError, ValueError) as exc:
            found = unreadable(file, exc)
        else:
            if root.tag == f"{{{BPMN_NS}}}definitions":
                return root
            found = file_problem(file, "dmn" if DMN_NS.match(str(root.tag)) else "not_bpmn")
    raise _refused(file, found)


def _refused(file: str, found: dict) -> DeployError:
    return DeployError("the diagram %(file)s was not accepted: %(reason)s", [found], file=file, reason=found["message"])


def check_diagram(file: str, content: bytes) -> etree._Element:
    """Parse a diagram's text as check_xml does and make sure it holds a process, or raise DeployError."""
    root = check_xml(file, content)
    if root.find(f"{{{BPMN_NS}}}process") is None:
        pools = root.find(f"{{{BPMN_NS}}}collaboration") is not None
        raise _refused(file, file_problem(file, "only_collaboration" if pools else "holds_no_process"))
    return root


def save_draft(file: str, xml: bytes, actor: str) -> DiagramDraft:
    """Keep the designer's current text of a file, replacing its earlier draft."""
    check_file_name(file)
    root = check_diagram(file, xml)
    try:
        text = xml.decode("utf-8")
    except UnicodeDecodeError:  # another encoding, declared in the file: keep the same tree as UTF-8
        text = '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode")
    draft = db.session.scalars(select(DiagramDraft).where(DiagramDraft.file == file)).first()
    if draft is None:
        draft = DiagramDraft(file=file)
        db.session.add(draft)
    draft.xml, draft.updated_at, draft.updated_by = text, current_clock().now(), actor
    db.session.flush()
    return draft


def find_draft(file: str) -> DiagramDraft | None:
    """Return the draft of a file, if there is one."""
    return db.session.scalars(select(DiagramDraft).where(DiagramDraft.file == file)).first()


def list_drafts() -> list[DiagramDraft]:
    """Return every draft, most recently saved first."""
    return list(db.session.scalars(select(DiagramDraft).order_by(DiagramDraft.updated_at.desc())))


def discard_draft(file: str) -> bool:
    """Remove a file's draft; tell whether there was one."""
    draft = find_draft(file)
    if draft is None:
        return False
    db.session.delete(draft)
    db.session.flush()
    return True


def process_ids(xml: bytes | str) -> list[str]:
    """Return the ids of the processes a diagram's text defines, in document order."""
    content = xml.encode("utf-8") if isinstance(xml, str) else xml
    root = parse_safely(content)
    return [node.get("id") for node in root.iter(f"{{{BPMN_NS}}}process") if node.get("id")]


def file_of(version: DefinitionVersion) -> str:
    """Return the file of a deployed version that holds its own process (not a called one)."""
    for name, text in sorted(version.sources.items()):
        if version.process in process_ids(text):
            return name
    raise NotFound("process '%(process)s' is in none of its version's files", process=version.process)


def diagram_text(file: str, version: DefinitionVersion | None = None) -> tuple[str, str]:
    """Return (text, origin) of a file: the given version's, else its draft, else the newest deployed."""
    if version is not None:
        if file not in version.sources:
            raise NotFound("version %(version)s of '%(process)s' has no file '%(file)s'", version=version.version,
                           process=version.process, file=file)
        return version.sources[file], "version"
    draft = find_draft(file)
    if draft is not None:
        return draft.xml, "draft"
    deployed = latest_sources()
    if file not in deployed:
        raise NotFound("no diagram is called '%(file)s'", file=file)
    return deployed[file].decode("utf-8"), "deployed"
