"""Only administrators reach the console; everyone else is sent to sign in or refused."""
from __future__ import annotations

import pytest

from tests.web.admin_client import sign_in, text

PAGES = ["/admin/", "/admin/instances", "/admin/statistics", "/admin/report", "/admin/report/print",
         "/admin/calendar", "/admin/calendar/2026"]


def test_a_visitor_is_sent_to_sign_in_and_comes_back(client):
    response = client.get("/admin/instances?status=error")
    assert response.status_code == 302 and response.location == "/login?next=/admin/instances?status%3Derror"
    with client.session_transaction() as session:
        session["csrf_token"] = "t"
    signed_in = client.post(response.location, data={"username": "admin", "password": "admin", "csrf_token": "t"})
    assert signed_in.location == "/admin/instances?status=error"


@pytest.mark.parametrize("username", ["handler", "registrar", "supervisor"])
def test_staff_who_are_not_administrators_are_refused(client, username):
    sign_in(client, username)
    for page in PAGES + ["/admin/statistics/on_time.csv", "/admin/report.csv"]:
        response = client.get(page)
        assert response.status_code == 403, page
        assert "只有系统管理员可以使用控制台" in text(response)


def test_an_administrator_sees_every_page_of_the_console_in_chinese(client):
    sign_in(client)
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "控制台" in text(response) and "Console" not in text(response)


def test_the_console_speaks_english_when_asked(client):
    sign_in(client)
    page = text(client.get("/admin/?lang=en"))
    assert "Administrator's console" in page and "管理控制台" not in page


def test_the_accounts_name_each_user_s_organ_in_the_page_s_language(client):
    sign_in(client)
    assert "柳溪县人力资源和社会保障局 JN-QS-LX-RSJ" in text(client.get("/admin/accounts?lang=zh_CN"))
    assert "Liuxi County Human Resources and Social Security Bureau JN-QS-LX-RSJ" in text(
        client.get("/admin/accounts?lang=en"))
