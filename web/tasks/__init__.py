"""The handler's desk: inbox, task page, case page, search and staff intake."""
from flask import Blueprint

bp = Blueprint("tasks", __name__, url_prefix="/tasks", template_folder="templates")

from . import (case, inbox, intake, query_code, review_request, search, supervise,  # noqa: E402,F401
               supervision_ledger, task_actions, task_page)  # (routes attach to bp)
