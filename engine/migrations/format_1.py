"""Format 1 → 2: task data moves into the state's pool of distinct values (engine/data_pool.py)."""
from __future__ import annotations

from ..data_pool import pool_inline_data

FROM = 1


def upgrade(dct: dict) -> dict:
    dct = pool_inline_data(dct)
    dct["state_format"] = 2
    return dct
