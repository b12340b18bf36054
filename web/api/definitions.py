"""Deployed process definitions: list them, deploy uploaded diagrams."""
from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from flask_smorest import Blueprint, abort

from engine.definitions import deploy, list_versions

from ..auth_tokens import current_user, require_role
from ..unit_of_work import committed
from .schemas import DefinitionSchema, DeployResultSchema

bp = Blueprint("api_definitions", __name__, url_prefix="/api/v1/definitions", description="Process definitions")


@bp.get("")
@require_role()
@bp.response(200, DefinitionSchema(many=True))
def list_definitions():
    """List every deployed version, newest first within each process."""
    return list_versions(request.args.get("process"))


@bp.post("")
@require_role("designer")
@bp.response(201, DeployResultSchema)
@committed
def deploy_definitions():
    """Deploy `.bpmn` files uploaded as the repeatable multipart field `file`."""
    uploads = request.files.getlist("file")
    if not uploads:
        abort(400, message=_("Upload at least one .bpmn file in the field 'file'."))
    files = {upload.filename or "upload.bpmn": upload.read() for upload in uploads}
    return deploy(files, current_user().username)
