"""Petitions: intake from any channel, lookup by registration number, search."""
from __future__ import annotations

from flask_smorest import Blueprint, abort
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate

from engine.history import history_for
from processes.deadlines import statutory_deadlines
from processes.documents import documents_for
from processes.identity_documents import DOCUMENT_TYPES, RESIDENT_ID
from processes.petitions import find_by_number, may_see, search_petitions, submit_petition

from ..auth_tokens import current_user, require_role
from ..unit_of_work import committed
from .schemas import MAX_PAGE
from .schemas import HistorySchema

bp = Blueprint("api_petitions", __name__, url_prefix="/api/v1/petitions", description="Petitions")
STAFF = ("registrar", "handler", "head", "reviewer", "supervisor")


class PersonSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    document_type = fields.String(load_default=RESIDENT_ID, validate=validate.OneOf(DOCUMENT_TYPES),
                                  metadata={"description": "the kind of identity document the number is of"})
    id_number = fields.String(load_default="", metadata={
        "description": "checked for its kind (18 characters with a check digit for resident ID cards, residence "
                       "permits and foreign permanent resident ID cards) and stored normalised"})
    phone = fields.String(load_default="", metadata={
        "description": "a mainland mobile, a landline with area code, or + and an international number; "
                       "stored normalised"})
    address = fields.String(load_default="")


class IntakeSchema(Schema):
    channel = fields.String(required=True)
    petitioners = fields.List(fields.Nested(PersonSchema), required=True, validate=validate.Length(min=1))
    representatives = fields.List(fields.Nested(PersonSchema), load_default=list)
    request = fields.String(required=True)
    facts = fields.String(required=True)
    reasons = fields.String(required=True)
    title = fields.String(load_default="")
    category = fields.String(load_default="other")
    territory = fields.String(load_default=None)
    receiving_organ = fields.String(required=True)
    received_on = fields.Date(load_default=None)
    is_accusation = fields.Boolean(load_default=False)
    is_litigation = fields.Boolean(load_default=False)
    is_major = fields.Boolean(load_default=False)
    accused_organ = fields.String(load_default=None)
    recorded_by = fields.String(load_default=None)


class SubmittedSchema(Schema):
    registration_number = fields.String()
    query_code = fields.String()
    instance_id = fields.Integer()


class DeadlineViewSchema(Schema):
    element = fields.String()
    name = fields.String()
    article = fields.Integer(allow_none=True)
    due_at = fields.DateTime()
    provisional = fields.Boolean()
    state = fields.String()
    rule = fields.String()


class DocumentViewSchema(Schema):
    number = fields.String()
    kind = fields.String()
    title = fields.String()
    article = fields.String()
    issued_on = fields.Date()
    served_on = fields.Date(allow_none=True)


class PetitionSummarySchema(Schema):
    registration_number = fields.String()
    title = fields.String()
    channel = fields.String()
    category = fields.String()
    received_on = fields.Date()
    receiving_organ = fields.String()
    handling_organ = fields.String(allow_none=True)
    stage = fields.String()
    outcome = fields.String(allow_none=True)


class PetitionSchema(PetitionSummarySchema):
    instance_id = fields.Integer(allow_none=True)
    status = fields.String()
    deadlines = fields.List(fields.Nested(DeadlineViewSchema))
    documents = fields.List(fields.Nested(DocumentViewSchema))
    history = fields.List(fields.Nested(HistorySchema))


class SearchSchema(Schema):
    number = fields.String()
    text = fields.String()
    organ = fields.String()
    petitioner = fields.String()
    stage = fields.String()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))


@bp.post("")
@require_role("registrar", "handler")
@bp.arguments(IntakeSchema())
@bp.response(201, SubmittedSchema)
@committed
def intake(body: dict):
    """Register a petition from any channel (Art. 17–19); returns its number and query code."""
    submitted = submit_petition(body, current_user().username)
    return {"registration_number": submitted.petition.registration_number, "query_code": submitted.query_code,
            "instance_id": int(submitted.petition.instance_id)}


def _visible(number: str):
    petition = find_by_number(number)
    if not may_see(current_user(), petition):
        abort(403, message=_("This petition is not visible to you."))
    return petition


@bp.get("/<number>")
@require_role(*STAFF)
@bp.response(200, PetitionSchema)
def show(number: str):
    """Show a petition: stage, every statutory deadline with its article, documents, history."""
    from engine.instances import get_instance

    petition = _visible(number)
    instance_id = int(petition.instance_id) if petition.instance_id else None
    view = {name: getattr(petition, name, None) for name in PetitionSchema().fields}
    view.update(instance_id=instance_id, documents=documents_for(petition.id),
                status=get_instance(instance_id).status if instance_id else "not_started",
                deadlines=statutory_deadlines(instance_id) if instance_id else [],
                history=history_for(instance_id) if instance_id else [])
    return view


@bp.get("")
@require_role(*STAFF)
@bp.arguments(SearchSchema(), location="query")
@bp.response(200, PetitionSummarySchema(many=True))
def search(query: dict):
    """Search petitions by number, text, organ, petitioner or stage (only those visible to you)."""
    found = search_petitions(**query, viewer=current_user())
    return found.items, 200, {"X-Total-Count": str(found.total)}
