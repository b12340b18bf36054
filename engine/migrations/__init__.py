"""Upgrades of saved instance state, one module per change of its format.

Each module names the format it upgrades `FROM` and provides `upgrade(dct) -> dct`; `upgrade`
below applies them in order, so a state saved by any earlier release loads in this one.
"""
from __future__ import annotations

from ..errors import EngineError

from . import format_1

STEPS: dict[int, object] = {module.FROM: module for module in (format_1,)}  # format -> module upgrading from it


def upgrade(dct: dict) -> dict:
    """Bring a saved state to the current format."""
    from ..store import STATE_FORMAT

    found = dct.get("state_format", 1)
    while found < STATE_FORMAT:
        step = STEPS.get(found)
        if step is None:
            raise EngineError("no upgrade from saved state format %(found)s", found=found)
        dct = step.upgrade(dct)  # type: ignore[attr-defined]
        found = dct["state_format"]
    return dct
