"""The REST API at /api/v1: JSON, marshmallow schemas, OpenAPI document, token auth."""
from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from .schemas import ErrorSchema


class XinfangApi(Api):
    """The API, whose document describes its errors as they are answered (web/errors.py)."""

    ERROR_SCHEMA = ErrorSchema


def init_app(app: Flask) -> Api:
    """Mount every API blueprint."""
    from . import calendar, clock, definitions, instances, petitions, tasks, users

    api = XinfangApi(app, spec_kwargs={"components": {"securitySchemes": {
        "bearer": {"type": "http", "scheme": "bearer"}}}, "security": [{"bearer": []}]})
    for module in (definitions, instances, tasks, calendar, clock, petitions, users):
        api.register_blueprint(module.bp)
    return api
