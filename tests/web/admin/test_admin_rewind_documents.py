"""Going back to an earlier step undoes the workflow, not the documents already issued: the console
names, beside the steps it offers, the documents issued from each on, which stay."""
from __future__ import annotations

import re

import pytest

from processes.petitions.models import Petition
from tests.diagrams import conftest as diagrams
from tests.web.admin_client import sign_in, text

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


@pytest.fixture
def in_review(app, client) -> int:
    """The demo's case under review (its acceptance notice and written reply issued long before)."""
    from engine import db
    from processes.demo import load_demo

    with app.app_context():
        load_demo()
        db.session.commit()
        (instance_id,) = [int(row.instance_id) for row in Petition.query.filter_by(stage="review")]
    sign_in(client)
    return instance_id


def _stays(page: str) -> list[str]:
    found = re.search(r'<details class="small" id="rewind-stays">(.*?)</details>', page, re.DOTALL)
    assert found, "no list of the documents that stay"
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in re.findall(r"<li>(.*?)</li>", found.group(1))]


def test_the_rewind_form_names_the_documents_that_stay_in_both_languages(client, in_review):
    page = client.get(f"/admin/instances/{in_review}?lang=zh_CN").get_data(as_text=True)
    stays = _stays(page)
    assert stays and all(item.startswith("回退到“") for item in stays)
    assert any("：信访事项受理告知书（SL-" in item and "，2026-01-05出具）" in item for item in stays), stays
    english = _stays(client.get(f"/admin/instances/{in_review}?lang=en").get_data(as_text=True))
    assert any(item.startswith("Back to ") and ": Notice of acceptance No. SL-" in item for item in english), english
    assert "Documents that stay if the case goes back" in text(client.get(f"/admin/instances/{in_review}"))


def test_a_step_before_a_document_lists_it_and_a_step_after_does_not(app, client, in_review):
    from engine.rewind import earlier_steps
    from engine.instances import get_instance
    from processes.documents import documents_for
    from processes.rewind_records import documents_from

    with app.app_context():
        steps = earlier_steps(get_instance(in_review))
        petition = Petition.query.filter_by(instance_id=str(in_review)).one()
        documents = documents_for(petition.id)
        found = documents_from(petition, steps)
        by_element = {step.element: step.task_id for step in steps}
        # The demo works its steps at one simulated moment: the history's order tells them apart.
        assert {d.kind for d in found[by_element["register_petition"]]} == {d.kind for d in documents}
        assert {d.kind for d in found[by_element["notify_acceptance"]]} == {"acceptance_notice", "handling_opinion"}
        assert [d.kind for d in found[by_element["approve_opinion"]]] == ["handling_opinion"]
        assert by_element["request_review"] not in found  # asked for after every document was issued
