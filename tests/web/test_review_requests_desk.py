"""Staff record on the case page a request for review or re-review that came by letter or at a visit
(Art. 35, 36): the same step as the portal's, with who recorded it, how it came and the day that counts."""
from __future__ import annotations

import re
from datetime import date, timedelta

from engine import db
from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import ready_tasks, submit_online, work_until
from tests.web.test_task_form_context import today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL

REASONS = "处理意见认定事实不清，请求上一级机关复查。"


def _replied(app) -> tuple[str, str, date]:
    """Bring an online petition to its served reply; return its number, query code and the service day."""
    number, code = submit_online(app.test_client())
    served = today_of(app)
    work_until(app, number, "request_review", served)
    return number, code, date.fromisoformat(served)


def _advance(app, days: int) -> None:
    from engine.timers import advance_clock

    with app.app_context():
        advance_clock(by=timedelta(days=days))
        db.session.commit()


def _record(client, number: str, kind: str = "review", **changes):
    data = {"csrf_token": "t", "kind": kind, "channel": "letter", "received_on": today_of_client(client),
            "reasons": REASONS} | changes
    return client.post(f"/tasks/case/{number}/request", data=data, content_type="multipart/form-data")


def today_of_client(client) -> str:
    from processes.petitions.models import today

    with client.application.app_context():
        return today().isoformat()


def _textarea(page: str) -> str:
    return re.search(r'<textarea id="request_reasons"[^>]*>([^<]*)</textarea>', page).group(1)


def test_a_letter_asking_for_review_is_recorded_at_the_desk_and_the_case_goes_on_to_review(app):
    number, code, served = _replied(app)
    _advance(app, 5)
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    page = registrar.get(f"/tasks/case/{number}").get_data(as_text=True)
    assert "Record a request for review" in page
    assert f"The written opinion was served on {served.isoformat()}" in page

    postmark = (served + timedelta(days=1)).isoformat()  # the letter was posted before it arrived today
    arrived = today_of_client(registrar)
    done = _record(registrar, number, posted_on=postmark)
    assert done.status_code == 302, done.get_data(as_text=True)[:3000]
    page = registrar.get(done.headers["Location"]).get_data(as_text=True)
    assert "The request for review was recorded" in page
    assert f"Review requested on {postmark} (Art. 35) · by letter" in page
    assert "Record a request for review" not in page  # it is not offered twice
    assert f"Received by letter; the day that counts: {postmark}." in page  # the timeline says how and when
    assert REASONS in page
    steps = {step: group for _id, step, group, _form in ready_tasks(app, number)}
    assert "review_matter" in steps and "request_review" not in steps  # the diagram went on as from the portal

    with app.app_context():
        from engine.models import HistoryRow
        from sqlalchemy import select

        row = db.session.scalar(select(HistoryRow).where(HistoryRow.event == "task_completed",
                                                         HistoryRow.element == "request_review"))
        assert row.actor == "registrar"
        assert row.detail["data"]["review_request_channel"] == "letter"
        assert row.detail["data"]["review_requested_on"] == postmark
        assert row.detail["data"]["review_received_on"] == arrived
        from engine.models import TaskRow
        from processes.functions import deadline

        review = db.session.scalar(select(TaskRow).where(TaskRow.element == "review_matter", TaskRow.state == "ready"))
        # the review organ's 30 days run from the day the letter reached it, not from its postmark (Art. 35)
        assert review.due_at == deadline(arrived, 30).due_at != deadline(postmark, 30).due_at

    portal = _portal(app, number, code)
    mine = portal.get("/portal/case?lang=en").get_data(as_text=True)
    assert f"You asked for review on {postmark} (Art. 35)." in mine
    assert "Your letter was received and the request recorded for you by the organ." in mine
    chinese = portal.get("/portal/case?lang=zh_CN").get_data(as_text=True)
    assert f"您已于 {postmark} 请求复查" in chinese and "机关收到您的来信，已为您登记请求。" in chinese


def _portal(app, number: str, code: str):
    client = app.test_client()
    with client.session_transaction() as session:
        session["csrf_token"] = "t"
    client.post("/portal/query", data={"csrf_token": "t", "number": number, "code": code})
    return client


def _data(number: str) -> dict:
    from processes.case_view import instances_of
    from processes.petitions import find_by_number

    merged = {}
    for instance in instances_of(find_by_number(number)):
        merged |= {k: v for k, v in (instance.data or {}).items() if v is not None}
    return merged


