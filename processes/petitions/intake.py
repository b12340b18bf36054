"""Register a petition from any channel and start its case (Art. 17–22)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from engine.clock import current_clock
from engine.db import db
from engine.instances import start_instance
from processes.attachment_kinds import check_kinds
from processes.errors import AttachmentTooLarge, InvalidPetition, Said, TooManyRepresentatives
from processes.identity_documents import RESIDENT_ID, DocumentNumberInvalid, checked_number
from processes.numbering import hash_query_code, new_query_code, registration_number
from processes.organs import get_organ, list_organs
from processes.phone_numbers import PhoneNumberInvalid, checked_phone
from processes.petitions.models import (
    CATEGORIES,
    CHANNELS,
    ORAL_CHANNELS,
    Attachment,
    Petition,
    as_date,
    today,
)

PROCESS = "petition"
MAX_REPRESENTATIVES = 5  # Art. 20 ¶3
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
PERSON_KEYS = ("name", "document_type", "id_number", "phone", "address")
SEARCHED_KEYS = ("name", "id_number", "phone", "address")  # what the search column holds of a person


@dataclass(frozen=True)
class NewAttachment:
    """A file handed in with a petition."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Submitted:
    """A registered petition and its query code, shown to the petitioner only this once."""

    petition: Petition
    query_code: str


def submit_petition(fields: Mapping[str, Any], actor: str, attachments: Sequence[NewAttachment] = ()) -> Submitted:
    """Register a petition, number it, give it a query code and start its case."""
    values = _validated(fields)
    rows = attachment_rows(attachments)
    petition = Petition(**values, created_by=actor, created_at=current_clock().now(), stage="registration")
    petition.registration_number = registration_number(petition.receiving_organ, petition.received_on.year)
    code = new_query_code()
    petition.query_code_hash = hash_query_code(petition.registration_number, code)
    petition.attachments = rows
    db.session.add(petition)
    db.session.flush()
    petition.instance_id = start_case(petition, actor)
    db.session.flush()
    return Submitted(petition, code)


def attachment_rows(attachments: Sequence[NewAttachment]) -> list[Attachment]:
    """Return the rows of files handed in, refused when of a kind not taken (processes/attachment_kinds.py)
    or larger than 10 MB: online, at the desk, with a request for review, or over the API alike."""
    check_kinds(upload.filename for upload in attachments)
    for upload in attachments:
        if len(upload.data) > MAX_ATTACHMENT_BYTES:
            raise AttachmentTooLarge("The file '%(file)s' is %(size).1f MB; each attachment may be at most 10 MB.",
                                     fields=["attachments"], file=upload.filename, size=len(upload.data) / 2**20)
    return [Attachment(filename=a.filename, size=len(a.data), data=a.data,
                       content_type=a.content_type or "application/octet-stream") for a in attachments]


def start_case(petition: Petition, actor: str) -> str:
    """Start the engine instance of a registered petition and return its id."""
    return str(start_instance(PROCESS, petition.registration_number, case_data(petition), actor).id)


def case_data(petition: Petition) -> dict[str, Any]:
    """Return the start data of the ``petition`` process (processes/CONTRACT.md)."""
    return {"petition_id": petition.id, "registration_number": petition.registration_number,
            "channel": petition.channel, "received_on": petition.received_on.isoformat(),
            "receiving_organ": petition.receiving_organ,
            "received_by_petition_department": get_organ(petition.receiving_organ).kind == "petition_department",
            "category": petition.category, "territory": petition.territory,
            "is_accusation": petition.is_accusation, "is_litigation": petition.is_litigation,
            "is_major": petition.is_major, "title": petition.title}


