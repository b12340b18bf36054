"""Statutory stage templates read from the regulation's diagrams (processes/stage_templates.py)."""
from __future__ import annotations

from processes.stage_templates import TimerTemplate, _templates_of
from tests.conftest import ROOT

BPMN_DIR = ROOT / "bpmn"


def templates(file: str) -> dict:
    return {t.element: t for t in _templates_of(file, (BPMN_DIR / file).read_bytes())}


def test_a_stage_on_a_sub_process_gives_its_article_and_both_timers_as_the_diagram_writes_them():
    registration = templates("acceptance.bpmn")["registration"]
    assert registration.kind == "subProcess" and registration.documentation.startswith("第二十二条、第二十三条")
    assert registration.timers == (
        TimerTemplate("期限前3日提醒", "remind_before(deadline(received_on, 15), 3)", False),
        TimerTemplate("15日期限届满", "deadline(received_on, 15)", False))
    assert registration.properties == {}  # the organ properties of the tasks inside are theirs, not the stage's


def test_a_user_task_stage_carries_its_form_and_organ_and_working_day_timer():
    decide = templates("acceptance.bpmn")["decide_acceptance"]
    assert decide.form_key == "decide_acceptance" and decide.properties == {"organ": "handling_organ"}
    assert decide.timers == (TimerTemplate("5个工作日内未提异议", "deadline(assigned_on, 5, 'working')", True),)


def test_only_timed_stages_citing_an_article_are_offered():
    found = templates("acceptance.bpmn")
    assert set(found) == {"registration", "organ_acceptance", "decide_acceptance"}
    assert "register_petition" not in found  # a task inside a stage, with no timer of its own
    re_review = templates("re_review.bpmn")["re_review_within_limit"]
    assert re_review.timers[0].expression == "deadline(re_review_received_on, 30, paused_days=hearing_days)"
