"""The dashboard, its CSV tables, and the annual report on screen, for print and as CSV."""
from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest

from tests.console_data import register_petitions
from tests.web.admin_client import sign_in, text


@pytest.fixture
def signed_in(app, client):
    with app.app_context():
        register_petitions()
    sign_in(client)
    return client


def _charts(response) -> list[dict]:
    return [json.loads(unescape(found)) for found in re.findall(r'data-chart="([^"]*)"', response.data.decode())]


def _csv(response) -> list[list[str]]:
    body = response.data.decode("utf-8")
    assert body.startswith("\ufeff") and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_dashboard_draws_each_chart_from_the_figures_beside_it(signed_in):
    response = signed_in.get("/admin/statistics?year=2026")
    page = text(response)
    assert response.status_code == 200 and "2026年统计" in page
    charts = _charts(response)
    assert len(charts) == 6
    by_month = charts[0]
    assert by_month["labels"][0] == "1月" and by_month["stacked"] is True
    assert {d["label"]: d["data"][0] for d in by_month["datasets"]} == {"网上信访": 2, "书信": 1, "电话": 0, "传真": 0,
                                                                       "走访": 1}
    assert charts[5]["labels"] == ["柳溪县信访局 · 登记转送"] and charts[5]["datasets"][0]["data"] == [25.0]
    assert "发出督办函" in page and "柳溪县信访局 登记转送 1 3 0 25.0" in page  # the same figures in the table


def test_a_table_downloads_as_csv_in_chinese(signed_in):
    rows = _csv(signed_in.get("/admin/statistics/on_time.csv?year=2026"))
    assert rows == [["机关", "法定期限", "按期", "已超期", "当前超期", "按期率（%）"],
                    ["柳溪县信访局", "登记转送", "1", "3", "0", "25.0"]]
    assert signed_in.get("/admin/statistics/nothing.csv").status_code == 404


def test_the_dashboard_for_one_organ_and_an_organ_that_does_not_exist(signed_in):
    page = text(signed_in.get("/admin/statistics?year=2026&organ=JN-QS-LX-STHJJ"))
    assert "柳溪县生态环境局" in page and "柳溪县信访局 登记转送" not in page
    assert "没有该代码的机关" in text(signed_in.get("/admin/statistics?organ=NOWHERE"))


def test_the_annual_report_on_screen_in_print_and_as_csv(signed_in):
    query = "year=2026&organ=JN-QS-LX-XFJ"
    page = text(signed_in.get(f"/admin/report?{query}"))
    assert "柳溪县信访局 2026年度信访情况报告" in page
    for heading in ("一、信访事项的数据统计、涉及领域以及被投诉较多的机关、单位", "二、信访部门转送、交办、督办情况",
                    "三、提出改进工作、完善政策、追究责任建议以及被采纳情况", "四、其他应当报告的事项"):
        assert heading in page
    assert "收到信访事项 4" in page and "转送 1" in page and "改进工作建议 1" in page and "已采纳 1" in page
    printed = signed_in.get(f"/admin/report/print?{query}")
    assert 'class="a4-sheet"' in printed.data.decode() and "打印" in text(printed)
    rows = _csv(signed_in.get(f"/admin/report.csv?{query}"))
    assert rows[0] == ["信访情况年度报告", "柳溪县信访局", "2026"]
    assert ["收到信访事项", "4"] in rows and ["柳溪县人力资源和社会保障局", "2", "0"] in rows


PETITIONER_WINDOW = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="defs_window" targetNamespace="http://xinfang.test">
<bpmn:process id="window" name="评价 Evaluation" isExecutable="true">
  <bpmn:startEvent id="w_start"/>
  <bpmn:sequenceFlow id="w0" sourceRef="w_start" targetRef="evaluate"/>
  <bpmn:userTask id="evaluate" name="评价办理情况" camunda:candidateGroups="petitioner"/>
  <bpmn:boundaryEvent id="window_ends" name="评价期届满" attachedToRef="evaluate" cancelActivity="false">
    <bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition>
  </bpmn:boundaryEvent>
  <bpmn:sequenceFlow id="w1" sourceRef="evaluate" targetRef="w_end"/>
  <bpmn:endEvent id="w_end"/>
