"""Users of the dashboard, their passwords and log-in sessions, and what each role sees.

- a **rep** sees the calls they sold on (their ``seller`` name, matched as the rest of
  salesleader matches rep names: the full name or its first name(s));
- a **manager** sees the calls of the reps named in their ``team``;
- an **admin** sees everything.

Passwords are stored as salted scrypt hashes (``hashlib.scrypt``, the standard library's
memory-hard key derivation), never as text. A session is a random token in a cookie; the
store keeps only its SHA-256, so a copy of the database opens no session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from ..errors import ConfigError
from ..roles import names_match
from ..store.schema import conversations, sessions, users

__all__ = ["MAX_PASSWORD", "MIN_PASSWORD", "ROLES", "User", "add_user", "authenticate",
           "change_password", "close_session", "find_user", "hash_password", "list_users",
           "open_session", "remove_user", "session_user", "unmatched_sellers", "verify_password",
           "visible_emails"]

ROLES = ("rep", "manager", "admin")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # longer is no safer, and each check would hash all of it
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # 16 MiB and ~50 ms a check: slow for guessing


@dataclass(frozen=True)
class User:
    name: str
    role: str
    seller: str | None = None
    team: tuple[str, ...] = ()

    @property
    def sellers(self) -> tuple[str, ...] | None:
        """The seller names whose calls this user sees; None: all of them (an admin)."""
        if self.role == "admin":
            return None
        return (self.seller,) if self.role == "rep" and self.seller else self.team

    def sees_seller(self, name: str) -> bool:
        mine = self.sellers
        return mine is None or any(_same_seller(own, name) for own in mine)

    def sees_call(self, sellers: Iterable[str]) -> bool:
        """Whether a call sold by ``sellers`` is in this user's view."""
        return self.sellers is None or any(self.sees_seller(s) for s in sellers)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "seller": self.seller,
                "team": list(self.team)}


def _same_seller(a: str, b: str) -> bool:
    """Whether two seller names designate one person: the same name, or one the first
    name(s) of the other ("Ann" and "Ann Lee"), whichever was written down."""
    return names_match(a, b) or names_match(b, a)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                               p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found.hex(), digest)


_DUMMY_HASH = hash_password(secrets.token_hex(8))  # an unknown name costs what a known one does


def _user(row: Any) -> User:
    return User(row["name"], row["role"], row["seller"], tuple(row["team"] or ()))


