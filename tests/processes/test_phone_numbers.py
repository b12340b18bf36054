"""Telephone numbers: mobiles, landlines with area code and extension, numbers abroad; stored one way."""
import pytest

from processes.phone_numbers import PhoneNumberInvalid, checked_phone


@pytest.mark.parametrize("typed, stored", [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("138-0013-8000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("0086-13800138000", "13800138000"),
    ("１３８００１３８０００", "13800138000"),  # typed with a Chinese input method
    ("19912345678", "19912345678"),
])
def test_mainland_mobiles(typed, stored):
    assert checked_phone(typed) == stored


@pytest.mark.parametrize("typed, stored", [
    ("010-62345678", "010-62345678"),
    ("01062345678", "010-62345678"),
    ("(0571) 8888 8888", "0571-88888888"),
    ("0571-8888-8888", "0571-88888888"),
    ("0755-2345678", "0755-2345678"),
    ("010-62345678-123", "010-62345678-123"),
    ("010-62345678转123", "010-62345678-123"),
    ("010 6234 5678 ext. 5", "010-62345678-5"),
    ("+86 10 6234 5678", "010-62345678"),
    ("+86 (0)571 88888888", "0571-88888888"),
    ("0086 755 82345678", "0755-82345678"),
])
def test_landlines_with_area_code(typed, stored):
    assert checked_phone(typed) == stored


@pytest.mark.parametrize("typed, stored", [
    ("+852 2345 6789", "+85223456789"),
    ("+44 20 7946 0958", "+442079460958"),
    ("+1 (415) 555-0100", "+14155550100"),
    ("001 415 555 0100", "+14155550100"),
])
def test_numbers_abroad(typed, stored):
    assert checked_phone(typed) == stored


@pytest.mark.parametrize("typed, problem", [
    ("1380013800", "mobile_length"),  # a digit missing
    ("138001380001", "mobile_length"),  # one too many
    ("12345678901", "phone"),  # no mobile begins 12
    ("62345678", "phone"),  # a landline without its area code
    ("013-62345678", "phone"),  # no such area code
    ("0571-888", "phone"),
    ("+1 234", "phone"),  # too short for any country
    ("+1234567890123456", "phone"),  # longer than 15 digits
    ("+0 1234567", "phone"),
    ("电话13800138000", "phone"),
    ("abc", "phone"),
])
def test_numbers_that_cannot_be_dialled(typed, problem):
    with pytest.raises(PhoneNumberInvalid) as refused:
        checked_phone(typed)
    assert refused.value.problem == problem
    assert refused.value.said.zh and str(refused.value.said)