def test_a_day_in_the_future_or_before_service_is_refused_at_the_field_with_everything_kept(app):
    number, _code, served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    ahead = (served + timedelta(days=2)).isoformat()
    refused = _record(registrar, number, channel="visit", received_on=ahead)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert f"此日期不能晚于今天（{served.isoformat()}）。" in page
    assert f'value="{ahead}"' in page and _textarea(page) == REASONS
    assert re.search(r'value="visit" checked', page)

    before = (served - timedelta(days=1)).isoformat()
    page = _record(registrar, number, received_on=before).get_data(as_text=True)
    assert f"此日期不能早于书面意见送达之日（{served.isoformat()}）。" in page and _textarea(page) == REASONS
    missing = _record(registrar, number, channel="", received_on="")
    assert missing.status_code == 422
    page = missing.get_data(as_text=True)
    assert "请选择请求的提出方式。" in page and "请填写收到请求的日期" in page and _textarea(page) == REASONS
    assert "request_review" in {step for _id, step, _g, _f in ready_tasks(app, number)}  # nothing was recorded


def test_a_late_letter_is_refused_with_the_portals_words_counted_to_the_day_it_was_received(app):
    from processes.functions import deadline

    number, _code, served = _replied(app)
    with app.app_context():
        last_day = deadline(served.isoformat(), 30).last_day
    _advance(app, (last_day - served).days + 6)  # the 30 days passed unused; letters posted in time still come
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    page = registrar.get(f"/tasks/case/{number}").get_data(as_text=True)
    until = (last_day + timedelta(days=7)).isoformat()
    assert (f"The 30 days ended on {last_day.isoformat()}. A letter posted by that day was made in time and is "
            f"still recorded until {until}; a request handed in now is late.") in page
    late = (last_day + timedelta(days=2)).isoformat()
    refused = _record(registrar, number, received_on=late)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert (f"Under Art. 35 the request must be made within 30 days of receiving the written opinion. You received it"
            f" on {served.isoformat()}; the period ended on {last_day.isoformat()}.") in page
    assert f"This request was made on {late}." in page
    assert _textarea(page) == REASONS and f'value="{late}"' in page
    assert "review_in_post" in {step for _id, step, _g, _f in ready_tasks(app, number)}  # nothing was recorded


def test_a_request_already_recorded_is_not_recorded_twice(app):
    number, _code, _served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    assert _record(registrar, number).status_code == 302
    again = _record(registrar, number, reasons="第二封来信")
    assert again.status_code == 409
    page = again.get_data(as_text=True)
    assert "The request was already recorded; it is not recorded twice." in page
    assert _textarea(page) == "第二封来信"


def test_only_registrars_and_the_organ_the_request_goes_to_may_record_it(app):
    number, _code, _served = _replied(app)
    handler = app.test_client()
    sign_in(handler, "handler", lang="en")  # the handling organ: its own opinion is contested
    assert "Record a request" not in handler.get(f"/tasks/case/{number}").get_data(as_text=True)
    assert _record(handler, number).status_code == 403
    reviewer = app.test_client()
    sign_in(reviewer, "reviewer", lang="en")  # the next higher organ, which receives the request (Art. 35)
    assert "Record a request for review" in reviewer.get(f"/tasks/case/{number}").get_data(as_text=True)
    assert _record(reviewer, number, channel="visit").status_code == 302
    page = reviewer.get(f"/tasks/case/{number}").get_data(as_text=True)
    assert "· at a visit" in page


def test_a_re_review_request_is_recorded_for_the_organ_above_the_review_organ(app):
    number, code, _served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    assert _record(registrar, number).status_code == 302
    work_until(app, number, "request_re_review", today_of(app))
    re_reviewer = app.test_client()
    sign_in(re_reviewer, "re_reviewer", lang="en")
    page = re_reviewer.get(f"/tasks/case/{number}").get_data(as_text=True)
    assert "Record a request for re-review" in page
    done = _record(re_reviewer, number, kind="re_review", channel="other")
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    assert "examine_re_review" in {step for _id, step, _g, _f in ready_tasks(app, number)}
    portal = _portal(app, number, code)
    mine = portal.get("/portal/case?lang=en").get_data(as_text=True)
    assert "You asked for re-review on" in mine
    assert "The request reached the organ in another way; the organ recorded it for you." in mine


