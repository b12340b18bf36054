"""The administrator's console on the console test diagrams, on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest

from tests.console_data import console_app, start_cases
from tests.web.admin_client import sign_in


@pytest.fixture
def app(app_pool, db_kind):
    return console_app(app_pool, db_kind)


@pytest.fixture
def cases(app, client):
    """Three cases (waiting, failed, calling a process), with the administrator signed in."""
    with app.app_context():
        ids = start_cases()
    sign_in(client)
    return ids
