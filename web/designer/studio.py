"""The modeller: open a deployed or draft diagram, save drafts, upload, check and deploy."""
from __future__ import annotations

import hashlib

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine import DeployError, NotFound, current_engine
from engine.definitions import MAX_DIAGRAM_BYTES, get_version
from engine.design_rules import check_roles, check_sources, deploy_file
from engine.drafts import check_file_name, diagram_text, discard_draft, find_draft, save_draft
from engine.errors import nothing_deployed
from processes.accounts import ROLES
from processes.form_design import form_keys
from processes.stage_templates import as_json, stage_templates

from ..auth_tokens import current_user, require_role
from ..i18n import to_cst
from ..unit_of_work import committed
from . import bp, overview
from .schemas import DiagramSchema, DraftSchema, NewDiagramSchema, load
from .starter import starter_diagram
from .vendor_words import vendor_words
from .wording import function_help, localized, refused_diagram, template_names, unreadable_texts

LANE_ROLES = [role for role in ROLES if role not in ("admin", "designer")]
bp.context_processor(template_names)


@bp.errorhandler(DeployError)
def refused(exc: DeployError):
    """Answer a refused diagram with its findings, each naming its element, in the page's language."""
    message, problems = refused_diagram(exc)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error=exc.code, message=message, problems=problems), exc.status
    # A finding the message already says is not listed a second time below it.
    listed = [problem for problem in problems if problem["text"] not in message]
    return render_template("designer/refused.html", message=message, problems=listed), exc.status


@bp.get("/")
@require_role("designer")
def index():
    """List the processes, their newest versions, the drafts and the ways to start a diagram."""
    return render_template("designer/index.html", processes=overview.process_summaries(),
                           drafts=overview.drafts(), max_kb=MAX_DIAGRAM_BYTES // 1024)


def _modeller(file: str, xml: str, origin: str, version=None):
    engine = current_engine()
    # The draft this page shows; a save or deploy over another one asks first (see _keep_others_draft).
    draft = find_draft(file) if origin == "draft" else None
    templates = stage_templates()
    return render_template("designer/modeller.html", file=file, xml=xml, origin=origin, version=version,
                           functions=function_help(), forms=form_keys(engine.forms_dir), roles=LANE_ROLES,
                           vendor_words=vendor_words(), draft_token=_token(draft), templates=templates,
                           templates_json=as_json(templates), unreadable=unreadable_texts())


def _token(draft) -> str | None:
    # The text itself tells one draft from another: save times can coincide (a simulated clock).
    return hashlib.sha256(draft.xml.encode("utf-8")).hexdigest()[:16] if draft is not None else None


def _keep_others_draft(file: str, data: dict):
    """Return a 409 answer if the file's draft is not the one the page opened (None: go ahead)."""
    if "based_on" not in data or data["replace"]:
        return None
    draft = find_draft(file)
    if _token(draft) == data["based_on"]:
        return None
    message = _("%(who)s saved another draft of %(file)s at %(when)s, after this page opened it. Replace that "
                "draft with this diagram? (Cancel keeps that draft; this diagram stays on the page to download.)",
                who=draft.updated_by, file=file, when=to_cst(draft.updated_at).strftime("%Y-%m-%d %H:%M")) \
        if draft else _("The draft of %(file)s this page opened was deployed or discarded meanwhile. "
                        "Go ahead with this diagram?", file=file)
    return jsonify(error="draft_changed", message=message,
                   draft={"updated_at": draft.updated_at.isoformat(), "updated_by": draft.updated_by} if draft
                   else None), 409


@bp.get("/diagrams/<file>")
@require_role("designer")
def edit(file: str):
    """Open a file in the modeller: its draft if there is one, else its newest deployed text."""
    xml, origin = diagram_text(check_file_name(file))
    return _modeller(file, xml, origin)


@bp.get("/versions/<int:definition_id>/diagrams/<file>")
@require_role("designer")
def edit_version(definition_id: int, file: str):
    """Open a file as a given deployed version has it."""
    version = get_version(definition_id)
    xml, origin = diagram_text(file, version)
    return _modeller(file, xml, origin, version)


@bp.get("/versions/<int:definition_id>/diagrams/<file>/download")
@require_role("designer")
def download(definition_id: int, file: str):
    """Download a deployed version's file as `.bpmn`, for a desktop modeller."""
    xml, _origin = diagram_text(file, get_version(definition_id))
    return Response(xml, mimetype="application/xml",
                    headers={"Content-Disposition": f'attachment; filename="{check_file_name(file)}"'})


@bp.post("/diagrams/<file>/draft")
@require_role("designer")
@committed
def save(file: str):
    """Save the modeller's text as the file's draft."""
    data = load(DraftSchema(), request.get_json(silent=True))
    if (conflict := _keep_others_draft(check_file_name(file), data)) is not None:
        return conflict
    draft = save_draft(file, data["xml"].encode("utf-8"), current_user().username)
    return jsonify(file=draft.file, updated_at=draft.updated_at.isoformat(), updated_by=draft.updated_by,
                   token=_token(draft))


@bp.post("/diagrams/<file>/discard")
@require_role("designer")
@committed
def discard(file: str):
    """Throw a draft away; the deployed text stays."""
    if not discard_draft(check_file_name(file)):
        raise NotFound(_("There is no draft of %(file)s.", file=file))
    flash(_("The draft of %(file)s was discarded.", file=file), "info")
    return redirect(url_for("designer.index"))


@bp.post("/new")
@require_role("designer")
@committed
def new():
    """Start a new process from the starter diagram, saved as a draft."""
    data = load(NewDiagramSchema(), request.form)
    file = f"{data['process_id']}.bpmn"
    try:
        diagram_text(file)
    except NotFound:
        starter = starter_diagram(data["process_id"], data["name"], _("First task"), _("Start"), _("End"))
        save_draft(file, starter.encode("utf-8"), current_user().username)
        return redirect(url_for("designer.edit", file=file))
    raise DeployError(_("A diagram called %(file)s exists already; open it instead.", file=file),
                      [{"file": file, "element": None, "message": "file exists"}])


@bp.post("/upload")
@require_role("designer")
@committed
def upload():
    """Take a `.bpmn` made in a desktop modeller as a draft (read safely, within the size limit).

    A file the studio refuses (not BPMN, no process in it, a draft in the way) is said on the studio's
    page, above the upload form, and changes nothing: a draft of the same file stays as it was.
    """
    received = request.files.get("file")
    try:
        file = _take_upload(received, replace=request.form.get("replace") == "on")
    except DeployError as exc:
        flash(_upload_refusal(exc, received), "error")
        return redirect(url_for("designer.index"))
    flash(_("%(file)s was uploaded as a draft. Check it, then deploy it.", file=file), "success")
    return redirect(url_for("designer.edit", file=file))


def _upload_refusal(exc: DeployError, received) -> str:
    message, problems = refused_diagram(exc)
    if "reason" in exc.details and len(problems) == 1:  # a sentence of its own, where the engine's is a clause
        message = _("The diagram %(file)s was not accepted: %(reason)s", file=problems[0]["file"],
                    reason=problems[0]["text"])
    file = _plain_name(received.filename) if received is not None and received.filename else None
    if exc.problems and file and _existing_draft(file) is not None:  # its content was refused, not the draft
        message = " ".join((message, _("The draft of %(file)s is kept as it was.", file=file)))
    return message


def _plain_name(filename: str) -> str:
    return filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]


