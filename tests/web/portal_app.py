"""The app with the project's own diagrams and forms, demo organs and users: the portal's and journey's tests."""
from __future__ import annotations

from pathlib import Path

from engine import db
from tests.conftest import make_app


def real_app(database_url: str, tmp_path: Path):
    """Build the app, deploy bpmn/ and load the demo organs and users."""
    app = make_app(database_url, tmp_path)
    with app.app_context():
        from processes.demo_data import load_organs_and_users
        from web.cli import deploy_paths

        deploy_paths([Path(app.config["XINFANG_BPMN_DIR"])], "test")
        load_organs_and_users()
        db.session.commit()
    return app
