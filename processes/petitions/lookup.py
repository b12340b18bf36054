"""Find petitions: by id, by registration number, by query code, by search filters."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select

from engine.db import db
from engine.models import is_row_id
from processes.accounts import User
from processes.errors import UnknownPetition
from processes.numbering import query_code_matches
from processes.organs import organ_scope
from processes.phone_numbers import PhoneNumberInvalid, checked_phone
from processes.petitions.access import only_visible
from processes.petitions.models import Petition

MAX_PER_PAGE = 200
# What people type between the characters of a number: spaces, hyphens and dashes, brackets, dots.
NUMBER_GAPS = re.compile(r"[\s\-‐‑–—()（）.]")
NUMBER_LIKE = re.compile(r"\+?[\dX]+(?:(?:转|分机|EXT|#)\d+)?")


@dataclass(frozen=True)
class SearchPage:
    """One page of search results and the total count over all pages."""

    items: list[Petition]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """Return the number of pages."""
        return max(1, -(-self.total // self.per_page))


def get_petition(petition_id: int) -> Petition:
    """Return the petition with this id or raise UnknownPetition."""
    petition = db.session.get(Petition, petition_id) if is_row_id(petition_id) else None
    if petition is None:
        raise UnknownPetition("No petition has the id %(petition)s.", petition=petition_id)
    return petition


def find_by_number(number: str) -> Petition:
    """Return the petition with this registration number or raise UnknownPetition."""
    petition = _by_number(number)
    if petition is None:
        raise UnknownPetition("No petition has the registration number '%(number)s'.", number=number)
    return petition


def check_query_code(number: str, code: str) -> Petition | None:
    """Return the petition if number and query code match, else None, never telling which was wrong."""
    petition = _by_number(number)
    if petition is None or not query_code_matches(petition.registration_number, code, petition.query_code_hash):
        return None
    return petition


def search_petitions(text: str | None = None, organ: str | None = None, petitioner: str | None = None,
                     number: str | None = None, stage: str | None = None, page: int = 1, per_page: int = 20,
                     viewer: User | None = None) -> SearchPage:
    """Return one page of the petitions matching every filter given, newest first."""
    # `organ` keeps those received or handled within that organ's scope; `viewer` keeps those
    # the user may see, Art. 30 included.
    query = select(Petition)
    if text and text.strip():
        like = f"%{text.strip()}%"
        query = query.where(or_(Petition.title.ilike(like), Petition.request.ilike(like),
                                Petition.facts.ilike(like)))
    if organ:
        scope = organ_scope(organ)
        query = query.where(or_(Petition.receiving_organ.in_(scope), Petition.handling_organ.in_(scope)))
    if petitioner and petitioner.strip():
        query = query.where(petitioner_matches(petitioner))
    if number and number.strip():
        query = query.where(Petition.registration_number.ilike(f"%{number.strip()}%"))
    if stage:
        query = query.where(Petition.stage == stage)
    if viewer is not None:
        query = only_visible(query, viewer)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page, per_page = max(int(page), 1), min(max(int(per_page), 1), MAX_PER_PAGE)
    ordered = query.order_by(Petition.received_on.desc(), Petition.id.desc())
    items = db.session.scalars(ordered.limit(per_page).offset((page - 1) * per_page))
    return SearchPage(list(items), total, page, per_page)


def petitioner_matches(typed: str) -> ColumnElement[bool]:
    """Return the condition on a petition's petitioners (names, numbers, addresses) that `typed` finds.

    Identity and phone numbers are stored as checked (330101199001011238, 13800138000, 0571-88888888);
    a number typed with spaces, hyphens, brackets, full-width digits, a small x or +86 finds them too.
    """
    typed = typed.strip()
    found = [Petition.petitioner_keys.icontains(typed, autoescape=True)]
    compact = NUMBER_GAPS.sub("", unicodedata.normalize("NFKC", typed)).upper()
    if NUMBER_LIKE.fullmatch(compact):
        # Part of a number, its gaps left out on both sides: "0571 8888" finds 0571-88888888.
        found.append(func.replace(Petition.petitioner_keys, "-", "").icontains(compact, autoescape=True))
        try:
            found.append(Petition.petitioner_keys.icontains(checked_phone(typed), autoescape=True))
        except PhoneNumberInvalid:
            pass  # not a whole telephone number: its digits were enough
    return or_(*found)


def _by_number(number: str | None) -> Petition | None:
    # Numbers are issued in capitals; one typed in small letters (a phone's keyboard) is the same number.
    return db.session.scalar(select(Petition).where(Petition.registration_number == (number or "").strip().upper()))
