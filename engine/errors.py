"""The engine's error types: each carries a stable code and a readable message.

A message is written as an English template whose `%(name)s` places are filled from the error's
details: `NotFound("task %(task)s does not exist", task=task_id)`. The engine speaks English
only; the web app finds each template in its catalogues and says it in the reader's language.
"""
from __future__ import annotations


def filled(template: str, details: dict) -> str:
    """Return a message template with its `%(name)s` places filled from the details."""
    return template % details if "%(" in template else template


class EngineError(Exception):
    """Base of every error the engine raises on purpose."""

    code = "engine_error"
    status = 400

    def __init__(self, message: str, **details: object) -> None:
        self.template = message
        self.message = filled(message, details)
        super().__init__(self.message)
        self.details = details


class NotFound(EngineError):
    code = "not_found"
    status = 404


class Conflict(EngineError):
    """Someone else changed the instance first, or the task is no longer ready."""

    code = "conflict"
    status = 409


class InvalidState(EngineError):
    """The action does not fit the instance's or task's current state."""

    code = "invalid_state"
    status = 409


class FormInvalid(EngineError):
    """Submitted task data does not satisfy the task's form."""

    code = "invalid_data"
    status = 422

    def __init__(self, message: str, errors: dict, form: dict | None = None) -> None:
        super().__init__(message, errors=errors)
        self.errors = errors
        self.form = form  # the form the data was checked against, whose fields the errors name


class DeployError(EngineError):
    """A diagram was refused; nothing already deployed was touched."""

    code = "invalid_diagram"
    status = 422

    def __init__(self, message: str, problems: list[dict], **details: object) -> None:
        super().__init__(message, problems=problems, **details)
        self.problems = problems


def nothing_deployed(problems: list[dict]) -> DeployError:
    """The refusal of files with problems, each naming its file, element and what is wrong."""
    return DeployError("%(count)s problem(s) in the diagrams; nothing was deployed", problems, count=len(problems))


class ClockError(EngineError):
    code = "clock_not_simulated"
    status = 404


class DeadlineUncountable(EngineError):
    """Changed case data would leave a waiting timer whose deadline cannot be counted from it."""

    code = "deadline_uncountable"
    status = 422


class MigrationRefused(EngineError):
    code = "migration_refused"
    status = 409
