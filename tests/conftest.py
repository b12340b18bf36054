"""Fixtures shared by every test: the app on SQLite and on PostgreSQL, clients, users.

Each test gets a fresh database cloned from a template built once per test process: the tables,
the official holidays and the demo organs and users are written once, not for every test.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from engine import db

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("XINFANG_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
FAST = {"TESTING": True, "XINFANG_CLOCK": "simulated", "SECRET_KEY": "test",
        "XINFANG_PASSWORD_METHOD": "pbkdf2:sha256:1000"}


def _admin():
    # AUTOCOMMIT: CREATE / DROP DATABASE cannot run inside a transaction.
    return sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")


def _database_url(name: str) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"


def make_app(database_url: str, tmp_path: Path | None = None, **overrides):
    """Build the real app on a database, with a simulated clock, its tables ready."""
    from web import create_app
    from web.cli import init_database

    app = create_app({**FAST, "SQLALCHEMY_DATABASE_URI": database_url, **overrides})
    with app.app_context():
        init_database()
    return app


def _fill_template(url: str) -> None:
    app = make_app(url)
    with app.app_context():
        from processes.demo_data import load_organs_and_users

        load_organs_and_users()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    _fill_template(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template():
    name = f"xf_tpl_{uuid.uuid4().hex[:10]}"
    admin = _admin()
    with admin.connect() as conn:  # fails loudly when the server is down: never a skip
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    _fill_template(_database_url(name))
    yield name
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh database of each kind with tables, holidays, demo organs and users."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("postgres_template")
    name = f"xf_t_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield _database_url(name)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def app_pool(tmp_path_factory):
    """Apps reused across tests (see tests/app_pool.py)."""
    from tests.app_pool import AppPool

    pool = AppPool(tmp_path_factory.mktemp("pool"), POSTGRES_URL)
    yield pool
    pool.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_kind(request):
    """Each database test runs on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture
def app(app_pool, db_kind):
    """The real app on a database reset to the baseline, with a simulated clock."""
    return app_pool.get(db_kind)


@pytest.fixture
def ctx(app):
    """An app context, for calling services directly."""
    with app.app_context():
        yield app
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()
