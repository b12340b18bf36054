"""Accounts: list, open, disable or enable with a reason, give a new password (administrators only)."""
from __future__ import annotations

from flask_smorest import Blueprint

from processes.account_changes import give_password, open_account, set_account_active
from processes.accounts import get_user, list_users

from ..auth_tokens import current_user, require_role
from ..unit_of_work import committed
from .schemas import (AccountActiveSchema, AccountChangeSchema, AccountCreateSchema, AccountPasswordSchema,
                      AccountSchema, NewAccountSchema)

bp = Blueprint("api_users", __name__, url_prefix="/api/v1/users", description="Accounts")


@bp.get("")
@require_role("admin")
@bp.response(200, AccountSchema(many=True))
def accounts():
    """List every account: username, name, role, organ, whether it may sign in."""
    return list_users()


@bp.post("")
@require_role("admin")
@bp.arguments(AccountCreateSchema())
@bp.response(201, NewAccountSchema)
@committed
def create_account(body: dict):
    """Open an account; its API token is in this answer only."""
    user, token = open_account(body["username"], body["role"], body.get("organ"), body["password"],
                               body.get("display_name"), current_user().username)
    return {**AccountSchema().dump(user), "token": token}


def _active(name: str, active: bool):
    @bp.post(f"/<username>/{name}", endpoint=f"{name}_account")
    @require_role("admin")
    @bp.arguments(AccountChangeSchema())
    @bp.response(200, AccountActiveSchema)
    @committed
    def act(body: dict, username: str):
        change = set_account_active(username, active, current_user().username, body["reason"])
        return {**AccountSchema().dump(get_user(username)), "changed": change.changed,
                "tasks_released": change.released, "tasks_kept": change.kept}

    act.__doc__ = (f"{name.capitalize()} an account, with a reason kept in its history"
                   + ("; the tasks it held go back to their groups." if not active else "."))
    return act


disable = _active("disable", False)
enable = _active("enable", True)


@bp.post("/<username>/password")
@require_role("admin")
@bp.arguments(AccountPasswordSchema())
@bp.response(200, AccountSchema)
@committed
def new_password(body: dict, username: str):
    """Give an account a new password, with a reason kept in its history."""
    give_password(username, body["password"], current_user().username, body["reason"])
    return get_user(username)
