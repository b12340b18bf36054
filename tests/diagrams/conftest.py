"""Diagram path fixtures: the real app on SQLite and PostgreSQL with bpmn/ deployed, and a walker.

Every path runs straight on both databases and restored on SQLite (see tests/diagrams/walker.py):
the extra round trip loads and dumps the saved state, a blob that reads the same from either
database, and doubles the cost of a walk, so the PostgreSQL copy of it is left out.

The pool empties every table before each test; bpmn/ is deployed with ``deploy_paths`` the first
time an app is used, and the version rows that deploy wrote are put back for later tests instead
of parsing and checking the same nine files again (a quarter of a second a test).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from engine import db
from engine.models import DefinitionVersion
from tests.diagrams.walker import ACCEPTED, INVESTIGATING, LABOUR, MODES, Walker

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
_deployed: dict[int, list[dict]] = {}  # id of an app -> the definition rows deploying bpmn/ wrote


def pytest_collection_modifyitems(config, items) -> None:
    """Leave out the restored walks on PostgreSQL (see above)."""
    dropped = [item for item in items if HERE in Path(item.path).parents and hasattr(item, "callspec")
               and item.callspec.params.get("db_kind") == "postgresql"
               and item.callspec.params.get("mode") == "restored"]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


@pytest.fixture
def app(app_pool, db_kind):
    """The real app with the default bpmn/ and forms/, the diagrams deployed, a simulated clock."""
    app = app_pool.get(db_kind)
    with app.app_context():
        _deploy(id(app))
        db.session.remove()
    return app


def _deploy(key: int) -> None:
    table = DefinitionVersion.__table__
    if key not in _deployed:
        from web.cli import deploy_paths

        deploy_paths([ROOT / "bpmn"], "test")
        _deployed[key] = [dict(row._mapping) for row in db.session.execute(table.select())]
        return
    db.session.execute(table.insert(), _deployed[key])
    if db.engine.dialect.name == "postgresql":  # explicit ids leave the sequence behind
        db.session.execute(sa.text("SELECT setval(pg_get_serial_sequence('definition_version', 'id'), "
                                   "(SELECT MAX(id) FROM definition_version))"))
    db.session.commit()


@pytest.fixture(params=MODES)
def mode(request) -> str:
    """Walk straight, or with an extra dump and load of the state between steps."""
    return request.param


@pytest.fixture
def walker(ctx, mode):
    """Return a function that submits a petition and returns its walker."""

    def submit(**changes) -> Walker:
        return Walker(mode).submit(**changes)

    return submit


@pytest.fixture
def accepted(walker) -> Walker:
    """Return a wage complaint received and accepted on 5 January by the county labour bureau."""
    return walker(receiving_organ=LABOUR).steps(ACCEPTED)


@pytest.fixture
def investigating(accepted) -> Walker:
    """Return the accepted complaint under investigation (Art. 31(6)), its 60 days running."""
    return accepted.steps(INVESTIGATING[len(ACCEPTED):])
