"""A changed review.bpmn deployed over the shipped procedure: it gives `petition` a new version whose
own file did not change, as the migration preview and the studio's version diff must show."""
from __future__ import annotations

from pathlib import Path

from engine import db
from engine.definitions import deploy


def deploy_changed_review(app) -> int:
    """Deploy review.bpmn with two steps renamed; return the new version of `petition`."""
    folder = Path(app.config["XINFANG_BPMN_DIR"])
    review = (folder / "review.bpmn").read_text(encoding="utf-8").replace(
        'name="审查并提出复查意见"', 'name="审查事项并提出复查意见"').replace(
        'name="出具复查意见书"', 'name="出具并登记复查意见书"')
    with app.app_context():
        (petition,) = [row for row in deploy({"review.bpmn": review.encode()}, "designer").deployed
                       if row.process == "petition"]
        db.session.commit()
        return petition.version