def _existing_draft(file: str):
    try:
        return find_draft(check_file_name(file))
    except DeployError:
        return None


def _take_upload(received, replace: bool) -> str:
    """Save an uploaded file as its draft and return its name, or raise DeployError saying why not."""
    if received is None or not received.filename:
        raise DeployError(_("Choose a .bpmn file to upload."), [])
    content = received.stream.read(MAX_DIAGRAM_BYTES + 1)
    file = check_file_name(_plain_name(received.filename))
    existing = find_draft(file)
    if existing is not None and not replace:  # someone's unfinished work
        raise DeployError(_("%(file)s already has a draft, saved %(when)s by %(who)s. Open it from the list of "
                            "drafts, or upload again with “Replace its draft” ticked.", file=file,
                            when=to_cst(existing.updated_at).strftime("%Y-%m-%d %H:%M"), who=existing.updated_by),
                          [])
    save_draft(file, content, current_user().username)
    return file


@bp.post("/check")
@require_role("designer")
def check():
    """Run the engine's parse and the designer's rules on the modeller's text; list what is wrong."""
    data = load(DiagramSchema(), request.get_json(silent=True))
    sources = {check_file_name(data["file"]): data["xml"].encode("utf-8")}
    problems = check_sources(sources) + check_roles(sources, LANE_ROLES)
    return jsonify(deployable=not problems, problems=localized(problems))


@bp.post("/deploy")
@require_role("designer")
@committed
def deploy():
    """Deploy the modeller's text as a new version (nothing changes when any check fails)."""
    data = load(DiagramSchema(), request.get_json(silent=True))
    if (conflict := _keep_others_draft(check_file_name(data["file"]), data)) is not None:
        return conflict  # a deploy drops the draft: someone else's is not dropped unasked
    if problems := check_roles({data["file"]: data["xml"].encode("utf-8")}, LANE_ROLES):
        raise nothing_deployed(problems)  # tasks no one could take are not deployed
    result = deploy_file(data["file"], data["xml"].encode("utf-8"), current_user().username)
    rows = [{"process": row.process, "version": row.version, "status": status,
             "url": url_for("designer.process", process=row.process)}
            for status, group in (("deployed", result.deployed), ("unchanged", result.unchanged)) for row in group]
    return jsonify(versions=rows)
