"""The petitioner's portal on the project's own diagrams, on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest

from engine import db
from tests.web.portal.portal_app import real_app


@pytest.fixture
def app(database_url, tmp_path):
    app = real_app(database_url, tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app_with(database_url, tmp_path):
    """Return a function that builds the portal's app with some settings changed (`XINFANG_…=value`)."""
    apps = []

    def build(**settings):
        apps.append(real_app(database_url, tmp_path, **settings))
        return apps[-1]

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
