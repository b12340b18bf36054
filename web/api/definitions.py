"""Deployed process definitions: list them, show one version and its diagrams, deploy uploaded diagrams."""
from __future__ import annotations

from flask import Response, request
from flask_babel import gettext as _
from flask_smorest import Blueprint, abort

from engine.definitions import deploy, find_version, list_versions
from engine.drafts import diagram_text

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


@bp.get("/<process>")
@require_role()
@bp.response(200, DefinitionSchema)
def newest_definition(process: str):
    """Show the newest version of a process."""
    return find_version(process)


@bp.get("/<process>/<int:version>")
@require_role()
@bp.response(200, DefinitionSchema)
def show_definition(process: str, version: int):
    """Show one version of a process; `files` names the diagrams it was deployed from."""
    return find_version(process, version)


@bp.get("/<process>/<int:version>/files/<name>")
@require_role()
@bp.response(200, {"type": "string"}, content_type="application/xml")
def definition_file(process: str, version: int, name: str):
    """Return one diagram of a version as it was deployed (BPMN 2.0 XML), to open in a modeller."""
    text, _origin = diagram_text(name, find_version(process, version))
    response = Response(text, mimetype="application/xml")
    response.headers.set("Content-Disposition", "attachment", filename=name)  # quoted as the name needs
    return response


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
