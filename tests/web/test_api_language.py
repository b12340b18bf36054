"""The API says why it refused in the reader's language (Accept-Language), as the pages do."""
from __future__ import annotations

import io
import re

import pytest

from tests.web.conftest import bearer
from web.i18n_catalogs import CHINESE, REFUSALS, load, refusal_templates

ADMIN = bearer("admin")
ZH = {**ADMIN, "Accept-Language": "zh-CN,zh;q=0.9"}
EN = {**ADMIN, "Accept-Language": "en"}


def _start(client, key):
    response = client.post("/api/v1/instances", json={"process": "chain", "business_key": key,
                                                        "data": {"organ": "JN-QS-LX-RSJ"}}, headers=ADMIN)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _first_task(client, instance_id):
    return client.get(f"/api/v1/tasks?instance={instance_id}", headers=ADMIN).get_json()[0]["id"]


def test_an_unknown_task_or_process_is_named_in_the_readers_language(client):
    zh = client.post("/api/v1/tasks/no-such-task/complete", json={"data": {}}, headers=ZH)
    en = client.post("/api/v1/tasks/no-such-task/complete", json={"data": {}}, headers=EN)
    assert zh.status_code == en.status_code == 404
    assert zh.get_json() == {"error": "not_found", "message": "任务 no-such-task 不存在。"}
    assert en.get_json()["message"] == "task no-such-task does not exist"
    started = client.post("/api/v1/instances", json={"process": "nope", "business_key": "k", "data": {}}, headers=ZH)
    assert started.get_json()["message"] == "流程“nope”未部署。"


def test_the_engines_own_words_are_said_too(client):
    instance_id = _start(client, "words")
    task_id = _first_task(client, instance_id)
    done = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"note": "ok"}}, headers=ADMIN)
    assert done.status_code == 200
    zh = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"note": "again"}}, headers=ZH)
    en = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"note": "again"}}, headers=EN)
    assert (zh.status_code, zh.get_json()["message"]) == (409, "该任务已是“已完成”状态。")
    assert en.get_json()["message"] == "this task is already completed"
    base = f"/api/v1/instances/{instance_id}"
    assert client.post(f"{base}/suspend", json={"reason": "check"}, headers=ADMIN).status_code == 200
    twice = client.post(f"{base}/suspend", json={}, headers=ZH)
    assert twice.get_json() == {"error": "invalid_state", "message": "案件当前为“已挂起”，不能挂起。"}
    no_reason = client.post(f"{base}/terminate", json={}, headers=ZH)
    assert no_reason.get_json()["message"] == "终止须填写理由。"


def test_field_errors_are_said_from_each_fields_limits(client):
    task_id = _first_task(client, _start(client, "fields"))
    zh = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"days": 40}}, headers=ZH).get_json()
    assert zh == {"error": "invalid_data", "message": "有些项填写不正确。",
                  "errors": {"note": ["请填写此项。"], "days": ["应在 0 至 30 之间。"]}}
    en = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {"note": "x" * 201}}, headers=EN).get_json()
    assert en["errors"] == {"note": ["At most 200 characters."]}
    # nothing was completed by the refused submissions
    assert client.get(f"/api/v1/tasks/{task_id}", headers=ADMIN).get_json()["state"] == "ready"


def test_a_malformed_request_is_explained_and_keeps_the_limits_it_names(client):
    task_id = _first_task(client, _start(client, "request"))
    extra = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": {}, "dta": 1}, headers=ZH)
    assert extra.status_code == 422
    assert extra.get_json()["errors"] == {"json": {"dta": ["没有这一项。"]}}
    missing = client.post("/api/v1/instances", json={"process": "chain", "data": {}}, headers=ZH).get_json()
    assert missing["errors"] == {"json": {"business_key": ["请填写此项。"]}}
    paged = client.get("/api/v1/tasks?per_page=0", headers=ZH).get_json()
    assert paged["errors"]["query"]["per_page"] == ["Must be greater than or equal to 1 and less than or equal to 500."]


def test_the_rules_refusals_are_said_too(client):
    day = {"day": "2027-01-01", "working": False, "name": "元旦"}
    twice = client.post("/api/v1/calendar/holidays", json={"year": 2027, "days": [day, day]}, headers=ZH)
    assert (twice.status_code, twice.get_json()["message"]) == (422, "2027-01-01 在 2027 年的安排中重复列出。")
    english = client.post("/api/v1/calendar/holidays", json={"year": 2027, "days": [day, day]}, headers=EN)
    assert english.get_json()["message"] == "2027-01-01 is listed twice in the schedule for 2027"
    years = client.get("/api/v1/calendar/holidays", headers=ADMIN).get_json()["years"]
    assert 2027 not in [entry["year"] for entry in years]  # nothing of the refused schedule was kept


