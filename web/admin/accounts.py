"""Accounts and the rests of sign-in and look-up: opening, disabling and enabling an account, who is kept out
after wrong secrets, and lifting a rest early.

The page also says when wrong query codes from all addresses together raised the portal's alarm.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from engine import db

from processes.access_events import ACCOUNT, ADDRESS, REGISTRATION_NUMBER
from processes.access_overview import access_overview
from processes.account_changes import MIN_PASSWORD, give_password, open_account, set_account_active
from processes.accounts import ROLES, get_user
from processes.errors import InvalidInput, UnknownOrgan, UnknownUser
from processes.organs import list_organs
from processes.look_up_limits import current_limits
from processes.query_attempts import address_rests_until, lift_address_rest, lift_number_rest, locked_until
from processes.sign_in import lift_sign_in_rest, sign_in_rests_until
from processes.sign_in_limits import current_sign_in_limits

from ..auth_tokens import current_user
from ..refusals import refusal_message
from ..unit_of_work import committed
from . import bp
from .labels import gettext as _
from .labels import ngettext
from .schemas import AccountActiveSchema, NewAccountSchema, NewPasswordSchema, ReasonSchema, first_errors

NEW = ("username", "display_name", "role", "organ")  # what the new-account form gives back after an error


def _render(errors: dict[str, str] | None = None, typed: dict[str, str] | None = None, status: int = 200,
            created: tuple[str, str] | None = None):
    # As the installation sets them (processes/look_up_limits.py, processes/sign_in_limits.py).
    look_ups, passwords = current_limits(), current_sign_in_limits()
    limits = {ACCOUNT: (passwords.per_username, passwords.window_minutes),
              REGISTRATION_NUMBER: (look_ups.per_number, look_ups.window_minutes),
              ADDRESS: (look_ups.per_address, look_ups.window_minutes),
              "alarm": (look_ups.alarm_level, look_ups.window_minutes)}
    subject = request.args.get("subject", "").strip()[:100] or None
    return render_template("admin/accounts.html", overview=access_overview(subject), subject=subject,
                           errors=errors or {},
                           typed=typed or {}, limits=limits, roles=ROLES, min_password=MIN_PASSWORD, created=created,
                           organs={organ.code: organ for organ in list_organs()}), status


@bp.get("/accounts")
def accounts():
    """List the accounts with their sign-in rests, the numbers and addresses resting after wrong codes, and the
    history."""
    return _render()


def _lift(key: str, rests_until, lift, done: str, not_resting: str):
    """Lift a rest with the reason typed and say `done`; return the page again, saying what is wrong, if
    it is refused. A rest that has ended (a second click, a page left open) is said to have, and nothing
    is recorded."""
    if rests_until() is None:
        flash(not_resting, "info")
        return redirect(url_for("admin.accounts"))
    try:
        lift(current_user().username, ReasonSchema().load(request.form)["reason"])
    except ValidationError as exc:
        return _render({key: first_errors(exc)["reason"]}, {key: request.form.get("reason", "")}, 422)
    flash(done, "success")
    return redirect(url_for("admin.accounts"))


@bp.post("/accounts/<username>/lift")
@committed
def account_lift(username: str):
    """Let an account sign in again before its rest ends, with a reason that goes into the history."""
    try:
        get_user(username)
    except UnknownUser:
        abort(404, _("No user is called '%(username)s'.", username=username))
    return _lift(f"account:{username}", lambda: sign_in_rests_until(username),
                 lambda actor, reason: lift_sign_in_rest(username, actor, reason),
                 _("%(username)s can sign in again.", username=username),
                 _("%(username)s is not kept out: there is no rest to lift.", username=username))


@bp.post("/accounts/numbers/<number>/lift")
@committed
def number_lift(number: str):
    """Let a registration number be looked up again before its rest ends, with a reason for the history."""
    return _lift(f"number:{number}", lambda: locked_until(number),
                 lambda actor, reason: lift_number_rest(number, actor, reason),
                 _("%(number)s can be looked up again with its query code.", number=number),
                 _("%(number)s is not resting: there is no rest to lift.", number=number))


@bp.post("/accounts/addresses/<path:address>/lift")  # path: an IPv6 network is written with its /64
@committed
def address_lift(address: str):
    """Let strangers at a network address look cases up again before its rest ends, with a reason for the history."""
    return _lift(f"address:{address}", lambda: address_rests_until(address),
                 lambda actor, reason: lift_address_rest(address, actor, reason),
                 _("Cases can be looked up again from %(address)s.", address=address),
                 _("%(address)s is not resting: there is no rest to lift.", address=address))


def _refusal(exc: InvalidInput) -> tuple[str, str]:
    """Name the form field an account change was refused for, and say why in the page's language."""
    return (getattr(exc, "fields", None) or ["username"])[0], refusal_message(exc)


