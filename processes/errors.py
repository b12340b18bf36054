"""Errors raised by the petition rules, each with a stable code and a readable message."""


class ProcessError(Exception):
    """Base of every error the petition rules raise."""

    code = "process_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class PeriodError(ProcessError):
    """A statutory period cannot be counted from the values given."""

    code = "period_error"
