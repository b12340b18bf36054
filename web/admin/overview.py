"""The console's front page: how many cases stand where, what failed, what is late, what is provisional."""
from __future__ import annotations

from flask import render_template

from processes.case_admin import console_summary

from . import bp
from .labels import STATUS, STATUS_TONE


@bp.get("/")
def overview():
    """Show counts by status, the latest failures, and links into the console."""
    return render_template("admin/overview.html", summary=console_summary(), statuses=STATUS, tones=STATUS_TONE)