def test_an_abort_keeps_its_own_words_and_a_bare_one_gets_the_readers(client):
    empty = client.post("/api/v1/definitions", data={}, headers={**bearer("designer"), "Accept-Language": "en"})
    assert empty.get_json() == {"error": "bad_request",
                                "message": "Upload at least one .bpmn file in the field 'file'."}
    nowhere = client.get("/api/v1/nowhere", headers=ZH)
    assert nowhere.get_json() == {"error": "not_found", "message": "该地址不存在。"}
    wrong_method = client.delete("/api/v1/clock", headers=EN)
    assert (wrong_method.status_code, wrong_method.get_json()["message"]) == (
        405, "This address does not take this kind of request.")


def test_a_refused_diagram_is_explained_with_each_finding(client):
    broken = {"file": (io.BytesIO(b"<bpmn:definitions"), "chain.bpmn")}
    refused = client.post("/api/v1/definitions", data=broken, headers={**bearer("designer"), "Accept-Language": "zh"})
    body = refused.get_json()
    assert refused.status_code == 422 and body["message"] == "流程图有 1 处问题，未部署任何内容。"
    assert body["problems"][0]["file"] == "chain.bpmn" and body["problems"][0]["text"]


PLACE = re.compile(r"%\((\w+)\)[-.\d]*[sdf]")  # %(name)s, %(size).1f


def _templates() -> list[str]:
    return sorted({message for package, base in REFUSALS for _file, _line, message in refusal_templates(package, base)})


@pytest.mark.parametrize("template", _templates())
def test_every_refusal_has_a_chinese_sentence_with_the_same_values(template):
    translated = load("web", CHINESE).get(template)
    assert translated is not None and translated.string, f"no Chinese for {template!r}"
    assert sorted(PLACE.findall(translated.string)) == sorted(PLACE.findall(template))


@pytest.mark.parametrize("how", ["query", "json value", "json key", "form"])
def test_text_with_a_nul_character_is_refused_on_every_database(client, how):
    nul = "a\x00b"
    if how == "query":
        answer = client.get("/api/v1/petitions", query_string={"q": nul}, headers=ZH)
    elif how == "form":
        answer = client.post("/login", data={"username": nul, "password": "x"}, headers=ZH)
    else:
        data = {"note": nul} if how == "json value" else {nul: "x"}
        answer = client.post("/api/v1/instances", json={"process": "chain", "business_key": "nul", "data": data},
                             headers=ZH)
    assert answer.status_code == 400
    if how == "form":  # a page: the error page says it
        assert "文本中不能含有空字符" in answer.get_data(as_text=True)
    else:
        assert answer.get_json() == {"error": "bad_request",
                                     "message": "文本中不能含有空字符（U+0000），未保存任何内容。"}
    assert client.get("/api/v1/instances?business_key=nul", headers=ADMIN).get_json() == []


def test_text_that_only_spells_the_escape_is_kept(client):
    spelled = "\\u0000 is how JSON writes NUL"  # a backslash and the letters, no NUL
    started = client.post("/api/v1/instances", headers=ADMIN,
                          json={"process": "chain", "business_key": "spelled", "data": {"organ": "X", "note": spelled}})
    assert started.status_code == 201 and started.get_json()["data"]["note"] == spelled


def test_a_too_large_upload_or_diagram_names_the_limit_in_the_readers_language(app, client, monkeypatch):
    designer = {**bearer("designer"), "Accept-Language": "zh"}
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2**20)
    huge = client.post("/api/v1/definitions", data=b"a" * (2**20 + 1), content_type="application/octet-stream",
                       headers=designer)
    assert huge.get_json() == {"error": "too_large", "message": "提交的内容超过 1 MB，超出本系统的上限。"}
    monkeypatch.setattr("engine.definitions.MAX_DIAGRAM_BYTES", 2048)  # a diagram's own limit, made small
    oversized = client.post("/api/v1/definitions", data={"file": (io.BytesIO(b"a" * 4096), "big.bpmn")},
                            headers=designer).get_json()
    assert oversized["problems"][0]["code"] == "too_large"
    assert oversized["problems"][0]["text"] == "文件超过 2 KB。"
    assert oversized["problems"][0]["message"] == "larger than 2 KB"  # the engine's own words stay beside it
