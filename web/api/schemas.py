"""Marshmallow schemas of the API's requests and responses."""
from __future__ import annotations

from dataclasses import replace

from marshmallow import Schema, fields, pre_dump, validate, validates_schema, ValidationError

from engine.migration_preview import MigrationPreview
from engine.models import MAX_ID
from processes.migration_steps import known_on_diagram, known_standing

MAX_PAGE = 100_000  # at 500 a page, a list's offset stays within what the databases count


class ErrorSchema(Schema):
    """Every error the API answers with (web/errors.py): a stable code, a sentence, and what it is about."""

    error = fields.String(required=True, metadata={
        "description": "A stable code: not_found, conflict, invalid_state, invalid_data, invalid_request, …"})
    message = fields.String(required=True, metadata={
        "description": "Why, in the reader's language (Accept-Language: zh or en)."})
    errors = fields.Dict(metadata={
        "description": "Field errors: by field (invalid_data), or by location and field (invalid_request)."})
    problems = fields.List(fields.Dict(), metadata={
        "description": "A refused diagram's findings: file, element, message, and text in the reader's language."})
    missing = fields.List(fields.Dict(), metadata={
        "description": "The elements a case stands on that the version to migrate to lacks."})
    fields_ = fields.List(fields.String(), data_key="fields", metadata={
        "description": "The names of the values a rule refused."})


class DefinitionSchema(Schema):
    id = fields.Integer()
    process = fields.String()
    version = fields.Integer()
    name = fields.String()
    content_hash = fields.String()
    deployed_at = fields.DateTime()
    deployed_by = fields.String()
    files = fields.Function(lambda row: sorted(row.sources))


class DeployResultSchema(Schema):
    deployed = fields.List(fields.Nested(DefinitionSchema))
    unchanged = fields.List(fields.Nested(DefinitionSchema))


class TimerSchema(Schema):
    element = fields.String()
    name = fields.String()
    due_at = fields.DateTime()
    provisional = fields.Boolean()
    rule = fields.String()
    interrupting = fields.Boolean()
    attached_to = fields.String(allow_none=True)


class HistorySchema(Schema):
    at = fields.DateTime()
    actor = fields.String()
    event = fields.String()
    element = fields.String(allow_none=True)
    task_id = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    detail = fields.Dict(allow_none=True)


class InstanceSummarySchema(Schema):
    id = fields.Integer()
    process = fields.String()
    version = fields.Integer()
    business_key = fields.String()
    status = fields.String()
    active = fields.List(fields.String())
    started_at = fields.DateTime()
    updated_at = fields.DateTime()
    ended_at = fields.DateTime(allow_none=True)
    error_message = fields.String(allow_none=True)
    error_element = fields.String(allow_none=True)


class InstanceSchema(InstanceSummarySchema):
    data = fields.Dict()
    timers = fields.List(fields.Nested(TimerSchema))
    history = fields.List(fields.Nested(HistorySchema))


def _row_id(**options) -> fields.Integer:
    """An id or version number: one that no row can have is refused here, not asked of the database."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **options)


def _page() -> fields.Integer:
    return fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))


class InstanceCreateSchema(Schema):
    process = fields.String(required=True, validate=validate.Length(min=1, max=200))
    business_key = fields.String(required=True, validate=validate.Length(min=1, max=200))
    data = fields.Dict(load_default=dict)
    version = _row_id(load_default=None)


class InstanceQuerySchema(Schema):
    process = fields.String()
    status = fields.String(validate=validate.OneOf(
        ["running", "waiting", "suspended", "error", "completed", "terminated"]))
    business_key = fields.String()
    page = _page()
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class ReasonSchema(Schema):
    reason = fields.String(load_default=None)


class DataChangeSchema(Schema):
    data = fields.Dict(required=True)
    reason = fields.String(required=True)


class TaskSchema(Schema):
    id = fields.String()
    instance = fields.Integer(attribute="instance_id")
    process = fields.String()
    element = fields.String()
    name = fields.String()
    state = fields.String()
    group = fields.String(allow_none=True)
    organ = fields.String(allow_none=True)
    assignee = fields.String(allow_none=True)
    due_at = fields.DateTime(allow_none=True)
    due_provisional = fields.Boolean()
    form = fields.Raw(allow_none=True)
    created_at = fields.DateTime()
    completed_at = fields.DateTime(allow_none=True)
    completed_by = fields.String(allow_none=True)


class TaskDetailSchema(TaskSchema):
    """One task as its page shows it: with the form's unfinished input kept as a draft."""

    draft = fields.Dict(allow_none=True)


