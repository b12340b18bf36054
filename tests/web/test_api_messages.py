"""Messages over the API: what a case waits for, delivering one, and the refusals."""
from __future__ import annotations

from tests.web.conftest import bearer

ADMIN = bearer("admin")


def test_a_message_is_listed_while_awaited_delivered_once_and_then_refused(client):
    created = client.post("/api/v1/instances", json={"process": "messaged", "business_key": "msg-1", "data": {}},
                          headers=ADMIN).get_json()
    url = f"/api/v1/instances/{created['id']}/messages"
    assert client.get(url, headers=ADMIN).get_json() == {"messages": ["nudge"]}
    sent = client.post(url, json={"name": "nudge", "data": {"who": "office"}, "reason": "slow reply"}, headers=ADMIN)
    assert sent.status_code == 200, sent.get_json()
    body = sent.get_json()
    assert sorted(body["active"]) == ["answer_nudge", "work"]
    (entry,) = [row for row in body["history"] if row["event"] == "message_received"]
    assert entry["reason"] == "slow reply" and entry["element"] == "nudged"
    assert client.get(url, headers=ADMIN).get_json() == {"messages": []}
    again = client.post(url, json={"name": "nudge", "data": {}}, headers={**ADMIN, "Accept-Language": "en"})
    assert again.status_code == 409 and again.get_json()["error"] == "invalid_state"
    assert "not waiting for the message nudge" in again.get_json()["message"]
    chinese = client.post(url, json={"name": "nudge", "data": {}}, headers=ADMIN)
    assert chinese.get_json()["message"] == "案件当前没有在等待消息“nudge”。"


def test_a_message_without_a_name_or_to_an_unknown_case_or_by_a_handler_is_refused(client):
    created = client.post("/api/v1/instances", json={"process": "messaged", "business_key": "msg-2", "data": {}},
                          headers=ADMIN).get_json()
    url = f"/api/v1/instances/{created['id']}/messages"
    assert client.post(url, json={"data": {}}, headers=ADMIN).status_code == 422
    assert client.post(url, json={"name": "nudge", "data": [1]}, headers=ADMIN).status_code == 422
    assert client.post("/api/v1/instances/999999/messages", json={"name": "nudge"}, headers=ADMIN).status_code == 404
    assert client.post(url, json={"name": "nudge"}, headers=bearer("handler")).status_code == 403
    assert client.get(url, headers=ADMIN).get_json() == {"messages": ["nudge"]}  # nothing changed
