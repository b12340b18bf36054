"""Who deployed a version is said as the history says who acted: the demo loader as "Demo data", a
person by their username; in the studio's lists as on the console."""
from __future__ import annotations

import pytest

from engine import db
from engine.models import DefinitionVersion
from tests.web.test_designer_setup import app_fixture, sign_in  # noqa: F401  (the app with the intake diagram)


@pytest.mark.parametrize("lang, words", [("zh_CN", "演示数据"), ("en", "Demo data")])
def test_the_studio_says_the_demo_deployed_a_version_in_the_page_s_language(app, client, lang, words):
    with app.app_context():
        db.session.query(DefinitionVersion).update({"deployed_by": "demo"})
        db.session.commit()
    sign_in(client, "designer", lang=lang)
    for page in ("/designer/", "/designer/processes/intake"):
        html = client.get(page).get_data(as_text=True)
        assert f'<span class="muted small">{words}</span>' in html, page
        assert '<span class="muted small">demo</span>' not in html


def test_a_person_who_deployed_is_named_by_their_username(app, client):
    sign_in(client, "designer")
    assert '<span class="muted small">test</span>' in client.get("/designer/").get_data(as_text=True)
