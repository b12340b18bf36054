"""How many wrong passwords the sign-in lets pass for one username before it rests, as the installation sets them.

Each limit is a setting (`XINFANG_WRONG_PASSWORDS_…`, README's configuration table) with the value
below as its default: wrong passwords per username typed, and the window in minutes within which
they count (processes/sign_in.py). The app reads them once at start-up (`sign_in_limits_from`),
refusing a value that is not a whole number within its bounds (processes/limit_settings.py), and
keeps them for every request (`current_sign_in_limits`); the console shows them as they are in force.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask

from .limit_settings import LimitSettings, WindowLimits


@dataclass(frozen=True)
class SignInLimits(WindowLimits):
    """The wrong passwords that rest a username, and the window they count in."""

    per_username: int = 5
    window_minutes: int = 15


DEFAULTS = SignInLimits()
EXTENSION = "xinfang_sign_in_limits"
# Each setting's name: the limit it sets and its largest value (a day's window; a count that still means a limit).
SIGN_IN = LimitSettings(DEFAULTS, {
    "XINFANG_WRONG_PASSWORDS_PER_USERNAME": ("per_username", 1000),
    "XINFANG_WRONG_PASSWORDS_WINDOW_MINUTES": ("window_minutes", 1440),
}, EXTENSION)


def sign_in_limits_from(settings: Mapping) -> SignInLimits:
    """Read the limits from settings; a bad value is refused, saying which and why."""
    return SIGN_IN.read(settings)


def init_sign_in_limits(app: Flask) -> None:
    """Read the app's limits from its configuration and keep them for its requests; refuse a bad value."""
    SIGN_IN.init_app(app)


def current_sign_in_limits() -> SignInLimits:
    """Return the limits in force in the running app (the defaults outside one)."""
    return SIGN_IN.current()
