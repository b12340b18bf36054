"""A portal form sent after its session ended comes back as typed, with a word on what happened."""
from __future__ import annotations

from tests.web.portal.portal_app import petition_post


def test_a_petition_sent_after_the_session_ended_is_shown_again_as_typed(client):
    # No token in this browser's session: it ended while the petition was being written.
    response = client.post("/portal/submit?lang=en", data=petition_post(csrf_token="from-a-session-gone"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This page had been open too long to be sent. What you wrote is kept below" in page
    assert "请求责令青山建材有限公司支付拖欠的工资三万元。" in page and 'value="周丽"' in page
    token = client.get_cookie("session") is not None and 'name="csrf_token" value="' in page
    assert token  # the form shown again carries a token of the new session


def test_a_look_up_sent_after_the_session_ended_keeps_the_number(client):
    response = client.post("/portal/query?lang=en", data={"csrf_token": "gone", "number": "XF-JN-QS-LX-XFJ-2026-000001",
                                                          "code": "ACEF3467"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "open too long" in page
    assert 'value="XF-JN-QS-LX-XFJ-2026-000001"' in page


def test_other_forms_keep_the_apps_own_refusal(client):
    response = client.post("/login?lang=en", data={"csrf_token": "gone", "username": "x", "password": "y"})
    assert response.status_code == 400 and "This form has expired" in response.get_data(as_text=True)
