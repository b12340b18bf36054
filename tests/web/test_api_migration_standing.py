"""The API's migration preview lists where a case stands as the console does: the places a person knows.

On the demo's petitions, with a changed review.bpmn deployed, the engine stands on its own joins and
catching events in most cases; the API leaves them out of `standing` and of each diagram's badges,
and names what it lists, with the procedure it lies in.
"""
from __future__ import annotations

from tests.web.admin import test_admin_migration_standing as console
from tests.web.conftest import bearer

ADMIN = bearer("admin")
app, demo = console.app, console.demo  # the real app with bpmn/ deployed, and the demo with review.bpmn changed


def _preview(client, instance_id: int, version: int) -> dict:
    response = client.get(f"/api/v1/instances/{instance_id}/migration?version={version}", headers=ADMIN)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_api_lists_the_steps_the_console_lists(client, demo):
    for instance_id in demo["running"]:
        preview = _preview(client, instance_id, demo["version"])
        listed = [entry["element"] for entry in preview["standing"]]
        assert listed and not set(listed) & set(demo["internal"][instance_id]), listed
        assert not [element for element in listed if element in ("Start", "Root")]
        _rows, drawn = console._standing(client, instance_id, demo["version"])
        assert {diagram["file"]: [entry["element"] for entry in diagram["standing"]] for diagram in drawn} == {
            diagram["file"]: [entry["element"] for entry in diagram["standing"]] for diagram in preview["diagrams"]}
        assert {entry["element"] for diagram in preview["diagrams"] for entry in diagram["standing"]} <= set(listed)


def test_the_api_names_each_step_and_the_procedure_it_lies_in(client, demo):
    preview = _preview(client, demo["review"], demo["version"])
    assert [(entry["element"], entry["name"], entry["procedure"], entry["kind"], entry["mapped"], entry["changed"])
            for entry in preview["standing"]] == [
        ("evaluate", "评价办理情况", "", "task", True, False),
        ("evaluation_window", "评价期届满", "", "timer", True, False),
        ("call_review", "复查", "", "waiting", True, False),
        ("review_within_limit", "复查（30日内）", "复查 Review", "waiting", True, False),
        ("review_limit", "复查期限届满", "复查 Review", "timer", True, False),
        ("review_matter", "审查并提出复查意见", "复查（30日内）", "task", True, True)]
    assert [[entry["element"] for entry in diagram["standing"]] for diagram in preview["diagrams"]
            if diagram["standing"]] == [
        ["review_within_limit", "review_limit", "review_matter"], ["evaluate", "evaluation_window", "call_review"]]


def test_the_openapi_document_describes_the_listed_steps(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    standing = schemas["Standing"]["properties"]
    assert {"element", "name", "procedure", "kind", "mapped", "changed"} <= set(standing)
    assert "procedure" in standing and "复查 Review" in standing["procedure"]["description"]
    assert "engine's own tasks" in schemas["MigrationPreview"]["properties"]["standing"]["description"]
