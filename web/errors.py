"""Errors mapped once to HTTP responses: JSON for the API, a readable page for people."""
from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from engine import DeployError, EngineError, FormInvalid, db
from processes.errors import NotFound as ProcessNotFound
from processes.errors import ProcessError

from .refusals import field_errors, problem_errors, refusal_message, request_errors

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_body(code: str, message: str, **extra) -> dict:
    """Return the JSON shape every API error has."""
    return {"error": code, "message": message, **extra}


def _respond(code: str, message: str, status: int, **extra):
    if _wants_json():
        return jsonify(error_body(code, message, **extra)), status
    return render_template("error.html", code=code, message=message, status=status), status


# What an HTTP error says when whoever raised it gave no words of their own (werkzeug's are English).
HTTP_WORDS = {
    400: _l("The request is not valid."),
    401: _l("Please sign in."),
    403: _l("Your role may not do this."),
    404: _l("There is nothing at this address."),
    405: _l("This address does not take this kind of request."),
    413: _l("What was sent is too large."),
}


def _http_message(exc: HTTPException) -> str:
    """Return the words an abort gave, or the reader's words for its status."""
    if exc.description and exc.description != type(exc).description:
        return exc.description
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if exc.code == 413 and limit:
        return _("What was sent is larger than %(mb)s MB, the most this server takes.", mb=limit // 2**20)
    return str(HTTP_WORDS.get(exc.code or 500, exc.name))


def _http_headers(exc: HTTPException) -> list[tuple[str, str]]:
    """Return the headers the status asks for: the methods an address takes (405), how to sign in (401)."""
    headers = [(name, value) for name, value in exc.get_headers() if name.lower() != "content-type"]
    if exc.code == 401 and request.path.startswith("/api/") and not any(
            name.lower() == "www-authenticate" for name, _value in headers):
        headers.append(("WWW-Authenticate", 'Bearer realm="xinfang"'))
    return headers


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(EngineError)
    def engine_error(exc: EngineError):
        extra = {key: value for key, value in exc.details.items() if key in ("errors", "problems", "missing")}
        if isinstance(exc, FormInvalid):
            extra["errors"] = field_errors(exc)
        if isinstance(exc, DeployError):  # each finding also with a `text` in the reader's language, as in the studio
            from .designer.wording import refused_diagram

            message, extra["problems"] = refused_diagram(exc)
            return _respond(exc.code, message, exc.status, **extra)
        return _respond(exc.code, refusal_message(exc), exc.status, **extra)

    @app.errorhandler(ProcessError)
    def process_error(exc: ProcessError):
        status = 404 if isinstance(exc, ProcessNotFound) else getattr(exc, "status", 422)
        extra = {"fields": exc.fields} if getattr(exc, "fields", None) else {}
        if getattr(exc, "field_problems", None):
            extra["errors"] = problem_errors(exc.field_problems)
        return _respond(exc.code, refusal_message(exc), status, **extra)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        data = getattr(exc, "data", None) or {}
        if data.get("messages"):
            return _respond("invalid_request", _("The request is not valid."), exc.code or 400,
                            errors=request_errors(data["messages"]))
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 401: "unauthorized",
                403: "forbidden", 400: "bad_request", 409: "conflict"}.get(exc.code or 500, "http_error")
        body, status = _respond(code, data.get("message") or _http_message(exc), exc.code or 500)
        return body, status, _http_headers(exc)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unexpected error on %s", request.path)
        db.session.rollback()
        return _respond("internal_error", _("Something went wrong on our side; nothing was saved."), 500)
