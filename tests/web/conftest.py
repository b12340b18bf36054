"""Web fixtures: the engine's test diagrams deployed (the engine's `app`), demo organs and users, API headers."""
from __future__ import annotations

from tests.engine.conftest import app  # noqa: F401  (the same app: the engine's test diagrams deployed)


def bearer(username: str) -> dict:
    """Return the Authorization header of a demo user."""
    return {"Authorization": f"Bearer demo-{username.replace('_', '-')}-token"}
