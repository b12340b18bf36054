"""The written document as issued: its number, the article it cites, and a snapshot of its content."""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import db
from processes.documents.kinds import KINDS, service_label


class Document(db.Model):
    """A notice, letter, opinion, agreement or report issued on a petition.

    ``fields`` keeps everything the document says at the moment it was issued, so it reads the
    same years later whatever happens to the petition or the organs' names.
    """

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    article: Mapped[str] = mapped_column(String(120))  # as cited in the document, in Chinese
    fields: Mapped[dict] = mapped_column(JSON)
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(ForeignKey("organ.code"))
    served_on: Mapped[date | None] = mapped_column(Date)
    service_method: Mapped[str | None] = mapped_column(String(16))  # kinds.SERVICE_METHODS
    # The history entries of the steps that issued and served it (the case's latest entry then), so that the
    # case's timeline shows it just after them; a document of an earlier release has none and is placed after
    # the steps of its day.
    issued_after: Mapped[int | None] = mapped_column()
    served_after: Mapped[int | None] = mapped_column()

    @property
    def for_petitioner(self) -> bool:
        """Whether the document is addressed to the petitioner (not a letter between organs).

        A transfer to discipline inspection is told to the petitioner under that organ's own
        rules (Art. 23 ¶4, Art. 30), so its notice stays in the file.
        """
        return not KINDS[self.kind].to_organ and not (self.fields or {}).get("confidential")

    def service(self, lang: str = "zh") -> str:
        """Return how the document was served, in ``lang`` (empty when not recorded)."""
        return service_label(self.service_method, lang)
