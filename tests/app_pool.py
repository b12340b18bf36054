"""One app per database kind and configuration, reused by every test and reset between tests.

Building an app and a database costs about a second; a test needs a few milliseconds. Each kind
and configuration gets its own database once per test process; before each test every table is
emptied and refilled with the baseline (tables, official holidays, demo organs and users), the
simulated clock is set back, and caches that outlive a request are forgotten.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import sqlalchemy as sa

from engine import db
from engine.clock import SimulatedClock

START = SimulatedClock().now()


class AppPool:
    """Apps by (kind, configuration), each with a snapshot of its baseline rows."""

    def __init__(self, folder: Path, postgres_admin_url: str) -> None:
        self.folder = folder
        self.admin_url = postgres_admin_url
        self.apps: dict[tuple, tuple] = {}
        self.databases: list[str] = []

    def _new_url(self, kind: str) -> str:
        if kind == "sqlite":
            return f"sqlite:///{self.folder / f'{uuid.uuid4().hex[:8]}.sqlite3'}"
        name = f"xf_pool_{uuid.uuid4().hex[:10]}"
        admin = sa.create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:  # fails loudly when PostgreSQL is down: never a skip
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        self.databases.append(name)
        # Test data need not survive a power cut: commits do not wait for the disk.
        return self.admin_url.rsplit("/", 1)[0] + f"/{name}?options=-csynchronous_commit%3Doff"

    def get(self, kind: str, **overrides):
        """Return the app of a kind and configuration, reset to its baseline."""
        from tests.conftest import make_app

        key = (kind, tuple(sorted(overrides.items())))
        if key not in self.apps:
            app = make_app(self._new_url(kind), **overrides)
            with app.app_context():
                from processes.demo_data import load_organs_and_users

                load_organs_and_users()
                db.session.commit()
                snapshot = {table.name: [dict(row._mapping) for row in db.session.execute(table.select())]
                            for table in db.metadata.sorted_tables}
            self.apps[key] = (app, snapshot)
        app, snapshot = self.apps[key]
        self._reset(app, snapshot)
        return app

    def _reset(self, app, snapshot: dict[str, list[dict]]) -> None:
        from processes import holidays

        with app.app_context():
            tables = db.metadata.sorted_tables
            for table in reversed(tables):  # DELETE: on small tables far cheaper than TRUNCATE
                db.session.execute(table.delete())
            for table in tables:
                if snapshot.get(table.name):
                    db.session.execute(table.insert(), snapshot[table.name])
            db.session.commit()
            if db.engine.dialect.name == "postgresql":
                self._resync_sequences(tables)
            db.session.remove()
            holidays._cache.clear()  # the calendar cache would otherwise outlive the emptied tables
            app.extensions["xinfang_engine"].workflows.clear()  # so would the kept workflows
            clock = app.extensions["xinfang_engine"].clock
            clock._now = START  # set back, not forward: a new test starts at the same moment

    def _resync_sequences(self, tables) -> None:
        for table in tables:
            for column in table.primary_key.columns:
                if isinstance(column.type, sa.Integer) and column.autoincrement in (True, "auto"):
                    db.session.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
                        f"COALESCE((SELECT MAX(\"{column.name}\") FROM \"{table.name}\"), 0) + 1, false)"))
        db.session.commit()

    def close(self) -> None:
        """Dispose of every app and drop the PostgreSQL databases."""
        for app, _snapshot in self.apps.values():
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        admin = sa.create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in self.databases:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
