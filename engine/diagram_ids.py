"""The element ids of the diagram files in a folder, read as plain XML."""
from __future__ import annotations

from pathlib import Path

from .xml_safety import parse_safely


def element_ids_of_folder(folder: Path) -> dict[str, set[str]]:
    """Return, per `.bpmn` file of a folder, the ids of its elements."""
    found: dict[str, set[str]] = {}
    for path in sorted(Path(folder).glob("*.bpmn")):
        root = parse_safely(path.read_bytes())
        found[path.name] = {element.get("id") for element in root.iter() if element.get("id")}
    return found
