"""The petitioner's key to a case in this browser: registration number and query code, kept in the session."""
from __future__ import annotations

from flask import redirect, session, url_for

from processes.petitions import Petition
from processes.portal import open_with_code

from .devices import trust_this_browser

KEY = "portal_case"


def remember(number: str, code: str) -> None:
    """Keep the case open in this browser session, and remember that this browser opened it."""
    session[KEY] = {"number": number, "code": code}
    trust_this_browser(number)


def forget() -> None:
    """Close the case in this browser."""
    session.pop(KEY, None)
    session.pop("portal_receipt", None)


def opened() -> tuple[Petition, str] | None:
    """Return the case opened in this session and its code, or None."""
    key = session.get(KEY)
    if not key:
        return None
    try:
        return open_with_code(key["number"], key["code"]), key["code"]
    except Exception:  # a stale key (a case removed, a code changed) simply closes the case
        forget()
        return None


def to_lookup():
    """Send the visitor to the query form."""
    return redirect(url_for("portal.index") + "#follow")
