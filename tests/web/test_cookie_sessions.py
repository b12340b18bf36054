"""A browser session is a signed cookie: it survives a change of secret key only through the fallbacks."""
from __future__ import annotations

from tests.web.desk import sign_in


def test_a_session_cookie_is_trusted_for_the_key_that_signed_it_and_no_other(app, client):
    sign_in(client, "handler")
    assert client.get("/tasks/").status_code == 200
    signed_with = app.secret_key
    try:
        app.secret_key = "a-new-secret-key"  # a key rotated while the handler stays signed in
        app.config["SECRET_KEY_FALLBACKS"] = [signed_with]
        assert client.get("/tasks/").status_code == 200
        app.config["SECRET_KEY_FALLBACKS"] = []  # the old key retired: its cookies are not trusted
        assert client.get("/tasks/").status_code == 401
        app.secret_key = signed_with
        assert client.get("/tasks/").status_code == 200
    finally:
        app.secret_key = signed_with
        app.config["SECRET_KEY_FALLBACKS"] = []
