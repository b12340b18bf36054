"""What an extension of the handling period would change (Art. 34), shown to the head who decides.

The 60 days run from acceptance; an extension of at most 30 days continues them from their end (their
last day, rolled past a holiday as the Civil Code Art. 203 rolls it), counted as the handling diagram
counts it (`extended(deadline(accepted_on, 60), extension_days)`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from processes.periods import Calendar, Deadline, extend, statutory_deadline

HANDLING_DAYS = 60  # Art. 34: an Art. 31(6) matter is concluded within 60 days of acceptance
DECIDING_FORM = "approve_extension"  # the head's decision on a requested extension


@dataclass(frozen=True)
class ExtensionPreview:
    """The handling period's last day now, and after the extension asked for."""

    days: int
    current: Deadline
    extended: Deadline

    @property
    def provisional(self) -> bool:
        """Tell whether either day may move once the year's official holiday schedule is loaded."""
        return self.current.provisional or self.extended.provisional


def extension_preview(data: dict[str, Any], cal: Calendar | None) -> ExtensionPreview | None:
    """Return the last day of the handling period as it stands and as the requested extension would make it."""
    accepted, days = data.get("accepted_on"), data.get("extension_days")
    if not accepted or not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        return None
    current = statutory_deadline(accepted, HANDLING_DAYS, cal=cal)
    return ExtensionPreview(days, current, extend(current, days, cal))
