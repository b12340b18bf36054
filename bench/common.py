"""Shared set-up of the benchmarks: an app on a fresh database with the five-task diagram."""
from __future__ import annotations

import os
import statistics
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
DIAGRAMS = ROOT / "tests" / "engine" / "diagrams"
FORMS = ROOT / "tests" / "engine" / "forms"
POSTGRES = os.environ.get("XINFANG_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def database_urls() -> dict[str, str]:
    """Return a fresh SQLite file and a fresh PostgreSQL schema."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(POSTGRES)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sqlite = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    return {"sqlite": f"sqlite:///{sqlite}", "postgresql": f"{POSTGRES}?options=-csearch_path%3D{schema}"}


def each_database() -> Iterator[tuple[str, str]]:
    """Yield the kind and URL of a fresh SQLite file and a fresh PostgreSQL schema, dropping the
    benchmark schemas when done."""
    try:
        yield from database_urls().items()
    finally:
        drop_schemas()


def drop_schemas() -> None:
    """Remove the benchmark schemas from PostgreSQL."""
    engine = sa.create_engine(POSTGRES)
    with engine.begin() as conn:
        for (name,) in conn.execute(sa.text("select nspname from pg_namespace where nspname like 'bench_%'")):
            conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
    engine.dispose()


def make_bench_app(url: str, clock: str = "simulated"):
    """Build the app on `url` with the engine's test diagrams deployed."""
    from engine import db
    from web import create_app
    from web.cli import deploy_paths, init_database

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "XINFANG_CLOCK": clock, "SECRET_KEY": "bench",
                      "XINFANG_BPMN_DIR": str(DIAGRAMS), "XINFANG_FORMS_DIR": str(FORMS)})
    with app.app_context():
        init_database()
        deploy_paths([DIAGRAMS], "bench")
        db.session.commit()
    return app


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of the values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def median(values: list[float]) -> float:
    return statistics.median(values)
