"""Who made a record where no person did, in the page's language: the engine's own steps and timers,
the demo loader (processes/demo_cases.py) and the petitioner online (web/portal/submit.py)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

SYSTEM_ACTORS = {"engine": _l("System"), "timer": _l("System"), "demo": _l("Demo data"),
                 "online-petitioner": _l("The petitioner, online")}


def system_actor(actor: str | None) -> str | None:
    """Return the words for an actor no person is (None for a person's username)."""
    return str(SYSTEM_ACTORS[actor]) if actor in SYSTEM_ACTORS else None


def acted_by(actor: str | None) -> str:
    """Return who acted: the words for the system's own actors, else the username as recorded."""
    return system_actor(actor) or actor or ""
