"""Language and time zone of every page: Chinese or English, China Standard Time."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import Flask, request, session
from flask_babel import Babel, get_locale

LANGUAGES = ("zh_CN", "en")
CST = ZoneInfo("Asia/Shanghai")


def select_locale() -> str:
    """Pick the language: an explicit choice, then the session, then the browser."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    return request.accept_languages.best_match(LANGUAGES, default="zh_CN") or "zh_CN"


def page_lang() -> str:
    """Return `zh` or `en`, the key of bilingual texts, for this page's language."""
    return "en" if str(get_locale() or "").lower().startswith("en") else "zh"


def to_cst(value: datetime | None) -> datetime | None:
    """Show a moment in China Standard Time."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(CST)


def init_i18n(app: Flask) -> None:
    """Bind Flask-Babel with the locale selector and the CST filters."""
    Babel(app, locale_selector=select_locale, timezone_selector=lambda: "Asia/Shanghai")
    app.jinja_env.filters["cst"] = lambda value, fmt="%Y-%m-%d %H:%M": to_cst(value).strftime(fmt) if value else ""
    app.jinja_env.globals["current_locale"] = lambda: select_locale()
