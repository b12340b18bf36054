"""Reading the installation's limits on wrong secrets from its settings: whole numbers within bounds.

The portal's look-up limits (processes/look_up_limits.py) and the sign-in's password limits
(processes/sign_in_limits.py) are each a few settings (`XINFANG_WRONG_…`, README's configuration
table) with defaults; a value that is not a whole number from 1 to the setting's largest stops the
app at start-up, saying which and why.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Generic, TypeVar

from flask import Flask, current_app, has_app_context


class InvalidSetting(RuntimeError):
    """A setting of the environment or the configuration has a value the app cannot work with."""


def read_limits(settings: Mapping, names: Mapping[str, tuple[str, int]], defaults: object) -> dict[str, int]:
    """Return, by field, the limits `settings` set (the environment's text, or numbers); unset ones are left out.

    `names` maps each setting's name to the field it sets and its largest value; `defaults` holds each
    field's default, said in the refusal of a bad value.
    """
    values = {}
    for name, (field, largest) in names.items():
        given = settings.get(name)
        if given is None or (isinstance(given, str) and not given.strip()):
            continue
        try:
            value = int(given.strip()) if isinstance(given, str) else given
        except ValueError:
            value = None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= largest:
            raise InvalidSetting(f"{name} must be a whole number from 1 to {largest}, not {given!r} "
                                 f"(the default is {getattr(defaults, field)})")
        values[field] = value
    return values


class WindowLimits:
    """Limits counted within a window of `window_minutes` (a frozen dataclass with that field)."""

    window_minutes: int

    @property
    def window(self) -> timedelta:
        """Return the window within which wrong secrets count."""
        return timedelta(minutes=self.window_minutes)


Limits = TypeVar("Limits")


@dataclass(frozen=True)
class LimitSettings(Generic[Limits]):
    """A group of limits read from settings: each setting's name maps to the field it sets and its
    largest value; the app reads them once at start-up and keeps them for its requests."""

    defaults: Limits
    names: Mapping[str, tuple[str, int]]
    extension: str  # where the app keeps the limits in force

    def read(self, settings: Mapping) -> Limits:
        """Read the limits from settings (the environment's text, or numbers), the defaults where one is
        not set; refuse a value that is not a whole number from 1 to the setting's largest."""
        return type(self.defaults)(**read_limits(settings, self.names, self.defaults))

    def as_settings(self, limits: Limits) -> dict[str, int]:
        """Return the limits under their setting names."""
        return {name: getattr(limits, field) for name, (field, _largest) in self.names.items()}

    def init_app(self, app: Flask) -> None:
        """Read the app's limits from its configuration and keep them for its requests."""
        app.extensions[self.extension] = self.read(app.config)

    def current(self) -> Limits:
        """Return the limits in force in the running app (the defaults outside one)."""
        return current_app.extensions.get(self.extension, self.defaults) if has_app_context() else self.defaults
