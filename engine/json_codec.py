"""JSON text of saved states and task data, written and read with orjson where it can.

A petition's saved state is about 70 KB of JSON before compression; the standard library takes
about half a millisecond to write it and orjson a tenth of that, with the same bytes (compact
separators, UTF-8 text unescaped). Where orjson refuses a value (a key that is not a string, an
integer beyond 64 bits, a date) or a text (NaN, which the standard library writes and orjson does not
read), the standard library does the work, so every state that could be saved or read before
still can. orjson writes NaN and infinities as null: JSON has no such numbers, and PostgreSQL
refuses them in the case data anyway.
"""
from __future__ import annotations

import json
from typing import Any, Callable

import orjson


# Dates, times and dataclasses are left to the standard library, which refuses them as before:
# they reach JSON only through the type registry (engine/store.py), never as bare values.
_PLAIN_ONLY = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def dump(value: Any, default: Callable[[Any], Any] | None = None) -> bytes:
    """Return compact UTF-8 JSON of plain data (dicts, lists, strings, numbers, booleans, None).

    `default` turns any other value into one JSON can hold, as for `json.dumps`.
    """
    try:
        return orjson.dumps(value, default=default, option=_PLAIN_ONLY)
    except TypeError:
        return json.dumps(value, default=default, separators=(",", ":"), ensure_ascii=False).encode()


def dump_text(value: Any) -> str:
    """Return `dump(value)` as text."""
    return dump(value).decode()


def load(text: bytes | str) -> Any:
    """Return the data JSON text holds."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
