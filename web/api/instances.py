"""Process instances: start, inspect, suspend, resume, terminate, retry, migrate, go back to an earlier step,
send a message."""
from __future__ import annotations

from flask_smorest import Blueprint

from engine.batch import run_batch
from engine.history import history_for
from engine.instances import (get_instance, resume_instance, retry_instance, start_instance, suspend_instance,
                              terminate_instance, update_data)
from engine.messages import send_message, waiting_messages
from engine.migration import migrate_instance
from engine.migration_preview import preview_migrations
from engine.queries import InstanceQuery, list_instances
from engine.rewind import earlier_steps, rewind_instance
from engine.timers import instance_timers

from ..auth_tokens import current_user, require_role
from ..unit_of_work import committed
from .schemas import (BatchResultSchema, BatchSchema, DataChangeSchema, EarlierStepSchema, InstanceCreateSchema,
                      InstanceQuerySchema, InstanceSchema, InstanceSummarySchema, MessageSchema, MigrateSchema,
                      MigrationPreviewSchema, MigrationQuerySchema, ReasonSchema, RewindSchema, WaitingMessagesSchema)

bp = Blueprint("api_instances", __name__, url_prefix="/api/v1/instances", description="Process instances")


_SUMMARY_FIELDS = tuple(InstanceSummarySchema().fields)


def _full(instance_id: int) -> dict:
    instance = get_instance(instance_id)
    view = {name: getattr(instance, name) for name in _SUMMARY_FIELDS}
    # next_timer_at is kept by every save: None means no timer waits, so there are no rows to read.
    timers = instance_timers(instance_id) if instance.next_timer_at is not None else []
    view.update(data=instance.data, timers=timers, history=history_for(instance_id))
    return view


@bp.post("")
@require_role("admin")
@bp.arguments(InstanceCreateSchema())
@bp.response(201, InstanceSchema)
@committed
def create_instance(body: dict):
    """Start an instance of a deployed process with a business key and data."""
    instance = start_instance(body["process"], body["business_key"], body["data"], current_user().username,
                              version=body["version"])
    return _full(instance.id)


@bp.get("")
@require_role("admin")
@bp.arguments(InstanceQuerySchema(), location="query")
@bp.response(200, InstanceSummarySchema(many=True))
def find_instances(query: dict):
    """List instances, filtered and paged; the total is in the X-Total-Count header."""
    rows, total = list_instances(InstanceQuery(**query))
    return rows, 200, {"X-Total-Count": str(total)}


@bp.get("/<int:instance_id>")
@require_role("admin")
@bp.response(200, InstanceSchema)
def show_instance(instance_id: int):
    """Show an instance: status, version, active elements, data, timers, history."""
    return _full(instance_id)


def _action(name: str, service):
    @bp.post(f"/<int:instance_id>/{name}", endpoint=f"{name}_instance")
    @require_role("admin")
    @bp.arguments(ReasonSchema())
    @bp.response(200, InstanceSchema)
    @committed
    def act(body: dict, instance_id: int):
        service(instance_id, current_user().username, body.get("reason"))
        return _full(instance_id)

    act.__doc__ = f"{name.capitalize()} an instance."
    return act


suspend = _action("suspend", suspend_instance)
resume = _action("resume", resume_instance)
terminate = _action("terminate", terminate_instance)
retry = _action("retry", retry_instance)


@bp.post("/<int:instance_id>/data")
@require_role("admin")
@bp.arguments(DataChangeSchema())
@bp.response(200, InstanceSchema)
@committed
def change_data(body: dict, instance_id: int):
    """Change case data of a suspended instance, with a reason."""
    update_data(instance_id, body["data"], current_user().username, body["reason"])
    return _full(instance_id)


@bp.get("/<int:instance_id>/migration")
@require_role("admin")
@bp.arguments(MigrationQuerySchema(), location="query")
@bp.response(200, MigrationPreviewSchema)
def preview_migration(query: dict, instance_id: int):
    """Show what migrating an instance would change: the versions, their differences, where it stands."""
    previews = preview_migrations([instance_id], query["version"])
    for _instance_id, refusal in previews.unmovable:
        raise refusal
    return previews.groups[0]


@bp.post("/<int:instance_id>/migrate")
@require_role("admin")
@bp.arguments(MigrateSchema())
@bp.response(200, InstanceSchema)
@committed
def migrate(body: dict, instance_id: int):
    """Move an instance to another (default: the newest) version; 409 lists the missing elements."""
    migrate_instance(instance_id, body["version"], current_user().username, body["reason"])
    return _full(instance_id)


@bp.get("/<int:instance_id>/earlier-steps")
@require_role("admin")
@bp.response(200, EarlierStepSchema(many=True))
def list_earlier_steps(instance_id: int):
    """List the completed user tasks an open instance can go back to, the latest first."""
    return earlier_steps(get_instance(instance_id))


@bp.post("/<int:instance_id>/rewind")
@require_role("admin")
@bp.arguments(RewindSchema())
@bp.response(200, InstanceSchema)
@committed
def rewind(body: dict, instance_id: int):
    """Go back to an earlier step: the completed task is ready again, the steps after it are undone."""
    rewind_instance(instance_id, body["task"], current_user().username, body["reason"])
    return _full(instance_id)


@bp.get("/<int:instance_id>/messages")
@require_role("admin")
@bp.response(200, WaitingMessagesSchema)
def list_waiting_messages(instance_id: int):
    """List the names of the messages the instance waits for now."""
    return {"messages": waiting_messages(instance_id)}


@bp.post("/<int:instance_id>/messages")
@require_role("admin")
@bp.arguments(MessageSchema())
@bp.response(200, InstanceSchema)
@committed
def deliver_message(body: dict, instance_id: int):
    """Send a message to an instance waiting for it: its data goes into the case data under the message's
    name and the instance runs on; 409 when the instance is not waiting for it."""
    send_message(instance_id, body["name"], body["data"], current_user().username, body["reason"])
    return _full(instance_id)


BATCH_ACTIONS = {"suspend": suspend_instance, "resume": resume_instance, "terminate": terminate_instance,
                 "retry": retry_instance}


@bp.post("/batch")
@require_role("admin")
@bp.arguments(BatchSchema())
@bp.response(200, BatchResultSchema(many=True))
def batch(body: dict):
    """Apply one action to many instances; each succeeds or fails on its own."""
    actor, reason = current_user().username, body["reason"]
    if body["action"] == "migrate":
        return run_batch(body["instances"], lambda i: migrate_instance(i, body["version"], actor, reason))
    service = BATCH_ACTIONS[body["action"]]
    return run_batch(body["instances"], lambda i: service(i, actor, reason))
