"""The script engine that runs expressions and scripts with the registered functions."""
from __future__ import annotations

from typing import Callable, Mapping

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from .clock import Clock

SAFE_BUILTINS = {
    name: __builtins__[name] if isinstance(__builtins__, dict) else getattr(__builtins__, name)
    for name in ("abs", "all", "any", "bool", "dict", "enumerate", "float", "int", "len", "list",
                 "max", "min", "range", "round", "set", "sorted", "str", "sum", "tuple", "zip",
                 "isinstance", "ValueError")
}


class EngineScriptEngine(PythonScriptEngine):
    """Run diagram code with the registered functions and the engine's clock."""

    def __init__(self, functions: Mapping[str, Callable], clock: Clock) -> None:
        scope = {"__builtins__": SAFE_BUILTINS, **functions}
        super().__init__(environment=TaskDataEnvironment(scope))
        self.clock = clock
        self.function_names = sorted(functions)
