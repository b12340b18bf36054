"""The accounts page's history words each rest and alarm in the limit that applied when it was written, so a
change of the settings later does not reword the past; rows kept before the limit was recorded read in today's."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from engine import db
from tests.conftest import make_app
from tests.web.admin_client import sign_in, text
from tests.web.test_sign_in_rests import _try

THEN = {"XINFANG_WRONG_PASSWORDS_PER_USERNAME": 3, "XINFANG_WRONG_PASSWORDS_WINDOW_MINUTES": 30,
        "XINFANG_WRONG_CODES_PER_NUMBER": 2, "XINFANG_WRONG_CODES_PER_ADDRESS": 2,
        "XINFANG_WRONG_CODES_WINDOW_MINUTES": 20, "XINFANG_WRONG_CODES_ALARM_LEVEL": 2}


@pytest.fixture
def apps(database_url, tmp_path):
    """Build apps on one database, each with its settings; close them all after the test."""
    built = []

    def build(**settings):
        built.append(make_app(database_url, tmp_path, **settings))
        return built[-1]

    yield build
    for app in built:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _history(app) -> str:
    admin = app.test_client()
    sign_in(admin)
    english = text(admin.get("/admin/accounts?lang=en"))
    return english[english.index("History of accounts and rests"):]


def test_past_rests_keep_the_limit_they_began_under_after_the_settings_change(apps):
    then = apps(**THEN)
    for guess in ("a", "b", "c"):
        _try(then.test_client(), "handler", guess)
    with then.app_context():
        from processes.query_attempts import record_wrong

        for _ in range(2):
            record_wrong("XF-JN-QS-LX-2026-900001", address="203.0.113.7")
        db.session.commit()

    now = apps()  # the settings changed back to the defaults
    admin = now.test_client()
    sign_in(admin)
    page = text(admin.get("/admin/accounts?lang=en"))
    assert "After 5 wrong passwords within 15 minutes" in page  # the limit in force
    history = page[page.index("History of accounts and rests"):]
    assert "handler Rested until 2026-01-05 09:30 the system 3 wrong passwords within 30 minutes" in history
    assert "XF-JN-QS-LX-2026-900001 Rested until 2026-01-05 09:20 the system 2 wrong query codes within 20" in history
    assert ("203.0.113.7 Rested until 2026-01-05 09:20 the system "
            "2 wrong query codes from this address within 20 minutes") in history
    assert ("Alarm: many wrong query codes the system "
            "2 wrong query codes from all addresses within 20 minutes") in history
    assert "within 15 minutes" not in history and "5 wrong" not in history
    chinese = text(admin.get("/admin/accounts?lang=zh_CN"))
    assert "handler 暂停至 2026-01-05 09:30 系统 30分钟内密码错误3次" in chinese


def test_init_db_adds_the_limit_to_an_earlier_history_whose_rows_read_in_today_s_limit(apps):
    app = apps()
    for guess in ("a", "b", "c", "d", "e"):
        _try(app.test_client(), "handler", guess)
    with app.app_context():
        # The history as an earlier release kept it: no limit with its rows.
        for column in ("limit_wrong", "limit_minutes"):
            db.session.execute(sa.text(f"ALTER TABLE access_event DROP COLUMN {column}"))
        db.session.commit()
        assert "limit_wrong" not in {column["name"] for column in sa.inspect(db.engine).get_columns("access_event")}
        from web.cli import init_database

        init_database()
        init_database()  # twice: nothing left to add is no error
        columns = {column["name"] for column in sa.inspect(db.engine).get_columns("access_event")}
        db.session.remove()
    assert {"limit_wrong", "limit_minutes"} <= columns
    later = apps(XINFANG_WRONG_PASSWORDS_PER_USERNAME=4)
    assert "handler Rested until 2026-01-05 09:15 the system 4 wrong passwords within 15 minutes" in _history(later)