</bpmn:process>
</bpmn:definitions>"""


def test_a_year_out_of_range_is_said_and_the_organ_asked_for_is_kept(signed_in):
    # A year typed into the address is refused with the year shown instead; the organ asked for stays.
    page = text(signed_in.get("/admin/statistics?year=1800&organ=JN-QS-LX-STHJJ"))
    assert "2026年统计 · 柳溪县生态环境局" in page and "现显示2026年的数据。" in page
    report = text(signed_in.get("/admin/report?year=1800&organ=JN-QS-LX-XFJ"))
    assert "柳溪县信访局 2026年度信访情况报告" in report and "现显示2026年的数据。" in report
    assert "现显示" not in text(signed_in.get("/admin/statistics?year=2026"))


def test_a_window_the_petitioner_lets_pass_is_no_organ_missing_its_limit(app, signed_in):
    from datetime import timedelta

    from engine import db
    from engine.definitions import deploy
    from engine.instances import start_instance
    from engine.timers import advance_clock
    from processes.case_admin import console_summary

    with app.app_context():
        deploy({"window.bpmn": PETITIONER_WINDOW.encode()}, "designer")
        start_instance("window", "XF-WINDOW", {}, "admin")
        db.session.commit()
        late_before = console_summary().late_tasks
        advance_clock(by=timedelta(days=31))  # she did not evaluate within the 30 days
        assert console_summary().late_tasks == late_before  # the console's front page counts no late task
    rows = _csv(signed_in.get("/admin/statistics/on_time.csv?year=2026"))
    assert [row[:2] for row in rows[1:]] == [["柳溪县信访局", "登记转送"]]  # no “— · 评价办理情况” row
    assert "XF-WINDOW" not in text(signed_in.get("/admin/statistics?year=2026"))  # nor overdue now


HELD_WAIT = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs_wait" targetNamespace="http://xinfang.test">
<bpmn:process id="wait" name="等待 Wait" isExecutable="true">
  <bpmn:startEvent id="h_start"/>
  <bpmn:sequenceFlow id="h0" sourceRef="h_start" targetRef="wait_limit"/>
  <bpmn:intermediateCatchEvent id="wait_limit" name="15日期满">
    <bpmn:documentation>第二十二条 (Art. 22): fifteen days.</bpmn:documentation>
    <bpmn:timerEventDefinition><bpmn:timeDate>deadline(today(), 15)</bpmn:timeDate></bpmn:timerEventDefinition>
  </bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="h1" sourceRef="wait_limit" targetRef="h_end"/>
  <bpmn:endEvent id="h_end"/>
</bpmn:process>
</bpmn:definitions>"""


def test_a_held_cases_timer_in_overdue_now_is_named_in_the_pages_language(app, signed_in):
    from datetime import timedelta

    from engine import db
    from engine.definitions import deploy
    from engine.instances import start_instance, suspend_instance
    from engine.timers import advance_clock

    with app.app_context():
        deploy({"wait.bpmn": HELD_WAIT.encode()}, "designer")
        held = start_instance("wait", "XF-HELD", {}, "admin").id
        suspend_instance(held, "admin", "核实情况")
        db.session.commit()
        advance_clock(by=timedelta(days=20))  # its 15 days pass while it is held
    rows = _csv(signed_in.get("/admin/statistics/overdue.csv?lang=en"))
    assert [row[1] for row in rows[1:] if row[0] == "XF-HELD"] == ["Time limit of Art. 22"]
    rows = _csv(signed_in.get("/admin/statistics/overdue.csv?lang=zh_CN"))
    assert [row[1] for row in rows[1:] if row[0] == "XF-HELD"] == ["15日期满"]
