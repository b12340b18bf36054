"""People who use the system: their role, their organ, their password and API token.

Tokens are shown once, when made; only their SHA-256 is stored, so a leaked table yields none.
Functions flush and never commit: the caller owns the transaction.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from functools import lru_cache

from flask import current_app, has_app_context
from sqlalchemy import ForeignKey, String, bindparam, select
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from engine.clock import current_clock
from engine.db import UtcDateTime, db
from engine.loaded_rows import LoadedRead
from processes.errors import DuplicateUsername, InvalidInput, UnknownRole, UnknownUser
from processes.organs import get_organ

ROLES = ("admin", "designer", "registrar", "handler", "head", "reviewer", "supervisor", "petitioner")
STAFF_ROLES = ("registrar", "handler", "head", "reviewer", "supervisor")  # they work for an organ
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class User(db.Model):
    """A person who signs in: staff of an organ, an administrator, a designer or a petitioner."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    organ_code: Mapped[str | None] = mapped_column(ForeignKey("organ.code"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(256))
    token_hash: Mapped[str | None] = mapped_column(String(64), index=True, unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


def _password_method() -> str:
    # Deliberately slow in production; a test run may choose a cheaper method for its throwaway users.
    return current_app.config.get("XINFANG_PASSWORD_METHOD", "scrypt") if has_app_context() else "scrypt"


@lru_cache(maxsize=4)
def _hash_of_no_password(method: str) -> str:
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def hash_token(token: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_user(username: str, role: str, organ: str | None = None, password: str | None = None,
                display_name: str | None = None, token: str | None = None) -> tuple[User, str]:
    """Create a user and return it with its API token in plain text (shown only this once)."""
    username = (username or "").strip()
    if not USERNAME.match(username):
        raise InvalidInput("A username is 1 to 64 letters, digits, '.', '_' or '-'.",
                           fields=["username"], code="invalid_username")
    if role not in ROLES:
        raise UnknownRole("Unknown role '%(role)s'; the roles are %(roles)s.", fields=["role"], role=role,
                          roles=", ".join(ROLES))
    if organ is not None:
        get_organ(organ)
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise DuplicateUsername("The username '%(username)s' is already taken.", fields=["username"],
                                username=username)
    token = token or secrets.token_urlsafe(32)
    user = User(username=username, role=role, organ_code=organ, display_name=display_name or username,
                password_hash=generate_password_hash(password, method=_password_method()) if password else None,
                token_hash=hash_token(token), active=True, created_at=current_clock().now())
    db.session.add(user)
    db.session.flush()
    return user, token


_users = User.__table__
_BY_TOKEN = LoadedRead(User, select(*_users.columns).where(_users.c.token_hash == bindparam("token_hash"),
                                                           _users.c.active))  # read by every API call


def user_by_token(token: str | None) -> User | None:
    """Return the active user holding this API token, or None."""
    if not token:
        return None
    return _BY_TOKEN.first({"token_hash": hash_token(token)})


def authenticate(username: str, password: str) -> User | None:
    """Return the active user if the password is right, else None."""
    user = db.session.scalar(select(User).where(User.username == (username or "").strip()))
    if user is None or not user.active or not user.password_hash:
        # As much work as for an account: how long the answer takes does not tell whether the name exists.
        check_password_hash(_hash_of_no_password(_password_method()), password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


def get_user(username: str) -> User:
    """Return the user with this username or raise UnknownUser."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise UnknownUser("No user is called '%(username)s'.", username=username)
    return user


def list_users(role: str | None = None, organ: str | None = None) -> list[User]:
    """Return the users, optionally of one role or organ, by username."""
    query = select(User).order_by(User.username)
    if role:
        query = query.where(User.role == role)
    if organ:
        query = query.where(User.organ_code == organ)
    return list(db.session.scalars(query))


def set_password(user: User, password: str) -> None:
    """Replace a user's password (stored as its hash only)."""
    user.password_hash = generate_password_hash(password, method=_password_method())
    db.session.flush()


def new_token(username: str) -> str:
    """Replace a user's API token and return the new one in plain text."""
    user = get_user(username)
    token = secrets.token_urlsafe(32)
    user.token_hash = hash_token(token)
    db.session.flush()
    return token
