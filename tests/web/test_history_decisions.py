"""A case's history says what each step decided and why: the head who returned the opinion, and the reasons."""
from __future__ import annotations

import re

from tests.web.desk import sign_in
from tests.web.test_task_form_context import app, drafted, task_of  # noqa: F401  (fixtures)


def _timeline(html: str) -> str:
    block = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.DOTALL).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))


def _entries(html: str) -> list[str]:
    block = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.DOTALL).group(1)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)) for item in block.split("<li")[1:]]


def test_the_return_of_an_opinion_and_its_reasons_are_in_the_history(app, drafted):  # noqa: F811
    # The entry said only "环节办结：负责人审批处理意见": neither that it was returned nor why.
    number, task_id = drafted
    head = app.test_client()
    sign_in(head, "head")
    returned = head.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete",
                                                    "opinion_approved": "false",
                                                    "opinion_head_comment": "请补充欠薪期间及证据名称。"})
    assert returned.status_code == 302
    case = _timeline(head.get(f"/tasks/case/{number}").get_data(as_text=True))
    assert re.search(r"环节办结 ：负责人审批处理意见 [^：]*同意：否；审批意见：请补充欠薪期间及证据名称。", case), case
    handler = app.test_client()
    sign_in(handler, "handler", lang="en")
    redraft = _timeline(handler.get(f"/tasks/{task_of(app, number, 'draft_opinion')}").get_data(as_text=True))
    assert "Approved: No; Comments: 请补充欠薪期间及证据名称。" in redraft  # the task page's history says it too


def test_an_approval_says_so_and_other_steps_say_no_decision(app, drafted):  # noqa: F811
    number, task_id = drafted
    head = app.test_client()
    sign_in(head, "head")
    head.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "opinion_approved": "true"})
    entries = _entries(head.get(f"/tasks/case/{number}").get_data(as_text=True))
    approval = next(e for e in entries if "环节办结 ：负责人审批处理意见" in e)
    assert approval.rstrip().endswith("同意：是") and "审批意见" not in approval  # no comment given, none shown
    assert any("属于本机关职权范围，予以受理：是" in e for e in entries)  # the organ's acceptance, decided earlier
    drafting = next(e for e in entries if "环节办结 ：拟定信访处理意见" in e)
    assert "：是" not in drafting and "：否" not in drafting  # drafting decides no yes-or-no
