"""`xinfang init-db` brings an existing database to the tables of this release."""
from __future__ import annotations

import sqlalchemy as sa

from engine import db
from tests.conftest import make_app


def _task_indexes() -> set[str]:
    return {index["name"] for index in sa.inspect(db.engine).get_indexes("user_task")}


def test_init_db_drops_an_index_an_earlier_release_made_and_keeps_the_rest(database_url):
    app = make_app(database_url)
    with app.app_context():
        db.session.execute(sa.text("CREATE INDEX ix_user_task_state ON user_task (state)"))  # as before
        db.session.commit()
        assert "ix_user_task_state" in _task_indexes()
        from web.cli import init_database

        init_database()
        init_database()  # twice: nothing left to drop is no error
        indexes = _task_indexes()
        db.session.remove()
        db.engine.dispose()
    assert "ix_user_task_state" not in indexes
    assert {"ix_task_state_group", "ix_user_task_instance_id", "ix_user_task_assignee"} <= indexes
