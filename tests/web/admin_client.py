"""Helpers of the console's web tests: sign in, post a form with its CSRF token, read what the page says."""
from __future__ import annotations

import re
from html import unescape

TOKEN = "t"


def sign_in(client, username: str = "admin") -> None:
    """Sign in through the form, as a browser would, and keep a known CSRF token."""
    with client.session_transaction() as session:
        session["csrf_token"] = TOKEN
    response = client.post("/login", data={"username": username, "password": username, "csrf_token": TOKEN})
    assert response.status_code == 302, response.data[:500]
    with client.session_transaction() as session:  # signing in starts a new session
        session["csrf_token"] = TOKEN


def post(client, url: str, **fields):
    """Post a form with the session's CSRF token."""
    return client.post(url, data={"csrf_token": TOKEN, **fields})


def text(response) -> str:
    """Return the page as a person reads it: tags removed, entities decoded, spaces collapsed."""
    html = response.data.decode("utf-8")
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def errors(response) -> list[str]:
    """Return the inline error messages of a page."""
    found = re.findall(r'class="field-error"[^>]*>(.*?)</p>', response.data.decode("utf-8"), flags=re.DOTALL)
    return [unescape(re.sub(r"\s+", " ", message)).strip() for message in found]
