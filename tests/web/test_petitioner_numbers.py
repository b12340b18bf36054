"""Identity document and phone numbers on the desk's intake, the portal's form and the API: each
wrong one is said by its field in the page's language, everything typed is shown back, a right one
is stored normalised."""
from __future__ import annotations

from sqlalchemy import select

from engine import db
from processes.petitions import Petition
from tests.diagrams import conftest as diagrams
from tests.web.conftest import bearer
from tests.web.desk import sign_in
from tests.web.portal.portal_app import csrf, petition_post
from tests.web.test_tasks_intake import _visit

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL

WRONG_CHECK_DIGIT = "110105194912310021"  # 11010519491231002X with its last character mistyped
BAD = {"petitioners-0-id_number": WRONG_CHECK_DIGIT, "petitioners-0-phone": "138 0013 800"}


def _stored(app) -> list[list[dict]]:
    with app.app_context():
        return [p.petitioners for p in db.session.scalars(select(Petition).order_by(Petition.id))]


def _error_of(page: str, field: str) -> str:
    start = page.index(f'id="f-{field}-error"')
    return page[page.index(">", start) + 1:page.index("</p>", start)]


def test_the_desk_says_which_number_is_wrong_and_keeps_everything_typed(app):
    client = app.test_client()
    sign_in(client, "registrar")
    refused = client.post("/tasks/intake", data=_visit(**BAD, **{"petitioners-0-document_type": "resident_id"}))
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and _stored(app) == []
    assert _error_of(page, "petitioners-0-id_number") == "最后一位校验码与前17位不符，请对照证件核对号码。"
    assert _error_of(page, "petitioners-0-phone") == "手机号码为11位数字。"
    assert f'value="{WRONG_CHECK_DIGIT}"' in page and 'value="138 0013 800"' in page
    assert "拖欠工资三万元未付" in page and 'value="周丽"' in page
    assert 'aria-invalid="true"' in page[page.index('id="f-petitioners-0-id_number"') - 200:]


def test_the_desk_in_english_and_a_permit_chosen_as_its_kind(app):
    client = app.test_client()
    sign_in(client, "registrar", "en")
    permit = {"petitioners-0-id_number": "810000 19940823 0021"}  # a Hong Kong resident's permit, as typed
    page = client.post("/tasks/intake", data=_visit(**permit)).get_data(as_text=True)
    assert _error_of(page, "petitioners-0-id_number") == (
        "This is the number of a residence permit or a foreign permanent resident ID card: please choose that "
        "document type.")
    chosen = client.post("/tasks/intake", data=_visit(**permit, **{"petitioners-0-document_type": "residence_permit",
                                                                    "petitioners-0-phone": "+852 2345 6789"}))
    assert chosen.status_code == 302, chosen.get_data(as_text=True)[:2000]
    person = _stored(app)[0][0]
    assert (person["document_type"], person["id_number"], person["phone"]) == (
        "residence_permit", "810000199408230021", "+85223456789")


def test_the_desk_offers_the_kinds_of_document_with_the_resident_id_card_first(app):
    client = app.test_client()
    sign_in(client, "registrar")
    page = client.get("/tasks/intake").get_data(as_text=True)
    select_ = page[page.index('id="f-petitioners-0-document_type"'):]
    select_ = select_[:select_.index("</select>")]
    assert '<option value="resident_id" selected>居民身份证</option>' in select_
    assert "港澳台居民居住证" in select_ and "外国人永久居留身份证" in select_ and "护照" in select_
    # The blank row offered for a representative, its kind preselected, is not a representative.
    done = client.post("/tasks/intake", data=_visit(**{"representatives-0-document_type": "resident_id"}))
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]


