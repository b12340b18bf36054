"""The petitioner's portal: submit online, receipt, progress by number and code, wrong input."""
from __future__ import annotations

from tests.web.portal.portal_app import csrf, petition_post, submit


def test_online_submission_gives_a_receipt_and_progress(client):
    number, code = submit(client)
    page = client.get("/portal/case").get_data(as_text=True)
    assert number in page and "已登记" in page and "15" in page  # the stage label is the petition record's own


def test_a_double_click_registers_one_petition(app, client):
    number, _code = submit(client)
    again = client.post("/portal/submit", data=petition_post())
    assert again.status_code == 302
    from processes.petitions import search_petitions

    with app.app_context():
        assert search_petitions(number="XF-").total == 1


def test_missing_content_is_refused_inline_with_input_kept(client):
    csrf(client)
    response = client.post("/portal/submit", data=petition_post(facts="", **{"petitioners-0-address": ""}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "请填写此项。" in page and "拖欠的工资三万元" in page


def test_wrong_code_is_refused_without_saying_which(client):
    number, code = submit(client)
    client.post("/portal/leave", data={"csrf_token": "t"})
    wrong = client.post("/portal/query?lang=en", data={"csrf_token": "t", "number": number, "code": "WRONGCODE"})
    assert wrong.status_code == 422 and "do not match" in wrong.get_data(as_text=True)
    assert client.get("/portal/case").status_code == 302
    right = client.post("/portal/query", data={"csrf_token": "t", "number": number, "code": code})
    assert right.status_code == 302 and number in client.get("/portal/case").get_data(as_text=True)


def test_a_number_and_code_typed_in_small_letters_open_the_case(client):
    # A phone's keyboard types small letters; the receipt prints capitals.
    number, code = submit(client)
    client.post("/portal/leave", data={"csrf_token": "t"})
    typed = client.post("/portal/query",
                        data={"csrf_token": "t", "number": f" {number.lower()} ", "code": code.lower()})
    assert typed.status_code == 302 and number in client.get("/portal/case").get_data(as_text=True)


def test_review_outside_the_window_is_refused_with_the_article(client):
    submit(client)
    refused = client.post("/portal/request", data={"csrf_token": "t", "kind": "review", "reasons": "不服"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "第三十五条" in page


def test_portal_pages_switch_to_english(client):
    page = client.get("/portal/?lang=en").get_data(as_text=True)
    assert "Follow your petition" in page or "Follow" in page


def test_a_refused_form_says_the_chosen_files_must_be_chosen_again(client):
    from io import BytesIO

    csrf(client)
    data = petition_post(facts="")
    data["attachments"] = [(BytesIO(b"%PDF-1.4"), "wage-slip.pdf"), (BytesIO(b"%PDF-1.4"), "contract.pdf")]
    page = client.post("/portal/submit?lang=en", data=data, content_type="multipart/form-data").get_data(as_text=True)
    assert "The 2 files you chose were not kept. Choose them again before you submit." in page
    assert 'aria-describedby="attachments-again attachments-size attachments-help"' in page
    plain = client.post("/portal/submit?lang=en", data=petition_post(facts="")).get_data(as_text=True)
    assert "were not kept" not in plain


def test_pages_with_the_case_are_kept_out_of_the_browsers_caches(client):
    submit(client)
    for page in ("/portal/receipt", "/portal/case", "/portal/"):
        assert client.get(page).headers["Cache-Control"] == "no-store", page


def test_the_language_links_on_pages_that_answer_a_form_lead_back_to_its_page(client):
    # The look-up's refusal, the request's confirmation and the petition form with a row added are
    # answers to a POST; their language links open the same address with ?lang=.
    wrong = client.get("/portal/query?lang=en")
    assert wrong.status_code == 302 and wrong.location.endswith("/portal/#follow")
    assert "Follow your petition" in client.get("/portal/").get_data(as_text=True)
    rows = client.get("/portal/submit/rows?lang=zh_CN")
    assert rows.status_code == 302 and rows.location.endswith("/portal/submit")
    assert "填写信访事项" in client.get("/portal/submit").get_data(as_text=True)
    submit(client)
    confirm = client.get("/portal/request?lang=en")
    assert confirm.status_code == 302 and confirm.location.endswith("/portal/case#review")
    assert "Your petition" in client.get("/portal/case").get_data(as_text=True)
    for address in ("/portal/leave", "/portal/evaluate"):
        assert client.get(address).location.endswith("/portal/case")


def test_a_refused_form_shows_back_only_the_petitioners_typed(client):
    csrf(client)
    page = client.post("/portal/submit", data=petition_post(facts="")).get_data(as_text=True)
    assert 'name="petitioners-0-name"' in page and 'name="petitioners-1-name"' not in page
    for typed in ("周丽", "330101199001011238", "13800000001", "柳溪县桃源镇幸福村5号", "拖欠的工资三万元",
                  "按时足额支付劳动报酬"):
        assert typed in page
    assert '<option value="JN-QS-LX-XFJ" selected>' in page and '<option value="labour" selected>' in page


def test_a_refused_joint_petition_shows_back_both_petitioners_and_no_blank_third(client):
    csrf(client)
    second = {"petitioners-1-name": "王强", "petitioners-1-phone": "13900000002"}
    page = client.post("/portal/submit", data=petition_post(reasons="", **second)).get_data(as_text=True)
    assert 'value="王强"' in page and 'value="13900000002"' in page
    assert 'name="petitioners-2-name"' not in page
    more = client.post("/portal/submit/rows", data=petition_post(**second)).get_data(as_text=True)
    assert 'value="王强"' in more and 'name="petitioners-2-name"' in more  # asked for: one more is offered
