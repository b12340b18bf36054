"""Checks the engine makes on a parsed diagram before it may be deployed."""
from __future__ import annotations

from pathlib import Path

from SpiffWorkflow.bpmn.specs.mixins.exclusive_gateway import ExclusiveGateway
from SpiffWorkflow.bpmn.specs.mixins.script_task import ScriptTask
from SpiffWorkflow.camunda.specs.user_task import UserTask

from .timer_events import ClockedTimer, is_literal


def _compile(text: str, mode: str) -> str | None:
    try:
        compile(text, "<diagram>", mode)
    except SyntaxError as exc:
        return f"Python syntax error: {exc.msg} (line {exc.lineno})"
    return None


def _check_spec(file: str, spec, forms_dir: Path | None) -> list[dict]:
    problems = []

    def add(element: str, message: str) -> None:
        problems.append({"file": file, "element": element, "message": message})

    for task_spec in spec.task_specs.values():
        element = getattr(task_spec, "bpmn_id", None)
        if element is None:
            continue
        if isinstance(task_spec, UserTask) and forms_dir is not None and task_spec.form.key:
            if not (Path(forms_dir) / f"{task_spec.form.key}.json").is_file():
                add(element, f"form {task_spec.form.key!r} does not exist in forms/")
        if isinstance(task_spec, ScriptTask) and task_spec.script:
            if error := _compile(task_spec.script, "exec"):
                add(element, f"script: {error}")
        if isinstance(task_spec, ExclusiveGateway):
            for condition, _target in task_spec.cond_task_specs:
                text = condition.args[0] if condition is not None and condition.args else None
                if text and (error := _compile(text, "eval")):
                    add(element, f"condition {text!r}: {error}")
        definition = getattr(task_spec, "event_definition", None)
        if isinstance(definition, ClockedTimer):
            text = (definition.expression or "").strip()
            if not text:
                add(element, "timer has no time, duration or cycle")
            elif not is_literal(text) and (error := _compile(text, "eval")):
                add(element, f"timer {text!r}: {error}")
    return problems


def check_rules(file: str, spec, subprocess_specs: dict, forms_dir: Path | None) -> list[dict]:
    """Return every problem of a process and the processes it calls, each naming its element."""
    problems = _check_spec(file, spec, forms_dir)
    for sub in subprocess_specs.values():
        problems.extend(p for p in _check_spec(getattr(sub, "file", file), sub, forms_dir) if p not in problems)
    return problems
