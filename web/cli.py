"""The `xinfang` command: Flask's CLI with the commands an operator needs."""
from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy import inspect, text

from engine import db
from engine.models import RETIRED_INDEXES


def _create_app(*_args):
    from processes.limit_settings import InvalidSetting

    from . import create_app

    try:
        return create_app()
    except InvalidSetting as exc:  # a bad setting is said in one line, not under a traceback
        raise click.ClickException(str(exc)) from None


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False, add_version_option=False)
def main() -> None:
    """Case management for petition work (信访)."""


def init_database() -> None:
    """Create the tables, seed the holiday schedule and let a simulated clock carry on from where it
    stood (idempotent)."""
    import processes.models  # noqa: F401  (every table of the regulation's records)
    from engine import current_clock
    from engine.clock_store import restore_simulated_time
    from processes.holidays import seed_from_chinesecalendar
    from processes.backfills import backfill_once
    from processes.petitions.stored_numbers import normalise_stored_numbers
    from processes.suggestions import record_past_suggestions

    db.create_all()
    _add_new_columns()
    _update_indexes()
    # the suggestions of the cases an earlier release kept are read out of their history, once
    backfill_once("suggestion_record", record_past_suggestions)
    # identity document and phone numbers registered before they were checked are written as now stored, once
    backfill_once("petitioner_numbers", normalise_stored_numbers)
    seed_from_chinesecalendar(db.session)
    restore_simulated_time(current_clock())
    db.session.commit()


def _add_new_columns() -> None:
    """Add to the tables an earlier release made the columns this release added (`create_all` makes a
    table's columns only with the table). Such columns may be empty: the rows already kept have none
    of their values, and what reads them says what that means (e.g. AccessEvent's limit)."""
    connection = db.session.connection()
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    for table in db.metadata.sorted_tables:
        if table.name not in tables:
            continue
        existing = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in existing and column.nullable and column.server_default is None:
                kind = column.type.compile(dialect=connection.dialect)
                connection.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def _update_indexes() -> None:
    """Bring the indexes of tables an earlier release made to this release's: drop the retired
    ones and make the new ones (`create_all` makes a table's indexes only with the table)."""
    from processes.petitions.models import RETIRED_INDEXES as RETIRED_PETITION_INDEXES

    connection = db.session.connection()
    for name in (*RETIRED_INDEXES, *RETIRED_PETITION_INDEXES):
        connection.execute(text(f"DROP INDEX IF EXISTS {name}"))
    existing = {index["name"] for indexes in inspect(connection).get_multi_indexes().values() for index in indexes}
    for table in db.metadata.sorted_tables:
        for index in table.indexes:
            if index.name not in existing:
                index.create(connection)


def deploy_paths(paths: list[Path], actor: str) -> list[str]:
    """Deploy the `.bpmn` files found at `paths` and say what changed."""
    from engine.definitions import deploy, read_directory

    files: dict[str, bytes] = {}
    for path in paths:
        files.update(read_directory(path) if path.is_dir() else {path.name: path.read_bytes()})
    result = deploy(files, actor)
    db.session.commit()
    return ([f"deployed {row.process} version {row.version}" for row in result.deployed]
            + [f"unchanged {row.process} version {row.version}" for row in result.unchanged])


