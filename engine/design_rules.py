"""The designer's checks beyond the engine's own parse, and a deploy that obeys both.

The engine refuses what it cannot run. These rules refuse what would run but go wrong in use:

- `user-task-form`: every user task names a form (`camunda:formKey`) and the form exists.
- `called-process`: every call activity names a process that is in the files being checked or
  already deployed.
- `gateway-conditions`: when an exclusive or inclusive gateway splits (two or more outgoing
  flows), each outgoing flow has a condition or is the gateway's default.
- `statutory-timer`: every *statutory stage* has its timer. A user task is a statutory stage when
  its documentation cites an article (`第二十二条`, `Art. 22`) together with a period
  (`15 days`, `5 working days`, `十五日`, `5个工作日`), or when it carries the camunda property
  `statutory="true"`; `statutory="false"` says it is not one, whatever its text. Its timer is a
  timer boundary event on the task or on a sub-process around it, or a `dueDate` property.

Each problem is `{file, element, message, rule, code, params}`: `code` and `params` let a page word it in its own
language. The rules read the XML only, so they report even where the engine's parse stopped.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from .definitions import DeployResult, deploy, latest_sources, parse_sources
from .drafts import check_file_name, check_xml, discard_draft
from .errors import DeployError, nothing_deployed
from .settings import current_engine

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
CAMUNDA = "{http://camunda.org/schema/1.0/bpmn}"
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条|\bArt(?:icle)?s?\.?\s*\d+", re.IGNORECASE)
PERIOD = re.compile(r"\b\d+\s*(?:working\s+|calendar\s+)?days?\b|[\d一二三四五六七八九十百]+\s*个?(?:工作)?[日天]",
                    re.IGNORECASE)
FORM_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _problem(file: str, element: str | None, rule: str, code: str, message: str, **params: str) -> dict:
    return {"file": file, "element": element, "message": message, "rule": rule, "code": code, "params": params}


def _property(node: etree._Element, name: str) -> str | None:
    for prop in node.iter(f"{CAMUNDA}property"):
        if prop.get("name") == name:
            return (prop.get("value") or "").strip()
    return None


def is_statutory(task: etree._Element) -> bool:
    """Tell whether a user task is a statutory stage (see the module's documentation)."""
    flag = _property(task, "statutory")
    if flag is not None and flag.lower() in ("true", "false"):
        return flag.lower() == "true"
    text = " ".join("".join(doc.itertext()) for doc in task.findall(f"{BPMN}documentation"))
    return bool(ARTICLE.search(text) and PERIOD.search(text))


def _has_timer(task: etree._Element, timed: set[str]) -> bool:
    if task.get(f"{CAMUNDA}dueDate") or _property(task, "dueDate"):
        return True
    node = task
    while node is not None:  # a limit on a sub-process holds for every task inside it
        if node.get("id") in timed:
            return True
        node = node.getparent()
    return False


def _check_process(file: str, process: etree._Element, forms_dir: Path | None, known: set[str]) -> list[dict]:
    problems = []
    timed = {event.get("attachedToRef") for event in process.iter(f"{BPMN}boundaryEvent")
             if event.find(f"{BPMN}timerEventDefinition") is not None}
    for task in process.iter(f"{BPMN}userTask"):
        element, key = task.get("id"), (task.get(f"{CAMUNDA}formKey") or "").strip()
        if not key:
            problems.append(_problem(file, element, "user-task-form", "no_form",
                                     "user task has no form (camunda:formKey)"))
        elif not FORM_KEY.match(key):
            problems.append(_problem(file, element, "user-task-form", "bad_form_key",
                                     f"form key {key!r} is not a plain name", form=key))
        elif forms_dir is not None and not (Path(forms_dir) / f"{key}.json").is_file():
            problems.append(_problem(file, element, "user-task-form", "missing_form",
                                     f"form {key!r} does not exist in forms/", form=key))
        if is_statutory(task) and not _has_timer(task, timed):
            problems.append(_problem(file, element, "statutory-timer", "no_timer",
                                     "statutory stage has no timer for its time limit"))
    for call in process.iter(f"{BPMN}callActivity"):
        called = (call.get("calledElement") or "").strip()
        if not called:
            problems.append(_problem(file, call.get("id"), "called-process", "no_called_process",
                                     "call activity names no process"))
        elif called not in known:
            problems.append(_problem(file, call.get("id"), "called-process", "unknown_process",
                                     f"calls process {called!r}, which is neither here nor deployed", process=called))
    flows = list(process.iter(f"{BPMN}sequenceFlow"))
    for gateway in [*process.iter(f"{BPMN}exclusiveGateway"), *process.iter(f"{BPMN}inclusiveGateway")]:
        outgoing = [flow for flow in flows if flow.get("sourceRef") == gateway.get("id")]
        if len(outgoing) < 2:
            continue
        for flow in outgoing:
            condition = flow.find(f"{BPMN}conditionExpression")
            if flow.get("id") != gateway.get("default") and (condition is None or not (condition.text or "").strip()):
                problems.append(_problem(file, flow.get("id"), "gateway-conditions", "no_condition",
                                         f"flow out of gateway {gateway.get('id')!r} has no condition and is not "
                                         "its default", gateway=gateway.get("id")))
    return problems


def check_design(sources: dict[str, bytes], forms_dir: Path | None,
                 deployed_processes: Iterable[str] = ()) -> list[dict]:
    """Return the problems the designer's rules find in `sources`, each naming its element."""
    roots, problems = {}, []
    for file, content in sources.items():
        try:
            roots[file] = check_xml(file, content)
        except DeployError as exc:
            problems.extend({**problem, "rule": "readable", "code": "readable", "params": {}} for problem in exc.problems)
    known = set(deployed_processes)
    for root in roots.values():
        known.update(node.get("id") for node in root.iter(f"{BPMN}process"))
    for file, root in roots.items():
        for process in root.iter(f"{BPMN}process"):
            problems.extend(_check_process(file, process, forms_dir, known))
    return problems


def _deployed_processes(deployed: dict[str, bytes]) -> set[str]:
    found = set()
    for file, content in deployed.items():
        found.update(node.get("id") for node in check_xml(file, content).iter(f"{BPMN}process"))
    return found


def check_sources(sources: dict[str, bytes]) -> list[dict]:
    """Return every problem of the engine's parse and of the designer's rules; empty means deployable."""
    deployed = latest_sources()
    forms_dir = current_engine().forms_dir
    problems = check_design(sources, forms_dir, _deployed_processes(deployed))
    if any(problem["rule"] == "readable" for problem in problems):
        return problems  # the engine would only say the same about an unreadable file
    try:
        parse_sources({**deployed, **sources}, forms_dir)
    except DeployError as exc:
        seen = {(p["file"], p["element"], p["message"]) for p in problems}
        problems.extend({**p, "rule": "engine", "code": "engine", "params": {}} for p in exc.problems
                        if (p["file"], p["element"], p["message"]) not in seen)
    return problems


def deploy_checked(sources: dict[str, bytes], actor: str) -> DeployResult:
    """Deploy files that pass the engine's parse and the designer's rules; else change nothing."""
    problems = check_sources(sources)
    if problems:
        raise nothing_deployed(problems)
    return deploy(sources, actor)


def deploy_file(file: str, xml: bytes, actor: str) -> DeployResult:
    """Deploy one file as the modeller has it and drop its draft, which it now supersedes."""
    check_file_name(file)
    result = deploy_checked({file: xml}, actor)
    discard_draft(file)
    return result
