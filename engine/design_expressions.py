"""The designer's rules for what a diagram asks the engine to evaluate: timers, conditions, scripts.

The engine's parse only compiles expressions, so a timer written `P15X` (meant as fifteen days)
or a call of `dedline(...)` deploys and fails only when a case reaches it, perhaps weeks later.
These rules refuse them when the diagram is checked:

- `timer_iso`: a timer text that is written as an ISO-8601 literal (a duration `P…`, a cycle
  `R…/P…`, a date `YYYY-MM-DD…`) but is not a valid one;
- `expression_syntax`: a timer, condition or script that is not valid Python;
- `unknown_function`: a call of a name that is neither a function diagrams may call nor a
  built-in the scripts may use (nor, in a script, one it defines itself).
"""
from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Collection
from datetime import datetime

from lxml import etree
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition

from .scripting import SAFE_BUILTINS
from .timer_events import is_literal

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
_LOOKS_ISO = re.compile(r"^R\d*/|^P[\dT]|^\d{4}-\d", re.IGNORECASE)
_TIMER_TEXTS = ("timeDate", "timeDuration", "timeCycle")


def _problem(file: str, element: str | None, code: str, message: str, **params: object) -> dict:
    return {"file": file, "element": element, "message": message, "rule": "expressions", "code": code,
            "params": params}


def _valid_literal(text: str) -> bool:
    text = text.strip()
    if text.upper().startswith("R"):
        parts = text.split("/")
        if len(parts) < 2 or not re.fullmatch(r"R\d*", parts[0], re.IGNORECASE):
            return False
        text = parts[1] if parts[1].upper().startswith("P") else parts[-1]
    try:
        if text.upper().startswith("P"):
            return bool(TimerEventDefinition.parse_iso_duration(text))
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except Exception:  # noqa: BLE001 - SpiffWorkflow raises a bare Exception for a bad duration
        return False
    return True


def _defined_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def _expression_problems(file: str, element: str | None, kind: str, text: str, mode: str,
                         known: Collection[str]) -> list[dict]:
    try:
        tree = ast.parse(text, mode=mode)
    except SyntaxError as exc:
        return [_problem(file, element, "expression_syntax", f"{kind} {text!r}: Python syntax error: {exc.msg} "
                         f"(line {exc.lineno})", kind=kind, reason=exc.msg, line=exc.lineno or 1)]
    allowed = set(known) | set(SAFE_BUILTINS) | _defined_names(tree)
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    unknown = sorted(called - allowed)
    return [_problem(file, element, "unknown_function", f"{kind} calls {name!r}, which is not a function diagrams "
                     "may call", kind=kind, name=name) for name in unknown]


def _timer_problems(file: str, event: etree._Element, known: Collection[str]) -> list[dict]:
    problems = []
    for definition in event.findall(f"{BPMN}timerEventDefinition"):
        for tag in _TIMER_TEXTS:
            node = definition.find(f"{BPMN}{tag}")
            text = (node.text or "").strip() if node is not None else ""
            if not text:
                continue
            if is_literal(text) or _LOOKS_ISO.match(text):
                if not _valid_literal(text):
                    problems.append(_problem(file, event.get("id"), "timer_iso",
                                             f"timer {text!r} is not a valid ISO 8601 date, duration or cycle",
                                             timer=text))
            else:
                problems.extend(_expression_problems(file, event.get("id"), "timer", text, "eval", known))
    return problems


def check_expressions(file: str, process: etree._Element, known: Collection[str]) -> list[dict]:
    """Return the problems of a process's timers, conditions and scripts; `known` are the callable functions."""
    problems = []
    for node in process.iter(f"{BPMN}*"):
        tag = etree.QName(node).localname
        if tag.endswith("Event"):
            problems.extend(_timer_problems(file, node, known))
        elif tag == "sequenceFlow":
            condition = node.find(f"{BPMN}conditionExpression")
            text = (condition.text or "").strip() if condition is not None else ""
            if text:
                problems.extend(_expression_problems(file, node.get("id"), "condition", text, "eval", known))
        elif tag == "scriptTask":
            script = node.find(f"{BPMN}script")
            text = textwrap.dedent(script.text or "").strip() if script is not None else ""
            if text:
                problems.extend(_expression_problems(file, node.get("id"), "script", text, "exec", known))
    return problems
