"""The instance list finds a case by what an administrator knows it by: its number, its petitioner
(name, phone or identity number) or its title, combined with the other filters."""
from __future__ import annotations

import re

import pytest

from engine import db
from tests.web.admin_client import sign_in

BASE = {"receiving_organ": "JN-QS-LX-XFJ", "territory": "JN-QS-LX", "channel": "online", "category": "labour",
        "request": "请求支付拖欠的工资。", "facts": "公司拖欠工资三万元。", "reasons": "应当按时支付劳动报酬。"}


@pytest.fixture
def numbers(app, client):
    from processes.petitions import submit_petition

    with app.app_context():
        made = [submit_petition({**BASE, **extra}, "registrar") for extra in (
            {"petitioners": [{"name": "周丽", "address": "柳溪县桃源镇幸福村5号", "phone": "13800000001"}],
             "title": "青山建材公司拖欠工资"},
            {"petitioners": [{"name": "王强", "address": "柳溪县城关镇1号", "phone": "13900000002"}],
             "title": "小区噪音扰民", "category": "environment"},
        )]
        db.session.commit()
        numbers = [m.petition.registration_number for m in made]
    sign_in(client)
    return numbers


def _found(client, **args) -> list[str]:
    html = client.get("/admin/instances", query_string=args).data.decode()
    return re.findall(r"XF-[A-Z0-9-]+", html.split("<tbody>", 1)[1])


def test_the_text_finds_a_case_by_its_petitioner_s_name_phone_or_its_title(client, numbers):
    zhou, wang = numbers
    assert _found(client, text="周丽") == [zhou]
    assert _found(client, text="139 0000 0002") == [wang]
    assert _found(client, text="噪音") == [wang]
    assert _found(client, text=zhou[-6:]) == [zhou]  # the number, as before
    assert _found(client, text="李四") == []


def test_the_text_combines_with_the_other_filters(client, numbers):
    zhou, _wang = numbers
    assert _found(client, text="周丽", status="running") == [zhou]
    assert _found(client, text="周丽", status="completed") == []
    assert _found(client, text="周丽", process="no_such_process") == []


def _counts(client, **args) -> dict[str, str]:
    html = client.get("/admin/instances", query_string={"lang": "zh_CN", **args}).data.decode()
    chips = html.split('class="counts"', 1)[1].split("</p>", 1)[0]
    return dict(re.findall(r'class="chip[^"]*">\s*([^<]+?)\s*<b>(\d+)</b>', chips))


def test_the_counts_by_status_are_of_the_cases_the_other_filters_find(client, numbers):
    everything = _counts(client)
    assert int(everything["全部"]) >= 2
    assert _counts(client, text="周丽") == {"全部": "1", "运行中": "1", "等待中": "0", "已挂起": "0", "出错": "0",
                                          "已完成": "0", "已终止": "0"}
    # a status chosen does not change the counts beside the others: each says what a click on it lists
    assert _counts(client, text="周丽", status="completed")["运行中"] == "1"


def test_the_instance_page_names_the_petitioner_and_opens_the_case_file(app, client, numbers):
    from engine.models import Instance

    zhou, _wang = numbers
    with app.app_context():
        instance_id = db.session.scalar(db.select(Instance.id).where(Instance.business_key == zhou))
    page = client.get(f"/admin/instances/{instance_id}?lang=zh_CN")
    html = page.data.decode()
    assert re.search(r'<dd id="petitioners">\s*周丽\s*</dd>', html)
    link = re.search(r'<a href="([^"]+)" id="case-file-link">案卷（文书、期限、办理时间线）</a>', html).group(1)
    assert link == f"/tasks/case/{zhou}"
    assert zhou in client.get(link).data.decode()  # the administrator may open it


def test_a_case_found_to_be_the_same_matter_links_to_the_earlier_one(app, client, numbers):
    from engine.instances import suspend_instance, update_data
    from engine.models import Instance

    zhou, wang = numbers
    with app.app_context():
        instance_id = db.session.scalar(db.select(Instance.id).where(Instance.business_key == wang))
        suspend_instance(instance_id, "admin", "核对")
        update_data(instance_id, {"same_matter_found": True, "same_matter_check": {"earlier": zhou, "found": True}},
                    "registrar", "同一事项")
        db.session.commit()
    html = client.get(f"/admin/instances/{instance_id}?lang=zh_CN").data.decode()
    link = re.search(r'<dd id="related-case">与以下案件为同一事项： <a href="([^"]+)">' + zhou + "</a></dd>", html)
    assert _found(client, **dict(pair.split("=") for pair in link.group(1).split("?")[1].split("&"))) == [zhou]


def test_a_percent_sign_or_underscore_typed_is_found_as_typed_not_as_a_wildcard(client, numbers):
    for typed in ("%", "_", "XF_JN"):
        assert _found(client, text=typed) == [], typed
        assert _found(client, key=typed) == [], typed
