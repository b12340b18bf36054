"""The engine's settings for the running app: folders, functions, clock, script engine."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from flask import current_app

from .clock import Clock
from .scripting import EngineScriptEngine
from .workflow_cache import WorkflowCache


@dataclass
class EngineSettings:
    """What the app hands the engine at start."""

    bpmn_dir: Path
    forms_dir: Path
    clock: Clock
    script_engine: EngineScriptEngine
    timer_listeners: list[Callable[[datetime], None]] = field(default_factory=list)
    completion_listeners: list[Callable[[Any], None]] = field(default_factory=list)  # see completions.py
    workflows: WorkflowCache = field(default_factory=lambda: WorkflowCache(128))

    def timers_changed(self, earliest: datetime) -> None:
        """Tell whoever schedules the sweep that a timer may now fall due sooner."""
        for listener in self.timer_listeners:
            listener(earliest)


def current_engine() -> EngineSettings:
    """Return the engine of the running app."""
    return current_app.extensions["xinfang_engine"]
