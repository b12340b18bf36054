"""Identity document numbers and phone numbers stored as typed, before they were checked, written as now.

Petitions registered before the numbers were checked hold them as people typed them (spaces, a
lower-case x, +86): the same-matter check, which compares stored numbers, would miss them. `init-db`
writes each one that passes today's check as it is now stored, once (processes/backfills.py); one
that does not pass stays as typed, for a person to read, and names the resident ID card as its kind.
"""
from __future__ import annotations

from sqlalchemy import select

from engine.db import db
from processes.petitions.intake import checked_person, search_keys
from processes.petitions.models import Petition, today

BATCH = 500


def normalise_stored_numbers() -> int:
    """Write the stored petitioners' and representatives' numbers as they are now stored; return how many
    petitions changed."""
    on, changed, after = today(), 0, 0
    while ids := db.session.scalars(select(Petition.id).where(Petition.id > after).order_by(Petition.id)
                                    .limit(BATCH)).all():
        for petition in db.session.scalars(select(Petition).where(Petition.id.in_(ids))):
            petitioners = [_written(p, on) for p in petition.petitioners or []]
            representatives = [_written(p, on) for p in petition.representatives or []]
            if petitioners != petition.petitioners or representatives != petition.representatives:
                petition.petitioners, petition.representatives = petitioners, representatives
                petition.petitioner_keys = search_keys(petitioners)
                changed += 1
        db.session.flush()
        db.session.expunge_all()  # a large table is read a batch at a time, not held whole
        after = ids[-1]
    return changed


def _written(person: dict, on) -> dict:
    # Checked as intake checks a person; a number that fails stays as typed: a person reads it, and no
    # check can tell what was meant.
    checked, _problems = checked_person(person, on)
    return {**person, "document_type": checked["document_type"],
            **{key: checked[key] for key in ("id_number", "phone") if person.get(key)}}
