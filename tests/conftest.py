"""Fixtures shared by every test: the app on SQLite and on PostgreSQL, clients, users."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from engine import db

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("XINFANG_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_schema_url() -> tuple[str, str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as conn:  # fails loudly when the server is down: never a skip
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}", schema


def _drop_schema(schema: str) -> None:
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    url, schema = _postgres_schema_url()
    yield url
    _drop_schema(schema)


def make_app(database_url: str, tmp_path: Path, **overrides):
    """Build the real app on a database, with a simulated clock."""
    from web import create_app
    from web.cli import init_database

    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "XINFANG_CLOCK": "simulated",
              "SECRET_KEY": "test", "WTF_CSRF_ENABLED": True, **overrides}
    app = create_app(config)
    with app.app_context():
        init_database()
    return app


@pytest.fixture
def app(database_url, tmp_path):
    app = make_app(database_url, tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def ctx(app):
    """An app context, for calling services directly."""
    with app.app_context():
        yield app
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()
