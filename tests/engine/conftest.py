"""Engine fixtures: the real app on each database, with the engine's own test diagrams."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine import db
from tests.conftest import make_app

HERE = Path(__file__).resolve().parent


@pytest.fixture
def app(database_url, tmp_path):
    app = make_app(database_url, tmp_path, XINFANG_BPMN_DIR=str(HERE / "diagrams"),
                   XINFANG_FORMS_DIR=str(HERE / "forms"))
    with app.app_context():
        from web.cli import deploy_paths

        deploy_paths([HERE / "diagrams"], "test")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