@main.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database tables and seed the official holidays."""
    init_database()
    click.echo("database ready")


@main.command("deploy")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--actor", default="cli", help="Who deploys (for the history).")
@with_appcontext
def deploy_command(paths: tuple[Path, ...], actor: str) -> None:
    """Deploy diagrams (files or folders; the project's bpmn/ when none is given)."""
    from engine import DeployError

    init_database()
    try:
        lines = deploy_paths(list(paths) or [Path(current_app.config["XINFANG_BPMN_DIR"])], actor)
    except DeployError as exc:
        for problem in exc.problems:
            click.echo(f"{problem['file']}: {problem['element'] or '-'}: {problem['message']}", err=True)
        raise SystemExit(1) from exc
    click.echo("\n".join(lines))


@main.command("create-user")
@click.argument("username")
@click.option("--role", required=True)
@click.option("--organ", default=None, help="Organ code the user works for.")
@click.option("--password", default=None)
@click.option("--print-token", is_flag=True, help="Print the new API token alone on the last line.")
@with_appcontext
def create_user_command(username: str, role: str, organ: str | None, password: str | None, print_token: bool) -> None:
    """Create a user; with --print-token its API token is the last line printed."""
    from processes.accounts import create_user
    from processes.errors import ProcessError

    init_database()
    try:
        user, token = create_user(username, role, organ=organ, password=password)
        db.session.commit()
    except ProcessError as exc:
        click.echo(exc.message, err=True)
        raise SystemExit(1) from exc
    click.echo(f"created {user.username} ({user.role})")
    if print_token:
        click.echo(token)


@main.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo: organs, users of every role, diagrams and petitions at every stage."""
    from processes.demo import load_demo

    init_database()
    deploy_paths([Path(current_app.config["XINFANG_BPMN_DIR"])], "demo")
    for line in load_demo():
        click.echo(line)
    db.session.commit()


@main.command("functions")
@with_appcontext
def functions_command() -> None:
    """List the functions diagrams may call."""
    engine = current_app.extensions["xinfang_engine"]
    click.echo("\n".join(engine.script_engine.function_names))


@main.command("i18n", with_appcontext=False)
@click.argument("part", default="web")
def i18n_command(part: str) -> None:
    """Update and compile the zh_CN / en catalogues of one part of the web app (web, portal, tasks, …)."""
    from .i18n_catalogs import update

    missing = update(part)["zh_CN"]
    click.echo(f"{part}: {len(missing)} string(s) still need a Chinese translation")
    for message in missing:
        click.echo(f"  {message}")


def _log_what_operators_read() -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # every wake-up is not news
    logging.getLogger("spiff").setLevel(logging.WARNING)  # nor every task's change of state


@main.command("worker")
@with_appcontext
def worker_command() -> None:
    """Run only the timer sweep (for a second machine, or beside a separate web server)."""
    from engine import start_scheduler

    from .serving import settle_start_up

    _log_what_operators_read()
    init_database()
    settle_start_up()
    start_scheduler(current_app._get_current_object())
    click.echo("timer worker running; Ctrl-C stops it")
    try:
        while True:
            time.sleep(3600)  # the scheduler's thread does the work; this only keeps the process alive
    except KeyboardInterrupt:
        pass


@main.command("run")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--threads", default=8, type=int, help="Threads per server process.")
@click.option("--processes", default=None, type=click.IntRange(1, 64),
              help="Server processes sharing the port. Default: one per core, up to 4, with the real clock on a "
                   "POSIX system; else 1.")
@click.option("--no-scheduler", is_flag=True, help="Leave the timer sweep to `xinfang worker`.")
@with_appcontext
def run_command(host: str, port: int, threads: int, processes: int | None, no_scheduler: bool) -> None:
    """Serve the app (with the timer sweep) on a production-grade WSGI server."""
    from engine import start_scheduler

    from .serving import ServerProcesses, WakeupPipe, default_processes, listening_socket, serve_here

    _log_what_operators_read()
    app = current_app._get_current_object()
    processes = processes or default_processes(app.config["XINFANG_CLOCK"])
    if processes > 1 and app.config["XINFANG_CLOCK"] == "simulated":
        raise click.UsageError("a simulated clock lives in one process: serve it with --processes 1")
    if processes > 1 and not hasattr(os, "fork"):
        raise click.UsageError("several server processes need a POSIX system: use --processes 1")
    init_database()
    click.echo(f"xinfang at http://{host}:{port}/ (clock: {app.config['XINFANG_CLOCK']})")
    if processes == 1:
        if not no_scheduler:
            start_scheduler(app)
        serve_here(app, host, port, threads)
        return
    sock = listening_socket(host, port)
    db.session.remove()
    db.engine.dispose()  # each server process opens its own connections
    wakeups = None if no_scheduler else WakeupPipe()
    servers = ServerProcesses(app, sock, processes, threads, wakeups)
    servers.start()
    if wakeups is not None:
        wakeups.listen(start_scheduler(app).wake_by)
    click.echo(f"{processes} server processes, {threads} threads each")
    servers.watch()
