"""Migrating a case to another version: the two versions, what differs and where the case stands, then confirm."""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from engine import EngineError, NotFound, db
from engine.migration import migrate_instance
from engine.migration_preview import MigrationPreviews, preview_migrations

from ..auth_tokens import current_user
from ..designer.diff_config import diff_config
from ..designer.wording import CHANGE_LABELS, ELEMENT_LABELS, aspect_label
from ..unit_of_work import committed
from . import bp
from .actions import DONE
from .explain import explain, explain_error
from .labels import STANDING, STATUS, STATUS_TONE
from .labels import gettext as _
from .schemas import MigrateSchema, MigrationQuerySchema, first_errors
from .standing import shown_standing, standing_rows


def preview_words(previews: MigrationPreviews) -> dict[str, Any]:
    """Return the words a migration preview shows: changes and elements as the studio names them, refusals."""
    refusals = {check.instance_id: explain("migration_refused", {"missing": check.missing,
                                                                 "version": check.to_version}, "migrate")
                for group in previews.groups for check in group.refused}
    refusals.update({instance_id: explain_error(exc, "migrate") for instance_id, exc in previews.unmovable})
    return {"change_label": lambda kind: str(CHANGE_LABELS.get(kind, kind)),
            "element_label": lambda tag: str(ELEMENT_LABELS.get(tag, tag)), "aspect_label": aspect_label,
            "standing_labels": STANDING, "standing_rows": standing_rows, "statuses": STATUS, "tones": STATUS_TONE,
            "refusals": refusals}


def _diagrams(previews: MigrationPreviews) -> dict[str, Any] | None:
    # Each file worth drawing, in both versions, with the changes and the case's elements to mark on it.
    if not previews.groups:
        return None
    config = diff_config(previews.groups[0].diagrams, kinds={kind: str(label) for kind, label in STANDING.items()},
                         labels={"here": _("here"), "missing": _("not in new"),
                                 "absent": _("This version has no such process.")})
    shown_standing(previews.groups[0], config["diagrams"])
    return config


def render_migration(instance_id: int, version: int | None, errors: dict[str, str] | None = None,
                     typed: dict[str, Any] | None = None, status: int = 200):
    """Render what migrating one instance to `version` would change, with the form that confirms it."""
    errors = dict(errors or {})
    previews = preview_migrations([instance_id], version)
    if previews.unmovable:
        ((_id, exc),) = previews.unmovable
        if getattr(exc, "code", "") == "not_found" and "version" not in exc.details:
            abort(404, _("No such case."))
        errors.setdefault("migrate", explain_error(exc, "migrate"))
        status = max(status, 409)
    return render_template("admin/migration.html", instance_id=instance_id, version=version, previews=previews,
                           diagrams=_diagrams(previews), errors=errors, typed=typed or {},
                           **preview_words(previews)), status


def _typed_version(typed: dict[str, str]) -> int | None:
    # A refused form shows the preview of the version it named, if it named one that can be.
    try:
        return MigrationQuerySchema().load({"version": typed.get("version", "")})["version"]
    except ValidationError:
        return None


@bp.get("/instances/<int:instance_id>/migration")
def migration(instance_id: int):
    """Show the versions, what differs between them and where the case stands, before it is migrated."""
    try:
        wanted = MigrationQuerySchema().load(request.args)
    except ValidationError as exc:
        return render_migration(instance_id, None, errors=first_errors(exc), status=422)
    return render_migration(instance_id, wanted["version"])


@bp.post("/instances/<int:instance_id>/migrate")
@committed
def migrate(instance_id: int):
    """Move the instance to another version of its process, or say what that version lacks."""
    typed = request.form.to_dict()
    try:
        form = MigrateSchema().load(request.form)
        migrate_instance(instance_id, form["version"], current_user().username, form["reason"])
    except ValidationError as exc:
        return render_migration(instance_id, _typed_version(typed), errors=first_errors(exc), typed=typed, status=422)
    except EngineError as exc:
        db.session.rollback()  # nothing of a refused migration is kept
        if isinstance(exc, NotFound) and "version" not in exc.details:
            abort(404, _("No such case."))
        return render_migration(instance_id, form["version"], errors={"migrate": explain_error(exc, "migrate")},
                                typed=typed, status=409)
    flash(str(DONE["migrate"]), "success")
    return redirect(url_for("admin.instance", instance_id=instance_id))