def test_a_postmark_after_the_day_received_or_a_late_postmark_is_refused_at_its_field(app):
    from processes.functions import deadline

    number, _code, served = _replied(app)
    with app.app_context():
        last_day = deadline(served.isoformat(), 30).last_day
    _advance(app, (last_day - served).days)  # the last day of the window: the letter arrives today
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    today = today_of_client(registrar)
    earlier = (last_day - timedelta(days=2)).isoformat()
    refused = _record(registrar, number, received_on=earlier, posted_on=today)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "The postmark day cannot be later than the day the letter was received." in page
    assert f'id="posted_on" name="posted_on" value="{today}"' in page and _textarea(page) == REASONS
    assert _record(registrar, number, posted_on=earlier).status_code == 302  # posted in time, arrived today
    with app.app_context():
        assert _data(number)["review_requested_on"] == earlier


def test_a_letter_posted_on_the_last_day_that_arrives_after_the_30_days_is_recorded_in_time(app):
    from engine.models import TaskRow
    from processes.functions import deadline
    from sqlalchemy import select

    number, code, served = _replied(app)
    with app.app_context():
        last_day = deadline(served.isoformat(), 30).last_day
    _advance(app, (last_day - served).days + 3)  # posted on the last day, it arrives three days later
    portal = _portal(app, number, code)
    mine = portal.get("/portal/case?lang=en").get_data(as_text=True)
    assert 'id="reasons-review"' not in mine  # the petitioner can no longer ask online
    assert ("The 30 days to ask have ended. A request you posted in time is still recorded if it reaches the organ "
            f"by {(last_day + timedelta(days=7)).isoformat()}; then the matter is concluded.") in mine
    assert "and ask for review within 30 days" not in mine  # what comes next no longer offers the 30 days
    assert (f"If you posted your request by {last_day.isoformat()}, it was made in time: a letter that reaches the "
            f"organ by {(last_day + timedelta(days=7)).isoformat()} is still recorded.") in mine
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    arrived = today_of_client(registrar)
    with app.app_context():
        assert _window_state(number) == "lapsed"  # the 30 days ran out with nothing received yet
    done = _record(registrar, number, posted_on=last_day.isoformat())
    assert done.status_code == 302, done.get_data(as_text=True)[:3000]
    assert f"Review requested on {last_day.isoformat()} (Art. 35) · by letter" in registrar.get(
        done.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        review = db.session.scalar(select(TaskRow).where(TaskRow.element == "review_matter", TaskRow.state == "ready"))
        assert review is not None and review.due_at == deadline(arrived, 30).due_at  # from the day it arrived
        assert _data(number)["review_requested_on"] == last_day.isoformat()
        assert _window_state(number) == "met"  # the right was used in time, not left to lapse


def _window_state(number: str) -> str:
    from processes.case_deadlines import case_deadlines
    from processes.petitions import find_by_number

    return next(d.state for d in case_deadlines(find_by_number(number)) if d.name == "30日内未请求复查")


def test_a_letter_arriving_after_the_days_for_the_post_is_not_recorded_and_says_why(app):
    from processes.functions import deadline

    number, _code, served = _replied(app)
    with app.app_context():
        last_day = deadline(served.isoformat(), 30).last_day
    _advance(app, (last_day - served).days + 8)  # the case closed after the 7 days for letters in the post
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    assert "Record a request" not in registrar.get(f"/tasks/case/{number}").get_data(as_text=True)
    refused = _record(registrar, number, received_on=last_day.isoformat())
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "The step that takes this request is no longer open: the case has moved on. Nothing was recorded." in page
    assert _textarea(page) == REASONS


def test_the_letters_scan_is_kept_with_the_petition_and_named_in_the_step(app):
    from io import BytesIO

    number, _code, served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    future = (served + timedelta(days=1)).isoformat()
    refused = _record(registrar, number, received_on=future, attachments=[(BytesIO(b"%PDF-1.4 scan"), "复查申请.pdf")])
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Choose the files again before you record the request; a page sent back cannot keep them:" in page
    assert "复查申请.pdf" in page

    done = _record(registrar, number, attachments=[(BytesIO(b"%PDF-1.4 scan"), "复查申请.pdf"),
                                                   (BytesIO(b"x" * 2048), "信封.jpg")])
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    page = registrar.get(done.headers["Location"]).get_data(as_text=True)
    assert '复查申请.pdf</a> <span class="small muted">(13 B)</span>' in page  # with the petition's attachments
    assert "Papers handed in: 复查申请.pdf、信封.jpg" in page


def test_a_scan_over_10_mb_is_refused_at_its_field(app):
    from io import BytesIO

    from werkzeug.test import EnvironBuilder

    number, _code, _served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    data = {"csrf_token": "t", "kind": "review", "channel": "letter", "received_on": today_of_client(registrar),
            "reasons": REASONS, "attachments": [(BytesIO(b"x" * (10 * 1024 * 1024 + 1)), "scan.tif")]}
    # A body this large is spooled to a file the test client does not close itself.
    builder = EnvironBuilder(path=f"/tasks/case/{number}/request", method="POST", data=data,
                             content_type="multipart/form-data")
    environ = builder.get_environ()
    try:
        refused = registrar.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Each attachment may be at most 10 MB." in page and _textarea(page) == REASONS
    assert "request_review" in {step for _id, step, _g, _f in ready_tasks(app, number)}


def test_a_request_with_a_file_of_a_kind_not_taken_is_refused_with_the_reasons_kept(app):
    from io import BytesIO

    number, _code, _served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    data = {"csrf_token": "t", "kind": "review", "channel": "letter", "received_on": today_of_client(registrar),
            "reasons": REASONS, "attachments": [(BytesIO(b"<html>"), "letter.html")]}
    refused = registrar.post(f"/tasks/case/{number}/request", data=data, content_type="multipart/form-data")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "These files cannot be attached: letter.html." in page and _textarea(page) == REASONS
    assert "request_review" in {step for _id, step, _g, _f in ready_tasks(app, number)}


def _section(response) -> str:
    """Return the case page's review-and-re-review card as a person reads it."""
    from tests.web import admin_client

    text = admin_client.text(response)
    start = text.index("Review and re-review" if "Review and re-review" in text else "复查和复核")
    return text[start:start + 600]


def test_a_letter_shows_its_postmark_day_and_the_day_the_organ_received_it_on_the_desk_and_the_portal(app):
    number, code, served = _replied(app)
    _advance(app, 4)
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    postmark, arrived = (served + timedelta(days=1)).isoformat(), today_of_client(registrar)
    assert _record(registrar, number, posted_on=postmark).status_code == 302
    both = (f"Request made on {postmark} (the postmark day); received by the organ on {arrived}, from which its"
            f" 30 days run.")
    page = registrar.get(f"/tasks/case/{number}")
    assert both in _section(page)  # beside the request, not only in the timeline
    assert f"Received by letter; the day that counts: {postmark}. {both}" in page.get_data(as_text=True)  # timeline
    chinese = app.test_client()
    sign_in(chinese, "registrar")
    page = chinese.get(f"/tasks/case/{number}")
    assert f"请求日（邮戳）{postmark}，收到日 {arrived}；机关办理期限自收到之日起算。" in _section(page)

    portal = _portal(app, number, code)
    mine = portal.get("/portal/case?lang=en").get_data(as_text=True)
    assert f"The organ received it on {arrived}; the 30 days for its opinion run from that day." in mine
    assert f"机关于 {arrived} 收到您的请求，出具意见的30日期限自该日起算。" in portal.get(
        "/portal/case?lang=zh_CN").get_data(as_text=True)


def test_a_request_at_a_visit_shows_the_one_day_the_organ_received_it(app):
    number, _code, _served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    assert _record(registrar, number, channel="visit").status_code == 302
    arrived = today_of_client(registrar)
    section = _section(registrar.get(f"/tasks/case/{number}"))
    assert f"Received by the organ on {arrived}, from which its 30 days run." in section
    assert "postmark" not in section


def test_a_request_made_online_shows_no_separate_day_received(app):
    online, code, _served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    portal = _portal(app, online, code)
    made = portal.post("/portal/request", data={"csrf_token": "t", "kind": "review", "reasons": REASONS,
                                               "confirmed": "yes"})
    assert made.status_code == 302
    section = _section(registrar.get(f"/tasks/case/{online}"))
    assert "Review requested on" in section and "received by the organ" not in section.lower()
    assert "The organ received it on" not in portal.get("/portal/case?lang=en").get_data(as_text=True)


def test_the_days_for_letters_in_the_post_are_named_for_what_they_are(app):
    from processes.case_view import instances_of
    from processes.functions import deadline
    from processes.petitions import find_by_number

    number, _code, served = _replied(app)
    with app.app_context():
        last_day = deadline(served.isoformat(), 30).last_day
        case = instances_of(find_by_number(number))[0].id
    _advance(app, (last_day - served).days + 1)
    admin = app.test_client()
    sign_in(admin, "admin", lang="en")
    page = admin.get(f"/admin/instances/{case}").get_data(as_text=True)
    assert "Days for letters in the post after the time limit of Art. 35" in page
    assert f"30 days from {served.isoformat()} (calendar); 7 days for letters in the post" in page
    chinese = app.test_client()
    sign_in(chinese, "admin")
    page = chinese.get(f"/admin/instances/{case}").get_data(as_text=True)
    assert "邮寄在途期届满" in page and "；另加邮寄在途 7 日" in page
