"""Drive a petition through its procedures the way people do: each step through the task page's form."""
from __future__ import annotations

import re

from engine.tasks import TaskQuery, list_tasks, task_form

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
    for name, spec in (form or {}).get("properties", {}).items():
        if spec.get("readOnly") or spec.get("type") == "array":
            continue
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
