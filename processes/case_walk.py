"""Walk a case through its procedures: complete each ready task as its people would, with given choices.

The demo's petitions (processes/demo_cases.py) and the diagram path tests drive cases this way.
A field of a task's form takes the caller's choice first, then the proposal the case data holds
for it (the route and organ suggested at registration), then the usual decision of a
straightforward case, then a plain value of its type. Flushes, never commits.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from engine.db import db
from engine.instances import get_instance
from engine.models import Instance, TaskRow
from engine.tasks import TaskQuery, complete_task, list_tasks, task_form
from processes.accounts import User
from processes.errors import ProcessError
from processes.petitions.models import today

Step = tuple[str, Mapping[str, Any]]  # (element of a user task, choices for its form)

USUAL: dict[str, Any] = {  # what people decide at each step of a straightforward case
    "same_matter_confirmed": False, "accept": True, "objection_verdict": "agree", "has_direct_interest": False,
    "handling_route": "investigate", "petitioner_heard": True, "hardship": False, "next_step": "opinion",
    "opinion_kind": "explain", "opinion_approved": True, "suggestion_adoption": "not_applicable",
    "extension_days": 30, "extension_approved": True, "mediation_mode": "mediation", "petitioner_consents": True,
    "other_party_consents": True, "within_discretion": True, "agreement_reached": True, "wants_review": True,
    "wants_re_review": True, "review_decision": "uphold", "review_opinion_kind": "explain",
    "re_review_decision": "uphold", "re_review_opinion_kind": "explain", "hold_hearing": False,
    "publish_opinion": False, "evaluation": "satisfied", "mishandled": False, "feedback_accepted": True,
    "suggestions_adoption": "adopted", "escalation_action": "report_superior", "name_address_clear": True,
}
PREFILLED = ("route", "handling_organ")  # proposed by the diagram when the case was registered
TEXTS = {  # what a handler writes, by field; any other text field gets DEFAULT_TEXT
    "petitioner_request": "请求依法解决所反映的问题。",
    "facts_and_reasons": "信访人陈述了事实和理由，材料齐全。",
    "facts": "经调查核实，信访人反映的情况基本属实。",
    "reasons": "依据相关法律法规和政策规定。",
    "legal_basis": "《信访工作条例》第三十二条及相关法律法规。",
    "opinion_text": "经研究，依法作出如下处理意见。",
    "hearing_place": "柳溪县信访局听证室",
}
DEFAULT_TEXT = "经调查核实，依法办理。"

# Stretches of a straightforward case (Art. 22, 23, 31(6), 32), each step with no special choice.
ACCEPT_FORWARDED: tuple[Step, ...] = (("register_petition", {}), ("decide_acceptance", {}),
                                      ("notify_acceptance", {}))  # by a petition department, to an organ
ACCEPT_OWN: tuple[Step, ...] = (("register_petition", {}), ("notify_acceptance", {}))  # by the organ itself
INVESTIGATE: tuple[Step, ...] = (("check_recusal", {}), ("choose_route", {"handling_route": "investigate"}))
REPLY: tuple[Step, ...] = (("investigate", {}), ("draft_opinion", {}), ("approve_opinion", {}), ("serve_reply", {}))
REVIEW: tuple[Step, ...] = (("review_matter", {}), ("serve_review_opinion", {}))


class StepNotReady(ProcessError):
    """The task a walk wants to complete is not waiting now."""

    code = "step_not_ready"


def ready_tasks(instance_id: int) -> list[TaskRow]:
    """Return the ready user tasks of an instance, earliest due first."""
    return list_tasks(TaskQuery(instance=instance_id, per_page=100))[0]


def task_at(instance_id: int, element: str) -> TaskRow:
    """Return the ready task of an element, or raise StepNotReady naming the tasks that are ready."""
    rows = ready_tasks(instance_id)
    for row in rows:
        if row.element == element:
            return row
    waiting = ", ".join(row.element for row in rows) or "none"
    raise StepNotReady("%(element)s is not ready on instance %(instance)s; ready: %(waiting)s.", element=element,
                       instance=instance_id, waiting=waiting)


def _plain(name: str, spec: Mapping[str, Any], day: str) -> Any:
    if "default" in spec:
        return spec["default"]
    if "enum" in spec:
        return spec["enum"][0]
    kind = spec.get("type", "string")
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        return spec.get("minimum", 0)
    if spec.get("format") == "date":
        return day
    return TEXTS.get(name, DEFAULT_TEXT)


def form_values(form: Mapping[str, Any] | None, choices: Mapping[str, Any], data: Mapping[str, Any],
                day: str) -> dict[str, Any]:
    """Return the values that complete a form: choices, then proposals, usual decisions, plain values."""
    values: dict[str, Any] = {}
    ui = (form or {}).get("uiSchema") or {}
    for name, spec in (form or {}).get("properties", {}).items():
        if spec.get("readOnly"):
            continue
        if name in choices:
            values[name] = choices[name]
        elif name in PREFILLED and data.get(name) is not None:
            values[name] = data[name]
        elif (ui.get(name) or {}).get("ui:widget") == "organ":
            continue  # an organ is picked from the directory: none unless the caller names one
        elif name in USUAL:
            values[name] = USUAL[name]
        elif spec.get("type") != "array":
            values[name] = _plain(name, spec, day)
    return values


def actor_for(row: TaskRow, instance: Instance) -> str:
    """Return who completes a task: the person holding it, a user of its role at its organ, the petitioner, or
    the role."""
    if row.assignee:
        return row.assignee
    if row.group == "petitioner":
        return f"petitioner:{instance.business_key}"
    query = select(User.username).where(User.role == row.group, User.active.is_(True))
    if row.organ:
        query = query.where(User.organ_code == row.organ)
    return db.session.scalars(query.order_by(User.id).limit(1)).first() or row.group or "staff"


def complete_step(instance_id: int, element: str, choices: Mapping[str, Any] | None = None,
                  user: str | None = None) -> Instance:
    """Complete the ready task of an element with the form's values and the given choices."""
    row = task_at(instance_id, element)
    instance = get_instance(instance_id)
    data = form_values(task_form(row), choices or {}, instance.data or {}, today().isoformat())
    return complete_task(row.id, data, user or actor_for(row, instance))


def walk(instance_id: int, steps: Sequence[Step]) -> Instance | None:
    """Complete the steps in order; return the instance as the last step left it."""
    instance = None
    for element, choices in steps:
        instance = complete_step(instance_id, element, choices)
    return instance
