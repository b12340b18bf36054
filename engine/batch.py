"""Apply one action to many instances, each in its own transaction, and report each result.

Unlike the other services, this one commits: a batch is many independent changes, and one
instance that refuses (or fails) must neither undo nor stop the others. This is the same rule
as the timer sweep's.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .db import db
from .errors import EngineError

log = logging.getLogger(__name__)
MAX_BATCH = 500


@dataclass
class BatchResult:
    """What happened to one instance of a batch."""

    instance_id: int
    ok: bool
    code: str = ""
    message: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def run_batch(instance_ids: Iterable[int], action: Callable[[int], object]) -> list[BatchResult]:
    """Run `action(instance_id)` for each instance, committing each success on its own."""
    ids = list(dict.fromkeys(int(value) for value in instance_ids))
    if len(ids) > MAX_BATCH:
        raise EngineError("a batch holds at most %(most)s instances", most=MAX_BATCH, count=len(ids))
    results = []
    for instance_id in ids:
        try:
            action(instance_id)
            db.session.commit()
            results.append(BatchResult(instance_id, True))
        except EngineError as exc:
            db.session.rollback()
            results.append(BatchResult(instance_id, False, exc.code, exc.message, dict(exc.details)))
        except Exception:  # one broken instance must not stop the rest; its cause goes to the log
            db.session.rollback()
            log.exception("batch: instance %s failed", instance_id)
            results.append(BatchResult(instance_id, False, "internal_error", "unexpected failure"))
    return results
