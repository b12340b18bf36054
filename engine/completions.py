"""Listeners told of each task completed, so a layer above can keep what it needs of a submission
in its own rows when it happens instead of reading it back out of the history later."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from flask import Flask

from .settings import current_engine


@dataclass(frozen=True)
class CompletedTask:
    """A task just completed: its instance, its id and element, the data taken, when and by whom
    (`at` is the instant of its `task_completed` history entry)."""

    instance_id: int
    task_id: str
    element: str
    data: dict[str, Any]
    at: datetime
    actor: str


CompletionListener = Callable[[CompletedTask], None]


def register_completion_listener(app: Flask, listener: CompletionListener) -> None:
    """Call `listener` with each task completed, inside the completing step's transaction."""
    app.extensions["xinfang_engine"].completion_listeners.append(listener)


def tell_completion_listeners(completed: CompletedTask) -> None:
    """Tell the running app's listeners that a task was completed."""
    for listener in current_engine().completion_listeners:
        listener(completed)
