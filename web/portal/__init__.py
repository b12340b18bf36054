"""The petitioner's portal: submit online, follow progress, evaluate, request review (Art. 17-21, 35-36)."""
from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/portal", template_folder="templates")

from . import follow, submit  # noqa: E402,F401  (routes attach to bp)
