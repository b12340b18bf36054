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
- `process-file`: a process already deployed from one file is not given in another (the engine would
  only say "Duplicate process ID"): to change it, the designer opens its own file.
- `structure`: no two elements share an id, and every sequence flow joins two elements of its own
  process or sub-process. SpiffWorkflow's parse words either as "found two items, perhaps a form
  has the same ID?" on a neighbouring element, so a file with such a finding is not handed to it.
- `timer`: a timer event says when it fires (a modeller adds one with no time; the engine would only
  say "Unknown Time Specification").
- timers, conditions and scripts: see `design_expressions`; the `organ` property of a task is an
  expression as well, checked the same way.

Each problem is `{file, element, message, rule, code, params}`: `code` and `params` let a page word it in its own
language. The rules read the XML only, so they report even where the engine's parse stopped.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from lxml import etree

from .definitions import DeployResult, deploy, latest_sources, parse_sources
from .design_expressions import _expression_problems, check_expressions
from .drafts import check_diagram, check_file_name, check_xml, discard_draft
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
    for event in process.iter(f"{BPMN}boundaryEvent", f"{BPMN}intermediateCatchEvent", f"{BPMN}startEvent"):
        for timer in event.findall(f"{BPMN}timerEventDefinition"):
            if not any((node.text or "").strip() for node in timer if isinstance(node.tag, str)):
                problems.append(_problem(file, event.get("id"), "timer", "timer_empty", "timer has no time"))
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


def _check_structure(file: str, root: etree._Element) -> list[dict]:
    problems, seen, repeated = [], set(), []
    for node in root.iter():
        element = node.get("id") if isinstance(node.tag, str) else None
        if element is None:
            continue
        if element in seen and element not in repeated:
            repeated.append(element)
        seen.add(element)
    for element in repeated:
        problems.append(_problem(file, element, "structure", "duplicate_id",
                                 f"the id {element!r} is given to more than one element", id=element))
    for flow in root.iter(f"{BPMN}sequenceFlow"):
        container = flow.getparent()
        siblings = {node.get("id") for node in container if isinstance(node.tag, str) and node.get("id")}
        for end in ("sourceRef", "targetRef"):
            ref = (flow.get(end) or "").strip()
            code = "flow_no_" + end[:-3] if not ref else "flow_unknown_" + end[:-3] if ref not in siblings else None
            if code:
                problems.append(_problem(file, flow.get("id"), "structure", code,
                                         f"sequence flow {end} {ref!r} is not an element of its process", ref=ref))
    return problems


def check_design(sources: dict[str, bytes], forms_dir: Path | None,
                 deployed_processes: Iterable[str] = (), functions: Iterable[str] | None = None,
                 deployed_files: Mapping[str, str] | None = None) -> list[dict]:
    """Return the problems the designer's rules find in `sources`, each naming its element.

    `functions` are the names diagrams may call; without them, calls in expressions are not checked.
    `deployed_files` gives the file each deployed process comes from.
    """
    roots, problems = {}, []
    for file, content in sources.items():
        try:
            roots[file] = check_diagram(file, content)
        except DeployError as exc:
            # keep the finding's own code and values: the page words them in its reader's language
            problems.extend({**problem, "rule": "readable"} for problem in exc.problems)
    known = set(deployed_processes)
    for root in roots.values():
        known.update(node.get("id") for node in root.iter(f"{BPMN}process"))
    for file, root in roots.items():
        problems.extend(_check_structure(file, root))
        for process in root.iter(f"{BPMN}process"):
            other = (deployed_files or {}).get(process.get("id"))
            if other is not None and other != file:
                problems.append(_problem(file, process.get("id"), "process-file", "process_in_other_file",
                                         f"process {process.get('id')!r} is deployed from {other}",
                                         process=process.get("id"), other=other))
            if process.get("isExecutable") != "true":  # a description only, as modellers and other engines read it
                problems.append(_problem(file, process.get("id"), "process-file", "not_executable",
                                         f"process {process.get('id')!r} is not marked executable",
                                         process=process.get("id")))
            problems.extend(_check_process(file, process, forms_dir, known))
            if functions is not None:
                problems.extend(check_expressions(file, process, set(functions)))
                for task in process.iter(f"{BPMN}userTask"):
                    if organ := _property(task, "organ"):
                        problems.extend(_expression_problems(file, task.get("id"), "property organ", organ, "eval",
                                                             set(functions)))
    return problems


def check_roles(sources: dict[str, bytes], roles: Collection[str]) -> list[dict]:
    """Return the user tasks and lanes that name no role of `roles`: their tasks would be offered to no one.

    A user task goes to its candidate groups, else to the role its lane is named after. The engine takes
    any name, so a lane called 承办人 or a group `handlers` deploys and its tasks wait for ever.
    """
    problems, allowed = [], ", ".join(roles)
    for file, content in sources.items():
        try:
            root = check_diagram(file, content)
        except DeployError:
            continue  # said by check_design
        for process in root.iter(f"{BPMN}process"):
            grouped = set()
            for task in process.iter(f"{BPMN}userTask"):
                groups = [g.strip() for g in (task.get(f"{CAMUNDA}candidateGroups") or "").split(",") if g.strip()]
                if groups:
                    grouped.add(task.get("id"))
                for group in groups:
                    if group not in roles:
                        problems.append(_problem(file, task.get("id"), "task-role", "unknown_group",
                                                 f"candidate group {group!r} is no role", group=group, roles=allowed))
            for lane in process.iter(f"{BPMN}lane"):
                held = {(ref.text or "").strip() for ref in lane.findall(f"{BPMN}flowNodeRef")}
                tasks = {task.get("id") for task in process.iter(f"{BPMN}userTask")} & held - grouped
                name = (lane.get("name") or "").strip()
                if tasks and lane.find(f"{BPMN}childLaneSet") is None and name not in roles:
                    problems.append(_problem(file, lane.get("id"), "task-role", "unknown_lane",
                                             f"lane {name!r} is no role", lane=name, roles=allowed))
    return problems


def _deployed_files(deployed: dict[str, bytes]) -> dict[str, str]:
    """Return the file each deployed process comes from."""
    found: dict[str, str] = {}
    for file, content in deployed.items():
        for node in check_xml(file, content).iter(f"{BPMN}process"):
            found.setdefault(node.get("id"), file)
    return found


def check_sources(sources: dict[str, bytes]) -> list[dict]:
    """Return every problem of the engine's parse and of the designer's rules; empty means deployable."""
    deployed = latest_sources()
    engine = current_engine()
    files = _deployed_files(deployed)
    problems = check_design(sources, engine.forms_dir, set(files), engine.script_engine.function_names, files)
    if any(problem["rule"] in ("readable", "structure") for problem in problems):
        return problems  # the engine would only say the same, or blame a neighbouring element
    # What the rules found on an element is said once, by them, in the reader's language; the
    # engine's words on the same element (a condition's syntax, a missing form) only repeat it.
    # Anything else the engine has on that element shows once the designer fixed it and checks again.
    # (A condition's syntax error the engine puts on the gateway: its message is the rule's own.)
    worded = {(p["file"], p["element"]) for p in problems if p["element"]}
    seen = {(p["file"], p["message"]) for p in problems}
    try:
        parse_sources({**deployed, **sources}, engine.forms_dir)
    except DeployError as exc:
        for p in exc.problems:
            if (p["file"], p["message"]) not in seen and (p["file"], p["element"]) not in worded:
                seen.add((p["file"], p["message"]))
                problems.append({**p, "rule": "engine", "code": "engine", "params": {}})
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
