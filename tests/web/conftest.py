"""Web fixtures: the engine's test diagrams deployed, demo organs and users, API headers."""
from __future__ import annotations

import pytest

from engine import db
from tests.conftest import make_app
from tests.engine.conftest import HERE


@pytest.fixture
def app(database_url, tmp_path):
    app = make_app(database_url, tmp_path, XINFANG_BPMN_DIR=str(HERE / "diagrams"),
                   XINFANG_FORMS_DIR=str(HERE / "forms"))
    with app.app_context():
        from processes.demo_data import load_organs_and_users
        from web.cli import deploy_paths

        deploy_paths([HERE / "diagrams"], "test")
        load_organs_and_users()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def bearer(username: str) -> dict:
    """Return the Authorization header of a demo user."""
    return {"Authorization": f"Bearer demo-{username.replace('_', '-')}-token"}
