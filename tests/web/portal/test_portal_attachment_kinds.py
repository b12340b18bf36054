"""The portal refuses attachments of a kind a petitioner may not send, with what she typed kept."""
from __future__ import annotations

from io import BytesIO

from tests.web.portal.portal_app import csrf, petition_post


def _post(client, files: list[tuple[bytes, str]], lang: str = "zh"):
    csrf(client)
    data = petition_post()
    data["attachments"] = [(BytesIO(content), name) for content, name in files]
    return client.post(f"/portal/submit?lang={lang}", data=data, content_type="multipart/form-data")


def test_a_program_or_a_web_page_is_refused_with_its_name_and_the_kinds_that_may_be_sent(app, client):
    response = _post(client, [(b"MZ\x90\x00", "证据.exe"), (b"<script>", "page.html"), (b"\xff\xd8\xff", "工资条.JPG")])
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "以下文件不能作为附件：证据.exe, page.html。" in page
    assert "请求责令青山建材有限公司支付拖欠的工资三万元。" in page  # the request as typed
    assert "您选择的 3 个附件未被保存" in page
    from processes.petitions import search_petitions

    with app.app_context():
        assert search_petitions(number="XF-").total == 0


def test_the_refusal_speaks_english_on_an_english_page(client):
    page = _post(client, [(b"PK\x03\x04", "evidence.zip")], lang="en").get_data(as_text=True)
    assert "These files cannot be attached: evidence.zip. Attach documents (PDF, Word, Excel, text)" in page


def test_documents_pictures_and_recordings_are_taken(client):
    response = _post(client, [(b"%PDF-1.4", "合同.pdf"), (b"\xff\xd8\xff", "IMG_0001.HEIC"), (b"#!AMR", "录音.amr")])
    assert response.status_code == 302
    assert "/portal/receipt" in response.headers["Location"]


def test_the_form_names_the_kinds_and_the_file_picker_offers_them(client):
    page = client.get("/portal/submit?lang=en").get_data(as_text=True)
    assert "Evidence or documents: PDF, Word or Excel files, pictures, sound or video recordings" in page
    assert 'accept="image/*,audio/*,video/*,.pdf,' in page
    assert 'aria-describedby="attachments-size attachments-help"' in page
