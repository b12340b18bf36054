"""Browser tests: the real app served on a free local port, driven by Debian's Chromium."""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from engine import db
from tests.conftest import ROOT, make_app

CHROMIUM = os.environ.get("XINFANG_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "test-artifacts" / "screenshots"


@contextmanager
def served(app):
    """Serve an app on a free local port in a background thread; its address is LIVE_URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    try:
        yield app
    finally:
        server.shutdown()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def live_app(tmp_path):
    """The app with demo data on a SQLite file, served in a background thread."""
    app = make_app(f"sqlite:///{tmp_path / 'browser.sqlite3'}", tmp_path)
    with app.app_context():
        from processes.demo import load_demo
        from web.cli import deploy_paths

        deploy_paths([Path(app.config["XINFANG_BPMN_DIR"])], "demo")
        load_demo()
        db.session.commit()
    with served(app):
        yield app


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--lang=zh-CN"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_app):
    """A fresh browser page in Chinese, with console errors collected."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.base = live_app.config["LIVE_URL"]
    yield page
    context.close()


def shoot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, username: str) -> None:
    """Sign in as a demo user (password = username)."""
    page.goto(f"{page.base}/login")
    page.fill("#username", username)
    page.fill("#password", username)
    page.click("main button[type=submit]")
