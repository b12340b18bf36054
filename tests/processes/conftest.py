"""Fixtures for the petition rules: a tiny app on SQLite and on PostgreSQL, a simulated clock,
the demo organs, and a stand-in for the engine where a test is not about the engine.

PostgreSQL is not optional: if the server is down, the PostgreSQL half of every test fails.
Each test gets its own SQLite file or its own PostgreSQL schema, dropped afterwards.
"""
from __future__ import annotations

import os
import uuid
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import text

import processes.documents  # registers the document table
import processes.numbering  # noqa: F401
from engine.clock import SimulatedClock
from engine.db import db
from processes import demo_data
from processes.petitions import submit_petition
from tests.sample_petition import petition_fields

POSTGRES_URL = os.environ.get("XINFANG_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CST = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def clock() -> SimulatedClock:
    """Return a simulated clock set to Monday 2 March 2026, 09:00 China Standard Time."""
    return SimulatedClock(datetime(2026, 3, 2, 9, 0, tzinfo=CST))


def _database(backend: str, tmp_path) -> tuple[str, dict, str | None]:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}", {}, None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    return POSTGRES_URL, {"connect_args": {"options": f"-csearch_path={schema}"}}, schema


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request, tmp_path, clock):
    """Return an app with empty tables, in an app context, on each database in turn."""
    url, options, schema = _database(request.param, tmp_path)
    app = Flask(__name__)
    app.config.update(TESTING=True, SQLALCHEMY_DATABASE_URI=url, SQLALCHEMY_ENGINE_OPTIONS=options)
    db.init_app(app)
    app.extensions["xinfang_engine"] = SimpleNamespace(clock=clock)
    with app.app_context():
        if schema:
            with db.engine.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {schema}"))
        db.create_all()
        try:
            yield app
        finally:
            db.session.rollback()
            db.session.remove()
            if schema:
                with db.engine.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            db.engine.dispose()


@pytest.fixture
def organs(app) -> None:
    """Load the demo organ tree."""
    demo_data.load_organs()
    db.session.commit()


@pytest.fixture
def started(monkeypatch) -> list[dict]:
    """Stand in for the engine's start_instance; return the starts it was asked for."""
    calls: list[dict] = []

    def start_instance(process, business_key, data, actor):
        calls.append({"process": process, "business_key": business_key, "data": data, "actor": actor})
        return SimpleNamespace(id=len(calls))

    monkeypatch.setattr("processes.petitions.intake.start_instance", start_instance)
    return calls


@pytest.fixture(name="petition_fields")
def petition_fields_fixture():
    """Return the function that builds valid petition fields."""
    return petition_fields


@pytest.fixture
def submit(organs, started):
    """Return a function that registers a petition and commits it."""

    def submit_one(actor: str = "registrar", attachments=(), **changes):
        result = submit_petition(petition_fields(**changes), actor, attachments)
        db.session.commit()
        return result

    return submit_one
