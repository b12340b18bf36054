"""Chart settings for the dashboard's tables, read by static/js/admin-charts.js (Chart.js)."""
from __future__ import annotations

from typing import Any

from processes.petitions.models import CHANNELS

from .i18n import gettext as _
from .labels import CHANNELS as CHANNEL_WORDS
from .tables import Shown


def _bars(shown: Shown, labels: list[str], column: str, name: str, **options: Any) -> dict[str, Any]:
    return {"type": "bar", "labels": labels, "datasets": [{"label": name, "data": shown.series(column)}],
            **options}


def chart_for(shown: Shown) -> dict[str, Any] | None:
    """Return the chart of a table, or None for a table best read as a list."""
    name = shown.name
    if name == "intake_by_month":
        return {"type": "bar", "labels": shown.words("month"), "stacked": True,
                "datasets": [{"label": str(CHANNEL_WORDS[channel]), "data": shown.series(channel)}
                             for channel in CHANNELS]}
    if name == "intake_by_category":
        return _bars(shown, shown.words("category"), "count", _("Matters"), horizontal=True)
    if name == "intake_by_territory":
        return _bars(shown, shown.words("territory"), "count", _("Matters"), horizontal=True)
    if name == "open_by_stage":
        return _bars(shown, shown.words("stage"), "count", _("Open matters"))
    if name == "on_time" and shown.values:
        labels = [f"{organ} · {limit}" for organ, limit in zip(shown.words("organ"), shown.words("limit"))]
        return _bars(shown, labels, "rate", _("Kept, %"), horizontal=True, percent=True)
    if name == "satisfaction":
        return _bars(shown, [_("%(score)s points", score=score) for score in shown.series("score")], "count",
                     _("Evaluations"))
    return None
