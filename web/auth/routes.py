"""Sign-in with username and password; sign-out."""
from __future__ import annotations

from urllib.parse import urlparse

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from processes.sign_in import SignInRefused, SignInResting, check_password

from ..i18n import to_cst
from ..unit_of_work import committed
from . import bp
from .schemas import SignInForm


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect would hand a signed-in user to another site.
    if target and not urlparse(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("home.index")


def _refuse(message: str, status: int):
    return render_template("auth/login.html", username=request.form.get("username", ""), error=message), status


@bp.get("/login")
def login():
    """Show the sign-in form."""
    return render_template("auth/login.html", username="", error=None)


@bp.post("/login")
@committed
def login_post():
    """Sign the user in; wrong passwords count towards a rest of the username (processes/sign_in.py)."""
    try:
        form = SignInForm().load(request.form)
        user = check_password(form["username"], form["password"])
    except SignInResting as exc:
        until = to_cst(exc.details["until"]).strftime("%Y-%m-%d %H:%M")
        return _refuse(_("Too many wrong passwords were entered for this username. To protect the account, it "
                         "accepts no password until %(time)s (Beijing time); try again then, or ask an "
                         "administrator.", time=until), 429)
    except (ValidationError, SignInRefused):
        return _refuse(_("The username or password is not right."), 401)
    lang = session.get("lang")
    session.clear()
    session["username"] = user.username
    if lang:
        session["lang"] = lang
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
def logout():
    """Sign out."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))
