"""Formats: a string field of a format the application registers is taken as its check writes it."""
from __future__ import annotations

import pytest

from engine import FormInvalid
from engine.forms import register_format, validate_submission
from processes.errors import Said

FORM = {
    "type": "object", "required": ["code"],
    "properties": {
        "code": {"type": "string", "title": "Code", "format": "test_code", "maxLength": 5},
        "rows": {"type": "array", "title": "Rows", "items": {"type": "object", "properties": {
            "spare": {"type": "string", "title": "Spare", "format": "test_code"}}}},
    },
}
NOT_A_CODE = Said("Three letters.", "三个字母。")


def upper_code(typed: str) -> str:
    code = typed.replace(" ", "").upper()
    if len(code) != 3 or not code.isalpha():
        raise ValueError(NOT_A_CODE)
    return code


@pytest.fixture
def formatted(ctx):
    register_format(ctx, "test_code", upper_code)
    yield ctx
    del ctx.extensions["xinfang_formats"]["test_code"]


def test_a_value_is_taken_as_the_check_writes_it(formatted):
    assert validate_submission(FORM, {"code": "a b c", "rows": [{"spare": "xyz"}, {"spare": ""}]}) == {
        "code": "ABC", "rows": [{"spare": "XYZ"}, {"spare": ""}]}


def test_a_wrong_value_is_refused_on_its_field_with_the_checks_words(formatted):
    with pytest.raises(FormInvalid) as refused:
        validate_submission(FORM, {"code": "abcd", "rows": [{"spare": "ok"}]})
    assert refused.value.errors == {"code": ["Three letters."], "rows": {0: {"spare": ["Three letters."]}}}
    assert refused.value.errors["code"][0].zh == "三个字母。"


def test_a_required_field_of_a_format_left_blank_is_missing(formatted):
    with pytest.raises(FormInvalid) as refused:
        validate_submission(FORM, {"code": "  "})
    assert list(refused.value.errors) == ["code"]


def test_without_the_format_registered_the_field_is_plain_text(ctx):
    assert validate_submission(FORM, {"code": "abcd"}) == {"code": "abcd"}
