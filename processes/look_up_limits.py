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
from datetime import timedelta

from flask import Flask, current_app, has_app_context

from .limit_settings import read_limits


@dataclass(frozen=True)
class LookUpLimits:
    """The wrong query codes that rest a number, rest an address, the window they count in, the alarm level."""

    per_number: int = 5
    per_address: int = 20
    window_minutes: int = 15
    alarm_level: int = 100

    @property
    def window(self) -> timedelta:
        """Return the window within which wrong codes count, and for which an alarm holds."""
        return timedelta(minutes=self.window_minutes)

    def as_settings(self) -> dict[str, int]:
        """Return the limits under their setting names."""
        return {name: getattr(self, field) for name, (field, _largest) in SETTINGS.items()}


# Each setting's name: the limit it sets and its largest value (a day's window; counts that still mean a limit).
SETTINGS = {
    "XINFANG_WRONG_CODES_PER_NUMBER": ("per_number", 1000),
    "XINFANG_WRONG_CODES_PER_ADDRESS": ("per_address", 100_000),
    "XINFANG_WRONG_CODES_WINDOW_MINUTES": ("window_minutes", 1440),
    "XINFANG_WRONG_CODES_ALARM_LEVEL": ("alarm_level", 1_000_000),
}
DEFAULTS = LookUpLimits()
EXTENSION = "xinfang_look_up_limits"


def limits_from(settings: Mapping) -> LookUpLimits:
    """Read the limits from settings (the environment's text, or numbers), the defaults where one is not set.

    A value that is not a whole number from 1 to the setting's largest is refused, saying which and why.
    """
    return LookUpLimits(**read_limits(settings, SETTINGS, DEFAULTS))


def init_look_up_limits(app: Flask) -> None:
    """Read the app's limits from its configuration and keep them for its requests; refuse a bad value."""
    app.extensions[EXTENSION] = limits_from(app.config)


def current_limits() -> LookUpLimits:
    """Return the limits in force in the running app (the defaults outside one)."""
    return current_app.extensions.get(EXTENSION, DEFAULTS) if has_app_context() else DEFAULTS
