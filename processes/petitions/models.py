"""The petition record, its attachments and the petitioner's evaluation."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Date, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from engine.clock import current_clock
from engine.db import UtcDateTime, db

CST = ZoneInfo("Asia/Shanghai")
RETIRED_INDEXES = ("ix_petition_received_on",)  # ix_petition_intake starts with the day received
CHANNELS = ("online", "letter", "phone", "fax", "visit")  # Art. 17
ORAL_CHANNELS = ("phone", "visit")  # recorded by staff (Art. 19 ¶2)
CATEGORIES = ("land", "labour", "social_security", "environment", "urban_management", "accusation",
              "litigation", "suggestion", "other")
# "reviewed": the review opinion was served and the petitioner has 30 days to ask for re-review
# (Art. 36); after the re-review opinion the petition is closed as final (Art. 36 ¶3).
STAGES = ("registration", "acceptance", "handling", "extension", "mediation", "hearing", "replied",
          "review", "reviewed", "re_review", "closed", "not_accepted")
STAGE_LABELS = {
    "zh": dict(zip(STAGES, ("已登记", "受理审查中", "办理中", "延期办理中", "调解中", "听证中", "已答复",
                            "复查中", "复查意见已送达", "复核中", "已办结", "不予受理"))),
    "en": dict(zip(STAGES, ("Registered", "Deciding on acceptance", "Being handled", "Extended",
                            "In mediation", "Hearing", "Replied", "Under review", "Review opinion served",
                            "Under re-review", "Closed", "Not accepted"))),
}


class Petition(db.Model):
    """A letter-or-visit matter as registered, with the stage the petitioner sees."""

    __tablename__ = "petition"
    # The statistics count a year's petitions per month, channel, field and territory, within a
    # scope of organs, from this index alone: a petition's row, with its texts, is many times wider.
    __table_args__ = (Index("ix_petition_intake", "received_on", "channel", "category", "territory",
                            "receiving_organ", "handling_organ"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_number: Mapped[str] = mapped_column(String(100), unique=True)
    query_code_hash: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    received_on: Mapped[date] = mapped_column(Date)  # indexed first in ix_petition_intake
    receiving_organ: Mapped[str] = mapped_column(ForeignKey("organ.code"), index=True)
    handling_organ: Mapped[str | None] = mapped_column(ForeignKey("organ.code"), index=True)
    petitioners: Mapped[list[dict]] = mapped_column(JSON)
    petitioner_keys: Mapped[str] = mapped_column(Text, default="")  # names, ids, phones: for search
    representatives: Mapped[list[dict]] = mapped_column(JSON, default=list)
    is_group: Mapped[bool] = mapped_column(default=False)
    request: Mapped[str] = mapped_column(Text)
    facts: Mapped[str] = mapped_column(Text)
    reasons: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    territory: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    is_accusation: Mapped[bool] = mapped_column(default=False)
    is_litigation: Mapped[bool] = mapped_column(default=False)
    is_major: Mapped[bool] = mapped_column(default=False)
    confidential: Mapped[bool] = mapped_column(default=False)
    accused_organ: Mapped[str | None] = mapped_column(ForeignKey("organ.code"), index=True)
    stage: Mapped[str] = mapped_column(String(16), default="registration", index=True)
    outcome: Mapped[str | None] = mapped_column(String(64))
    replied_on: Mapped[date | None] = mapped_column(Date)  # a written reply was served (Art. 35)
    closed_on: Mapped[date | None] = mapped_column(Date)
    instance_id: Mapped[str | None] = mapped_column(String(64), index=True)
    recorded_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(64))

    attachments: Mapped[list[Attachment]] = relationship(back_populates="petition", cascade="all, delete-orphan",
                                                         order_by="Attachment.id")

    @property
    def petitioner_names(self) -> str:
        """Return the petitioners' names, joined for display."""
        return "、".join(p["name"] for p in self.petitioners if p.get("name"))


class Attachment(db.Model):
    """A file the petitioner handed in with the petition."""

    __tablename__ = "petition_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))  # loaded only when downloaded
    petition: Mapped[Petition] = relationship(back_populates="attachments")


class Evaluation(db.Model):
    """The petitioner's evaluation of how the matter was handled (Art. 21); one per petition."""

    __tablename__ = "petition_evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id"), unique=True)
    satisfaction: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime)


def today() -> date:
    """Return the clock's date in China Standard Time."""
    return current_clock().now().astimezone(CST).date()


def as_date(value: date | datetime | str | None) -> date | None:
    """Return an ISO string, date or date-time as a China Standard Time date (None stays None)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=CST)).astimezone(CST).date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    return as_date(datetime.fromisoformat(text)) if "T" in text else date.fromisoformat(text)
