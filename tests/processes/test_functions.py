"""The functions diagrams call: the names of CONTRACT.md, JSON-friendly values, the one clock;
and a petition started through the real engine, its diagram calling them."""
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engine import NotFound as EngineNotFound
from engine import init_engine
from engine.db import db
from engine.definitions import deploy
from engine.models import Instance, TaskRow, TimerRow
from processes.documents import documents_for
from processes.functions import (
    FUNCTIONS,
    days_between,
    deadline,
    remind_before,
    same_matter,
    today,
)
from processes.holidays import seed_from_chinesecalendar
from processes.petitions import Petition, find_by_number, submit_petition

CONTRACT = Path(__file__).resolve().parents[2] / "processes" / "CONTRACT.md"


def test_functions_are_exactly_those_of_the_contract():
    section = CONTRACT.read_text(encoding="utf-8").split("## Functions")[1].split("## Timers")[0]
    assert set(FUNCTIONS) == set(re.findall(r"^\| `(\w+)\(", section, flags=re.MULTILINE))


def test_today_is_the_date_in_china_standard_time(app, clock):
    assert today() == "2026-03-02"
    clock.set(datetime(2026, 3, 2, 16, 30, tzinfo=UTC))  # 00:30 on 3 March in Beijing
    assert today() == "2026-03-03"


def test_days_between_iso_dates():
    assert days_between("2026-03-02", "2026-04-01") == 30
    assert days_between("2026-04-01", "2026-03-02") == -30
    assert days_between("2026-03-02T23:30:00+08:00", "2026-03-03") == 1


def test_deadline_counts_with_the_holiday_schedule_in_the_database(app):
    seed_from_chinesecalendar(db.session)
    limit = deadline("2026-09-20", 15)  # the 15th day, 5 October, falls in the National Day holiday
    assert limit.last_day > date(2026, 10, 5) and not limit.provisional
    assert limit.due_at.isoformat() == f"{limit.last_day + (date(2026, 1, 2) - date(2026, 1, 1))}T00:00:00+08:00"
    assert deadline("2026-03-02", 5, kind="working").last_day == date(2026, 3, 9)
    assert remind_before(limit, 3).last_day == date.fromordinal(limit.last_day.toordinal() - 3)


def test_deadline_without_a_schedule_is_provisional(app):
    assert deadline("2026-03-02", 15).provisional


def test_same_matter_answers_in_plain_values(submit):
    first = submit().petition
    second = submit().petition
    assert same_matter(first.id)["found"] is False
    answer = same_matter(second.id)
    assert answer == {"found": True, "earlier": first.registration_number, "rule": None,
                      "similarity": 1.0, "message": answer["message"]}
    assert first.registration_number in answer["message"]


def test_routing_and_hierarchy_functions_return_codes(organs):
    assert FUNCTIONS["suggest_route"]("labour", "JN-QS-LX", "JN-QS-LX-XFJ") == {"route": "forward",
                                                                                 "organ": "JN-QS-LX-RSJ"}
    assert FUNCTIONS["superior_of"]("JN-QS-LX-RSJ") == "JN-QS-RSJ"
    assert FUNCTIONS["petition_department_of"]("JN-QS-LX-RSJ") == "JN-QS-LX-XFJ"
    assert FUNCTIONS["common_superior"]("JN-QS-LX-RSJ", "JN-QS-LX-CGJ") == "JN-QS-LX"


INTAKE_DIAGRAM = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://xinfang.test">
  <bpmn:process id="petition" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="route_it"/>
    <bpmn:scriptTask id="route_it" name="Route" scriptFormat="python"><bpmn:script>
route = suggest_route(category, territory, receiving_organ)
earlier = same_matter(petition_id)
set_stage(petition_id, 'acceptance')
notice = issue_document(petition_id, 'forward_notice', {'to_organ': route['organ'], 'issuing_organ': receiving_organ})
serve_document(notice, today())
    </bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f1" sourceRef="route_it" targetRef="accept"/>
    <bpmn:userTask id="accept" name="Decide on acceptance" camunda:candidateGroups="handler"/>
    <bpmn:boundaryEvent id="limit" name="15 days" attachedToRef="accept" cancelActivity="true">
      <bpmn:timerEventDefinition><bpmn:timeDate>deadline(received_on, 15)</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="end"/>
    <bpmn:sequenceFlow id="f3" sourceRef="limit" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def bind_engine(app, tmp_path, clock):
    """Bind the real engine with FUNCTIONS, its simulated clock at the test's time."""
    settings = init_engine(app, functions=FUNCTIONS, bpmn_dir=tmp_path, forms_dir=tmp_path, simulated_clock=True)
    settings.clock.set(clock.now())


@pytest.fixture
def engine_app(app, organs, tmp_path, clock):
    """Bind the real engine, with FUNCTIONS, to the app and deploy a small intake diagram."""
    bind_engine(app, tmp_path, clock)
    deploy({"petition.bpmn": INTAKE_DIAGRAM.encode()}, "test")
    db.session.commit()
    return app


def test_a_submitted_petition_runs_its_diagram_through_the_engine(engine_app, petition_fields):
    result = submit_petition(petition_fields(), "registrar")
    db.session.commit()
    petition = find_by_number(result.petition.registration_number)
    instance = db.session.get(Instance, int(petition.instance_id))
    assert instance.status != "error", instance.error_message
    assert instance.business_key == petition.registration_number
    assert instance.data["route"] == {"route": "forward", "organ": "JN-QS-LX-RSJ"}
    assert instance.data["earlier"]["found"] is False
    assert petition.stage == "acceptance"
    [notice] = documents_for(petition.id)
    assert (notice.kind, notice.issued_by, notice.served_on) == ("forward_notice", "JN-QS-LX-XFJ", date(2026, 3, 2))
    assert notice.number == instance.data["notice"]
    task = db.session.scalar(select(TaskRow).where(TaskRow.instance_id == instance.id))
    timer = db.session.scalar(select(TimerRow).where(TimerRow.instance_id == instance.id))
    # Received Monday 2 March: the 15th day is Tuesday 17 March, due by its 24:00 in Beijing.
    assert timer.due_at == datetime(2026, 3, 17, 16, 0, tzinfo=UTC)
    assert task.element == "accept" and task.due_at == timer.due_at


def test_a_petition_whose_case_cannot_start_is_not_kept(app, organs, tmp_path, clock, petition_fields):
    bind_engine(app, tmp_path, clock)  # no 'petition' diagram deployed
    with pytest.raises(EngineNotFound):
        submit_petition(petition_fields(), "registrar")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Petition)) == 0
    deploy({"petition.bpmn": INTAKE_DIAGRAM.encode()}, "test")
    number = submit_petition(petition_fields(), "registrar").petition.registration_number
    assert number == "XF-JN-QS-LX-XFJ-2026-000001"  # the failed intake left no gap
