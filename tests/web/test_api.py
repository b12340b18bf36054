"""The REST API as a script or another system uses it: tokens, JSON, clear errors."""
from __future__ import annotations

import pytest

from tests.engine.conftest import HERE
from tests.web.conftest import bearer

ADMIN = bearer("admin")


def _start(client, key="k-1", organ="JN-QS-LX-RSJ"):
    response = client.post("/api/v1/instances", json={"process": "chain", "business_key": key,
                                                        "data": {"organ": organ}}, headers=ADMIN)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_openapi_document_lists_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert {"/api/v1/instances", "/api/v1/tasks/{task_id}/complete", "/api/v1/calendar/deadline",
            "/api/v1/clock"} <= set(spec["paths"])
    start = spec["paths"]["/api/v1/instances"]["post"]
    assert start["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/InstanceCreate")
    assert {"instance", "state", "page"} <= {p["name"] for p in spec["paths"]["/api/v1/tasks"]["get"]["parameters"]}
    # errors are documented as the API answers them
    assert set(spec["components"]["schemas"]["Error"]["properties"]) >= {"error", "message", "errors"}
    assert spec["components"]["schemas"]["Error"]["required"] == ["error", "message"]


def test_without_or_with_a_wrong_token_the_api_refuses(client):
    assert client.get("/api/v1/tasks").get_json()["error"] == "unauthorized"
    response = client.get("/api/v1/tasks", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401 and response.get_json()["error"] == "unauthorized"


def test_a_lifecycle_over_the_api(client):
    created = _start(client)
    assert created["status"] == "running" and created["active"] == ["step1"] and created["version"] == 1
    handler = bearer("handler")
    tasks = client.get(f"/api/v1/tasks?instance={created['id']}", headers=handler).get_json()
    assert [t["element"] for t in tasks] == ["step1"]
    task = client.get(f"/api/v1/tasks/{tasks[0]['id']}", headers=handler).get_json()
    assert task["form"]["properties"]["note"]["title"]["zh"] == "备注"
    bad = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"days": 40}}, headers=handler)
    assert bad.status_code == 422 and set(bad.get_json()["errors"]) == {"note", "days"}
    ok = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"note": "done"}}, headers=handler)
    assert ok.status_code == 200 and ok.get_json()["state"] == "completed"
    again = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"note": "x"}}, headers=handler)
    assert again.status_code == 409 and again.get_json()["error"] == "conflict"
    shown = client.get(f"/api/v1/instances/{created['id']}", headers=ADMIN).get_json()
    assert shown["data"]["note"] == "done" and shown["active"] == ["step2"]
    assert [h["event"] for h in shown["history"]] == ["started", "task_completed"]


def test_another_organs_task_is_refused(client):
    created = _start(client, organ="JN-QS-LX-ZRZYJ")
    task_id = client.get(f"/api/v1/tasks?instance={created['id']}", headers=ADMIN).get_json()[0]["id"]
    response = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"note": "x"}},
                           headers=bearer("handler"))
    assert response.status_code == 403
    assert client.get(f"/api/v1/tasks?instance={created['id']}", headers=bearer("handler")).get_json() == []


def test_instance_actions_and_their_refusals(client):
    created = _start(client)
    base = f"/api/v1/instances/{created['id']}"
    assert client.post(f"{base}/suspend", json={"reason": "check"}, headers=ADMIN).get_json()["status"] == "suspended"
    twice = client.post(f"{base}/suspend", json={}, headers=ADMIN)
    assert twice.status_code == 409 and twice.get_json()["error"] == "invalid_state"
    assert client.post(f"{base}/resume", json={}, headers=ADMIN).get_json()["status"] == "running"
    no_reason = client.post(f"{base}/terminate", json={}, headers=ADMIN)
    assert no_reason.status_code == 409
    done = client.post(f"{base}/terminate", json={"reason": "duplicate"}, headers=ADMIN).get_json()
    assert done["status"] == "terminated" and done["history"][-1]["reason"] == "duplicate"
    assert client.post(f"{base}/suspend", json={}, headers=bearer("handler")).status_code == 403
    assert client.get("/api/v1/instances/999999", headers=ADMIN).status_code == 404


