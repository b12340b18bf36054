"""Identity document numbers: GB 11643-1999 check digit, date of birth, kind, and what is stored.

Each check digit below was worked by hand: the first 17 digits times the weights
7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, summed, mod 11, and the remainder 0 1 2 3 4 5 6 7 8 9 10
read as 1 0 X 9 8 7 6 5 4 3 2. The standard's own example 11010519491231002X sums to 167:
167 mod 11 = 2, which gives X.
"""
from datetime import date

import pytest

from processes.identity_documents import (
    DocumentNumberInvalid,
    check_digit,
    checked_number,
    document_key,
    with_check_digit,
)

TODAY = date(2026, 3, 2)
VALID = "11010519491231002X"
HONG_KONG = "810000199408230021"  # sum 253, mod 11 = 0 → 1
MACAO = "820000200009120017"  # sum 181, mod 11 = 5 → 7
TAIWAN = "830000198503100013"  # sum 196, mod 11 = 9 → 3
FOREIGN_2023 = "931840198001010017"  # 9, Jiangnan's 31, nationality 840, born 1980-01-01; sum 247, mod 11 = 5 → 7


def problem(kind: str, number: str) -> str:
    with pytest.raises(DocumentNumberInvalid) as refused:
        checked_number(kind, number, TODAY)
    return refused.value.problem


@pytest.mark.parametrize("first17, last", [("11010519491231002", "X"), ("44030419900307000", "X"),
                                           ("33010219750101101", "2"), ("81000019940823002", "1")])
def test_check_digits_worked_by_hand(first17, last):
    # 44030419900307000: 28+36+15+16+2+9+54+27+35 = 222, mod 11 = 2 → X.
    # 33010219750101101: 21+27+5+8+2+9+42+15+9+5+8+2 = 153, mod 11 = 10 → 2.
    assert check_digit(first17) == last
    assert with_check_digit(first17) == first17 + last


def test_a_valid_resident_id_is_stored_as_it_is():
    assert checked_number("resident_id", VALID, TODAY) == VALID


def test_a_wrong_check_digit_is_refused():
    assert problem("resident_id", "110105194912310021") == "check_digit"
    assert problem("resident_id", "11010519491231003X") == "check_digit"  # one digit mistyped


def test_a_lower_case_x_and_typed_spaces_are_stored_normalised():
    assert checked_number("resident_id", "11010519491231002x", TODAY) == VALID
    assert checked_number("resident_id", " 110105 19491231 002x ", TODAY) == VALID
    assert checked_number("resident_id", "１１０１０５１９４９１２３１００２Ｘ", TODAY) == VALID  # full-width
    assert document_key("resident_id", "110105 1949-1231 002x") == VALID


def test_the_thirtieth_of_february_is_not_a_birth_date():
    number = with_check_digit("11010519900230001")  # a right check digit cannot save it
    assert problem("resident_id", number) == "birth_date"
    assert problem("resident_id", with_check_digit("11010518991231001")) == "birth_date"  # before 1900


def test_a_birth_date_after_today_by_the_clock_is_refused():
    tomorrow = with_check_digit("11010520260303001")
    assert problem("resident_id", tomorrow) == "future_birth"
    assert checked_number("resident_id", tomorrow, date(2026, 3, 3)) == tomorrow  # born today: a newborn's card
    assert checked_number("resident_id", with_check_digit("11010520260302001"), TODAY)


@pytest.mark.parametrize("number", [HONG_KONG, MACAO, TAIWAN])
def test_residence_permits_of_hong_kong_macao_and_taiwan(number):
    assert checked_number("residence_permit", number, TODAY) == number
    assert problem("resident_id", number) == "not_resident"  # chosen under the wrong kind, said so


def test_a_residence_permit_begins_with_its_region():
    assert problem("residence_permit", VALID) == "permit_prefix"
    assert problem("residence_permit", with_check_digit("84000019940823002")) == "permit_prefix"


def test_the_2023_foreign_permanent_resident_card_begins_with_9():
    assert checked_number("foreign_permanent_resident", FOREIGN_2023, TODAY) == FOREIGN_2023
    assert problem("resident_id", FOREIGN_2023) == "not_resident"
    assert problem("foreign_permanent_resident", VALID) == "foreign_prefix"
    assert problem("foreign_permanent_resident", "931840198001010018") == "check_digit"


def test_an_earlier_foreign_card_is_taken_as_typed():
    assert checked_number("foreign_permanent_resident", "usa 330075071208", TODAY) == "USA330075071208"


@pytest.mark.parametrize("kind", ["resident_id", "residence_permit", "foreign_permanent_resident"])
@pytest.mark.parametrize("number", ["1101051949123100", "11010519491231002XX", "1101051949123100X2", "abc"])
def test_checked_kinds_have_eighteen_characters(kind, number):
    assert problem(kind, number) == "length"


def test_passports_and_other_documents_are_checked_for_their_form_only():
    assert checked_number("passport", "e 1234 5678", TODAY) == "E12345678"
    assert checked_number("passport", "K-12345", TODAY) == "K-12345"
    assert checked_number("other", "南字第0123456号", TODAY) == "南字第0123456号"
    assert problem("passport", "E12") == "other"
    assert problem("passport", "E" * 31) == "other"
    assert problem("other", "12345/678") == "other"
    assert checked_number("other", "ab-12 345", TODAY) == "AB-12345"


def test_an_unknown_kind_is_refused():
    assert problem("driving_licence", VALID) == "type"


def test_every_problem_is_said_in_both_languages():
    from processes.identity_documents import PROBLEMS

    assert all(said.zh and str(said) for said in PROBLEMS.values())