class TaskQuerySchema(Schema):
    instance = _row_id()
    assignee = fields.String()
    group = fields.String()
    organ = fields.String()
    state = fields.String(load_default="ready", validate=validate.OneOf(["ready", "completed", "cancelled"]))
    page = _page()
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class CompleteSchema(Schema):
    data = fields.Dict(load_default=dict)


class DraftSchema(Schema):
    data = fields.Dict(required=True)


class AssignSchema(Schema):
    assignee = fields.String(allow_none=True, required=True)
    reason = fields.String(load_default=None)


class DeadlineQuerySchema(Schema):
    from_ = fields.Date(required=True, data_key="from")
    days = fields.Integer(required=True, validate=validate.Range(min=0, max=3650))
    kind = fields.String(load_default="calendar", validate=validate.OneOf(["calendar", "working"]))
    paused_days = fields.Integer(load_default=0, validate=validate.Range(min=0, max=3650))


class DeadlineSchema(Schema):
    due_at = fields.String()
    last_day = fields.Date()
    provisional = fields.Boolean()
    rule = fields.String()


class HolidayDaySchema(Schema):
    day = fields.Date(required=True)
    working = fields.Boolean(required=True)
    name = fields.String(load_default="")


class HolidayYearSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    days = fields.List(fields.Nested(HolidayDaySchema), required=True, validate=validate.Length(min=1))


class ClockSchema(Schema):
    now = fields.DateTime()
    simulated = fields.Boolean()
    fired = fields.Integer(metadata={"description": "timers that fired as the clock moved (after a change)"})


class ClockChangeSchema(Schema):
    advance = fields.String()
    now = fields.AwareDateTime()

    @validates_schema
    def one_of(self, data, **kwargs):
        if ("advance" in data) == ("now" in data):
            raise ValidationError("give either 'advance' (an ISO duration such as P16D) or 'now'")


class MigrateSchema(Schema):
    version = _row_id(load_default=None)
    reason = fields.String(required=True)


class RewindSchema(Schema):
    task = fields.String(required=True, validate=validate.Length(min=1, max=36))
    reason = fields.String(required=True)


class MessageSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    data = fields.Dict(load_default=dict)
    reason = fields.String(load_default=None)


class WaitingMessagesSchema(Schema):
    messages = fields.List(fields.String())


class EarlierStepSchema(Schema):
    task = fields.String(attribute="task_id")
    element = fields.String()
    name = fields.String()
    process = fields.String()
    completed_at = fields.DateTime(allow_none=True)
    completed_by = fields.String(allow_none=True)


class MigrationQuerySchema(Schema):
    version = _row_id(load_default=None, metadata={"description": "The version to move to; the newest if none."})


class ElementChangeSchema(Schema):
    file = fields.String()
    element = fields.String()
    kind = fields.String(metadata={"description": "removed, added or changed"})
    type = fields.String(metadata={"description": "The BPMN element type, e.g. userTask"})
    name = fields.String()
    details = fields.Function(lambda change: [{"aspect": aspect, "before": before, "after": after}
                                              for aspect, before, after in change.details])


class StandingSchema(Schema):
    process = fields.String(metadata={"description": "The process (or sub-process) the element lies in, by id."})
    file = fields.String(metadata={"description": "The diagram's file the element is drawn in."})
    element = fields.String(metadata={"description": "The element's id in the diagram, e.g. evaluate."})
    name = fields.String(metadata={"description": "The element's name as the diagram gives it, e.g. 评价办理情况."})
    procedure = fields.String(metadata={
        "description": "The name of the called process or sub-process the element lies in, as the diagrams give it "
                       "(e.g. 复查 Review); empty for the migrated process's own elements."})
    kind = fields.String(metadata={"description": "task, timer, error or waiting"})
    mapped = fields.Boolean(metadata={"description": "Whether the target version has this element."})
    changed = fields.Boolean(metadata={"description": "Whether the target version changed this element."})