@bp.post("/accounts")
@committed
def account_create():
    """Open an account with a role, an organ for staff and a first password; show its API token once."""
    typed = {f"new:{name}": request.form.get(name, "") for name in NEW}
    try:
        form = NewAccountSchema().load(request.form)
        user, token = open_account(form["username"], form["role"], form["organ"], request.form["password"],
                                   form["display_name"], current_user().username)
    except ValidationError as exc:
        return _render({f"new:{name}": message for name, message in first_errors(exc).items()}, typed, 422)
    except UnknownOrgan:
        db.session.rollback()
        return _render({"new:organ": _("No organ has this code.")}, typed, 422)
    except InvalidInput as exc:
        db.session.rollback()
        field, message = _refusal(exc)
        return _render({f"new:{field}": message}, typed, 422)
    # Shown on this page, not through a redirect: the signed session cookie would carry the token in clear.
    return _render(created=(user.username, token))


@bp.post("/accounts/<username>/<any(disable, enable):change>")
@committed
def account_active(username: str, change: str):
    """Disable an account (it signs in no more, its token answers no call) or enable it again, with a reason."""
    try:
        get_user(username)
    except UnknownUser:
        abort(404, _("No user is called '%(username)s'.", username=username))
    key = f"active:{username}"
    try:
        form = AccountActiveSchema().load({**request.form, "active": change == "enable"})
        done = set_account_active(username, form["active"], current_user().username, form["reason"])
    except ValidationError as exc:
        return _render({key: first_errors(exc).get("reason", "")}, {key: request.form.get("reason", "")}, 422)
    except InvalidInput as exc:
        db.session.rollback()
        return _render({key: _refusal(exc)[1]}, {key: request.form.get("reason", "")}, 422)
    if not done.changed:
        flash(_("%(username)s is already enabled.", username=username) if form["active"]
              else _("%(username)s is already disabled.", username=username), "info")
    elif form["active"]:
        flash(_("%(username)s is enabled again and can sign in.", username=username), "success")
    else:
        flash(_("%(username)s is disabled: it cannot sign in and its API token answers no call.",
                username=username), "success")
        if done.released:
            flash(ngettext("The task it held went back to its group, for anyone there to take.",
                           "The %(num)s tasks it held went back to their groups, for anyone there to take.",
                           done.released), "info")
        if done.kept:
            flash(ngettext("%(num)s task in a suspended or failed case is still held by it: reassign it once the "
                           "case goes on.",
                           "%(num)s tasks in suspended or failed cases are still held by it: reassign them once "
                           "the cases go on.", done.kept), "error")
    return redirect(url_for("admin.accounts") + f"#account-{username}")


@bp.post("/accounts/<username>/password")
@committed
def account_password(username: str):
    """Give an account a new password (forgotten, or known to others), with a reason that goes into the history."""
    try:
        get_user(username)
    except UnknownUser:
        abort(404, _("No user is called '%(username)s'.", username=username))
    key = f"password:{username}"
    typed = {f"{key}:reason": request.form.get("reason", "")}  # never the password
    try:
        form = NewPasswordSchema().load(request.form)
        # as typed: a password's spaces are its own
        give_password(username, request.form["password"], current_user().username, form["reason"])
    except ValidationError as exc:
        return _render({f"{key}:{name}": message for name, message in first_errors(exc).items()}, typed, 422)
    flash(_("%(username)s has a new password; tell it to the user in person or on the phone.", username=username),
          "success")
    return redirect(url_for("admin.accounts") + f"#account-{username}")
