"""The process designer's studio: model, check and deploy diagrams, edit forms, compare versions."""
from flask import Blueprint

bp = Blueprint("designer", __name__, url_prefix="/designer", template_folder="templates")

from . import form_editor, studio, trace, versions  # noqa: E402,F401  (routes attach themselves to bp)
