"""The case summary gives a group visit's representatives with the telephone numbers recorded for them."""
from __future__ import annotations

import re

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.test_tasks_intake import _visit

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def test_the_representatives_are_given_with_their_telephones(app):
    # The summary listed their names only: the numbers taken down at the visit were nowhere to be found.
    client = app.test_client()
    sign_in(client, "registrar")
    people = {"petitioners-1-name": "王二妹", "petitioners-1-address": "柳溪县桃源镇幸福村6号",
              "representatives-0-name": "周丽", "representatives-0-phone": "138-0000-0001",
              "representatives-1-name": "王二妹"}
    registered = client.post("/tasks/intake", data=_visit(**people))
    assert registered.status_code == 302, registered.get_data(as_text=True)[:2000]
    page = client.get(registered.headers["Location"]).get_data(as_text=True)
    said = re.search(r"<dt>代表</dt><dd>(.*?)</dd>", page).group(1)
    assert said == "周丽（13800000001）、王二妹"
    sign_in(client, "registrar", lang="en")
    page = client.get(registered.headers["Location"]).get_data(as_text=True)
    assert re.search(r"<dt>Representatives</dt><dd>(.*?)</dd>", page).group(1) == "周丽 (13800000001), 王二妹"