def _validated(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Check the content Art. 19 and Art. 20 require and return the petition's column values."""
    missing: list[str] = []

    def text(name: str, required: bool = True) -> str:
        value = str(fields.get(name) or "").strip()
        if required and not value:
            missing.append(name)
        return value

    on = today()
    petitioners, problems = _people("petitioners", fields.get("petitioners"), on)
    representatives, problems_of_representatives = _people("representatives", fields.get("representatives"), on)
    problems |= problems_of_representatives
    missing += [f"petitioners[{i}].name" for i, p in enumerate(petitioners) if not p["name"]]
    if not petitioners:
        missing.append("petitioners[0].name")
    if not any(p["address"] for p in petitioners):
        missing.append("petitioners[0].address")
    channel, category = text("channel"), text("category", required=False) or "other"
    values = {"channel": channel, "category": category, "petitioners": petitioners,
              "request": text("request"), "facts": text("facts"), "reasons": text("reasons"),
              "recorded_by": text("recorded_by", required=channel in ORAL_CHANNELS) or None}
    missing += [name for name, ok in (("channel", not channel or channel in CHANNELS),
                                      ("category", category in CATEGORIES)) if not ok]
    receiving_code = text("receiving_organ")
    if missing:
        raise InvalidPetition("A petition states the petitioner's name and address, the request, the facts and "
                              "the reasons (Art. 19); one made by phone or visit also names who recorded it. "
                              "Missing or invalid: %(missing)s.", fields=[*missing, *problems], field_problems=problems,
                              missing=", ".join(missing))
    if problems:
        raise InvalidPetition("An identity document number or a telephone number is not valid: %(invalid)s.",
                              fields=list(problems), field_problems=problems, invalid=", ".join(problems))
    if len(representatives) > MAX_REPRESENTATIVES:
        raise TooManyRepresentatives("A group elects at most %(most)s representatives (Art. 20); %(given)s were given.",
                                     fields=["representatives"], most=MAX_REPRESENTATIVES,
                                     given=len(representatives))
    if channel == "visit" and len(petitioners) > MAX_REPRESENTATIVES and not representatives:
        raise TooManyRepresentatives("%(people)s people visiting together elect at most %(most)s representatives "
                                     "(Art. 20).", fields=["representatives"], people=len(petitioners),
                                     most=MAX_REPRESENTATIVES)
    receiving = get_organ(receiving_code)
    territory = text("territory", required=False) or receiving.territory
    if not list_organs(territory=territory):
        raise InvalidPetition("No organ serves the territory '%(territory)s'.", fields=["territory"],
                              territory=territory)
    accused = text("accused_organ", required=False)
    if accused and not any(organ.code == accused for organ in list_organs()):
        raise InvalidPetition("No organ has the code '%(organ)s'; choose the organ accused from the list.",
                              fields=["accused_organ"], organ=accused)
    is_accusation = bool(fields.get("is_accusation")) or category == "accusation"
    return {**values, "receiving_organ": receiving.code, "territory": territory,
            "received_on": _received_on(fields.get("received_on")), "representatives": representatives,
            "is_group": len(petitioners) > 1 or bool(fields.get("is_group")),
            "petitioner_keys": search_keys(petitioners),
            "title": text("title", required=False)[:200] or values["request"].splitlines()[0][:40],
            "is_accusation": is_accusation, "confidential": is_accusation,
            "is_litigation": bool(fields.get("is_litigation")) or category == "litigation",
            "is_major": bool(fields.get("is_major")), "accused_organ": get_organ(accused).code if accused else None}


def checked_person(raw: Mapping[str, Any], on: date) -> tuple[dict[str, str], dict[str, Said]]:
    """Return a person's values as stored, and what is wrong with any of them, by key."""
    person = {key: str(raw.get(key) or "").strip() for key in PERSON_KEYS}
    person["document_type"] = person["document_type"] or RESIDENT_ID
    problems: dict[str, Said] = {}
    try:  # the number stays optional (an oral petition, an anonymous letter); given, it must be right
        person["id_number"] = checked_number(person["document_type"], person["id_number"], on) \
            if person["id_number"] else ""
    except DocumentNumberInvalid as wrong:
        problems["document_type" if wrong.problem == "type" else "id_number"] = wrong.said
    try:
        person["phone"] = checked_phone(person["phone"]) if person["phone"] else ""
    except PhoneNumberInvalid as wrong:
        problems["phone"] = wrong.said
    return person, problems


def search_keys(petitioners: Sequence[Mapping[str, str]]) -> str:
    """Return what the search column holds of the petitioners: names, document numbers, phones, addresses."""
    return " | ".join(" ".join(p[k] for k in SEARCHED_KEYS if p.get(k)) for p in petitioners)


def _people(name: str, raw: Any, on: date) -> tuple[list[dict[str, str]], dict[str, Said]]:
    people, problems = [], {}
    for index, entry in enumerate(raw or []):
        person, wrong = checked_person(entry, on)
        people.append(person)
        problems |= {f"{name}[{index}].{key}": said for key, said in wrong.items()}
    return people, problems


def _received_on(value: Any) -> date:
    try:
        received = as_date(value) or today()
    except ValueError:
        raise InvalidPetition("The day of receipt '%(value)s' is not a date.", fields=["received_on"],
                              value=value) from None
    if received > today():
        raise InvalidPetition("The day of receipt cannot be in the future.", fields=["received_on"])
    return received
