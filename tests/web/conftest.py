"""Web fixtures: the engine's test diagrams deployed, demo organs and users, API headers."""
from __future__ import annotations

import pytest

from engine import db
from tests.engine.conftest import HERE


@pytest.fixture
def app(app_pool, db_kind):
    app = app_pool.get(db_kind, XINFANG_BPMN_DIR=str(HERE / "diagrams"), XINFANG_FORMS_DIR=str(HERE / "forms"))
    with app.app_context():
        from web.cli import deploy_paths

        deploy_paths([HERE / "diagrams"], "test")
        db.session.remove()
    return app


def bearer(username: str) -> dict:
    """Return the Authorization header of a demo user."""
    return {"Authorization": f"Bearer demo-{username.replace('_', '-')}-token"}
