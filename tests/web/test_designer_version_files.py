"""The studio's version diff, file by file: a changed called process has its own tab, diagrams and changes.

A version holds the copies of the processes its process calls: a changed child.bpmn gives `parent`
a new version whose own file did not change. The diff must show what changed in the child.
"""
from __future__ import annotations

import json
import re

from engine import db
from engine.definitions import deploy
from tests.engine.conftest import HERE
from tests.web.test_designer_setup import app_fixture, sign_in  # noqa: F401  (the app, on both databases)

PARENT = (HERE / "diagrams" / "parent.bpmn").read_text()
CHILD = (HERE / "diagrams" / "child.bpmn").read_text()


def _deploy(app, files: dict[str, str]) -> int:
    """Deploy files and return the version `parent` got."""
    with app.app_context():
        (parent,) = [row for row in deploy({name: text.encode() for name, text in files.items()}, "designer").deployed
                     if row.process == "parent"]
        db.session.commit()
        return parent.version


def _config(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="diff-config">(.*?)</script>', page,
                                re.DOTALL).group(1))


def _section(page: str, file: str) -> str:
    return re.search(rf'<section class="card xf-file-changes"[^>]*data-tab-file="{re.escape(file)}".*?</section>',
                     page, re.DOTALL).group(0)


def test_a_changed_called_process_has_its_tab_its_diagrams_and_its_changes(app, client):
    first = _deploy(app, {"parent.bpmn": PARENT, "child.bpmn": CHILD})
    second = _deploy(app, {"child.bpmn": CHILD.replace('name="Inside child"', 'name="Inside, anew"')})
    sign_in(client, "designer")

    page = client.get(f"/designer/processes/parent/diff?from={first}&to={second}").get_data(as_text=True)

    assert re.findall(r'role="tab"[^>]*data-file="([^"]+)"', page) == ["parent.bpmn", "child.bpmn"]
    tabs = re.findall(r'<button type="button" role="tab".*?</button>', page, re.DOTALL)
    assert "(own process)" in tabs[0] and "differences" not in tabs[0]
    assert "differences: 1" in tabs[1]
    child = _section(page, "child.bpmn")
    assert 'data-element="inside"' in child and "<del>Inside child</del> → <ins>Inside, anew</ins>" in child
    assert "Both versions hold this process alike." in _section(page, "parent.bpmn")
    drawn = {diagram["file"]: diagram for diagram in _config(page)["diagrams"]}
    assert list(drawn) == ["parent.bpmn", "child.bpmn"]
    assert "Inside child" in drawn["child.bpmn"]["old"] and "Inside, anew" in drawn["child.bpmn"]["new"]
    assert drawn["child.bpmn"]["changes"] == [{"element": "inside", "kind": "changed", "side": "new"}]
    assert "Changed: 1" in page and 'id="quiet-files"' not in page

    sign_in(client, "designer", lang="zh_CN")
    page = client.get(f"/designer/processes/parent/diff?from={first}&to={second}").get_data(as_text=True)
    assert "差异 1 处" in page and "（本流程）" in page and "两个版本中该流程相同。" in page


def test_a_called_process_both_versions_hold_alike_is_named_but_not_drawn(app, client):
    first = _deploy(app, {"parent.bpmn": PARENT, "child.bpmn": CHILD})
    second = _deploy(app, {"parent.bpmn": PARENT.replace('name="After child"', 'name="Then"')})
    sign_in(client, "designer")

    page = client.get(f"/designer/processes/parent/diff?from={first}&to={second}").get_data(as_text=True)

    assert [diagram["file"] for diagram in _config(page)["diagrams"]] == ["parent.bpmn"]
    assert 'role="tab"' not in page and 'data-tab-file="child.bpmn"' not in page
    assert re.search(r'id="quiet-files">Called processes that both versions hold alike \(not drawn\): child<', page)
    assert "<del>After child</del> → <ins>Then</ins>" in _section(page, "parent.bpmn")


def test_a_called_process_only_the_newer_version_calls_is_drawn_as_absent_from_the_older(app, client):
    first = _deploy(app, {"parent.bpmn": PARENT.replace('calledElement="child"', 'calledElement="other"'),
                          "other.bpmn": CHILD.replace('id="child"', 'id="other"')})
    second = _deploy(app, {"parent.bpmn": PARENT, "child.bpmn": CHILD})
    sign_in(client, "designer")

    page = client.get(f"/designer/processes/parent/diff?from={first}&to={second}").get_data(as_text=True)

    drawn = {diagram["file"]: diagram for diagram in _config(page)["diagrams"]}
    assert list(drawn) == ["parent.bpmn", "child.bpmn", "other.bpmn"]
    assert drawn["child.bpmn"]["old"] is None and drawn["other.bpmn"]["new"] is None
    assert {change["kind"] for change in drawn["child.bpmn"]["changes"]} == {"added"}
    assert _config(page)["labels"]["absent"] == "This version has no such process."
