"""The migration's table of where a case stands lists what a person knows, named as the console names steps.

The engine keeps live tasks of its own beside the people's steps (the joins after a call's boundary
events and before a process ends, events waiting to catch an escalation); on the demo's petitions,
with a changed review.bpmn deployed, the table and the diagrams' badges leave them out.
"""
from __future__ import annotations

import pytest

from engine.migration import check_migration
from engine.models import Instance
from processes.petitions.models import Petition
from tests.browser.changed_review import deploy_changed_review
from tests.diagrams import conftest as diagrams
from tests.web.admin.test_admin_migration import _drawn, _rows
from tests.web.admin_client import sign_in

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL

ENGINE_OWN = ("Join", "Split", "Start", "Root", "End", "_caught")


@pytest.fixture
def demo(app, client) -> dict[str, object]:
    """The demo's cases, petition's version with a changed review.bpmn, and the administrator signed in."""
    from engine import db
    from processes.demo import load_demo

    with app.app_context():
        load_demo()
        db.session.commit()
    version = deploy_changed_review(app)
    with app.app_context():
        running = [row.id for row in Instance.query.filter_by(process="petition").order_by(Instance.id)
                   if row.status not in ("completed", "terminated")]
        (review,) = [int(row.instance_id) for row in Petition.query.filter_by(stage="review")]
        internal = {instance_id: [entry["element"] for entry in check_migration(instance_id, version).standing
                                  if "." in entry["element"] or entry["element"].endswith("_caught")]
                    for instance_id in running}
    sign_in(client)
    return {"version": version, "running": running, "review": review, "internal": internal}


def _standing(client, instance_id: int, version: int, lang: str = "zh_CN") -> tuple[list[str], list[dict]]:
    page = client.get(f"/admin/instances/{instance_id}/migration?version={version}&lang={lang}")
    assert page.status_code == 200
    html = page.data.decode()
    return _rows(html, "standing")[1:], _drawn(html)


def test_the_table_and_the_badges_leave_out_the_engine_s_own_steps(client, demo):
    # The engine stands on its own joins and catching events in most of the demo's cases.
    assert sum(bool(found) for found in demo["internal"].values()) >= 5
    assert any(element.endswith(".EndJoin") for found in demo["internal"].values() for element in found)
    assert any(element.endswith(".BoundaryEventJoin") for found in demo["internal"].values() for element in found)
    for instance_id in demo["running"]:
        rows, drawn = _standing(client, instance_id, demo["version"])
        assert rows and not [row for row in rows if any(word in row for word in ENGINE_OWN)], rows
        assert not [entry for diagram in drawn for entry in diagram["standing"]
                    if entry["element"] in demo["internal"][instance_id]]


def test_the_case_under_review_shows_its_steps_timers_call_and_sub_process_by_name(client, demo):
    rows, drawn = _standing(client, demo["review"], demo["version"])
    number = rows[0].split()[1]
    assert rows == [
        f"#{demo['review']} {number} 可迁移 评价办理情况 evaluate 待办任务 相同元素",
        "评价期届满 evaluation_window 等待中的定时器 相同元素",
        "复查 call_review 等待中 相同元素",
        "复查（30日内） review_within_limit (复查) 等待中 相同元素",
        "复查期限届满 review_limit (复查) 等待中的定时器 相同元素",
        "审查并提出复查意见 review_matter (复查（30日内）) 待办任务 相同元素，已修改"]
    assert [[entry["element"] for entry in diagram["standing"]] for diagram in drawn] == [
        ["review_within_limit", "review_limit", "review_matter"], ["evaluate", "evaluation_window", "call_review"]]

    rows, drawn = _standing(client, demo["review"], demo["version"], "en")
    assert rows[0].endswith("can move Evaluate the handling evaluate Task waiting to be done same element")
    assert rows[1:] == [
        "Time limit of Art. 21 evaluation_window Waiting timer same element",
        "Review call_review Waiting same element",
        "Review review_within_limit (Review) Waiting same element",
        "Time limit of Art. 35, 45 review_limit (Review) Waiting timer same element",
        "Review opinion review_matter (Review) Task waiting to be done same element, changed"]
    assert drawn[0]["standing"][2]["title"] == "Review opinion"
