"""The form editor: the definitions in forms/, a live preview, and saves that cannot break a diagram."""
from __future__ import annotations

import hashlib
import json

from flask import jsonify, render_template, request, url_for
from flask_babel import gettext as _
from jinja2.utils import htmlsafe_json_dumps

from engine import current_engine
from processes import form_design
from processes.form_design import FormRefused, form_details, list_forms
from processes.form_subset import check_form, problem

from ..auth_tokens import current_user, require_role
from ..form_rendering import render_form
from ..form_values import lang_of, text
from . import bp
from .schemas import FormPreviewSchema, FormSaveSchema, load
from .wording import kind_label, localized

NEW_FORM = {
    "title": {"zh": "新表单", "en": "New form"},
    "type": "object",
    "required": ["note"],
    "properties": {"note": {"type": "string", "title": {"zh": "说明", "en": "Note"}, "maxLength": 2000}},
    "uiSchema": {"ui:order": ["note"], "note": {"ui:widget": "textarea"}},
}


def repeated_fields(definition: dict) -> list[dict]:
    """Return a finding for each name the editor gave to two fields.

    A form holds one field of a name: of two fields named alike only one reaches the server, so a save
    would drop the other without a word. The editor's field order still lists both; so do its required names.
    """
    ui = definition.get("uiSchema")
    listed = [ui.get("ui:order"), definition.get("required")] if isinstance(ui, dict) else [definition.get("required")]
    repeated = set()
    for names in listed:
        names = [name for name in names if isinstance(name, str)] if isinstance(names, list) else []
        repeated.update(name for name in names if names.count(name) > 1)
    return [problem(f"properties.{name}", "field_repeated", f"two fields are named {name!r}", field=name)
            for name in sorted(repeated)]


def form_token(key: str) -> str | None:
    """Return a token of a form file's text as it is now (None: there is no such file)."""
    try:
        content = (current_engine().forms_dir / f"{key}.json").read_bytes()
    except OSError:
        return None
    return hashlib.sha256(content).hexdigest()[:16]


def _keep_others_form(key: str, data: dict):
    """Return a 409 answer if the form's file changed since the editor opened it (None: go ahead)."""
    if data["new"] or data.get("based_on") is None or data["replace"] or form_token(key) == data["based_on"]:
        return None
    message = _("Someone saved the form %(key)s after this page opened it. Replace that version with yours? "
                "(Cancel keeps it; your edits stay on the page: reload it in another tab to see that version.)",
                key=key)
    return jsonify(error="form_changed", message=message), 409


@bp.errorhandler(FormRefused)
def form_refused(exc: FormRefused):
    """Answer a refused form with each finding, naming the field it is about."""
    return jsonify(error=exc.code, message=_("The form was not saved."), problems=localized(exc.problems)), 422


@bp.app_template_filter("label")
def label_filter(value, locale: str = "zh_CN") -> str:
    """Show a bilingual text in a language."""
    return text(value, lang_of(locale))


@bp.get("/forms/")
@require_role("designer")
def forms():
    """List the forms, where each is shown, and any that is out of the documented subset."""
    return render_template("designer/forms.html", forms=list_forms(current_engine().forms_dir))


def _editor(key: str | None, definition: dict, uses: list, readers: dict):
    readers_json = {name: [{"process": r.process, "version": r.version, "element": r.element,
                            "kind": kind_label(r.kind), "text": r.text} for r in found]
                    for name, found in readers.items()}
    save_url = url_for("designer.save_form", key=key) if key else None
    token = form_token(key) if key else None
    # The definition goes to the page in its file's order (the page's other data is sorted): a save
    # then writes the fields where they were, and the file's history shows only what was edited.
    definition_json = htmlsafe_json_dumps(definition, dumps=json.dumps, ensure_ascii=False)
    return render_template("designer/form_editor.html", key=key, definition_json=definition_json, uses=uses,
                           readers=readers_json, save_url=save_url, token=token)


@bp.get("/forms/new")
@require_role("designer")
def new_form():
    """Open the editor on a new form."""
    return _editor(None, NEW_FORM, [], {})


@bp.get("/forms/<key>")
@require_role("designer")
def edit_form(key: str):
    """Open the editor on a form, with the deployed tasks that show it and what reads its fields."""
    definition, uses, readers = form_details(current_engine().forms_dir, key)
    return _editor(key, definition, uses, readers)


@bp.post("/forms/<key>")
@require_role("designer")
def save_form(key: str):
    """Write the form to forms/ once it passes every check (a refusal names the fields at fault)."""
    # No @committed: a form is a file, written atomically by the service; no row changes here.
    data = load(FormSaveSchema(), request.get_json(silent=True))
    if (conflict := _keep_others_form(key, data)) is not None:
        return conflict
    if repeated := repeated_fields(data["definition"]):
        raise FormRefused("The form was not saved: two fields have one name.", repeated)
    form_design.save_form(current_engine().forms_dir, key, data["definition"], current_user().username,
                          new=data["new"])
    return jsonify(key=key, saved=True, url=url_for("designer.edit_form", key=key), token=form_token(key))


@bp.post("/form-preview")
@require_role("designer")
def preview():
    """Render a definition with the handler desk's own renderer, with what keeps it out of the subset."""
    data = load(FormPreviewSchema(), request.get_json(silent=True))
    problems = repeated_fields(data["definition"]) or check_form(data["definition"])
    # Only a definition in the subset is drawn; the page keeps the last good preview meanwhile.
    html = "" if problems else str(render_form(data["definition"], {}, {}, data["locale"]))
    return jsonify(html=html, problems=localized(problems))
