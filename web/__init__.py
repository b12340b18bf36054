"""The Flask application: `create_app` builds everything; nothing starts at import time."""
from __future__ import annotations

from pathlib import Path

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the app from the environment, overridden by `config` (tests pass theirs)."""
    from engine import db, init_engine
    from engine.completions import register_completion_listener
    from engine.forms import register_choice_source, register_format
    from processes.functions import CHOICE_SOURCES, FORMATS, FUNCTIONS
    from processes.look_up_limits import init_look_up_limits
    from processes.sign_in_limits import init_sign_in_limits
    from processes.suggestions import record_suggestions

    from . import api, csrf, errors, templating, text_input
    from .config import API, from_environment
    from .cookie_sessions import CookieSessions
    from .i18n import init_i18n

    app = Flask(__name__, instance_relative_config=True)
    app.session_interface = CookieSessions()
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(API)
    app.config.update(from_environment(app.instance_path))
    app.config.update(config or {})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = _engine_options(app.config)
    init_look_up_limits(app)  # first: a bad limit stops the app before anything else is built
    init_sign_in_limits(app)
    db.init_app(app)
    init_engine(app, functions=FUNCTIONS, bpmn_dir=Path(app.config["XINFANG_BPMN_DIR"]),
                forms_dir=Path(app.config["XINFANG_FORMS_DIR"]),
                simulated_clock=app.config["XINFANG_CLOCK"] == "simulated",
                workflow_cache_size=int(app.config.get("XINFANG_WORKFLOW_CACHE", 128)))
    for name, source in CHOICE_SOURCES.items():
        register_choice_source(app, name, source)
    for name, check in FORMATS.items():
        register_format(app, name, check)
    register_completion_listener(app, record_suggestions)  # the annual report counts what it keeps
    init_i18n(app)
    text_input.init_app(app)  # first: text a database cannot keep is refused before anything reads it
    csrf.init_app(app)
    templating.init_app(app)
    api.init_app(app)
    errors.init_app(app)  # after the API, so its error handlers (JSON with code and message) win
    _register_pages(app)
    _trust_proxies(app, int(app.config.get("XINFANG_PROXIES", 0)))
    return app


def _trust_proxies(app: Flask, proxies: int) -> None:
    """Take the client's address from the X-Forwarded-For that `proxies` reverse proxies in front add."""
    if proxies > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)


def _engine_options(config) -> dict:
    from engine.json_codec import dump_text, load
    from engine.sqlite_writers import with_queued_writers

    url = str(config["SQLALCHEMY_DATABASE_URI"])
    options = {"json_serializer": dump_text, "json_deserializer": load,
               **(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})}
    if url.startswith("sqlite"):
        options.pop("pool_pre_ping", None)  # a local file: no connection to go stale
    return with_queued_writers(url, options)


def _register_pages(app: Flask) -> None:
    # The browser-facing blueprints; each lives in its own package.
    from . import admin, auth, designer, home, portal, tasks

    for part in (auth, portal, tasks, admin, designer, home):
        app.register_blueprint(part.bp)
