"""Reading the installation's limits on wrong secrets from its settings: whole numbers within bounds.

The portal's look-up limits (processes/look_up_limits.py) and the sign-in's password limits
(processes/sign_in_limits.py) are each a few settings (`XINFANG_WRONG_…`, README's configuration
table) with defaults; a value that is not a whole number from 1 to the setting's largest stops the
app at start-up, saying which and why.
"""
from __future__ import annotations

from collections.abc import Mapping


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
