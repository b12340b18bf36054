"""Registration numbers, document numbers and the petitioner's query code.

Numbers run per series (an organ, or an organ and a kind of document) per year. The counter
row is locked (``SELECT … FOR UPDATE``) while it is moved on, so two intakes on two machines
never get the same number on PostgreSQL; SQLite serialises writers by itself.
Functions flush and never commit: the number is taken in the caller's transaction, and given
back if that transaction rolls back.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import String, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import db

# No 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V: codes are read aloud on the phone and copied by hand.
QUERY_ALPHABET = "ACEFGHJKMNPRTWXY34679"
QUERY_CODE_LENGTH = 8


class NumberCounter(db.Model):
    """The last number given in one series for one year."""

    __tablename__ = "number_counter"

    series: Mapped[str] = mapped_column(String(120), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(default=0)


def next_in_series(series: str, year: int) -> int:
    """Take the next number of ``series`` in ``year``, starting at 1."""
    _ensure_counter(series, year)
    query = (select(NumberCounter)
             .where(NumberCounter.series == series, NumberCounter.year == year)
             .with_for_update()
             .execution_options(populate_existing=True))  # the locked row, not a stale copy
    counter = db.session.scalars(query).one()
    counter.value += 1
    db.session.flush()
    return counter.value


def registration_number(organ_code: str, year: int) -> str:
    """Return the next registration number of an organ, e.g. ``XF-JN-QS-LX-XFJ-2026-000123``."""
    return f"XF-{organ_code}-{year}-{next_in_series(f'petition:{organ_code}', year):06d}"


def document_number(prefix: str, organ_code: str, year: int) -> str:
    """Return the next number of a kind of document issued by an organ, e.g. ``CL-JN-2026-0007``."""
    value = next_in_series(f"document:{prefix}:{organ_code}", year)
    return f"{prefix}-{organ_code}-{year}-{value:04d}"


def new_query_code() -> str:
    """Return a fresh random query code of 8 characters that cannot be mistaken for others."""
    return "".join(secrets.choice(QUERY_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def normalize_query_code(code: str) -> str:
    """Return the code as it is stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch not in " -\t")


def hash_query_code(number: str, code: str) -> str:
    """Return the stored form of a query code, salted with its registration number."""
    return hashlib.sha256(f"{number}\0{normalize_query_code(code)}".encode()).hexdigest()


def query_code_matches(number: str, code: str, stored_hash: str | None) -> bool:
    """Tell whether ``code`` is the query code of the petition ``number``."""
    return bool(stored_hash) and hmac.compare_digest(hash_query_code(number, code), stored_hash)


def _ensure_counter(series: str, year: int) -> None:
    """Create the counter row if missing, without failing when another intake just did."""
    values = {"series": series, "year": year, "value": 0}
    dialect = db.session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        module = postgresql if dialect == "postgresql" else sqlite
        db.session.execute(module.insert(NumberCounter).values(**values).on_conflict_do_nothing())
        return
    exists = select(NumberCounter.value).where(NumberCounter.series == series, NumberCounter.year == year)
    if db.session.scalar(exists) is None:
        db.session.execute(insert(NumberCounter).values(**values))
