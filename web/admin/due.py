"""Give the console's templates the deadlines' words (web/deadline_words.py)."""
from __future__ import annotations

from ..deadline_words import deadline_end, rule_words, timer_kind
from . import bp


@bp.context_processor
def deadline_helpers() -> dict:
    """Let templates say when a deadline ends, how it was counted and what kind of timer it is."""
    return {"deadline_end": deadline_end, "rule_words": rule_words, "timer_kind": timer_kind}
