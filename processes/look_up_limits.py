"""How many wrong query codes the portal lets pass before a rest or an alarm, as the installation sets them.

Each limit is a setting (`XINFANG_WRONG_CODES_…`, README's configuration table) with the value
below as its default: wrong codes per registration number, per network address, the window in
minutes within which they count (and for which an alarm holds), and how many from all addresses
together raise the alarm (processes/query_attempts.py). The app reads them once at start-up
(`limits_from`), refusing a value that is not a whole number within its bounds (processes/limit_settings.py),
and keeps them for every request (`current_limits`); the console shows them as they are in force.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask

from .limit_settings import LimitSettings, WindowLimits


@dataclass(frozen=True)
class LookUpLimits(WindowLimits):
    """The wrong query codes that rest a number, rest an address, the window they count in, the alarm level."""

    per_number: int = 5
    per_address: int = 20
    window_minutes: int = 15
    alarm_level: int = 100


DEFAULTS = LookUpLimits()
EXTENSION = "xinfang_look_up_limits"
# Each setting's name: the limit it sets and its largest value (a day's window; counts that still mean a limit).
LOOK_UPS = LimitSettings(DEFAULTS, {
    "XINFANG_WRONG_CODES_PER_NUMBER": ("per_number", 1000),
    "XINFANG_WRONG_CODES_PER_ADDRESS": ("per_address", 100_000),
    "XINFANG_WRONG_CODES_WINDOW_MINUTES": ("window_minutes", 1440),
    "XINFANG_WRONG_CODES_ALARM_LEVEL": ("alarm_level", 1_000_000),
}, EXTENSION)


def limits_from(settings: Mapping) -> LookUpLimits:
    """Read the limits from settings; a bad value is refused, saying which and why."""
    return LOOK_UPS.read(settings)


def init_look_up_limits(app: Flask) -> None:
    """Read the app's limits from its configuration and keep them for its requests; refuse a bad value."""
    LOOK_UPS.init_app(app)


def current_limits() -> LookUpLimits:
    """Return the limits in force in the running app (the defaults outside one)."""
    return LOOK_UPS.current()
