"""The demo: a fictional province, users for every role, and petitions at every stage."""
from __future__ import annotations

from processes.demo_cases import load_demo_cases
from processes.demo_data import load_organs_and_users


def load_demo() -> list[str]:
    """Load everything the demo shows (idempotent); return what was done, a line each.

    The petitions need the diagrams deployed first (``xinfang demo`` does). Firing the timers
    that already fell due commits what was loaded so far.
    """
    counts = load_organs_and_users()
    return [f"{name}: {count}" for name, count in counts.items()] + load_demo_cases()
