"""Suggestions and adoption are kept as the steps recording them complete; an earlier release's cases are read once."""
from __future__ import annotations

import sqlalchemy as sa

from engine import current_clock, db
from processes.annual_report import annual_report
from processes.suggestions import SuggestionRecord
from tests.conftest import make_app
from tests.console_data import FORMS, deploy_console, register_petitions, write_diagrams


def _suggestions() -> dict:
    return {row[0]: row[1] for row in annual_report(2026, "JN-QS-LX-XFJ", current_clock().now()).suggestions.rows}


def test_init_db_reads_the_suggestions_of_an_earlier_release_s_cases_out_of_the_history_once(database_url, tmp_path):
    folder = write_diagrams(tmp_path / "bpmn")
    app = make_app(database_url, XINFANG_BPMN_DIR=str(folder), XINFANG_FORMS_DIR=str(FORMS))
    with app.app_context():
        from web.cli import init_database

        deploy_console(folder)
        register_petitions()  # a letter with two suggestions, and the feedback adopting them
        made = _suggestions()
        db.session.execute(sa.text("DROP TABLE suggestion_record"))  # as an earlier release left the database
        db.session.commit()
        init_database()
        init_database()  # twice: read once, not counted twice
        kept, read = db.session.query(SuggestionRecord).count(), _suggestions()
        db.session.remove()
        db.engine.dispose()
    assert (made["improvement_made"], made["policy_made"], made["adopted"]) == (1, 1, 1)
    assert read == made and kept == 2
