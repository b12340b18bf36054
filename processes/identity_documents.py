"""The identity documents a petitioner may give, and the check of their numbers.

A resident identity card, a residence permit for Hong Kong, Macao and Taiwan residents and the
2023 foreign permanent resident identity card carry an 18-character number built alike
(GB 11643-1999): 17 digits, of which characters 7–14 are the date of birth, and a check digit
computed with ISO 7064 MOD 11-2 (10 written X). A mistyped character almost always breaks the
check digit, which is what lets the same-matter check trust a number. The residence permit
begins with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan); the 2023 foreign card with 9.
Cards of the 2017 foreign format (three letters and twelve digits) stay valid until they
expire and are taken as typed. Passports and other documents are only checked for their form.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from processes.errors import Said

RESIDENT_ID = "resident_id"
DOCUMENT_TYPES = (RESIDENT_ID, "residence_permit", "foreign_permanent_resident", "passport", "other")
DOCUMENT_LABELS = {
    "zh": dict(zip(DOCUMENT_TYPES, ("居民身份证", "港澳台居民居住证", "外国人永久居留身份证", "护照", "其他"))),
    "en": dict(zip(DOCUMENT_TYPES, ("Resident ID card", "HK/Macao/Taiwan residence permit",
                                    "Foreign permanent resident ID", "Passport", "Other"))),
}
CHECKED = ("resident_id", "residence_permit", "foreign_permanent_resident")  # GB 11643 numbers
PERMIT_PREFIXES = ("810000", "820000", "830000")  # Hong Kong, Macao, Taiwan
WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11
OLD_FOREIGN = re.compile(r"[A-Z]{3}\d{12}")  # the 2017 foreign permanent resident card
OTHER = re.compile(r"[^\W_]|-")  # a letter or digit of any script, or a hyphen
SPACES = re.compile(r"\s")
HYPHENS = re.compile(r"[\-‐‑–—]")

PROBLEMS = {
    "type": Said("Please choose one of the document types.", "请从列表中选择证件类型。"),
    "length": Said("This number has 18 characters: 17 digits, then a digit or X.",
                   "此类证件号码为18位：前17位为数字，最后一位为数字或X。"),
    "check_digit": Said("The last character (the check digit) does not fit the first 17: please compare the number "
                        "with the card.", "最后一位校验码与前17位不符，请对照证件核对号码。"),
    "birth_date": Said("Characters 7 to 14 are not a real date of birth.", "第7至14位不是有效的出生日期。"),
    "future_birth": Said("The date of birth in this number is later than today.", "号码中的出生日期晚于今天。"),
    "permit_prefix": Said("A residence permit number of Hong Kong, Macao or Taiwan residents begins with 810000, "
                          "820000 or 830000.", "港澳台居民居住证号码以810000、820000或830000开头。"),
    "foreign_prefix": Said("A foreign permanent resident ID number has 18 characters beginning with 9 (cards of "
                           "2023 on) or three letters and twelve digits (earlier cards).",
                           "外国人永久居留身份证号码为以9开头的18位（2023年版），"
                           "或3位字母加12位数字（旧版）。"),
    "not_resident": Said("This is the number of a residence permit or a foreign permanent resident ID card: please "
                         "choose that document type.",
                         "这是港澳台居民居住证或外国人永久居留身份证的号码，请选择相应的证件类型。"),
    "other": Said("A document number has 5 to 30 letters, digits or hyphens.",
                  "证件号码应为5至30位字母、数字或连字符。"),
}


class DocumentNumberInvalid(ValueError):
    """A document number that cannot be right; ``problem`` keys ``PROBLEMS``."""

    def __init__(self, problem: str) -> None:
        super().__init__(PROBLEMS[problem])
        self.problem = problem
        self.said = PROBLEMS[problem]


def check_digit(first17: str) -> str:
    """Return the GB 11643 check character of the first 17 digits of a number."""
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def with_check_digit(first17: str) -> str:
    """Return the 18-character number the first 17 digits make with their check character."""
    return first17 + check_digit(first17)


def document_key(document_type: str, number: str) -> str:
    """Return a number as it is compared and stored: spaces dropped (and hyphens, where the number has
    none), letters in upper case."""
    key = SPACES.sub("", unicodedata.normalize("NFKC", number or "")).upper()
    return HYPHENS.sub("", key) if document_type in CHECKED else key


def checked_number(document_type: str, number: str, today: date) -> str:
    """Return the number of a document as stored, or raise DocumentNumberInvalid saying what is wrong."""
    if document_type not in DOCUMENT_TYPES:
        raise DocumentNumberInvalid("type")
    key = document_key(document_type, number)
    if document_type not in CHECKED:
        if not 5 <= len(key) <= 30 or len(OTHER.findall(key)) != len(key):
            raise DocumentNumberInvalid("other")
        return key
    if document_type == "foreign_permanent_resident" and OLD_FOREIGN.fullmatch(key):
        return key
    if not re.fullmatch(r"\d{17}[\dX]", key):
        raise DocumentNumberInvalid("length")
    _check_kind(document_type, key)
    if check_digit(key[:17]) != key[17]:
        raise DocumentNumberInvalid("check_digit")
    try:
        born = date(int(key[6:10]), int(key[10:12]), int(key[12:14]))
    except ValueError:
        raise DocumentNumberInvalid("birth_date") from None
    if born.year < 1900:
        raise DocumentNumberInvalid("birth_date")
    if born > today:
        raise DocumentNumberInvalid("future_birth")
    return key


def _check_kind(document_type: str, key: str) -> None:
    # The first characters tell the kinds apart: a number given under the wrong kind is said so.
    if document_type == "residence_permit" and not key.startswith(PERMIT_PREFIXES):
        raise DocumentNumberInvalid("permit_prefix")
    if document_type == "foreign_permanent_resident" and not key.startswith("9"):
        raise DocumentNumberInvalid("foreign_prefix")
    if document_type == RESIDENT_ID and key.startswith(("8", "9")):
        raise DocumentNumberInvalid("not_resident")
