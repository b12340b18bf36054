"""What an extension of the handling period would change (Art. 34), shown to the head who decides.

The 60 days run from acceptance; an extension of at most 30 days continues them from their end, so
the extended period is counted, as the handling diagram counts it, as 60 + the days asked for from
acceptance, its last day rolled past a holiday like any other (Civil Code Art. 203).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from processes.periods import Calendar, Deadline, statutory_deadline

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
    return ExtensionPreview(days, statutory_deadline(accepted, HANDLING_DAYS, cal=cal),
                            statutory_deadline(accepted, HANDLING_DAYS + days, cal=cal))
