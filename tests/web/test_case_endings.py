"""A case that ended outside the usual reply says how and why, on the portal and on the desk (Art. 22, 23, 30)."""
from __future__ import annotations

import re

import pytest

from tests.diagrams import conftest as diagrams
from tests.web import admin_client
from tests.web.desk import sign_in

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL

LINE = re.compile(r"(XF-[A-Z-]+-\d{4}-\d{6})  query code (\w+)  \S+  (.+)")


@pytest.fixture
def demo(app) -> dict[str, tuple[str, str]]:
    """Load the demo; return each petition's number and query code by its title."""
    from engine import db
    from processes.demo import load_demo

    with app.app_context():
        lines = load_demo()
        db.session.commit()
    return {m.group(3).strip(): (m.group(1), m.group(2)) for line in lines if (m := LINE.match(line.strip()))}


def _portal(app, number: str, code: str, lang: str) -> str:
    client = app.test_client()
    with client.session_transaction() as session:
        session["csrf_token"] = "t"
    client.post("/portal/query", data={"csrf_token": "t", "number": number, "code": code})
    return admin_client.text(client.get(f"/portal/case?lang={lang}"))


def test_the_portal_says_how_and_why_a_matter_ended_outside_the_usual_reply(app, demo):
    # A report or accusation goes to discipline inspection (Art. 22 ¶3, Art. 30); the accuser is told where.
    number, code = demo["举报镇干部截留惠农补贴"]
    page = _portal(app, number, code, "en")
    assert ("Transferred to discipline inspection and supervision: Liuxi County Commission for Discipline "
            "Inspection and Supervision (Art. 22 ¶3, Art. 23 ¶4, Art. 30)") in page
    assert "never passed to those you reported" in page and "The matter is concluded." not in page
    page = _portal(app, number, code, "zh_CN")
    assert "已转纪检监察机关：柳溪县纪委监委（第二十二条第三款、第二十三条第四款、第三十条）" in page
    # A litigation matter goes to the political-legal department (Art. 22 ¶2), told by a served notice.
    number, code = demo["对民事判决执行不满"]
    page = _portal(app, number, code, "zh_CN")
    assert "已转政法部门：中共柳溪县委政法委（第二十二条第二款、第二十三条第四款）" in page
    assert re.search(r"详见 \d{4}-\d\d-\d\d 送达的书面告知 ZS-[A-Z-]+-\d{4}-\d{4}。", page)
    assert "信访事项已办结。" not in page
    # A matter refused as one already in hand names the ground and its article (Art. 19 ¶4).
    number, code = demo["同一欠薪事项向市信访局重复反映"]
    page = _portal(app, number, code, "en")
    assert "Not accepted: the same matter is already accepted or in hand (Art. 19 ¶4)" in page


def test_the_desk_says_how_a_case_ended_with_the_document_that_did_it(app, demo):
    desk = app.test_client()
    sign_in(desk, "admin", lang="en")
    number, _code = demo["同一欠薪事项向市信访局重复反映"]
    page = admin_client.text(desk.get(f"/tasks/case/{number}"))
    assert "How it ended Not accepted: the same matter is already accepted or in hand (Art. 19 ¶4)" in page
    assert re.search(r"Notice of non-acceptance BSL-[A-Z-]+-\d{4}-\d{4} served \d{4}-\d\d-\d\d", page)
    number, _code = demo["举报镇干部截留惠农补贴"]
    page = admin_client.text(desk.get(f"/tasks/case/{number}?lang=zh_CN"))
    assert "办结方式 已转纪检监察机关：柳溪县纪委监委（第二十二条第三款、第二十三条第四款、第三十条）" in page
