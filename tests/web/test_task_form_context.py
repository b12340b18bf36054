"""Task forms through the desk with the real diagrams: a decision shows what it decides on, read-only,
and an organ is chosen from the directory, never typed."""
from __future__ import annotations

import re

import pytest

from engine import db
from engine.instances import get_instance
from engine.tasks import get_task, save_draft, task_form
from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import fill, ready_tasks, submit_online, work_until

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL
DRAFT = {"petitioner_request": "请求支付拖欠的工资三万元。", "opinion_kind": "support",
         "facts": "经查，青山建材有限公司拖欠周丽工资三万元属实。", "reasons": "用人单位应当按时足额支付劳动报酬。",
         "legal_basis": "《中华人民共和国劳动合同法》第三十条。", "opinion_text": "责令该公司于十五日内足额支付所欠工资。"}


def today_of(app) -> str:
    from processes.petitions.models import today

    with app.app_context():
        return today().isoformat()


def task_of(app, number: str, element: str) -> str:
    return next(task_id for task_id, step, _group, _form in ready_tasks(app, number) if step == element)


def form_of(app, task_id: str) -> dict:
    with app.app_context():
        return task_form(get_task(task_id))


def data_of(app, task_id: str) -> dict:
    with app.app_context():
        return dict(get_instance(get_task(task_id).instance_id).data)


def complete(client, task_id: str, post: dict, expect: int = 302):
    client.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
    response = client.post(f"/tasks/{task_id}", data=post)
    assert response.status_code == expect, response.get_data(as_text=True)[:3000]
    return response


def readonly_field(html: str, label: str) -> str:
    """Return what the read-only field labelled `label` shows (it has no name: it is never posted)."""
    found = re.search(rf'<div class="field readonly">\s*<label for="([^"]+)">{re.escape(label)}</label>\s*'
                      r'(?:<textarea id="\1" readonly>(.*?)</textarea>|<input type="text" id="\1" value="([^"]*)" readonly>)',
                      html, re.DOTALL)
    assert found, f"no read-only field {label!r}"
    return found.group(2) if found.group(2) is not None else found.group(3)


@pytest.fixture
def drafted(app):
    """Return a wage complaint whose handling opinion the handler drafted (DRAFT), and the approval task."""
    client = app.test_client()
    number, _code = submit_online(client)
    today = today_of(app)
    work_until(app, number, "draft_opinion", today)
    handler = app.test_client()
    sign_in(handler, "handler")
    draft_id = task_of(app, number, "draft_opinion")
    complete(handler, draft_id, {**fill(form_of(app, draft_id), today), **DRAFT})
    return number, task_of(app, number, "approve_opinion")


def test_the_head_reads_the_drafted_opinion_before_approving(app, drafted):
    _number, task_id = drafted
    head = app.test_client()
    sign_in(head, "head")
    html = head.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert readonly_field(html, "处理意见书正文") == DRAFT["opinion_text"]
    assert readonly_field(html, "事实") == DRAFT["facts"]
    assert readonly_field(html, "法律法规依据") == DRAFT["legal_basis"]
    assert readonly_field(html, "处理意见") == "请求事实清楚，符合法律法规，予以支持"
    assert 'name="opinion_text"' not in html and 'name="opinion_approved"' in html
    sign_in(head, "head", lang="en")
    english = head.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert readonly_field(english, "Opinion") == "Supported: the facts are clear and it complies with law"


def test_the_head_still_reads_the_opinion_when_the_approval_is_sent_back_for_a_missing_answer(app, drafted):
    # The form shown back held only what was posted: the opinion under approval vanished from it.
    _number, task_id = drafted
    head = app.test_client()
    sign_in(head, "head")
    html = complete(head, task_id, {"csrf_token": "t", "action": "complete", "opinion_head_comment": "请补充依据"},
                    expect=422).get_data(as_text=True)
    assert 'id="form-errors"' in html and "请补充依据" in html
    assert readonly_field(html, "处理意见书正文") == DRAFT["opinion_text"]
    assert readonly_field(html, "事实") == DRAFT["facts"]