def _check_length(password: str, what: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ConfigError(f"{what} has {len(password)} characters; expected "
                          f"{MIN_PASSWORD} to {MAX_PASSWORD}")


def _validated(name: str, password: str, role: str, seller: str | None,
               team: Sequence[str]) -> tuple[str, str, str | None, tuple[str, ...]]:
    name, role = name.strip(), role.strip().casefold()
    if not name:
        raise ConfigError("a user needs a name")
    if role not in ROLES:
        raise ConfigError(f"role {role!r} for user {name!r}; expected one of {', '.join(ROLES)}")
    _check_length(password, f"the password for {name!r}")
    seller = (seller or "").strip() or None
    members = tuple(dict.fromkeys(t.strip() for t in team if t.strip()))
    if role == "rep" and (not seller or members):
        raise ConfigError(f"rep {name!r}: expected --seller NAME (the name their calls carry) "
                          "and no --team")
    if role == "manager" and (not members or seller):
        raise ConfigError(f"manager {name!r}: expected --team NAME for each rep they lead "
                          "and no --seller")
    if role == "admin" and (seller or members):
        raise ConfigError(f"admin {name!r} sees every call; expected no --seller or --team")
    return name, role, seller, members


def add_user(connection: sa.Connection, name: str, password: str, role: str, *,
             seller: str | None = None, team: Sequence[str] = (), replace: bool = False
             ) -> User:
    """Create a user (or, with ``replace``, set a user's password, role and scope, which
    also ends their open sessions)."""
    name, role, seller, members = _validated(name, password, role, seller, team)
    exists = find_user(connection, name) is not None
    if exists and not replace:
        raise ConfigError(f"user {name!r} exists; expected a new name (or --replace)")
    if exists:
        connection.execute(sa.delete(sessions).where(sessions.c.user_name == name))
        connection.execute(sa.delete(users).where(users.c.name == name))
    connection.execute(sa.insert(users).values(
        name=name, password_hash=hash_password(password), role=role, seller=seller,
        team=list(members), created_at=datetime.now(UTC)))
    return User(name, role, seller, members)


def change_password(connection: sa.Connection, user: User, new_password: str,
                    keep_token: str | None = None) -> None:
    """Set ``user``'s password (checked as ``users add`` checks it) and end their other
    sessions: a password changed because it leaked also logs out whoever used it."""
    _check_length(new_password, "the new password")
    connection.execute(sa.update(users).where(users.c.name == user.name)
                       .values(password_hash=hash_password(new_password)))
    others = sessions.c.user_name == user.name
    if keep_token:
        others &= sessions.c.token_sha256 != _token_key(keep_token)
    connection.execute(sa.delete(sessions).where(others))


def remove_user(connection: sa.Connection, name: str) -> bool:
    connection.execute(sa.delete(sessions).where(sessions.c.user_name == name))
    return connection.execute(sa.delete(users).where(users.c.name == name)).rowcount > 0


def _row(connection: sa.Connection, name: str) -> Any:
    return connection.execute(sa.select(users).where(users.c.name == name.strip())
                              ).mappings().first()


def find_user(connection: sa.Connection, name: str) -> User | None:
    """The user of this log-in name (as typed, spaces around it ignored), if any."""
    row = _row(connection, name)
    return _user(row) if row else None


def list_users(connection: sa.Connection) -> list[User]:
    rows = connection.execute(sa.select(users).order_by(users.c.name)).mappings()
    return [_user(row) for row in rows]


def authenticate(connection: sa.Connection, name: str, password: str) -> User | None:
    if len(password) > MAX_PASSWORD:
        password = ""  # no stored password is this long: hash a short one, fail as usual
    row = _row(connection, name)
    if row is None:
        verify_password(password, _DUMMY_HASH)
        return None
    return _user(row) if verify_password(password, row["password_hash"]) else None


def _token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(connection: sa.Connection, user: User, hours: float) -> str:
    """A new session token for ``user``, valid for ``hours``; expired sessions go."""
    now = datetime.now(UTC)
    connection.execute(sa.delete(sessions).where(sessions.c.expires_at < now))
    token = secrets.token_urlsafe(32)
    connection.execute(sa.insert(sessions).values(
        token_sha256=_token_key(token), user_name=user.name, created_at=now,
        expires_at=now + timedelta(hours=hours)))
    return token


def session_user(connection: sa.Connection, token: str | None) -> User | None:
    """The user a session token belongs to, while it is valid."""
    if not token:
        return None
    row = connection.execute(
        sa.select(users, sessions.c.expires_at)
        .join(sessions, sessions.c.user_name == users.c.name)
        .where(sessions.c.token_sha256 == _token_key(token))).mappings().first()
    if row is None:
        return None
    expires = row["expires_at"]
    if expires.tzinfo is None:  # SQLite gives back naive datetimes
        expires = expires.replace(tzinfo=UTC)
    return _user(row) if expires > datetime.now(UTC) else None


def close_session(connection: sa.Connection, token: str | None) -> None:
    if token:
        connection.execute(sa.delete(sessions).where(sessions.c.token_sha256 == _token_key(token)))


def visible_emails(user: User, emails: Sequence[Any]) -> list[Any]:
    """The emails of threads a seller in the user's view wrote in (``StoredEmail``s)."""
    if user.sellers is None:
        return list(emails)
    threads = {e.thread_id for e in emails if e.sender and user.sees_seller(e.sender)}
    return [e for e in emails if e.thread_id in threads]


def unmatched_sellers(connection: sa.Connection, user: User) -> list[str]:
    """The names of ``user``'s scope that no stored call's sellers answer to."""
    stored = {name for names in connection.execute(sa.select(conversations.c.seller_names))
              .scalars() for name in names or ()}
    return [own for own in user.sellers or ()
            if not any(_same_seller(own, name) for name in stored)]
