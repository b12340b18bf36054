"""A portal form sent after its browser session ended: kept as typed, never a bare error page.

A petition takes long to write, and a phone may close the browser meanwhile, its session (and
the form's token) with it. The petitioner then sees her form again as she wrote it, or the
look-up with the number she typed; a case opened in the session is closed with it.
"""
from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext as _

from ..csrf import FormExpired
from . import bp
from .access import to_lookup
from .submit import show_expired


@bp.errorhandler(FormExpired)
def form_expired(_error: FormExpired):
    """Answer a portal form whose session ended with its page again."""
    if request.endpoint in ("portal.submit", "portal.submit_rows"):
        return show_expired()
    message = _("This page had been open too long to be sent. Please try again.")
    if request.endpoint == "portal.query":
        return render_template("portal/index.html", number=request.form.get("number", ""), error=message), 400
    flash(message, "error")
    return to_lookup()
