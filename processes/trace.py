"""The regulation traced: which element, rule or screen carries each obligation of Art. 17–47."""
from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path

TRACE_FILE = Path(__file__).resolve().parent / "trace.json"


@dataclass(frozen=True)
class Carrier:
    """One thing that carries an obligation, and whether it is really there."""

    kind: str  # element, rule, screen, outside
    label: str
    target: str
    exists: bool
    reason: dict | None = None


@dataclass(frozen=True)
class Obligation:
    article: int
    paragraph: int
    text: dict
    carriers: list[Carrier]


def load_trace() -> list[dict]:
    """Read the map as it is kept in the repository."""
    return json.loads(TRACE_FILE.read_text(encoding="utf-8"))


def _rule_exists(module: str, name: str) -> bool:
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False


def _carrier(raw: dict, element_ids: dict[str, set[str]], screens: set[str]) -> Carrier:
    kind = raw["kind"]
    if kind == "element":
        return Carrier(kind, f"{raw['file']} · {raw['id']}", raw["file"],
                       raw["id"] in element_ids.get(raw["file"], set()))
    if kind == "rule":
        return Carrier(kind, f"{raw['module']}.{raw['name']}", raw["module"], _rule_exists(raw["module"], raw["name"]))
    if kind == "screen":
        return Carrier(kind, raw["path"], raw["path"], raw["path"] in screens)
    return Carrier(kind, "", "", True, reason=raw.get("reason"))


def traced_obligations(element_ids: dict[str, set[str]], screens: set[str]) -> list[Obligation]:
    """Return every obligation with its carriers, each checked against the diagrams, code and screens."""
    return [Obligation(entry["article"], entry["paragraph"], entry["obligation"],
                       [_carrier(raw, element_ids, screens) for raw in entry["carried_by"]])
            for entry in sorted(load_trace(), key=lambda e: (e["article"], e["paragraph"]))]