def test_the_portal_says_it_in_chinese_and_english_and_keeps_everything_typed(app):
    client = app.test_client()
    csrf(client)
    refused = client.post("/portal/submit", data=petition_post(**BAD))
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and _stored(app) == []
    assert _error_of(page, "petitioners-0-id_number") == "最后一位校验码与前17位不符，请对照证件核对号码。"
    assert f'value="{WRONG_CHECK_DIGIT}"' in page and "拖欠的工资三万元" in page
    english = client.post("/portal/submit?lang=en", data=petition_post(**{
        "petitioners-0-phone": "62345678", "petitioners-0-id_number": "11010519900230001X"})).get_data(as_text=True)
    assert _error_of(english, "petitioners-0-phone").startswith("Give a mobile number of 11 digits, a landline")
    assert _error_of(english, "petitioners-0-id_number") == "Characters 7 to 14 are not a real date of birth."


def test_the_portal_stores_the_numbers_as_the_office_reads_them(app):
    client = app.test_client()
    csrf(client)
    done = client.post("/portal/submit", data=petition_post(**{
        "petitioners-0-id_number": "110105 19491231 002x", "petitioners-0-phone": "+86 138-0013-8000"}))
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    person = _stored(app)[0][0]
    assert (person["document_type"], person["id_number"], person["phone"]) == (
        "resident_id", "11010519491231002X", "13800138000")


def _api_petition(**person) -> dict:
    return {"channel": "letter", "receiving_organ": "JN-QS-LX-XFJ", "category": "labour",
            "petitioners": [{"name": "周丽", "address": "柳溪县桃源镇幸福村5号", **person}],
            "request": "请求支付拖欠的工资。", "facts": "公司拖欠工资三万元。", "reasons": "应当按时支付劳动报酬。"}


def test_the_api_refuses_with_the_fields_said_in_the_readers_language(app):
    client = app.test_client()
    zh = {**bearer("registrar"), "Accept-Language": "zh-CN"}
    en = {**bearer("registrar"), "Accept-Language": "en"}
    body = _api_petition(id_number=WRONG_CHECK_DIGIT, phone="1380013800")
    refused = client.post("/api/v1/petitions", json=body, headers=zh)
    assert refused.status_code == 422 and refused.get_json()["error"] == "invalid_petition"
    assert refused.get_json()["errors"] == {"petitioners": {"0": {
        "id_number": ["最后一位校验码与前17位不符，请对照证件核对号码。"], "phone": ["手机号码为11位数字。"]}}}
    english = client.post("/api/v1/petitions", json=body, headers=en).get_json()
    assert english["errors"]["petitioners"]["0"]["phone"] == ["A mobile number has 11 digits."]
    assert english["fields"] == ["petitioners[0].id_number", "petitioners[0].phone"]
    unknown = client.post("/api/v1/petitions", json=_api_petition(document_type="driving_licence"), headers=en)
    assert unknown.status_code == 422 and "document_type" in unknown.get_json()["errors"]["json"]["petitioners"]["0"]
    assert _stored(app) == []
    done = client.post("/api/v1/petitions", json=_api_petition(document_type="foreign_permanent_resident",
                                                               id_number="931840198001010017", phone="0571 8888 8888"),
                       headers=en)
    assert done.status_code == 201, done.get_json()
    person = _stored(app)[0][0]
    assert (person["id_number"], person["phone"]) == ("931840198001010017", "0571-88888888")


def test_the_desk_search_finds_a_case_by_a_number_typed_as_people_type_it(app):
    client = app.test_client()
    sign_in(client, "registrar")
    done = client.post("/tasks/intake", data=_visit(**{"petitioners-0-id_number": "11010519491231002X",
                                                       "petitioners-0-phone": "0571-88888888"}))
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    number = done.headers["Location"].rsplit("/", 1)[-1]
    for typed in ("110105 19491231 002x", "110105-19491231-002X", "(0571) 8888 8888", "+86 571 8888 8888"):
        page = client.get("/tasks/search", query_string={"petitioner": typed}).get_data(as_text=True)
        assert f">{number}</a>" in page, typed
    page = client.get("/tasks/search", query_string={"petitioner": "0571 8888 8889"}).get_data(as_text=True)
    assert number not in page and "没有符合条件的案件" in page