def test_a_crafted_post_or_draft_cannot_change_what_the_head_approves(app, drafted):
    number, task_id = drafted
    head = app.test_client()
    sign_in(head, "head")
    with app.app_context():  # a draft written through the API with the opinion in it
        save_draft(task_id, {"opinion_text": "伪造的意见", "opinion_head_comment": "先看看"}, "head")
        db.session.commit()
    html = head.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert readonly_field(html, "处理意见书正文") == DRAFT["opinion_text"] and "伪造的意见" not in html
    assert "先看看" in html  # the head's own field keeps the draft
    complete(head, task_id, {"csrf_token": "t", "action": "complete", "opinion_approved": "true",
                             "opinion_text": "伪造的意见", "facts": "伪造的事实"})
    data = data_of(app, task_id)
    assert data["opinion_text"] == DRAFT["opinion_text"] and data["facts"] == DRAFT["facts"]
    assert data["opinion_approved"] is True
    case_page = head.get(f"/tasks/{task_of(app, number, 'serve_reply')}").get_data(as_text=True)
    assert "伪造" not in case_page  # nor in the history of the case


def test_the_reviewer_reads_the_request_and_the_reply_it_is_about(app, drafted):
    number, task_id = drafted
    head = app.test_client()
    sign_in(head, "head")
    today = today_of(app)
    complete(head, task_id, {"csrf_token": "t", "action": "complete", "opinion_approved": "true"})
    handler = app.test_client()
    sign_in(handler, "handler")
    serve_id = task_of(app, number, "serve_reply")
    complete(handler, serve_id, {"csrf_token": "t", "action": "complete", "reply_served_on": today,
                                 "reply_service_method": "in_person"})
    with app.app_context():
        from processes import portal
        from processes.petitions import find_by_number

        portal.request_right(find_by_number(number), "review", "公司至今仍未支付工资，请求上级复查。")
        db.session.commit()
    reviewer = app.test_client()
    sign_in(reviewer, "reviewer")
    html = reviewer.get(f"/tasks/{task_of(app, number, 'review_matter')}").get_data(as_text=True)
    assert readonly_field(html, "请求复查的理由") == "公司至今仍未支付工资，请求上级复查。"
    assert readonly_field(html, "原处理意见书正文") == DRAFT["opinion_text"]
    assert readonly_field(html, "原处理意见") == "请求事实清楚，符合法律法规，予以支持"
    assert 'name="review_decision"' in html


@pytest.fixture
def registering(app):
    """Return the registration task of an online wage complaint to the county petition bureau."""
    client = app.test_client()
    number, _code = submit_online(client)
    return number, task_of(app, number, "register_petition")


def test_the_registrar_picks_the_organ_from_the_directory_with_the_suggestion_chosen(app, registering):
    _number, task_id = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    html = registrar.get(f"/tasks/{task_id}").get_data(as_text=True)
    select = re.search(r'<select name="handling_organ".*?</select>', html, re.DOTALL).group(0)
    assert '<optgroup label="县级 · 柳溪县">' in select and '<optgroup label="市级 · 青山市">' in select
    assert re.search(r'<option value="JN-QS-LX-RSJ" selected>柳溪县人力资源和社会保障局（JN-QS-LX-RSJ）</option>', select)
    assert '<option value="JN-QS-LX-TY">桃源镇人民政府（JN-QS-LX-TY）</option>' in select
    assert '<input type="text" name="handling_organ"' not in html
    sign_in(registrar, "registrar", lang="en")
    english = registrar.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert re.search(r'<option value="JN-QS-LX-RSJ" selected>Liuxi County Human Resources and Social Security '
                     r'Bureau \(JN-QS-LX-RSJ\)</option>', english)
    assert '<optgroup label="County · Liuxi County">' in english


@pytest.mark.parametrize("lang, words", [("zh_CN", "填0的，不另定期限：交办函要求在法定期限内反馈办理结果"),
                                         ("en", "0 sets no day of its own: the letter of assignment asks for the "
                                                "result within the statutory periods")])
