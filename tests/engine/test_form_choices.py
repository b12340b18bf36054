"""Choice sources: a field whose widget names one takes only the values the application offers."""
from __future__ import annotations

import pytest

from engine import FormInvalid
from engine.forms import (
    Choice,
    choices_for,
    register_choice_source,
    validate_submission,
)

COLOURS = [Choice("red", {"zh": "红", "en": "Red"}, {"zh": "暖色", "en": "Warm"}),
           Choice("blue", {"zh": "蓝", "en": "Blue"}, {"zh": "冷色", "en": "Cool"})]
FORM = {
    "type": "object", "required": ["colour"],
    "properties": {
        "colour": {"type": "string", "title": "Colour"},
        "note": {"type": "string", "title": "Note"},
        "shown": {"type": "string", "title": "Shown", "readOnly": True},
        "rows": {"type": "array", "title": "Rows", "items": {"type": "object", "properties": {
            "tint": {"type": "string", "title": "Tint"}}}},
    },
    "uiSchema": {"colour": {"ui:widget": "test_colour", "ui:options": {"warm": True}},
                 "rows": {"items": {"tint": {"ui:widget": "test_colour"}}}},
}


def colours(options) -> list[Choice]:
    return COLOURS[:1] if options.get("warm") else COLOURS


@pytest.fixture
def sourced(ctx):
    register_choice_source(ctx, "test_colour", colours)
    yield ctx
    del ctx.extensions["xinfang_choice_sources"]["test_colour"]


def test_a_value_the_source_offers_is_taken(sourced):
    assert validate_submission(FORM, {"colour": "red", "rows": [{"tint": "blue"}]}) == {
        "colour": "red", "rows": [{"tint": "blue"}]}


def test_a_value_it_does_not_offer_is_refused_on_its_field(sourced):
    with pytest.raises(FormInvalid) as refused:
        validate_submission(FORM, {"colour": "blue", "note": "x"})  # blue is not warm: the options narrow it
    assert refused.value.errors == {"colour": ["Not one of the offered choices."]}
    with pytest.raises(FormInvalid) as refused:
        validate_submission(FORM, {"colour": "red", "rows": [{"tint": "green"}]})
    assert refused.value.errors == {"rows": {0: {"tint": ["Not one of the offered choices."]}}}


def test_the_source_is_asked_with_the_field_options(sourced):
    assert choices_for(FORM["uiSchema"]["colour"]) == COLOURS[:1]
    assert choices_for({"ui:widget": "textarea"}) is None


def test_without_the_source_registered_the_field_is_plain_text(ctx):
    assert validate_submission(FORM, {"colour": "green"}) == {"colour": "green"}


def test_a_read_only_field_posted_is_dropped(sourced):
    assert validate_submission(FORM, {"colour": "red", "shown": "forged"}) == {"colour": "red"}
