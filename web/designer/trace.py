"""The regulation traced, as a page for designers and administrators."""
from __future__ import annotations

from flask import current_app, render_template

from engine import current_engine
from engine.diagram_ids import element_ids_of_folder
from processes.trace import traced_obligations

from ..auth_tokens import require_role
from . import bp


def _screens() -> set[str]:
    return {rule.rule for rule in current_app.url_map.iter_rules()}


@bp.get("/trace")
@require_role("designer", "admin")
def trace():
    """Show every obligation of Art. 17–47 and what carries it, with anything missing marked."""
    obligations = traced_obligations(element_ids_of_folder(current_engine().bpmn_dir), _screens())
    missing = sum(1 for o in obligations for c in o.carriers if not c.exists)
    return render_template("designer/trace.html", obligations=obligations, missing=missing, tab="trace")