def test_deploy_over_the_api_is_for_designers_and_refuses_broken_files(client):
    chain = (HERE / "diagrams" / "chain.bpmn").read_bytes()
    files = {"file": (__import__("io").BytesIO(chain.replace(b"Step two", b"Step 2")), "chain.bpmn")}
    assert client.post("/api/v1/definitions", data=files, headers=bearer("handler")).status_code == 403
    files = {"file": (__import__("io").BytesIO(chain.replace(b"Step two", b"Step 2")), "chain.bpmn")}
    ok = client.post("/api/v1/definitions", data=files, headers=bearer("designer"))
    assert ok.status_code == 201 and ok.get_json()["deployed"][0]["version"] == 2
    broken = {"file": (__import__("io").BytesIO(b"<bpmn:definitions"), "chain.bpmn")}
    refused = client.post("/api/v1/definitions", data=broken, headers=bearer("designer"))
    assert refused.status_code == 422 and refused.get_json()["problems"][0]["file"] == "chain.bpmn"
    versions = client.get("/api/v1/definitions?process=chain", headers=ADMIN).get_json()
    assert [v["version"] for v in versions] == [2, 1]


def test_calendar_deadline_counts_as_the_law_does(client):
    response = client.get("/api/v1/calendar/deadline?from=2026-09-20&days=15", headers=ADMIN).get_json()
    assert response["due_at"] == "2026-10-09T00:00:00+08:00" and response["provisional"] is False
    working = client.get("/api/v1/calendar/deadline?from=2026-09-29&days=5&kind=working", headers=ADMIN).get_json()
    assert working["last_day"] == "2026-10-12"
    ahead = client.get("/api/v1/calendar/deadline?from=2026-12-20&days=15", headers=ADMIN).get_json()
    assert ahead["provisional"] is True
    assert client.get("/api/v1/calendar/deadline?from=2026-13-01&days=1", headers=ADMIN).status_code == 422


def test_holidays_can_be_added_for_a_new_year(client):
    body = {"year": 2027, "days": [{"day": "2027-01-01", "working": False, "name": "元旦"}]}
    assert client.post("/api/v1/calendar/holidays", json=body, headers=bearer("handler")).status_code == 403
    assert client.post("/api/v1/calendar/holidays", json=body, headers=ADMIN).status_code == 201
    years = [y["year"] for y in client.get("/api/v1/calendar/holidays", headers=ADMIN).get_json()["years"]]
    assert 2027 in years
    wrong = {"year": 2027, "days": [{"day": "2028-01-01", "working": False}]}
    assert client.post("/api/v1/calendar/holidays", json=wrong, headers=ADMIN).status_code == 422


def test_the_simulated_clock_fires_due_timers(client):
    start = client.get("/api/v1/clock", headers=ADMIN).get_json()
    assert start["simulated"] is True
    case = client.post("/api/v1/instances", json={"process": "deadlines", "business_key": "clock-1",
                                                   "data": {"received_on": start["now"][:10]}}, headers=ADMIN)
    assert case.status_code == 201, case.get_json()
    moved = client.post("/api/v1/clock", json={"advance": "P16D"}, headers=ADMIN).get_json()
    assert moved["now"] > start["now"] and moved["fired"] >= 1  # the reminder and the limit, at least
    assert client.post("/api/v1/clock", json={"advance": "PT1H"}, headers=ADMIN).get_json()["fired"] == 0
    assert client.post("/api/v1/clock", json={"advance": "yesterday"}, headers=ADMIN).status_code == 422
    assert client.post("/api/v1/clock", json={"now": "2020-01-01T00:00:00+08:00"}, headers=ADMIN).status_code == 404


