"""The receipt of an online petition says what happens next, by when, and which files arrived."""
from __future__ import annotations

import re
from datetime import date
from io import BytesIO

from tests.web.portal.portal_app import csrf, petition_post, submit


def test_the_receipt_says_what_happens_next_and_the_last_day_for_it(client):
    number, _code = submit(client)
    page = client.get("/portal/receipt?lang=zh_CN").get_data(as_text=True)
    received = date.fromisoformat(re.search(r"<dt>收到日期</dt><dd>([\d-]+)</dd>", page).group(1))
    assert "<h2>下一步</h2>" in page and "信访部门将在15日内区分情况转送或交办并告知您（第二十二条）。" in page
    last_day = date.fromisoformat(re.search(r"最迟于 ([\d-]+) 前。", page).group(1))
    assert 15 <= (last_day - received).days <= 25  # 15 days, moved past a weekend or holiday
    assert last_day.isoformat() in client.get("/portal/case").get_data(as_text=True)  # as the case page says
    english = client.get("/portal/receipt?lang=en").get_data(as_text=True)
    assert "What happens next" in english and f"By {last_day.isoformat()} at the latest." in english
    assert "Written notices and the reply will also appear on this website" in english


def test_the_receipt_names_the_files_that_arrived(client):
    csrf(client)
    data = petition_post()
    data["attachments"] = [(BytesIO(b"%PDF-1.4"), "劳动合同.pdf"), (BytesIO(b"\xff\xd8\xff"), "工资条.jpg")]
    client.post("/portal/submit", data=data, content_type="multipart/form-data")
    page = client.get("/portal/receipt?lang=zh_CN").get_data(as_text=True)
    assert "已收到的附件：劳动合同.pdf, 工资条.jpg" in page


def test_a_receipt_without_files_says_nothing_of_them(client):
    submit(client)
    assert "已收到的附件" not in client.get("/portal/receipt?lang=zh_CN").get_data(as_text=True)


def test_a_closed_case_leaves_no_receipt(client):
    submit(client)
    client.post("/portal/leave", data={"csrf_token": "t"})
    assert client.get("/portal/receipt").status_code == 302


def test_the_receipt_can_be_closed_on_a_shared_computer(client):
    number, code = submit(client)
    page = client.get("/portal/receipt?lang=zh_CN").get_data(as_text=True)
    assert 'action="/portal/leave"' in page and "在本浏览器中退出查询" in page
    assert "使用公用电脑的，请在记下登记编号和查询码后退出查询" in page
    client.post("/portal/leave", data={"csrf_token": "t"})
    after = client.get("/portal/receipt", follow_redirects=True).get_data(as_text=True)
    assert code not in after and f"{number}</dd>" not in after
    assert "已在本浏览器中退出查询。" in after
