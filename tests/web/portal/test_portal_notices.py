"""The petitioner's portal shows every notice served on him, in his language and printable; letters
between organs are not his, and a report's documents keep their content to themselves (Art. 30)."""
from __future__ import annotations

import re

from engine import db
from tests.web.portal.portal_app import submit

TOWNSHIP = "JN-QS-LX-TY"


def _walk(app, number: str, steps) -> dict[str, str]:
    """Complete steps of the case as the desk does; return the numbers of its documents by kind."""
    with app.app_context():
        from processes.case_walk import walk
        from processes.documents import documents_for
        from processes.petitions import find_by_number

        petition = find_by_number(number)
        walk(int(petition.instance_id), steps)
        db.session.commit()
        return {d.kind: d.number for d in documents_for(petition.id)}


def test_portal_shows_the_notices_served_and_not_the_letter_to_the_organ(app, client):
    number, _code = submit(client)
    numbers = _walk(app, number, [("register_petition", {"route": "assign", "handling_organ": TOWNSHIP}),
                                  ("decide_acceptance", {}), ("notify_acceptance", {})])
    page = client.get("/portal/case").get_data(as_text=True)
    assert "书面告知和答复" in page
    assert "信访事项交办告知书" in page and "信访事项受理告知书" in page
    assert numbers["assignment_notice"] in page and numbers["acceptance_notice"] in page
    assert page.count("网上信访平台送达") == 2 and "2026-01-05" in page  # served through the portal that day
    assert "信访事项交办函" not in page and numbers["assign_notice"] not in page
    assert client.get(f"/portal/documents/{numbers['assign_notice']}").status_code == 404

    english = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "Written notices and replies" in english
    assert "Notice of assignment" in english and "Notice of acceptance" in english
    assert "Letter of assignment" not in english and "Through the online portal" in english
    sheet = client.get(f"/portal/documents/{numbers['acceptance_notice']}?lang=en").get_data(as_text=True)
    assert "was accepted on" in sheet and "Print" in sheet and "Under the Regulations on Letters and Visits" in sheet
    chinese = client.get(f"/portal/documents/{numbers['assignment_notice']}?lang=zh_CN").get_data(as_text=True)
    assert "已交由" in chinese and "《信访工作条例》第二十二条、第二十三条第一款" in chinese


def test_a_reports_notices_are_listed_without_their_content(app, client):
    number, _code = submit(client, category="accusation", request="举报柳溪县人社局某干部收受好处费。")
    numbers = _walk(app, number, [("register_petition", {"route": "accept"}), ("notify_acceptance", {})])
    page = client.get("/portal/case").get_data(as_text=True)
    assert "信访事项受理告知书" in page and numbers["acceptance_notice"] in page
    assert "收受好处费" not in page
    assert f"/portal/documents/{numbers['acceptance_notice']}" not in page
    assert client.get(f"/portal/documents/{numbers['acceptance_notice']}").status_code == 404


def test_case_page_shows_the_day_and_way_of_service(app, client):
    number, _code = submit(client)
    numbers = _walk(app, number, [("register_petition", {})])
    from tests.web.desk import sign_in

    sign_in(client, "registrar", lang="en")
    page = client.get(f"/tasks/case/{number}").get_data(as_text=True)
    assert numbers["forward_notice"] in page
    assert re.search(r"served \d{4}-\d{2}-\d{2} \(Through the online portal\)", page)


def test_after_the_days_offered_for_evaluation_the_portal_says_so_instead_of_asking(app, client):
    from datetime import timedelta

    from engine.timers import advance_clock
    from processes.case_walk import INVESTIGATE, REPLY

    number, _code = submit(client)
    _walk(app, number, [("register_petition", {"route": "accept"}), ("notify_acceptance", {}), *INVESTIGATE, *REPLY])
    assert 'id="evaluate"' in client.get("/portal/case").get_data(as_text=True)
    with app.app_context():
        advance_clock(by=timedelta(days=32))
        db.session.commit()
    page = client.get("/portal/case").get_data(as_text=True)
    assert 'id="evaluate"' not in page and "评价期至2026-02-04" in page
    english = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "The evaluation was offered until 2026-02-04" in english
    client.get("/portal/case?lang=zh_CN")
    refused = client.post("/portal/evaluate", data={"csrf_token": "t", "evaluation": "satisfied", "comment": ""})
    assert refused.status_code == 302
    assert "评价期限已过" in client.get("/portal/case").get_data(as_text=True)


def test_an_evaluation_without_a_choice_is_refused_at_the_question_keeping_the_comment(app, client):
    from processes.case_walk import INVESTIGATE, REPLY

    number, _code = submit(client)
    _walk(app, number, [("register_petition", {"route": "accept"}), ("notify_acceptance", {}), *INVESTIGATE, *REPLY])
    refused = client.post("/portal/evaluate?lang=en", data={"csrf_token": "t", "comment": "答复未说明工资如何计算。"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert 'id="evaluation-error" role="alert">Choose how satisfied you are with the handling.' in page
    assert 'aria-describedby="evaluation-error"' in page and ">答复未说明工资如何计算。</textarea>" in page


def test_after_evaluating_the_portal_says_what_she_chose_and_when(app, client):
    from processes.case_walk import INVESTIGATE, REPLY

    number, _code = submit(client)
    _walk(app, number, [("register_petition", {"route": "accept"}), ("notify_acceptance", {}), *INVESTIGATE, *REPLY])
    client.post("/portal/evaluate", data={"csrf_token": "t", "evaluation": "basically_satisfied", "comment": ""})
    page = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "Thank you for your evaluation. On 2026-01-05 you found the handling: Mostly satisfied." in page
    chinese = client.get("/portal/case?lang=zh_CN").get_data(as_text=True)
    assert "感谢您的评价。您于2026-01-05评价办理情况为：基本满意。" in chinese  # no space between the sentences
