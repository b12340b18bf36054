"""Sign-in with username and password; sign-out."""
from __future__ import annotations

from urllib.parse import urlparse

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from processes.accounts import authenticate

from . import bp


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect would hand a signed-in user to another site.
    if target and not urlparse(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form and sign the user in."""
    if request.method == "POST":
        user = authenticate(request.form.get("username", ""), request.form.get("password", ""))
        if user is None:
            flash(_("The username or password is not right."), "error")
            return render_template("auth/login.html", username=request.form.get("username", "")), 401
        lang = session.get("lang")
        session.clear()
        session["username"] = user.username
        if lang:
            session["lang"] = lang
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", username="")


@bp.post("/logout")
def logout():
    """Sign out."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))
