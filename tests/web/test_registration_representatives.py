"""The representatives of a group visit on the registration step: their telephone numbers are checked and
stored as a petitioner's are (`"format": "phone"`), a wrong one said by its cell in the page's language."""
from __future__ import annotations

import re

import pytest

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import fill, submit_online
from tests.web.test_task_form_context import complete, data_of, form_of, task_of, today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


@pytest.fixture
def registering(app):
    """Return the registration number and registration task of an online petition."""
    number, _code = submit_online(app.test_client())
    return number, task_of(app, number, "register_petition")


def _with_representatives(app, task_id: str, *people: tuple[str, str]) -> dict:
    post = fill(form_of(app, task_id), today_of(app))
    for index, (name, phone) in enumerate(people):
        post[f"representatives-{index}-name"] = name
        post[f"representatives-{index}-phone"] = phone
    return post


def _cell_error(html: str, cell: str) -> str:
    found = re.search(rf'<p class="field-error" id="f-{cell}-error">([^<]*)</p>', html)
    assert found, f"no error on {cell}"
    return found.group(1)


@pytest.mark.parametrize("lang, short, wrong", [
    ("zh_CN", "手机号码为11位数字。", "请填写11位手机号码、带区号的固定电话"),
    ("en", "A mobile number has 11 digits.", "Give a mobile number of 11 digits, a landline with its area code"),
])
def test_a_representatives_phone_that_cannot_be_dialled_is_refused_on_its_cell(app, registering, lang, short, wrong):
    number, task_id = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang=lang)
    before = data_of(app, task_id)
    post = _with_representatives(app, task_id, ("王建军", "138 0013 800"), ("李秀英", "12345"))
    html = complete(registrar, task_id, post, expect=422).get_data(as_text=True)
    assert _cell_error(html, "representatives-0-phone") == short
    assert _cell_error(html, "representatives-1-phone").startswith(wrong)
    assert 'value="138 0013 800"' in html and 'value="王建军"' in html  # what was typed is shown back
    assert data_of(app, task_id) == before
    assert task_of(app, number, "register_petition") == task_id


def test_a_representatives_phone_is_stored_as_the_office_dials_it(app, registering):
    _number, task_id = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    post = _with_representatives(app, task_id, ("王建军", "138-0013-8000"), ("李秀英", "(0571) 8888 8888"),
                                 ("赵磊", ""))
    complete(registrar, task_id, post)
    assert data_of(app, task_id)["representatives"] == [
        {"name": "王建军", "phone": "13800138000"}, {"name": "李秀英", "phone": "0571-88888888"},
        {"name": "赵磊"}]  # a blank cell is not posted


def test_the_phone_cell_opens_the_telephone_keypad(app, registering):
    _number, task_id = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    html = registrar.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert re.search(r'<input type="tel" name="representatives-0-phone"', html)


@pytest.mark.parametrize("lang, button", [("zh_CN", "增加一行：代表（多人走访，不超过5人）"),
                                          ("en", "Add a row to: Representatives of a group visit (at most 5)")])
def test_the_button_for_another_row_names_the_list_it_adds_to(app, registering, lang, button):
    _number, task_id = registering
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang=lang)
    html = registrar.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert f'value="add_row" formnovalidate class="link-like">{button}</button>' in html
