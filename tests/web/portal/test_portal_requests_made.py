"""Once a review or re-review was asked for, the portal keeps saying so, up to the final opinion."""
from __future__ import annotations

import re

from processes.case_walk import ACCEPT_FORWARDED, INVESTIGATE, REPLY, REVIEW
from tests.web.portal.portal_app import submit
from tests.web.portal.test_portal_notices import _walk

RE_REVIEW = [("examine_re_review", {}), ("decide_re_review", {}), ("serve_re_review_opinion", {})]


def _ask(client, kind: str) -> None:
    client.post("/portal/request", data={"csrf_token": "t", "kind": kind, "reasons": "不服", "confirmed": "yes"})


def test_after_the_final_opinion_the_portal_still_says_when_review_and_re_review_were_asked_for(app, client):
    number, _code = submit(client)
    _walk(app, number, [*ACCEPT_FORWARDED, *INVESTIGATE, *REPLY])
    # A dissatisfied evaluation also sends the case to the petition department's check (Art. 21).
    client.post("/portal/evaluate", data={"csrf_token": "t", "evaluation": "dissatisfied", "comment": ""})
    _ask(client, "review")
    _walk(app, number, REVIEW)
    _ask(client, "re_review")
    _walk(app, number, RE_REVIEW)
    page = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "The re-review opinion is final." in page
    assert "You asked for review on 2026-01-05 (Art. 35)." in page
    assert "You asked for re-review on 2026-01-05 (Art. 36)." in page
    assert "you may ask once; your request has been received or the matter has moved on" not in page


def test_going_back_from_the_confirmation_keeps_the_reasons_typed(app, client):
    number, _code = submit(client)
    _walk(app, number, [*ACCEPT_FORWARDED, *INVESTIGATE, *REPLY])
    typed = "处理意见没有回应我提出的加班费问题，请求复查。"
    confirm = client.post("/portal/request?lang=en", data={"csrf_token": "t", "kind": "review", "reasons": typed})
    page = confirm.get_data(as_text=True)
    assert "Confirm your request for review" in page and 'name="confirmed" value="back"' in page
    back = client.post("/portal/request?lang=en", data={"csrf_token": "t", "kind": "review", "reasons": typed,
                                                        "confirmed": "back"})
    assert back.status_code == 200
    page = back.get_data(as_text=True)
    assert re.search(r'<textarea id="reasons-review"[^>]*>([^<]*)</textarea>', page).group(1) == typed
    assert "You asked for review" not in page  # going back sent nothing
    assert "You asked for review" not in client.get("/portal/case?lang=en").get_data(as_text=True)
