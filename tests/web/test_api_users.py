"""Accounts over the API: an administrator opens one (its token answered once), disables it with a reason
(its token stops working, its tasks go back), enables it again and gives it a new password."""
from __future__ import annotations

from tests.web.conftest import bearer

ADMIN = bearer("admin")


def test_an_account_is_opened_disabled_enabled_and_given_a_password(client):
    listed = client.get("/api/v1/users", headers=ADMIN).get_json()
    assert {"username": "handler", "role": "handler", "organ": "JN-QS-LX-RSJ"}.items() <= next(
        row for row in listed if row["username"] == "handler").items()
    made = client.post("/api/v1/users", json={"username": "clerk2", "role": "registrar", "organ": "JN-QS-LX-XFJ",
                                              "password": "a-long-secret", "display_name": "窗口 张三"},
                       headers=ADMIN)
    assert made.status_code == 201, made.get_json()
    token = made.get_json()["token"]
    assert client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    off = client.post("/api/v1/users/clerk2/disable", json={"reason": "调离岗位"}, headers=ADMIN)
    assert off.status_code == 200 and off.get_json()["active"] is False and off.get_json()["changed"] is True
    assert client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    again = client.post("/api/v1/users/clerk2/disable", json={"reason": "再次"}, headers=ADMIN).get_json()
    assert again["changed"] is False
    on = client.post("/api/v1/users/clerk2/enable", json={"reason": "返岗"}, headers=ADMIN).get_json()
    assert on["active"] is True
    assert client.post("/api/v1/users/clerk2/password", json={"password": "another-secret", "reason": "遗忘"},
                       headers=ADMIN).status_code == 200


def test_refusals_are_clear_and_change_nothing(client):
    assert client.post("/api/v1/users", json={"username": "x", "role": "handler", "password": "a-long-secret"},
                       headers=ADMIN).status_code == 422  # staff name their organ
    short = client.post("/api/v1/users", json={"username": "y", "role": "designer", "password": "short"},
                        headers=ADMIN)
    assert short.status_code == 422
    taken = client.post("/api/v1/users", json={"username": "handler", "role": "designer", "password": "a-long-secret"},
                        headers=ADMIN)
    assert taken.status_code in (409, 422)
    assert client.post("/api/v1/users/handler/disable", json={"reason": "  "}, headers=ADMIN).status_code == 422
    assert client.post("/api/v1/users/nobody/disable", json={"reason": "x"}, headers=ADMIN).status_code == 404
    assert client.post("/api/v1/users/admin/disable", json={"reason": "x"}, headers=ADMIN).status_code == 422
    assert client.get("/api/v1/users", headers=bearer("handler")).status_code == 403
    assert client.get("/api/v1/tasks", headers=bearer("handler")).status_code == 200  # still active
    names = [row["username"] for row in client.get("/api/v1/users", headers=ADMIN).get_json()]
    assert "x" not in names and "y" not in names
