"""The demo: a fictional province, users for every role, and petitions at every stage."""
from __future__ import annotations

from processes.demo_data import load_organs_and_users


def load_demo() -> list[str]:
    """Load everything the demo shows (idempotent); return what was done, a line each."""
    counts = load_organs_and_users()
    return [f"{name}: {count}" for name, count in counts.items()]
