"""The look-up form says where the number and the query code are found; its example reads as one."""
from __future__ import annotations

from tests.web.portal.portal_app import csrf


def test_the_look_up_form_says_where_the_number_and_code_are_found(client):
    page = client.get("/portal/?lang=zh_CN").get_data(as_text=True)
    assert 'placeholder="例如 XF-JN-QS-LX-XFJ-2026-000001"' in page  # not a bare number that looks typed in
    assert '<p class="help" id="number-help">以XF开头，印在您的回执上。</p>' in page
    assert "8位字母和数字，同样印在回执上；来信或来访的，由信访部门登记时告知。" in page
    assert 'aria-describedby="number-help"' in page and 'aria-describedby="code-help"' in page
    english = client.get("/portal/?lang=en").get_data(as_text=True)
    assert 'placeholder="e.g. XF-JN-QS-LX-XFJ-2026-000001"' in english
    assert "8 letters and digits, on the same receipt" in english


def test_a_refused_look_up_reads_its_error_before_the_hints(client):
    csrf(client)
    page = client.post("/portal/query?lang=zh_CN", data={"csrf_token": "t", "number": "XF-JN-QS-LX-XFJ-2026-000009",
                                                          "code": "ABCD2345"}).get_data(as_text=True)
    assert 'aria-describedby="query-error number-help"' in page and 'aria-describedby="query-error code-help"' in page
    assert 'value="XF-JN-QS-LX-XFJ-2026-000009"' in page
