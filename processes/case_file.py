"""The case page's content: a petition's timeline, deadlines, documents, attachments and open tasks."""
from __future__ import annotations

from dataclasses import dataclass

from engine.models import TaskRow
from processes.case_deadlines import CaseDeadline, case_deadlines
from processes.case_end import CaseEnd
from processes.case_view import Entry, case_tasks, open_case, timeline
from processes.documents import Document, documents_for, get_document
from processes.errors import UnknownDocument
from processes.petitions.models import Attachment, Petition
from processes.portal import Window, progress
from processes.review_requests import may_record, pending_right
from processes.query_codes import may_reissue
from processes.supervision_requests import SupervisionOffer, supervision_offer


@dataclass
class CaseFile:
    """Everything the case page shows."""

    petition: Petition
    timeline: list[Entry]
    deadlines: list[CaseDeadline]
    documents: list[Document]
    tasks: list[TaskRow]
    windows: dict[str, Window]  # the petitioner's rights of review and re-review, and their requests
    to_record: Window | None = None  # the open right whose request this person may record for the petitioner
    end: CaseEnd | None = None  # how the case ended, once it has
    supervision: SupervisionOffer | None = None  # what a supervisor may do about the case (Art. 40)
    may_reissue_code: bool = False  # whether this person may give the petitioner a new query code


def case_file(number: str, user) -> CaseFile:
    """Return the case page's content for a person allowed to see the case."""
    petition = open_case(number, user)
    documents = documents_for(petition.id)
    view = progress(petition, documents=documents)
    pending = pending_right(view.windows)
    return CaseFile(petition, timeline(petition), case_deadlines(petition), documents, case_tasks(petition),
                    view.windows,
                    pending if pending and pending.takes_letters and may_record(user, petition, pending.kind) else None,
                    view.end, supervision_offer(petition, user), may_reissue(user, petition))


def case_document(number: str, document_number: str, user) -> tuple[Petition, Document]:
    """Return a written document of a case the person may see."""
    petition = open_case(number, user)
    document = get_document(document_number)
    if document.petition_id != petition.id:
        raise UnknownDocument("%(document)s is not a document of %(number)s.", document=document_number, number=number)
    return petition, document


def case_attachment(number: str, attachment_id: int, user) -> Attachment:
    """Return an attachment of a case the person may see."""
    petition = open_case(number, user)
    for attachment in petition.attachments:
        if attachment.id == attachment_id:
            return attachment
    raise UnknownDocument("The case %(number)s has no attachment %(attachment)s.", number=number,
                          attachment=attachment_id)
