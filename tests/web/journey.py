"""Drive a petition through its procedures the way people do: each step through the task page's form.

The browser journeys use these to bring a case quickly to the step their test is about.
"""
from __future__ import annotations

import re

from engine.tasks import TaskQuery, list_tasks, task_form
from tests.web.desk import sign_in

CHOICES = {  # what the people of the journey decide at each step
    "route": "forward", "handling_organ": "JN-QS-LX-RSJ", "accept": "true", "next_step": "opinion",
    "opinion_kind": "not_support", "opinion_approved": "true", "has_direct_interest": "false",
    "handling_route": "investigate", "petitioner_heard": "true", "review_decision": "uphold",
    "reply_service_method": "in_person", "review_service_method": "in_person", "objection_verdict": "agree",
    "same_matter_confirmed": "false", "mishandled": "false", "examine_outcome": "accept",
}


def _value(name: str, spec: dict, today: str) -> str:
    if name in CHOICES:
        return CHOICES[name]
    if "enum" in spec:
        return str(spec["enum"][0])
    if spec.get("type") == "boolean":
        return "true"
    if spec.get("type") in ("integer", "number"):
        return str(spec.get("minimum", 0) or 0)
    if spec.get("format") == "date":
        return today
    return "经调查核实，情况属实，依法答复。"


def fill(form: dict | None, today: str) -> dict:
    """Return a post that completes a form with the journey's choices."""
    data = {"csrf_token": "t", "action": "complete"}
    ui = (form or {}).get("uiSchema") or {}
    for name, spec in (form or {}).get("properties", {}).items():
        if spec.get("readOnly") or spec.get("type") == "array":
            continue
        if (ui.get(name) or {}).get("ui:widget") == "organ" and name not in CHOICES:
            continue  # an organ is chosen from the directory only where the journey names one
        data[name] = _value(name, spec, today)
    return data


def ready_tasks(app, number: str):
    """Return the ready tasks of a case as (id, element, group, form)."""
    with app.app_context():
        from processes.case_view import instances_of
        from processes.petitions import find_by_number

        ids = [i.id for i in instances_of(find_by_number(number))]
        rows = [row for i in ids for row in list_tasks(TaskQuery(instance=i))[0]]
        return [(row.id, row.element, row.group, task_form(row)) for row in rows]


def number_in(html: str) -> str:
    """Return the registration number on a page."""
    return re.search(r"XF-[A-Z-]+-\d{4}-\d{6}", html).group(0)


DESK = {"registrar": "registrar", "handler": "handler", "head": "head", "reviewer": "reviewer",
        "supervisor": "supervisor"}  # who of the demo users works a step offered to each role
ONLINE_PETITION = {
    "submission_token": "journey-1", "receiving_organ": "JN-QS-LX-XFJ", "category": "labour",
    "petitioners-0-name": "周丽", "petitioners-0-id_number": "330101199001011238",
    "petitioners-0-phone": "13800000001", "petitioners-0-address": "柳溪县桃源镇幸福村5号",
    "request": "请求责令青山建材有限公司支付拖欠的工资三万元。",
    "facts": "本人于2025年在青山建材有限公司工作八个月，公司至今拖欠工资三万元未付。",
    "reasons": "依照劳动合同法，用人单位应当按时足额支付劳动报酬。",
}


def submit_online(client) -> tuple[str, str]:
    """Submit the journey's petition on the portal; return its registration number and query code."""
    with client.session_transaction() as session:
        session["csrf_token"] = "t"
    response = client.post("/portal/submit", data={"csrf_token": "t", **ONLINE_PETITION})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    receipt = client.get("/portal/receipt").get_data(as_text=True)
    number, code = re.findall(r'class="receipt-number">([^<]+)<', receipt)
    return number, code


def work_until(app, number: str, element: str, today: str) -> list[str]:
    """Complete the staff steps of a case on their task pages, each as its role's demo user,
    until the step `element` is ready; return the steps completed, in order."""
    clients, done = {}, []
    for _ in range(40):
        rows = ready_tasks(app, number)
        if any(row[1] == element for row in rows):
            return done
        staff = [row for row in rows if row[2] != "petitioner"]
        assert staff, f"{element} never became ready after {done}; ready now: {[row[1] for row in rows]}"
        task_id, step, group, form = staff[0]
        if group not in clients:
            clients[group] = app.test_client()
            sign_in(clients[group], DESK[group])
        client = clients[group]
        client.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
        response = client.post(f"/tasks/{task_id}", data=fill(form, today))
        assert response.status_code == 302, f"{step}: {response.status_code} {response.get_data(as_text=True)[:2000]}"
        done.append(step)
    raise AssertionError(f"{element} not reached after {done}")
