"""Configuration from the environment, with embedded defaults that work on a fresh machine."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from processes.limit_settings import InvalidSetting
from processes.look_up_limits import LOOK_UPS, limits_from
from processes.sign_in_limits import SIGN_IN, sign_in_limits_from

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def from_environment(instance_path: str) -> dict:
    """Read the XINFANG_* variables into Flask configuration keys."""
    database = os.environ.get("XINFANG_DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'xinfang.sqlite3'}"
    clock = os.environ.get("XINFANG_CLOCK", "real").lower()
    if clock not in ("real", "simulated"):
        raise InvalidSetting("XINFANG_CLOCK must be 'real' or 'simulated'")
    return {
        "SQLALCHEMY_DATABASE_URI": database,
        "SECRET_KEY": os.environ.get("XINFANG_SECRET_KEY") or _instance_secret(instance_path),
        "XINFANG_CLOCK": clock,
        "XINFANG_BPMN_DIR": os.environ.get("XINFANG_BPMN_DIR", str(PROJECT_ROOT / "bpmn")),
        "XINFANG_FORMS_DIR": os.environ.get("XINFANG_FORMS_DIR", str(PROJECT_ROOT / "forms")),
        "XINFANG_WORKFLOW_CACHE": int(os.environ.get("XINFANG_WORKFLOW_CACHE", "128")),
        # Reverse proxies in front of the app whose X-Forwarded-For is trusted: with 1, `request.remote_addr`
        # is the address the nearest proxy saw (the portal counts wrong query codes by it); 0 trusts none.
        "XINFANG_PROXIES": int(os.environ.get("XINFANG_PROXIES", "0")),
        # Wrong query codes the portal lets pass per number and per address, the window they count in, and
        # the alarm's level (processes/look_up_limits.py): a bad value stops the app here, saying which.
        **LOOK_UPS.as_settings(limits_from(os.environ)),
        # Wrong passwords the sign-in lets pass per username, and the window they count in
        # (processes/sign_in_limits.py): a bad value stops the app here too.
        **SIGN_IN.as_settings(sign_in_limits_from(os.environ)),
        "MAX_CONTENT_LENGTH": int(os.environ.get("XINFANG_MAX_UPLOAD_MB", "20")) * 1024 * 1024,
    }


def _instance_secret(instance_path: str) -> str:
    # A stable secret per installation, so sessions survive a restart without any set-up.
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


API = {
    "API_TITLE": "xinfang",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "BABEL_DEFAULT_LOCALE": "zh_CN",
    "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
    # One catalogue per package, so each part of the app keeps its own translations.
    "BABEL_TRANSLATION_DIRECTORIES": ";".join(
        ["translations"] + [f"{part}/translations" for part in ("portal", "tasks", "admin", "designer")]),
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
}
