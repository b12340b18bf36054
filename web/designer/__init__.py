"""The process designer's studio: model, check and deploy diagrams, edit forms, compare versions."""
from flask import Blueprint

# The draft table must be known before the app's create_all; engine/__init__.py:init_engine is
# the better home for this import (it is not this package's file to change).
import engine.drafts  # noqa: F401

bp = Blueprint("designer", __name__, url_prefix="/designer", template_folder="templates")

from . import form_editor, studio, versions  # noqa: E402,F401  (routes attach themselves to bp)