def test_the_feedback_period_says_what_0_means(app, registering, lang, words):
    _number, task_id = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang=lang)
    html = registrar.get(f"/tasks/{task_id}").get_data(as_text=True)
    help_text = re.search(r'<p class="help" id="f-feedback_due_days-help">([^<]*)</p>', html)
    assert help_text and words in help_text.group(1)
    assert re.search(r'<input[^>]*name="feedback_due_days"[^>]*aria-describedby="f-feedback_due_days-help', html)


@pytest.mark.parametrize("lang, message", [("zh_CN", "请从列表中选择一项"), ("en", "Please choose one from the list")])
def test_an_organ_code_not_in_the_directory_is_refused_and_nothing_changes(app, registering, lang, message):
    number, task_id = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang=lang)
    before = data_of(app, task_id)
    post = {**fill(form_of(app, task_id), today_of(app)), "handling_organ": "GD-HC-LAND"}
    html = complete(registrar, task_id, post, expect=422).get_data(as_text=True)
    error = re.search(r'<p class="field-error" id="f-handling_organ-error">([^<]*)</p>', html)
    assert error and message in error.group(1)
    assert 'aria-invalid="true"' in re.search(r'<select name="handling_organ"[^>]*>', html).group(0)
    with app.app_context():
        assert get_task(task_id).state == "ready"
    assert data_of(app, task_id) == before
    assert task_of(app, number, "register_petition") == task_id


def test_the_heads_comment_shows_on_the_opinion_only_once_there_is_one(app, drafted):
    number, approval = drafted
    handler = app.test_client()
    sign_in(handler, "handler")
    head = app.test_client()
    sign_in(head, "head")
    complete(head, approval, {"csrf_token": "t", "action": "complete", "opinion_approved": "false",
                              "opinion_head_comment": "法律依据请补充具体条款。"})
    redraft = task_of(app, number, "draft_opinion")
    page = handler.get(f"/tasks/{redraft}").get_data(as_text=True)
    assert readonly_field(page, "负责人退回时的意见") == "法律依据请补充具体条款。"


def test_a_first_draft_shows_no_empty_comment_of_the_head(app):
    client = app.test_client()
    number, _code = submit_online(client)
    work_until(app, number, "draft_opinion", today_of(app))
    handler = app.test_client()
    sign_in(handler, "handler")
    page = handler.get(f"/tasks/{task_of(app, number, 'draft_opinion')}").get_data(as_text=True)
    assert "负责人退回时的意见" not in page and "（未填写）" not in page
    assert "调查核实情况" in page  # the findings it is written from are shown


def _oral_record_checked(html: str) -> str:
    return re.search(r'name="oral_record" value="(true|false)" id="[^"]+" checked', html).group(1)


def test_the_registration_step_marks_a_visit_as_raised_orally_and_an_online_petition_not(app, registering):
    # Art. 19: a matter raised at a visit or by telephone is written down by staff. The registration form
    # said "no" for every petition, so a registrar completing it as shown recorded a visit as written.
    from tests.web.test_tasks_intake import _visit

    _number, online_task = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    assert _oral_record_checked(registrar.get(f"/tasks/{online_task}").get_data(as_text=True)) == "false"
    for n, channel in enumerate(("visit", "phone", "letter")):
        visit = registrar.post("/tasks/intake", data=_visit(**{
            "submission_token": f"tok-{channel}", "channel": channel, "petitioners-0-name": f"王建军{n}",
            "petitioners-0-id_number": "", "petitioners-0-phone": f"1385710010{n}"}))
        assert visit.status_code == 302, visit.get_data(as_text=True)[:2000]
        number = visit.headers["Location"].rsplit("/", 1)[-1]
        html = registrar.get(f"/tasks/{task_of(app, number, 'register_petition')}").get_data(as_text=True)
        assert _oral_record_checked(html) == ("false" if channel == "letter" else "true"), channel


def test_a_task_form_opens_with_the_rule_it_applies_in_the_readers_language(app, registering):
    # Each form names the articles it applies (forms/*.json "description"); the task page left them out.
    _number, task_id = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    html = registrar.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert '<p class="form-description">第十九条至第二十三条：如实登记信访人的请求、事实和理由' in html
    sign_in(registrar, "registrar", lang="en")
    html = registrar.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert '<p class="form-description">Art. 19-23: record the request, facts and reasons truthfully' in html