def test_migration_and_batches_over_the_api(client):
    first, second = _start(client, "m-1"), _start(client, "m-2")
    chain = (HERE / "diagrams" / "chain.bpmn").read_bytes()
    files = {"file": (__import__("io").BytesIO(chain.replace(b'id="step1"', b'id="first"')
                                                .replace(b'sourceRef="step1"', b'sourceRef="first"')
                                                .replace(b'targetRef="step1"', b'targetRef="first"')), "chain.bpmn")}
    assert client.post("/api/v1/definitions", data=files, headers=bearer("designer")).status_code == 201
    preview = client.get(f"/api/v1/instances/{first['id']}/migration", headers=ADMIN).get_json()
    assert (preview["from"]["version"], preview["to"]["version"], preview["possible"]) == (1, 2, False)
    assert {(c["kind"], c["element"]) for c in preview["changes"]} >= {("removed", "step1"), ("added", "first")}
    assert preview["standing"] == [{"process": "chain", "element": "step1", "name": "Step one", "kind": "task",
                                    "mapped": False, "changed": False, "file": "chain.bpmn", "procedure": ""}]
    assert [(d["file"], d["stands_here"], d["standing"][0]["element"]) for d in preview["diagrams"]] == [
        ("chain.bpmn", True, "step1")]
    assert client.get(f"/api/v1/instances/{first['id']}/migration?version=1", headers=ADMIN).status_code == 409
    refused = client.post(f"/api/v1/instances/{first['id']}/migrate", json={"reason": "upgrade"}, headers=ADMIN)
    assert refused.status_code == 409 and refused.get_json()["missing"][0]["element"] == "step1"
    results = client.post("/api/v1/instances/batch", headers=ADMIN, json={
        "action": "suspend", "instances": [first["id"], second["id"], 999999], "reason": "audit"}).get_json()
    assert [(r["instance_id"], r["ok"]) for r in results] == [(first["id"], True), (second["id"], True),
                                                              (999999, False)]
    shown = client.get(f"/api/v1/instances/{second['id']}", headers=ADMIN).get_json()
    assert shown["status"] == "suspended" and shown["history"][-1]["reason"] == "audit"


HUGE = 10**25  # no row has such an id; SQLite cannot even bind it, PostgreSQL's integer holds 2**31 - 1


def test_an_id_no_row_can_have_is_not_found_or_refused_never_a_server_error(client):
    assert client.get(f"/api/v1/instances/{HUGE}", headers=ADMIN).get_json() == {
        "error": "not_found", "message": f"案件 {HUGE} 不存在。"}
    assert client.post(f"/api/v1/instances/{HUGE}/suspend", json={"reason": "x"}, headers=ADMIN).status_code == 404
    for query in (f"/api/v1/tasks?instance={HUGE}", f"/api/v1/instances?page={HUGE}", f"/api/v1/tasks?page={HUGE}"):
        answer = client.get(query, headers=ADMIN)
        assert answer.status_code == 422 and answer.get_json()["error"] == "invalid_request", query
    batch = client.post("/api/v1/instances/batch", headers=ADMIN,
                        json={"action": "suspend", "instances": [HUGE], "reason": "x"})
    assert batch.status_code == 422 and "instances" in batch.get_json()["errors"]["json"]
    started = client.post("/api/v1/instances", headers=ADMIN,
                          json={"process": "chain", "business_key": "k", "data": {}, "version": HUGE})
    assert started.status_code == 422


def test_a_version_no_row_can_have_is_not_deployed(ctx):
    from engine.definitions import find_version, get_version
    from engine.errors import NotFound

    for lookup in (lambda: find_version("chain", HUGE), lambda: get_version(HUGE), lambda: get_version(-1)):
        with pytest.raises(NotFound):
            lookup()


def test_the_token_is_checked_before_the_body_and_the_status_brings_its_headers(client):
    unsigned = client.post("/api/v1/clock", json={"advance": "nonsense", "now": "also"})
    assert unsigned.status_code == 401 and unsigned.get_json()["error"] == "unauthorized"
    assert unsigned.headers["WWW-Authenticate"].startswith("Bearer")
    not_admin = client.post("/api/v1/instances", json={}, headers=bearer("handler"))
    assert not_admin.status_code == 403  # not 422: a handler learns nothing of what the body should hold
    traced = client.open("/api/v1/tasks", method="TRACE", headers=ADMIN)
    assert traced.status_code == 405 and set(traced.headers["Allow"].split(", ")) >= {"GET", "HEAD"}


