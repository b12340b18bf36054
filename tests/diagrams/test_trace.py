"""processes/trace.json maps every obligation of Art. 17-47 to what carries it: a diagram element that
exists, a rule of processes/, a screen, or a stated reason why it lies outside the system."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
TRACE = json.loads((ROOT / "processes" / "trace.json").read_text(encoding="utf-8"))
RULES = {
    ("processes.periods", "statutory_deadline"),
    ("processes.same_matter", "find_same_matter"),
    ("processes.organs", "suggest_route"),
    ("processes.documents", "issue_document"),
    ("processes.petitions", "submit_petition"),
    ("processes.supervision_requests", "request_supervision"),
}
KINDS = {"element", "rule", "screen", "outside"}


def _ids(path: Path) -> set[str]:
    return {el.get("id") for el in etree.parse(str(path)).getroot().iter() if el.get("id")}


IDS = {path.name: _ids(path) for path in sorted((ROOT / "bpmn").glob("*.bpmn"))}


def _bilingual(text) -> bool:
    return isinstance(text, dict) and bool(str(text.get("zh", "")).strip()) and bool(str(text.get("en", "")).strip())


def test_every_article_17_to_47_is_traced():
    assert sorted({entry["article"] for entry in TRACE}) == list(range(17, 48))


@pytest.mark.parametrize("entry", TRACE, ids=lambda e: f"art{e['article']}-{e['paragraph']}")
def test_obligation_is_carried(entry):
    assert isinstance(entry["article"], int) and 17 <= entry["article"] <= 47
    assert isinstance(entry["paragraph"], int) and entry["paragraph"] >= 1
    assert _bilingual(entry["obligation"])
    assert entry["carried_by"], "an obligation nothing carries"
    for carrier in entry["carried_by"]:
        assert carrier["kind"] in KINDS
        if carrier["kind"] == "element":
            assert carrier["file"] in IDS, f"no diagram {carrier['file']}"
            assert carrier["id"] in IDS[carrier["file"]], f"{carrier['file']} has no element {carrier['id']}"
        elif carrier["kind"] == "rule":
            assert (carrier["module"], carrier["name"]) in RULES
        elif carrier["kind"] == "screen":
            assert carrier["path"].startswith("/")
        else:
            assert _bilingual(carrier["reason"])


def test_every_diagram_carries_something():
    named = {carrier["file"] for entry in TRACE for carrier in entry["carried_by"] if carrier["kind"] == "element"}
    assert named == set(IDS)
