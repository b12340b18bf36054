"""Make a doubled submission harmless: one token per form shown, one petition per token."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from engine.clock import current_clock
from engine.db import UtcDateTime, db


class SubmissionToken(db.Model):
    """A form that was submitted, and the registration number it produced."""

    __tablename__ = "submission_token"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    registration_number: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


def new_token() -> str:
    """Return a fresh token for a form about to be shown."""
    return secrets.token_urlsafe(24)


def used_for(token: str | None) -> str | None:
    """Return the registration number a token already produced, if it did."""
    if not token:
        return None
    return db.session.scalar(select(SubmissionToken.registration_number).where(SubmissionToken.token == token[:64]))


def remember(token: str | None, number: str) -> None:
    """Record that a token produced a petition (the primary key refuses a second one)."""
    if token:
        db.session.add(SubmissionToken(token=token[:64], registration_number=number, at=current_clock().now()))
        db.session.flush()