class DiagramPairSchema(Schema):
    file = fields.String()
    process = fields.String(metadata={"description": "The process the file defines."})
    name = fields.String()
    in_from = fields.Function(lambda pair: pair.old is not None,
                              metadata={"description": "Whether the version the case runs on has this file."})
    in_to = fields.Function(lambda pair: pair.new is not None,
                            metadata={"description": "Whether the version it would move to has this file."})
    stands_here = fields.Boolean(metadata={"description": "Whether the case stands on an element of this file."})
    changes = fields.Function(lambda pair: [{"element": change.element, "kind": change.kind}
                                            for change in pair.changes])
    standing = fields.List(fields.Nested(StandingSchema))


class MigrationPreviewSchema(Schema):
    from_version = fields.Nested(DefinitionSchema, attribute="source", data_key="from")
    to_version = fields.Nested(DefinitionSchema, attribute="target", data_key="to")
    changes = fields.List(fields.Nested(ElementChangeSchema))
    possible = fields.Boolean(metadata={
        "description": "False when the case stands on an element the target lacks: migrating it is refused."})
    standing = fields.List(fields.Nested(StandingSchema), metadata={
        "description": "The places the case stands on that a person knows: its tasks, waiting timers, called "
                       "processes and sub-processes, and any element in error or missing from the target version. "
                       "The engine's own tasks (Start, Root, joins, escalation catchers) are left out."})
    diagrams = fields.List(fields.Nested(DiagramPairSchema), metadata={
        "description": "The files worth drawing, in both versions: the called processes the case stands in (the "
                       "innermost first), the process's own, and those that changed; each with its changes and "
                       "the places listed in `standing` that are drawn in it."})

    @pre_dump
    def known_places(self, preview: MigrationPreview, **kwargs) -> dict:
        """Keep of where the case stands the places a person knows, on the list and on each diagram."""
        check = preview.checks[0]
        return {"source": preview.source, "target": preview.target, "changes": preview.changes,
                "possible": check.possible, "standing": known_standing(preview)[check.instance_id],
                "diagrams": [replace(pair, standing=known_on_diagram(preview, pair.standing))
                             for pair in preview.diagrams]}


class BatchSchema(Schema):
    action = fields.String(required=True, validate=validate.OneOf(["suspend", "resume", "terminate", "retry",
                                                                    "migrate"]))
    instances = fields.List(_row_id(), required=True, validate=validate.Length(min=1, max=500))
    reason = fields.String(load_default=None)
    version = _row_id(load_default=None)


class BatchResultSchema(Schema):
    instance_id = fields.Integer()
    ok = fields.Boolean()
    code = fields.String()
    message = fields.String()
    details = fields.Dict()


class AccountSchema(Schema):
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    organ = fields.String(attribute="organ_code", allow_none=True)
    active = fields.Boolean()


class NewAccountSchema(AccountSchema):
    token = fields.String(metadata={"description": "the account's API token, shown in this answer only"})


class AccountActiveSchema(AccountSchema):
    changed = fields.Boolean(metadata={"description": "false when the account already was so"})
    tasks_released = fields.Integer()
    tasks_kept = fields.Integer(metadata={"description": "tasks of suspended or failed cases that stay with it"})


class AccountCreateSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    role = fields.String(required=True, validate=validate.Length(min=1, max=16))
    organ = fields.String(load_default=None, validate=validate.Length(max=64))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))
    display_name = fields.String(load_default=None, validate=validate.Length(max=200))


def _said(text: str) -> None:
    if not text.strip():
        raise ValidationError("a reason is required")


class AccountChangeSchema(Schema):
    reason = fields.String(required=True, validate=[validate.Length(min=1, max=2000), _said])


class AccountPasswordSchema(AccountChangeSchema):
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))

