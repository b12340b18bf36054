"""Errors raised by the petition rules, each with a stable code and a readable message.

As the engine's (engine/errors.py), a message is an English template whose `%(name)s` places are
filled from the error's details; the web app says it in the reader's language.
"""
from engine.errors import filled


class Said(str):
    """A value of an error's message that has words in both languages: English as the text, `zh` beside it."""

    zh: str

    def __new__(cls, en: str, zh: str) -> "Said":
        said = super().__new__(cls, en)
        said.zh = zh
        return said


class ProcessError(Exception):
    """Base of every error the petition rules raise."""

    code = "process_error"

    def __init__(self, message: str, code: str | None = None, **details: object) -> None:
        self.template = message
        self.message = filled(message, details)
        super().__init__(self.message)
        self.details = details
        if code is not None:
            self.code = code


class PeriodError(ProcessError):
    """A statutory period cannot be counted from the values given."""

    code = "period_error"


class NotFound(ProcessError):
    """A record named by the caller does not exist."""

    code = "not_found"


class UnknownOrgan(NotFound):
    """No organ has the code given, or none serves the territory asked about."""

    code = "unknown_organ"


class UnknownUser(NotFound):
    """No user has the name given."""

    code = "unknown_user"


class UnknownPetition(NotFound):
    """No petition has the number or id given."""

    code = "unknown_petition"


class UnknownDocument(NotFound):
    """No written document has the number given."""

    code = "unknown_document"


class InvalidInput(ProcessError):
    """Values given by a person do not satisfy a rule; ``fields`` names the ones at fault."""

    code = "invalid_input"

    def __init__(self, message: str, fields: list[str] | None = None, code: str | None = None,
                 field_problems: dict[str, Said] | None = None, **details: object) -> None:
        super().__init__(message, code, **details)
        self.fields = list(fields or [])
        # What is wrong with a field, in both languages, where a rule says more than that it is missing.
        self.field_problems = dict(field_problems or {})


class DuplicateUsername(InvalidInput):
    """The username is taken."""

    code = "duplicate_username"


class UnknownRole(InvalidInput):
    """The role is not one of the roles the system knows."""

    code = "unknown_role"


class InvalidPetition(InvalidInput):
    """A petition lacks the content Art. 19 requires, or a value is not allowed."""

    code = "invalid_petition"


class TooManyRepresentatives(InvalidInput):
    """A group visit named more than the 5 representatives Art. 20 allows."""

    code = "too_many_representatives"


class AttachmentTooLarge(InvalidInput):
    """An attached file is larger than the limit."""

    code = "attachment_too_large"


class AttachmentKindRefused(InvalidInput):
    """An attached file is of a kind a petitioner may not send (a program, a web page, an archive)."""

    code = "attachment_kind_refused"


class EvaluationRefused(InvalidInput):
    """The petitioner may not evaluate now: no reply served yet, or already evaluated."""

    code = "evaluation_refused"


class InvalidDocument(InvalidInput):
    """A written document lacks a field its kind requires, or cannot be served as asked."""

    code = "invalid_document"
