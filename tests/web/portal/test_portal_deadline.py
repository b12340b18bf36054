"""The date the portal promises is the limit of the stage it describes, never a limit between organs."""
from __future__ import annotations

from processes.case_walk import ACCEPT_FORWARDED, INVESTIGATE, REPLY
from tests.web.portal.portal_app import submit
from tests.web.portal.test_portal_notices import _walk

# The petition department finds the handling wanting and writes to the organ, which owes it
# feedback within 15 days (Art. 39, 40): a matter between organs, not the petitioner's date.
SUPERVISED = [("check_handling", {"mishandled": True, "check_findings": "调处意见作出后未督促落实。"}),
              ("issue_supervision_letter", {"supervision_findings": "未落实。",
                                            "correction_required": "十五日内落实并书面反馈。"})]


def test_under_review_the_portal_promises_the_review_limit_not_the_organs_feedback_limit(app, client):
    number, _code = submit(client)
    _walk(app, number, [*ACCEPT_FORWARDED, *INVESTIGATE, *REPLY])
    client.post("/portal/evaluate", data={"csrf_token": "t", "evaluation": "dissatisfied", "comment": ""})
    _walk(app, number, SUPERVISED)
    replied = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "Replied" in replied and "By 2026-01-20" not in replied  # while she decides, nothing is promised

    client.post("/portal/request", data={"csrf_token": "t", "kind": "review", "reasons": "不服", "confirmed": "yes"})
    page = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "Under review" in page
    assert "By 2026-02-04 at the latest." in page and "2026-01-20" not in page


def test_the_evaluation_says_its_last_day_while_it_is_open(app, client):
    number, _code = submit(client)
    _walk(app, number, [*ACCEPT_FORWARDED, *INVESTIGATE, *REPLY])
    page = client.get("/portal/case?lang=zh_CN").get_data(as_text=True)  # the reply served 2026-01-05
    assert "评价期至2026-02-04（书面答复送达后30日）。" in page
    english = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "You may evaluate until 2026-02-04, 30 days after the written reply." in english
    client.post("/portal/evaluate", data={"csrf_token": "t", "evaluation": "satisfied", "comment": ""})
    assert "You may evaluate until" not in client.get("/portal/case?lang=en").get_data(as_text=True)


def test_during_a_hearing_the_portal_says_she_is_told_when_and_where(app, client):
    number, _code = submit(client)
    _walk(app, number, [*ACCEPT_FORWARDED, *INVESTIGATE, ("investigate", {"next_step": "hearing"})])
    page = client.get("/portal/case?lang=zh_CN").get_data(as_text=True)
    assert "您的信访事项正在举行听证（第三十一条）。听证的时间和地点以书面通知告知您" in page
    english = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "You are told in writing when and where it takes place" in english


def test_the_right_to_review_names_the_organ_the_request_goes_to_as_the_reply_does(app, client):
    number, _code = submit(client)
    numbers = _walk(app, number, [*ACCEPT_FORWARDED, *INVESTIGATE, *REPLY])
    with app.app_context():
        from processes.documents import get_document

        named = get_document(numbers["handling_opinion"]).fields["organs"]["next"]
    page = client.get("/portal/case?lang=zh_CN").get_data(as_text=True)
    assert f"请求将提交至{named['zh']}。" in page
    confirm = client.post("/portal/request?lang=en", data={"csrf_token": "t", "kind": "review", "reasons": "不服"})
    assert f"The request goes to {named['en']}." in confirm.get_data(as_text=True)
