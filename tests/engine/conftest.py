"""Engine fixtures: the real app on each database, with the engine's own test diagrams."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine import db

HERE = Path(__file__).resolve().parent


@pytest.fixture
def app(app_pool, db_kind):
    app = app_pool.get(db_kind, XINFANG_BPMN_DIR=str(HERE / "diagrams"), XINFANG_FORMS_DIR=str(HERE / "forms"))
    with app.app_context():
        from web.cli import deploy_paths

        deploy_paths([HERE / "diagrams"], "test")
        db.session.remove()
    return app
