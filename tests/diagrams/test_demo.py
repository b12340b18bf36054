"""The demo's petitions (processes/demo_cases.py): every stage is there, the inboxes and the portal
show them, and loading the demo again adds nothing."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from engine import db
from engine.models import HistoryRow, Instance, TaskRow
from processes.accounts import get_user
from processes.demo import load_demo
from processes.demo_cases import CASES
from processes.documents import Document
from processes.inbox import InboxFilters, inbox
from processes.petitions import Petition, check_query_code

LINE = re.compile(r"(XF-[A-Z-]+-\d{4}-\d{6})  query code (\w+)  (\S+)  (.+)")
COUNTED = (Petition, Instance, TaskRow, Document, HistoryRow)


def _counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in COUNTED}


def _elements(username: str) -> set[tuple[str, str]]:
    page = inbox(get_user(username), InboxFilters(tab="all", per_page=100))
    return {(row.task.element, row.petition.title) for row in page.rows}


def test_demo_shows_petitions_at_every_stage_once(ctx, client):
    lines = load_demo()
    db.session.commit()
    found = [LINE.match(line.strip()).groups() for line in lines if LINE.match(line.strip())]
    assert len(found) == len(CASES) >= 12 and "demo petitions: 14 added" in " ".join(lines)
    stages = {p.title: (p.stage, p.outcome) for p in db.session.scalars(select(Petition))}
    assert {stage for stage, _outcome in stages.values()} >= {
        "registration", "acceptance", "handling", "extension", "mediation", "hearing", "replied", "review",
        "closed", "not_accepted"}
    assert stages["解除劳动合同经济补偿"] == ("closed", "final")
    assert stages["对民事判决执行不满"] == ("closed", "political_legal")
    for number, code, _stage, _title in found:
        assert check_query_code(number, code) is not None

    assert {("investigate", "青山建材公司拖欠八名工人工资"), ("investigate", "养老保险缴费年限认定"),
            ("conduct_mediation", "工伤赔偿争议")} <= _elements("handler")
    assert ("review_matter", "加班费计算争议") in _elements("reviewer")
    assert ("decide_acceptance", "修路征地补偿款未发放") in _elements("land_handler")
    assert ("give_feedback", "宅基地确权纠纷") in _elements("township_handler")  # supervision open
    # Received 20 days ago and never registered: the limit of Art. 22 ran out, supervision opened.
    assert ("issue_supervision_letter", "建议城区增设公交站点") in _elements("supervisor")
    assert ("register_petition", "柳溪县城区夜市占道经营噪音扰民") in _elements("registrar")

    before = _counts()
    again = load_demo()
    db.session.commit()
    assert "demo petitions: 0 added" in " ".join(again) and "organs: 0" in again
    assert _counts() == before

    number, code, stage, _title = next(row for row in found if row[3] == "加班费计算争议")
    with client.session_transaction() as session:
        session["csrf_token"] = "t"
    response = client.post("/portal/query", data={"csrf_token": "t", "number": number, "code": code})
    assert response.status_code == 302
    page = client.get("/portal/case").get_data(as_text=True)
    assert number in page and stage == "复查中" and "复查中" in page


def test_demo_people_have_identity_numbers_and_phones_that_pass_the_checks():
    from datetime import date

    from processes.identity_documents import checked_number
    from processes.phone_numbers import checked_phone

    people = [p for case in CASES for p in (*case.fields["petitioners"], *case.fields.get("representatives", ()))]
    assert len({p["id_number"] for p in people}) == len({p["name"] for p in people}) >= 20
    for person in people:
        assert checked_number(person["document_type"], person["id_number"], date(2026, 1, 1)) == person["id_number"]
        assert checked_phone(person["phone"]) == person["phone"]
