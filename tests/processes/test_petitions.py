"""Intake (Art. 17–20), query and evaluation (Art. 21), visibility (Art. 30)."""
from datetime import date

import pytest

from engine.db import db
from processes.accounts import create_user
from processes.identity_documents import with_check_digit
from processes.errors import (
    AttachmentTooLarge,
    EvaluationRefused,
    InvalidInput,
    InvalidPetition,
    TooManyRepresentatives,
    UnknownOrgan,
    UnknownPetition,
)
from processes.petitions import (
    NewAttachment,
    check_query_code,
    close_petition,
    evaluate,
    find_by_number,
    may_see,
    public_view,
    search_petitions,
    set_handling_organ,
    set_stage,
    submit_petition,
)

PERSON = {"name": "代表", "phone": "13900000000", "address": "柳溪县"}


def test_intake_numbers_the_petition_and_starts_its_case(submit, started):
    result = submit()
    petition = result.petition
    assert petition.registration_number == "XF-JN-QS-LX-XFJ-2026-000001"
    assert petition.received_on == date(2026, 3, 2) and petition.stage == "registration"
    assert petition.instance_id == "1"
    assert len(result.query_code) == 8
    assert started == [{"process": "petition", "business_key": petition.registration_number, "actor": "registrar",
                        "data": {"petition_id": petition.id, "registration_number": petition.registration_number,
                                 "channel": "online", "received_on": "2026-03-02",
                                 "receiving_organ": "JN-QS-LX-XFJ", "received_by_petition_department": True,
                                 "category": "labour", "territory": "JN-QS-LX", "is_accusation": False,
                                 "is_litigation": False, "is_major": False,
                                 "title": "请求责令青山建材有限公司支付拖欠的工资三万元。"}}]


def test_registration_numbers_are_unique(submit):
    numbers = [submit().petition.registration_number for _ in range(3)]
    assert numbers == [f"XF-JN-QS-LX-XFJ-2026-00000{n}" for n in (1, 2, 3)]


@pytest.mark.parametrize("change, field", [
    ({"request": "  "}, "request"),
    ({"facts": ""}, "facts"),
    ({"reasons": None}, "reasons"),
    ({"petitioners": []}, "petitioners[0].name"),
    ({"petitioners": [{"name": "周丽"}]}, "petitioners[0].address"),
    ({"channel": "pigeon"}, "channel"),
    ({"channel": "phone"}, "recorded_by"),
    ({"channel": "visit"}, "recorded_by"),
    ({"category": "astrology"}, "category"),
])
def test_art_19_content_is_required(submit, change, field):
    with pytest.raises(InvalidPetition) as caught:
        submit(**change)
    assert field in caught.value.fields
    assert "Art. 19" in caught.value.message and field in caught.value.message


def test_oral_petition_recorded_by_staff_is_accepted(submit):
    petition = submit(channel="phone", recorded_by="registrar").petition
    assert petition.recorded_by == "registrar" and petition.channel == "phone"


def test_five_representatives_are_accepted_and_a_sixth_is_refused(submit):
    group = [dict(PERSON, name=f"村民{n}") for n in range(12)]
    petition = submit(channel="visit", recorded_by="registrar", petitioners=group, representatives=group[:5]).petition
    assert petition.is_group and len(petition.representatives) == 5
    with pytest.raises(TooManyRepresentatives) as caught:
        submit(channel="visit", recorded_by="registrar", petitioners=group, representatives=group[:6])
    assert caught.value.code == "too_many_representatives"
    assert caught.value.message == "A group elects at most 5 representatives (Art. 20); 6 were given."


def test_a_large_group_visit_must_elect_representatives(submit):
    group = [dict(PERSON, name=f"村民{n}") for n in range(8)]
    with pytest.raises(TooManyRepresentatives, match="8 people visiting together"):
        submit(channel="visit", recorded_by="registrar", petitioners=group)


