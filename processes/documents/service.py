"""Issue written documents, record their service, and list them (Art. 22–40)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from engine.db import db
from engine.models import HistoryRow, Instance
from processes.documents.kinds import GROUNDS, KINDS, OPINIONS, SERVICE_METHODS, USUAL_SERVICE
from processes.documents.models import Document
from processes.errors import InvalidDocument, Said, UnknownDocument
from processes.numbering import document_number
from processes.organs import Organ, get_organ, superior_of
from processes.petitions import Petition, get_petition
from processes.petitions.models import as_date, today


def issue_document(petition_id: int, kind: str, fields: Mapping[str, Any] | None = None) -> str:
    """Issue a document of ``kind`` on a petition and return its number."""
    # `fields` holds what the document says beyond the petition itself (kinds.py names the
    # required ones); `issuing_organ` defaults to the organ handling the petition; `undeliverable`
    # keeps a notice to the petitioner on file unserved.
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidDocument("Unknown kind of document '%(kind)s'; the kinds are %(kinds)s.", fields=["kind"],
                              code="unknown_document_kind", kind=kind, kinds=", ".join(KINDS))
    values = {name: _plain(value) for name, value in (fields or {}).items()}
    missing = [name for name in spec.required if values.get(name) in (None, "", [])]
    if missing:
        raise InvalidDocument("A %(document)s needs: %(missing)s.", fields=missing,
                              document=Said(spec.title_en.lower(), spec.title_zh), missing=", ".join(missing))
    article_zh, article_en = spec.article_zh, spec.article_en
    if "opinion" in spec.required and values["opinion"] not in OPINIONS:
        raise InvalidDocument("The opinion is one of %(choices)s (Art. 32).", fields=["opinion"],
                              choices=", ".join(OPINIONS))
    method = values.pop("service_method", None) or None
    if method is not None and method not in SERVICE_METHODS:
        raise InvalidDocument("The way of service is one of %(choices)s.", fields=["service_method"],
                              code="invalid_service_method", choices=", ".join(SERVICE_METHODS))
    if kind == "non_acceptance_notice" and values.get("ground"):
        if values["ground"] not in GROUNDS:
            raise InvalidDocument("The ground is one of %(choices)s.", fields=["ground"], choices=", ".join(GROUNDS))
        article_zh, article_en = GROUNDS[values["ground"]][2:]
    petition = get_petition(petition_id)
    issuer = get_organ(values.pop("issuing_organ", None) or petition.handling_organ or petition.receiving_organ)
    if petition.confidential and values.get("to_organ") and values["to_organ"] == petition.accused_organ:
        raise InvalidDocument("Accusation materials are never sent to the organ accused (Art. 30).",
                              fields=["to_organ"], code="accused_organ")
    organs = {"issuer": _organ(issuer)}
    if values.get("to_organ"):
        organs["to"] = _organ(get_organ(values["to_organ"]))
    if values.get("competent_organ"):  # where a matter outside this organ's authority belongs (Art. 23)
        organs["competent"] = _organ(get_organ(values["competent_organ"]))
    if spec.reply and kind != "re_review_opinion":
        # Where the petitioner may ask for review or re-review (Art. 35, 36).
        next_code = values.get("next_organ") or superior_of(issuer.code)
        if next_code:
            organs["next"] = _organ(get_organ(next_code))
    issued_on = today()
    number = document_number(spec.prefix, issuer.code, issued_on.year)
    snapshot = {**values, "article_en": article_en, "petition": _petition(petition), "organs": organs}
    document = Document(petition_id=petition.id, kind=kind, number=number, title=spec.title_zh,
                        article=article_zh, fields=snapshot, issued_on=issued_on, issued_by=issuer.code,
                        issued_after=_latest_step(petition))
    db.session.add(document)
    if document.for_petitioner and not spec.reply and not values.get("undeliverable"):
        # A notice is served the day it is issued (Art. 22, 23, 34): on the portal for an online
        # petition, otherwise as the handler recorded or as the channel is usually answered.
        # One whose petitioner has no clear name or address stays on file unserved (Art. 23 ¶2).
        # A written reply waits for its own service, which opens the petitioner's 30 days.
        document.served_on, document.served_after = issued_on, document.issued_after
        document.service_method = "portal" if petition.channel == "online" else (
            method or USUAL_SERVICE.get(petition.channel, "post"))
    db.session.flush()
    return number


def serve_document(number: str, served_on: date | str, method: str | None = None) -> None:
    """Record the day (and way) a document reached its addressee; a reply also starts the review period."""
    document = get_document(number)
    if method and method not in SERVICE_METHODS:
        raise InvalidDocument("The way of service is one of %(choices)s.", fields=["service_method"],
                              code="invalid_service_method", choices=", ".join(SERVICE_METHODS))
    try:
        served = as_date(served_on)
    except ValueError:
        served = None
    if served is None:
        raise InvalidDocument("The day of service '%(value)s' is not a date.", fields=["served_on"], value=served_on)
    if served < document.issued_on or served > today():
        raise InvalidDocument("A document issued on %(issued)s cannot be served on %(served)s.", fields=["served_on"],
                              issued=str(document.issued_on), served=str(served))
    if document.served_on is not None and document.served_on != served:
        raise InvalidDocument("%(number)s was already served on %(served)s.", fields=["served_on"],
                              code="already_served", number=number, served=str(document.served_on))
    if document.served_on is None:
        document.served_on = served
        document.served_after = _latest_step(db.session.get(Petition, document.petition_id))
    document.service_method = method or document.service_method
    if KINDS[document.kind].reply:
        db.session.get(Petition, document.petition_id).replied_on = served
    db.session.flush()


def _latest_step(petition: Petition) -> int | None:
    # The step under way has written its history entry by now (entries are written before any read).
    return db.session.scalar(select(func.max(HistoryRow.id)).join(Instance, Instance.id == HistoryRow.instance_id)
                             .where(Instance.business_key == petition.registration_number))


def get_document(number: str) -> Document:
    """Return the document with this number or raise UnknownDocument."""
    document = db.session.scalar(select(Document).where(Document.number == (number or "").strip()))
    if document is None:
        raise UnknownDocument("No document has the number '%(number)s'.", number=number)
    return document


def documents_for(petition_id: int) -> list[Document]:
    """Return the documents issued on a petition, oldest first."""
    query = select(Document).where(Document.petition_id == petition_id).order_by(Document.issued_on, Document.id)
    return list(db.session.scalars(query))


def _organ(organ: Organ) -> dict[str, str]:
    return {"code": organ.code, "zh": organ.name_zh, "en": organ.name_en}


def _petition(petition: Petition) -> dict[str, Any]:
    return {"registration_number": petition.registration_number, "title": petition.title,
            "petitioners": petition.petitioner_names, "received_on": petition.received_on.isoformat(),
            "request": petition.request, "facts": petition.facts, "reasons": petition.reasons}


def _plain(value: Any) -> Any:
    """Return a value the JSON snapshot can hold."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value.strip() if isinstance(value, str) else value
