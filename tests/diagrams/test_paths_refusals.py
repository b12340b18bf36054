"""What is refused at the door: the same matter again (Art. 19 ¶4; Art. 36 ¶3 is walked in
test_paths_review.py) and a group visit electing more than five representatives (Art. 20)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engine import db
from engine.models import Instance
from processes.documents import render_document
from processes.errors import TooManyRepresentatives
from processes.identity_documents import with_check_digit
from processes.petitions import Petition, submit_petition
from tests.diagrams.walker import ACCEPTED, LABOUR, petition_fields

CITY_DESK = "JN-QS-XFJ"


def test_matter_in_hand_brought_to_the_higher_level_is_refused_with_its_number(walker):
    earlier = walker(receiving_organ=LABOUR).steps(ACCEPTED)
    assert earlier.stage == "handling"
    number = earlier.petition.registration_number

    case = walker(receiving_organ=CITY_DESK, territory="JN-QS-LX")
    check = case.data["same_matter_check"]
    assert (check["rule"], check["earlier"]) == ("art19", number)
    assert case.offered("confirm_same_matter") == ("registrar", CITY_DESK)
    case.step("confirm_same_matter", same_matter_confirmed=True, same_matter_note="同一欠薪事项，县人社局正在办理。")
    notice = case.document("non_acceptance_notice")
    assert (notice.fields["ground"], notice.fields["earlier"]) == ("same_matter_in_hand", number)
    assert notice.article == "第十九条第四款"
    chinese, english = render_document(notice, "zh"), render_document(notice, "en")
    assert "同一信访事项已经受理或者正在办理" in chinese and f"登记编号 {number}" in chinese
    assert "under" not in chinese  # the Chinese notice carries no English sentence
    assert f"registered earlier under {number}" in english
    assert case.stage == "not_accepted" and case.status == "completed"
    assert earlier.ready() == {"check_recusal"}  # the matter in hand goes on where it is


def test_resemblance_the_registrar_rejects_is_registered(walker):
    walker(receiving_organ=LABOUR).steps(ACCEPTED)
    case = walker()  # the same level: a resemblance, no bar
    assert case.data["same_matter_check"]["rule"] is None
    assert case.ready() == {"confirm_same_matter"}
    case.step("confirm_same_matter", same_matter_confirmed=False, same_matter_note="欠薪期间不同，系新的事项。")
    assert case.offered("register_petition") == ("registrar", "JN-QS-LX-XFJ")
    assert "non_acceptance_notice" not in case.documents()


def _group(count: int) -> list[dict]:
    return [{"name": f"工人{i}", "id_number": with_check_digit(f"33010119800101{i:03d}"), "phone": f"1390000{i:04d}",
             "address": "柳溪县工业园区宿舍"} for i in range(1, count + 1)]


def test_group_visit_elects_five_representatives_at_most(ctx):
    workers = _group(30)
    fields = petition_fields(channel="visit", recorded_by="registrar", petitioners=workers, is_group=True,
                             request="三十名工人请求支付拖欠的工资。")
    before = db.session.scalar(select(func.count()).select_from(Instance))
    with pytest.raises(TooManyRepresentatives, match="Art. 20") as refused:
        submit_petition({**fields, "representatives": workers[:6]}, "registrar")
    assert refused.value.fields == ["representatives"]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Petition)) == 0
    assert db.session.scalar(select(func.count()).select_from(Instance)) == before

    submitted = submit_petition({**fields, "representatives": workers[:5]}, "registrar")
    db.session.commit()
    assert [p["name"] for p in submitted.petition.representatives] == [f"工人{i}" for i in range(1, 6)]
    assert submitted.petition.is_group
    assert submitted.petition.instance_id is not None
