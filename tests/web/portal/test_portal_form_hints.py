"""The online petition form says, in plain words, what to write under the facts and the reasons."""
from __future__ import annotations

from web.petition_form import online_form, staff_form

ORGANS = [("JN-QS-LX-XFJ", "柳溪县信访局", "Liuxi County Petition Bureau")]


def test_the_portal_form_hints_what_happened_and_why_under_facts_and_reasons(client):
    page = client.get("/portal/submit?lang=zh_CN").get_data(as_text=True)
    assert 'aria-describedby="f-facts-help"' in page and 'aria-describedby="f-reasons-help"' in page
    assert "发生了什么：时间、地点、涉及的人或单位，以及您已经找过哪些部门。" in page
    assert "您为什么认为请求应当得到支持；知道有关法律或政策的，可以写上。" in page
    english = client.get("/portal/submit?lang=en").get_data(as_text=True)
    assert "What happened: when, where, who was involved, and whom you have already asked for help." in english
    assert "Why you think your request is right; name a law or policy if you know one." in english


def test_the_staff_form_records_what_was_said_without_the_petitioners_hints():
    assert "ui:help" in online_form(ORGANS)["uiSchema"]["facts"]
    staff = staff_form(ORGANS)["uiSchema"]
    assert staff["facts"] == {"ui:widget": "textarea"} and staff["reasons"] == {"ui:widget": "textarea"}
