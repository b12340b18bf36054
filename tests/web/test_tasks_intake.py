"""Staff intake: oral matters recorded, group visits, Art. 19 content, same-matter warning, double click."""
from __future__ import annotations

from sqlalchemy import select

from engine import db
from processes.petitions import Petition
from tests.web.desk import sign_in


def _visit(**extra) -> dict:
    data = {"csrf_token": "t", "submission_token": "tok-1", "channel": "visit", "received_on": "2026-01-05",
            "receiving_organ": "JN-QS-LX-XFJ", "category": "labour",
            "petitioners-0-name": "周丽", "petitioners-0-id_number": "330101199001011238",
            "petitioners-0-phone": "13800000001", "petitioners-0-address": "柳溪县桃源镇幸福村5号",
            "request": "请求责令青山建材有限公司支付拖欠的工资三万元。",
            "facts": "本人于2025年在青山建材有限公司工作八个月，公司至今拖欠工资三万元未付，多次催要无果。",
            "reasons": "依照劳动合同法，用人单位应当按时足额支付劳动报酬。"}
    data.update(extra)
    return data


def _count(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Petition)).all())


def test_intake_form_is_labelled_and_defaults_to_the_staff_organ(client):
    sign_in(client, "registrar")
    page = client.get("/tasks/intake").get_data(as_text=True)
    assert "登记信访事项" in page or "登记" in page
    assert 'for="f-request"' in page and 'name="petitioners-0-name"' in page
    assert '<option value="JN-QS-LX-XFJ" selected>' in page


def test_missing_content_is_shown_inline_and_input_kept(app, client):
    sign_in(client, "registrar")
    response = client.post("/tasks/intake", data=_visit(request="", **{"petitioners-0-address": ""}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "请填写此项。" in page or "第十九条" in page
    assert "拖欠工资三万元未付" in page
    assert _count(app) == 0


def test_too_many_representatives_are_refused(app, client):
    sign_in(client, "registrar")
    people = {f"representatives-{i}-name": f"代表{i}" for i in range(6)}
    response = client.post("/tasks/intake", data=_visit(**people))
    assert response.status_code == 422
    assert "最多 5 项。" in response.get_data(as_text=True)
    assert _count(app) == 0


def test_a_refused_registration_names_the_files_to_choose_again(app, client):
    from io import BytesIO

    sign_in(client, "registrar")
    files = [(BytesIO(b"%PDF-1.4 letter"), "来信扫描件.pdf"), (BytesIO(b"%PDF-1.4 proof"), "工资条.pdf")]
    response = client.post("/tasks/intake", data=_visit(reasons="", attachments=files),
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and _count(app) == 0
    assert "登记前请重新选择附件" in page and "来信扫描件.pdf、工资条.pdf" in page
    assert "登记前请重新选择附件" not in client.get("/tasks/intake").get_data(as_text=True)


def test_a_refused_registration_shows_back_only_the_rows_typed(client):
    sign_in(client, "registrar")
    page = client.post("/tasks/intake", data=_visit(request="")).get_data(as_text=True)
    assert 'name="petitioners-0-name"' in page and 'name="petitioners-1-name"' not in page
    assert 'name="representatives-1-name"' not in page
    more = client.post("/tasks/intake/rows", data=_visit()).get_data(as_text=True)
    assert 'name="petitioners-1-name"' in more


def test_the_button_for_more_rows_says_what_it_adds(client):
    # It read "增加一行" (add a row) at the foot of the form, far from the lists it adds to.
    sign_in(client, "registrar")
    page = client.get("/tasks/intake").get_data(as_text=True)
    assert "增加信访人或代表</button>" in page and "增加一行" not in page
    sign_in(client, "registrar", lang="en")
    assert "Add another petitioner or representative</button>" in client.get("/tasks/intake").get_data(as_text=True)


def test_a_program_handed_in_at_the_desk_is_refused_as_online_and_nothing_typed_is_lost(app, client):
    from io import BytesIO

    sign_in(client, "registrar")
    files = [(BytesIO(b"%PDF-1.4 letter"), "来信扫描件.pdf"), (BytesIO(b"MZ\x90\x00"), "工资表.exe")]
    response = client.post("/tasks/intake", data=_visit(attachments=files), content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and _count(app) == 0
    assert "以下文件不能作为附件：工资表.exe。" in page
    assert "拖欠工资三万元未付" in page
