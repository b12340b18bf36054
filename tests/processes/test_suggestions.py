"""Suggestions and adoption are kept as the steps recording them complete; an earlier release's cases are read once."""
from __future__ import annotations

import pytest
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
        _as_an_earlier_release_left_it()
        init_database()
        init_database()  # twice: read once, not counted twice
        kept, read = db.session.query(SuggestionRecord).count(), _suggestions()
        db.session.remove()
        db.engine.dispose()
    assert (made["improvement_made"], made["policy_made"], made["adopted"]) == (1, 1, 1)
    assert read == made and kept == 2


def _as_an_earlier_release_left_it() -> None:
    db.session.execute(sa.text("DROP TABLE suggestion_record"))
    db.session.execute(sa.text("DROP TABLE backfill"))
    db.session.commit()


def test_init_db_cut_short_between_making_the_table_and_filling_it_fills_it_on_the_next_run(
        database_url, tmp_path, monkeypatch):
    import processes.suggestions

    folder = write_diagrams(tmp_path / "bpmn")
    app = make_app(database_url, XINFANG_BPMN_DIR=str(folder), XINFANG_FORMS_DIR=str(FORMS))
    with app.app_context():
        from web.cli import init_database

        deploy_console(folder)
        register_petitions()
        made = _suggestions()
        _as_an_earlier_release_left_it()
        fill = processes.suggestions.record_past_suggestions

        def cut_short() -> int:
            fill()  # the rows are written, then the process dies before they are committed
            raise KeyboardInterrupt

        monkeypatch.setattr(processes.suggestions, "record_past_suggestions", cut_short)
        with pytest.raises(KeyboardInterrupt):
            init_database()
        db.session.rollback()
        left = db.session.query(SuggestionRecord).count(), sa.inspect(db.engine).has_table("suggestion_record")
        monkeypatch.undo()
        init_database()
        init_database()
        kept, read = db.session.query(SuggestionRecord).count(), _suggestions()
        db.session.remove()
        db.engine.dispose()
    assert left == (0, True)  # the table was made, and nothing in it
    assert read == made and kept == 2


def test_a_fill_run_again_keeps_the_rows_the_steps_kept_meanwhile_once(database_url, tmp_path):
    folder = write_diagrams(tmp_path / "bpmn")
    app = make_app(database_url, XINFANG_BPMN_DIR=str(folder), XINFANG_FORMS_DIR=str(FORMS))
    with app.app_context():
        from web.cli import init_database

        deploy_console(folder)
        register_petitions()  # the steps keep their two rows as they complete
        made = _suggestions()
        db.session.execute(sa.text("DELETE FROM backfill"))  # as if the fill had been cut short
        db.session.commit()
        init_database()
        kept, read = db.session.query(SuggestionRecord).count(), _suggestions()
        db.session.remove()
        db.engine.dispose()
    assert read == made and kept == 2
