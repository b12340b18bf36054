"""The shipped procedures as a designer's check sees them: nothing to fix before a change."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine import db
from engine.definitions import deploy
from engine.design_rules import check_sources

ROOT = Path(__file__).resolve().parents[2]
BPMN = ROOT / "bpmn"


@pytest.fixture
def shipped_app(app_pool, db_kind):
    """The app on the shipped diagrams and forms, as `xinfang run` serves it."""
    return app_pool.get(db_kind, XINFANG_BPMN_DIR=str(BPMN), XINFANG_FORMS_DIR=str(ROOT / "forms"))


@pytest.mark.parametrize("path", sorted(BPMN.glob("*.bpmn")), ids=lambda path: path.name)
def test_every_shipped_diagram_passes_the_designers_check(shipped_app, path):
    with shipped_app.app_context():
        deploy({each.name: each.read_bytes() for each in BPMN.glob("*.bpmn")}, "demo")  # as `xinfang demo` does
        db.session.commit()
        assert check_sources({path.name: path.read_bytes()}) == []
