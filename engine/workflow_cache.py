"""Live workflows kept between steps, so that a step need not rebuild what the previous one saved.

Rebuilding a workflow from its saved state is a large part of a step's cost. After a step commits,
its workflow stays here, keyed by the instance and the lock version and definition the step saved.
The next step takes it out (no two steps share one object) and uses it only when the instance row
it has just read still carries that lock version and definition: a change made by another process,
a migration or an administrator bumps the lock version, so a stale workflow is never used. A step
whose transaction rolls back puts nothing back, and its workflow (possibly half-run) is dropped.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy.orm import Session

from .after_commit import after_commit


class WorkflowCache:
    """A bounded, thread-safe map of instance id → (lock version, definition id, workflow)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[int, tuple[int, int, object]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, instance_id: int, lock_version: int, definition_id: int):
        """Remove and return the workflow saved at exactly this version, or None."""
        with self._lock:
            entry = self._entries.pop(instance_id, None)
        if entry is None or entry[:2] != (lock_version, definition_id):
            return None
        return entry[2]

    def peek(self, instance_id: int, lock_version: int, definition_id: int):
        """Return the workflow saved at exactly this version, leaving it kept (for reading only)."""
        with self._lock:
            entry = self._entries.get(instance_id)
        return entry[2] if entry is not None and entry[:2] == (lock_version, definition_id) else None

    def stage(self, session: Session, instance_id: int, lock_version: int, definition_id: int, workflow) -> None:
        """Keep a workflow for when the session's transaction commits."""
        if self.size > 0:
            after_commit(session, lambda: self._put(instance_id, lock_version, definition_id, workflow))

    def clear(self) -> None:
        """Drop every kept workflow (the database was replaced under the running app)."""
        with self._lock:
            self._entries.clear()

    def _put(self, instance_id: int, lock_version: int, definition_id: int, workflow) -> None:
        with self._lock:
            self._entries[instance_id] = (lock_version, definition_id, workflow)
            self._entries.move_to_end(instance_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)

