"""Users, roles, passwords and API tokens."""
import pytest

from engine.db import db
from processes.accounts import (
    ROLES,
    authenticate,
    create_user,
    get_user,
    hash_token,
    list_users,
    user_by_token,
)
from processes.demo_data import DEMO_USERS, demo_token, load_organs_and_users
from processes.errors import (
    DuplicateUsername,
    InvalidInput,
    UnknownOrgan,
    UnknownRole,
    UnknownUser,
)


def test_a_new_user_signs_in_with_password_and_token(organs):
    user, token = create_user("li.ming", "handler", organ="JN-QS-LX-RSJ", password="s3cret", display_name="李明")
    db.session.commit()
    assert len(token) >= 40
    assert user.token_hash == hash_token(token) and token not in user.token_hash
    assert user_by_token(token).username == "li.ming"
    assert authenticate("li.ming", "s3cret").display_name == "李明"
    assert authenticate("li.ming", "wrong") is None
    assert user_by_token("not-a-token") is None and user_by_token("") is None
    assert user.created_at.isoformat() == "2026-03-02T01:00:00+00:00"


def test_two_users_get_different_tokens(organs):
    _, first = create_user("a", "handler", organ="JN-QS-LX-RSJ")
    _, second = create_user("b", "handler", organ="JN-QS-LX-RSJ")
    assert first != second


def test_an_inactive_user_is_refused(organs):
    user, token = create_user("gone", "registrar", organ="JN-QS-LX-XFJ", password="pw")
    user.active = False
    db.session.commit()
    assert user_by_token(token) is None
    assert authenticate("gone", "pw") is None


def test_duplicate_username_is_refused(organs):
    create_user("wang", "registrar", organ="JN-QS-LX-XFJ")
    with pytest.raises(DuplicateUsername, match="already taken") as caught:
        create_user("wang", "handler", organ="JN-QS-LX-RSJ")
    assert caught.value.code == "duplicate_username" and caught.value.fields == ["username"]


def test_unknown_role_and_organ_are_refused(organs):
    with pytest.raises(UnknownRole, match="the roles are admin") as caught:
        create_user("x", "emperor")
    assert caught.value.code == "unknown_role"
    with pytest.raises(UnknownOrgan):
        create_user("y", "handler", organ="NOWHERE")
    with pytest.raises(InvalidInput) as caught:
        create_user("has space", "handler")
    assert caught.value.code == "invalid_username"


def test_get_and_list_users(organs):
    create_user("zhao", "reviewer", organ="JN-QS-RSJ")
    create_user("chen", "reviewer", organ="JN-RSJ")
    create_user("sun", "head", organ="JN-QS-LX-RSJ")
    assert get_user("zhao").organ_code == "JN-QS-RSJ"
    assert [u.username for u in list_users(role="reviewer")] == ["chen", "zhao"]
    assert [u.username for u in list_users(organ="JN-QS-LX-RSJ")] == ["sun"]
    with pytest.raises(UnknownUser):
        get_user("nobody")


def test_demo_users_cover_every_role_with_documented_credentials(app):
    assert load_organs_and_users()["users"] == len(DEMO_USERS)
    db.session.commit()
    assert {u.role for u in list_users()} == set(ROLES)
    assert authenticate("admin", "admin").role == "admin"
    assert user_by_token("demo-admin-token").username == "admin"
    assert user_by_token(demo_token("re_reviewer")).organ_code == "JN-RSJ"
    assert get_user("registrar").organ_code == "JN-QS-LX-XFJ"
    assert get_user("reviewer").organ_code == "JN-QS-RSJ"
    assert load_organs_and_users() == {"organs": 0, "users": 0}  # loading again changes nothing
