"""Telephone numbers a petitioner can be reached at, checked and written one way.

A number is stored as the office dials it: a mainland mobile as its 11 digits (13800138000), a
landline as area code, hyphen, local number and any extension (0571-88888888-123), a number abroad
as + and its digits (+85223456789). People type spaces, hyphens, brackets, full-width digits and
+86 or 0086 in front; all of it is taken.
"""
from __future__ import annotations

import re
import unicodedata

from processes.errors import Said

MOBILE = re.compile(r"1[3-9]\d{9}")
# 010 and 020–029 are the three-digit area codes; every other one has four. Local numbers never begin with 0.
LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d{2}))([1-9]\d{6,7})")
EXTENSION = re.compile(r"(.*?)(?:转|分机|ext\.?|x|#)(\d{1,6})", re.IGNORECASE)
IGNORED = re.compile(r"[\s()（）‐‑–—.]")
MAINLAND = ("+86", "0086")

PROBLEMS = {
    "mobile_length": Said("A mobile number has 11 digits.", "手机号码为11位数字。"),
    "phone": Said("Give a mobile number of 11 digits, a landline with its area code (such as 0571-88888888), "
                  "or a number abroad beginning with +.",
                  "请填写11位手机号码、带区号的固定电话（如0571-88888888），或以+开头的境外号码。"),
}


class PhoneNumberInvalid(ValueError):
    """A telephone number that cannot be dialled; ``problem`` keys ``PROBLEMS``."""

    def __init__(self, problem: str) -> None:
        super().__init__(PROBLEMS[problem])
        self.problem = problem
        self.said = PROBLEMS[problem]


def checked_phone(typed: str) -> str:
    """Return a telephone number as stored, or raise PhoneNumberInvalid."""
    text = IGNORED.sub("", unicodedata.normalize("NFKC", typed or ""))
    extension = ""
    if found := EXTENSION.fullmatch(text):
        text, extension = found.group(1), found.group(2)
    mainland = next((text[len(p):].lstrip("-") for p in MAINLAND if text.startswith(p)), None)
    if mainland is None and text.startswith(("+", "00")):
        digits = text.lstrip("+").removeprefix("00").replace("-", "")
        if not extension and re.fullmatch(r"[1-9]\d{6,14}", digits):
            return "+" + digits
        raise PhoneNumberInvalid("phone")
    if mainland is not None and not mainland.startswith("0") and not MOBILE.fullmatch(mainland.replace("-", "")):
        mainland = "0" + mainland  # +86 571 …: the area code is dialled with 0 at home
    return _domestic(mainland if mainland is not None else text, extension)


def _domestic(text: str, extension: str) -> str:
    digits = text.replace("-", "")
    if MOBILE.fullmatch(digits) and not extension:
        return digits
    if line := LANDLINE.fullmatch(digits):
        return "-".join((*line.groups(), *([extension] if extension else [])))
    # 010-12345678-123: the last hyphen may set off an extension.
    head, _, tail = text.rpartition("-")
    line = LANDLINE.fullmatch(head.replace("-", "")) if head and not extension else None
    if line and re.fullmatch(r"\d{1,6}", tail):
        return "-".join((*line.groups(), tail))
    if re.fullmatch(r"1[3-9]\d*", digits) and not extension:
        raise PhoneNumberInvalid("mobile_length")
    raise PhoneNumberInvalid("phone")