def test_a_deployed_version_and_its_diagram_can_be_read_back(client):
    chain = (HERE / "diagrams" / "chain.bpmn").read_bytes()
    changed = chain.replace(b"Step two", b"Step 2")
    files = {"file": (__import__("io").BytesIO(changed), "chain.bpmn")}
    assert client.post("/api/v1/definitions", data=files, headers=bearer("designer")).status_code == 201
    newest = client.get("/api/v1/definitions/chain", headers=ADMIN).get_json()
    assert newest["version"] == 2 and "chain.bpmn" in newest["files"]
    first = client.get("/api/v1/definitions/chain/1", headers=bearer("handler")).get_json()
    assert first["version"] == 1 and first["content_hash"] != newest["content_hash"]
    xml = client.get("/api/v1/definitions/chain/2/files/chain.bpmn", headers=ADMIN)
    assert xml.status_code == 200 and xml.mimetype == "application/xml"
    assert b"Step 2" in xml.data and b"Step two" not in xml.data
    assert b"Step two" in client.get("/api/v1/definitions/chain/1/files/chain.bpmn", headers=ADMIN).data
    missing = client.get("/api/v1/definitions/chain/2/files/other.bpmn",
                         headers={**ADMIN, "Accept-Language": "en"})
    assert missing.status_code == 404 and "other.bpmn" in missing.get_json()["message"]
    said = client.get("/api/v1/definitions/chain/2/files/other.bpmn", headers={**ADMIN, "Accept-Language": "zh-CN"})
    assert said.get_json()["message"] == "“chain”的第 2 版没有文件“other.bpmn”。"
    unknown = client.get("/api/v1/definitions/chain/9", headers={**ADMIN, "Accept-Language": "zh-CN"})
    assert unknown.status_code == 404 and "9" in unknown.get_json()["message"]
    assert client.get("/api/v1/definitions/nope", headers=ADMIN).status_code == 404
    assert client.get("/api/v1/definitions/chain/1").status_code == 401


def test_a_draft_is_kept_for_whoever_holds_the_task(client):
    created = _start(client, key="k-draft")
    handler = bearer("handler")
    task_id = client.get(f"/api/v1/tasks?instance={created['id']}", headers=handler).get_json()[0]["id"]
    assert client.post(f"/api/v1/tasks/{task_id}/claim", headers=handler).status_code == 200
    kept = client.put(f"/api/v1/tasks/{task_id}/draft", json={"data": {"note": "half", "days": 99}}, headers=handler)
    assert kept.status_code == 200 and kept.get_json()["draft"] == {"note": "half", "days": 99}  # not validated yet
    assert client.get(f"/api/v1/tasks/{task_id}", headers=handler).get_json()["draft"]["note"] == "half"
    taken = client.put(f"/api/v1/tasks/{task_id}/draft", json={"data": {"note": "mine"}},
                       headers={**ADMIN, "Accept-Language": "en"})
    assert taken.status_code == 409 and "handler" in taken.get_json()["message"]
    assert client.put(f"/api/v1/tasks/{task_id}/draft", json={"data": "text"}, headers=handler).status_code == 422
    assert client.get(f"/api/v1/tasks/{task_id}", headers=handler).get_json()["draft"]["note"] == "half"
    done = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"note": "done"}}, headers=handler)
    assert done.status_code == 200
    late = client.put(f"/api/v1/tasks/{task_id}/draft", json={"data": {"note": "late"}}, headers=handler)
    assert late.status_code == 409


def test_going_back_to_an_earlier_step_over_the_api(client):
    created = _start(client, "rw-api")
    handler = bearer("handler")
    for _ in range(2):
        (task,) = client.get(f"/api/v1/tasks?instance={created['id']}&state=ready", headers=ADMIN).get_json()
        assert client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": {"note": "ok"}},
                           headers=ADMIN).status_code == 200
    steps = client.get(f"/api/v1/instances/{created['id']}/earlier-steps", headers=ADMIN).get_json()
    assert [(s["element"], s["completed_by"]) for s in steps] == [("step2", "admin"), ("step1", "admin")]

    refused = client.post(f"/api/v1/instances/{created['id']}/rewind", headers=ADMIN,
                          json={"task": "nope", "reason": "wrong case"})
    assert refused.status_code == 404
    assert refused.get_json()["message"] == f"案件 {created['id']} 没有已完成的用户任务 nope。"
    assert client.post(f"/api/v1/instances/{created['id']}/rewind", headers=ADMIN,
                       json={"task": steps[1]["task"]}).status_code == 422  # a reason is required

    back = client.post(f"/api/v1/instances/{created['id']}/rewind", headers=ADMIN,
                       json={"task": steps[1]["task"], "reason": "step 1 chose wrongly"}).get_json()
    assert back["active"] == ["step1"] and back["history"][-1]["event"] == "rewound"
    assert back["history"][-1]["reason"] == "step 1 chose wrongly"
    assert client.post(f"/api/v1/instances/{HUGE}/rewind", headers=ADMIN,
                       json={"task": steps[1]["task"], "reason": "x"}).status_code == 404
    assert client.post(f"/api/v1/instances/{created['id']}/rewind", headers=handler,
                       json={"task": steps[1]["task"], "reason": "x"}).status_code == 403
