"""The generic BPMN runtime over SpiffWorkflow: it knows nothing of petitions.

The layers above use these names; everything else in the package is its inner workings.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping

from flask import Flask

from .clock import RealClock, SimulatedClock, current_clock
from .db import db
from .errors import Conflict, DeployError, EngineError, FormInvalid, InvalidState, NotFound
from .scripting import EngineScriptEngine
from .settings import EngineSettings, current_engine
from .workflow_cache import WorkflowCache

__all__ = ["Conflict", "DeployError", "EngineError", "FormInvalid", "InvalidState", "NotFound",
           "current_clock", "current_engine", "db", "init_engine"]


def init_engine(app: Flask, *, functions: Mapping[str, Callable], bpmn_dir: Path, forms_dir: Path,
                simulated_clock: bool = False, workflow_cache_size: int = 128) -> EngineSettings:
    """Bind the engine to an app with the functions diagrams may call.

    `workflow_cache_size` live workflows are kept between steps (0 rebuilds each from its state).
    """
    from . import drafts, models  # noqa: F401  (tables must be known before create_all)
    from .data_copy import copy_task_data_quickly
    from .spiff_log_details import log_details_when_heard
    from .task_walk import walk_tasks_quickly

    copy_task_data_quickly()
    walk_tasks_quickly()
    log_details_when_heard()
    clock = SimulatedClock() if simulated_clock else RealClock()
    settings = EngineSettings(bpmn_dir=Path(bpmn_dir), forms_dir=Path(forms_dir), clock=clock,
                              script_engine=EngineScriptEngine(functions, clock),
                              workflows=WorkflowCache(workflow_cache_size))
    app.extensions["xinfang_engine"] = settings
    return settings


def start_scheduler(app: Flask):
    """Start the timer sweep in this process (the app's or `xinfang worker`'s)."""
    from .scheduler import TimerScheduler

    scheduler = TimerScheduler(app, app.extensions["xinfang_engine"])
    scheduler.start()
    app.extensions["xinfang_scheduler"] = scheduler
    return scheduler
