"""Recusal on the desk (Art. 28 ¶3): the head cannot designate the handler who recused, nor a name that is
no handler of the organ; the refusal is said at the field in the reader's language and nothing moves."""
from __future__ import annotations

from tests.web.desk import sign_in
from tests.web.journey import submit_online, work_until
from tests.web.test_task_form_context import app, complete, task_of, today_of  # noqa: F401  (fixtures)


def test_the_head_cannot_designate_the_handler_who_recused(app):  # noqa: F811
    number, _code = submit_online(app.test_client())
    work_until(app, number, "check_recusal", today_of(app))
    handler = app.test_client()
    sign_in(handler, "handler")
    complete(handler, task_of(app, number, "check_recusal"),
             {"csrf_token": "t", "action": "complete", "has_direct_interest": "true",
              "interest_note": "承办人系被投诉公司股东的亲属。"})
    head = app.test_client()
    sign_in(head, "head")
    task_id = task_of(app, number, "reassign_handler")
    for name, words in (("handler", "“handler”已在本案回避，不能指定其承办（第二十八条第三款）。"),
                        ("张三", "“张三”不是本案办理机关的在岗承办人员，请填写其中一人的用户名。")):
        refused = complete(head, task_id, {"csrf_token": "t", "action": "complete", "assigned_handler": name}, 422)
        html = refused.get_data(as_text=True)
        assert words in html and f'value="{name}"' in html  # said at the field, what was typed kept
    assert task_of(app, number, "reassign_handler") == task_id  # the step still waits
