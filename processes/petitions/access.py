"""Who may see a petition: staff within the organs concerned, never the accused (Art. 30)."""
from __future__ import annotations

from sqlalchemy import Select, and_, false, or_

from processes.accounts import User
from processes.organs import get_organ, leading_organ_of, organ_scope
from processes.petitions.models import Petition

ALL_SEEING_ROLES = ("admin",)


def visible_organs(user: User) -> set[str] | None:
    """Return the organs whose petitions the user may see; None means all of them."""
    if user.role in ALL_SEEING_ROLES:
        return None
    if user.role == "petitioner" or not user.organ_code:
        return set()
    scope = organ_scope(user.organ_code)
    # A petition department registers, forwards and supervises for the party committee and
    # government it serves (Art. 22, 40), so it sees what they see.
    if get_organ(user.organ_code).kind == "petition_department":
        leader = leading_organ_of(user.organ_code)
        if leader:
            scope |= organ_scope(leader)
    return scope


def may_see(user: User | None, petition: Petition) -> bool:
    """Tell whether a signed-in user may see a petition at all."""
    if user is None or not user.active:
        return False
    # Art. 30 ¶4: accusation materials never reach the organ accused, whatever its staff's role.
    if petition.confidential and petition.accused_organ and user.organ_code == petition.accused_organ:
        return False
    scope = visible_organs(user)
    return scope is None or petition.receiving_organ in scope or petition.handling_organ in scope


def only_visible(query: Select, user: User) -> Select:
    """Restrict a query over petitions to those the user may see."""
    if not user.active:
        return query.where(false())
    if user.organ_code:
        query = query.where(or_(~Petition.confidential, Petition.accused_organ.is_(None),
                                Petition.accused_organ != user.organ_code))
    scope = visible_organs(user)
    if scope is None:
        return query
    return query.where(or_(Petition.receiving_organ.in_(scope),
                           and_(Petition.handling_organ.is_not(None), Petition.handling_organ.in_(scope))))