def test_attachments_are_kept_and_oversized_ones_refused(submit):
    petition = submit(attachments=[NewAttachment("工资条.pdf", "application/pdf", b"%PDF-1.4 ...")]).petition
    assert [(a.filename, a.size) for a in petition.attachments] == [("工资条.pdf", 12)]
    too_big = NewAttachment("录像.mp4", "video/mp4", b"\0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(AttachmentTooLarge, match="录像.mp4.*at most 10 MB"):
        submit(attachments=[too_big])


def test_received_on_cannot_be_in_the_future_or_not_a_date(submit):
    assert submit(received_on="2026-02-27").petition.received_on == date(2026, 2, 27)
    with pytest.raises(InvalidPetition, match="future"):
        submit(received_on="2026-03-03")
    with pytest.raises(InvalidPetition, match="not a date"):
        submit(received_on="yesterday")


def test_an_accusation_is_confidential(submit):
    petition = submit(category="accusation", accused_organ="JN-QS-LX-ZJJ").petition
    assert petition.is_accusation and petition.confidential and petition.accused_organ == "JN-QS-LX-ZJJ"


def test_query_code_opens_the_petition_and_nothing_else(submit):
    first, second = submit(), submit()
    number = first.petition.registration_number
    assert check_query_code(number, first.query_code) is first.petition
    assert check_query_code(number, first.query_code.lower()) is first.petition
    assert check_query_code(number, second.query_code) is None
    assert check_query_code("XF-NOPE", first.query_code) is None
    assert find_by_number(number) is first.petition
    with pytest.raises(UnknownPetition):
        find_by_number("XF-NOPE")


def test_search_by_text_petitioner_number_stage_and_organ(submit):
    wages = submit().petition
    land = submit(category="land", request="请求退还被占用的承包地。", facts="村委会占用我家承包地两亩。",
                  petitioners=[{"name": "吴刚", "id_number": "330101198001010011", "address": "桃源镇"}]).petition
    set_stage(land.id, "handling")
    set_handling_organ(land.id, "JN-QS-LX-TY")
    db.session.commit()
    assert [p.id for p in search_petitions(text="承包地").items] == [land.id]
    assert [p.id for p in search_petitions(petitioner="周丽").items] == [wages.id]
    assert [p.id for p in search_petitions(petitioner="330101198001010011").items] == [land.id]
    assert [p.id for p in search_petitions(number="000001").items] == [wages.id]
    assert [p.id for p in search_petitions(stage="handling").items] == [land.id]
    assert [p.id for p in search_petitions(organ="JN-QS-LX-TY").items] == [land.id]
    page = search_petitions(per_page=1, page=2)
    assert page.total == 2 and page.pages == 2 and [p.id for p in page.items] == [wages.id]


@pytest.mark.parametrize("typed", [
    "11010519491231002x", "110105 19491231 002X", "110105-1949-1231-002x", "１１０１０５１９４９１２３１００２Ｘ",
    "1949 1231", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "0086 13800138000", "0013 8000",
    "(0571) 8888 8888", "0571 88888888", "057188888888", "+86 571 8888 8888", "0571 8888",
])
def test_search_finds_a_number_typed_with_gaps_small_x_or_country_code(submit, typed):
    # Numbers are stored as checked (11010519491231002X, 13800138000, 0571-88888888); the search asked the
    # column for the typed text and missed them.
    wages = submit(petitioners=[{"name": "周丽", "id_number": "11010519491231002X", "phone": "13800138000",
                                 "address": "桃源镇"}, {"name": "吴刚", "phone": "0571-88888888", "address": "桃源镇"}])
    submit(petitioners=[{"name": "李明", "id_number": "330101199001011238", "phone": "13900000000",
                         "address": "桃源镇"}])
    assert [p.id for p in search_petitions(petitioner=typed).items] == [wages.petition.id]


def test_search_by_a_number_still_finds_nothing_that_does_not_hold_it(submit):
    submit()
    assert search_petitions(petitioner="138 0013 8001").total == 0
    assert search_petitions(petitioner="周 丽").total == 0  # a name is searched as typed
    assert search_petitions(petitioner="1%").total == 0


def test_evaluation_only_after_a_reply_and_only_once(submit):
    result = submit()
    number, code = result.petition.registration_number, result.query_code
    with pytest.raises(EvaluationRefused) as caught:
        evaluate(number, code, 5, "")
    assert caught.value.code == "not_yet_replied"
    result.petition.replied_on = date(2026, 3, 2)
    with pytest.raises(InvalidInput) as caught:
        evaluate(number, "WRONGCOD", 5)
    assert caught.value.code == "wrong_query_code"
    with pytest.raises(InvalidInput, match="1 to 5"):
        evaluate(number, code, 6)
    evaluation = evaluate(number, code, 4, "办理及时")
    assert (evaluation.satisfaction, evaluation.comment) == (4, "办理及时")
    with pytest.raises(EvaluationRefused) as caught:
        evaluate(number, code, 1)
    assert caught.value.code == "already_evaluated"
    assert public_view(result.petition)["evaluated"] is True


def test_stage_and_closing(submit):
    petition = submit().petition
    set_stage(petition.id, "handling")
    assert public_view(petition)["stage_label"] == "办理中"
    assert public_view(petition, "en")["stage_label"] == "Being handled"
    with pytest.raises(InvalidInput, match="Unknown stage"):
        set_stage(petition.id, "lost")
    close_petition(petition.id, "supported")
    assert (petition.stage, petition.outcome, petition.closed_on) == ("closed", "supported", date(2026, 3, 2))


def test_public_view_hides_staff_and_accusation_content(submit):
    wages = submit(channel="phone", recorded_by="registrar").petition
    view = public_view(wages)
    assert view["receiving_organ"] == "柳溪县信访局" and view["request"] == wages.request
    flat = repr(view)
    assert "registrar" not in flat and "330101199001011238" not in flat and "13800000001" not in flat
    accusation = submit(category="accusation", request="举报某局长收受贿赂。", accused_organ="JN-QS-LX-ZJJ").petition
    hidden = repr(public_view(accusation))
    assert "贿赂" not in hidden and "JN-QS-LX-ZJJ" not in hidden and "住房" not in hidden


def test_the_accused_organ_never_sees_the_accusation(submit):
    accusation = submit(category="accusation", request="举报柳溪县住建局违规发包工程。",
                        accused_organ="JN-QS-LX-ZJJ").petition
    with pytest.raises(InvalidInput, match="Art. 30"):
        set_handling_organ(accusation.id, "JN-QS-LX-ZJJ")
    set_handling_organ(accusation.id, "JN-QS-LX-JW")
    accused, _ = create_user("zjj_head", "head", organ="JN-QS-LX-ZJJ")
    discipline, _ = create_user("jw", "handler", organ="JN-QS-LX-JW")
    county_registrar, _ = create_user("reg", "registrar", organ="JN-QS-LX-XFJ")
    admin, _ = create_user("root", "admin")
    petitioner, _ = create_user("someone", "petitioner")
    db.session.commit()
    assert not may_see(accused, accusation)
    assert may_see(discipline, accusation) and may_see(county_registrar, accusation) and may_see(admin, accusation)
    assert not may_see(petitioner, accusation)
    assert search_petitions(viewer=accused).total == 0
    assert [p.id for p in search_petitions(viewer=discipline).items] == [accusation.id]


def test_staff_see_petitions_within_their_scope_only(submit):
    wages = submit().petition
    set_handling_organ(wages.id, "JN-QS-LX-RSJ")
    county, _ = create_user("h1", "handler", organ="JN-QS-LX-RSJ")
    city, _ = create_user("r1", "reviewer", organ="JN-QS-RSJ")
    other_county_bureau, _ = create_user("h2", "handler", organ="JN-QS-LX-STHJJ")
    city_petition_bureau, _ = create_user("c1", "registrar", organ="JN-QS-XFJ")
    assert may_see(county, wages) and may_see(city, wages) and may_see(city_petition_bureau, wages)
    assert not may_see(other_county_bureau, wages)
    assert search_petitions(viewer=other_county_bureau).total == 0
    county.active = False
    assert not may_see(county, wages)


def test_unknown_receiving_organ_or_territory_is_refused(organs, started, petition_fields):
    with pytest.raises(UnknownOrgan):
        submit_petition(petition_fields(receiving_organ="NOWHERE"), "registrar")
    with pytest.raises(InvalidPetition, match="territory"):
        submit_petition(petition_fields(territory="NOWHERE"), "registrar")
    assert started == []


def test_identity_document_and_phone_are_stored_normalised(submit):
    person = {"name": "周丽", "id_number": " 110105 19491231 002x", "phone": "+86 138-0013-8000", "address": "桃源镇"}
    permit = {"name": "陈家明", "document_type": "residence_permit", "id_number": "810000199408230021",
              "phone": "(0571) 8888 8888", "address": "柳溪县"}
    petition = submit(petitioners=[person, permit]).petition
    db.session.expire_all()
    stored = find_by_number(petition.registration_number).petitioners
    assert [(p["document_type"], p["id_number"], p["phone"]) for p in stored] == [
        ("resident_id", "11010519491231002X", "13800138000"),
        ("residence_permit", "810000199408230021", "0571-88888888")]
    assert [p.id for p in search_petitions(petitioner="11010519491231002X").items] == [petition.id]
    assert "resident_id" not in find_by_number(petition.registration_number).petitioner_keys


def test_a_wrong_id_number_or_phone_is_refused_by_field_and_nothing_is_stored(submit, started):
    people = [{"name": "周丽", "id_number": "110105194912310021", "phone": "1380013800", "address": "桃源镇"},
              {"name": "吴刚", "id_number": with_check_digit("11010519900230001"), "address": "桃源镇"}]
    reps = [{"name": "代表", "document_type": "passport", "id_number": "E1"}]
    with pytest.raises(InvalidPetition) as refused:
        submit(petitioners=people, representatives=reps)
    assert refused.value.fields == ["petitioners[0].id_number", "petitioners[0].phone", "petitioners[1].id_number",
                                    "representatives[0].id_number"]
    problems = refused.value.field_problems
    assert "check digit" in problems["petitioners[0].id_number"]
    assert problems["petitioners[0].id_number"].zh == "最后一位校验码与前17位不符，请对照证件核对号码。"
    assert "11 digits" in problems["petitioners[0].phone"]
    assert "date of birth" in problems["petitioners[1].id_number"]
    assert started == [] and search_petitions().total == 0


def test_a_birth_date_after_the_clocks_today_is_refused(submit, clock):
    born_tomorrow = with_check_digit("11010520260303001")  # the clock says 2 March 2026
    with pytest.raises(InvalidPetition) as refused:
        submit(petitioners=[{"name": "周丽", "id_number": born_tomorrow, "address": "桃源镇"}])
    assert "later than today" in refused.value.field_problems["petitioners[0].id_number"]


def test_missing_content_and_wrong_numbers_are_said_together(submit):
    with pytest.raises(InvalidPetition) as refused:
        submit(request="", petitioners=[{"name": "周丽", "phone": "12345", "address": "桃源镇"}])
    assert refused.value.fields == ["request", "petitioners[0].phone"]


def test_an_id_number_stays_optional_and_a_blank_kind_is_a_resident_id(submit):
    anonymous = submit(channel="letter", petitioners=[{"name": "匿名", "address": "柳溪县", "document_type": ""}])
    assert anonymous.petition.petitioners[0]["id_number"] == ""
    assert anonymous.petition.petitioners[0]["document_type"] == "resident_id"
