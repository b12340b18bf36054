"""What the two-version diagrams script (static/js/designer-diff.js) draws: one entry per file, with its marks.

The studio's version diff and the console's migration preview hand it the same shape.
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from engine.diagram_pairs import DiagramPair


def pair_config(pair: DiagramPair) -> dict[str, Any]:
    """Return a file of both versions as the script draws it: removed elements marked on the old, others on the new."""
    return {"file": pair.file, "name": pair.name, "old": pair.old, "new": pair.new,
            "changes": [{"element": change.element, "kind": change.kind,
                         "side": "old" if change.kind == "removed" else "new"} for change in pair.changes],
            "standing": pair.standing}


def diff_config(pairs: list[DiagramPair], **extra: Any) -> dict[str, Any]:
    """Return the script's whole configuration: the files, and the words it writes on the diagrams."""
    labels = {"absent": _("This version has no such process."), **extra.pop("labels", {})}
    return {"diagrams": [pair_config(pair) for pair in pairs], "kinds": {}, "labels": labels, **extra}
