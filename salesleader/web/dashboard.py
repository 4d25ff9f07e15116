"""What every route of the dashboard shares: the store and the server's options, who is
asking and what they may see (``users.User`` decides), and how a page is answered (under
the root path, never cached)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..config import Config
from ..store.email_store import load_emails_stored
from ..store.repository import StoredCall, load_calls
from ..team import account_view, call_row, plan, rep_calls, rep_view
from .pages import with_nav
from .store_views import StoredCalls, call_rows
from .uploads import MAX_UPLOAD_BYTES
from .users import User, session_user, visible_emails

__all__ = ["COOKIE", "NO_STORE", "Dashboard", "LoginNeeded", "NotFound", "Options",
           "from_another_site", "normalise_root_path", "safe_next", "too_many"]

COOKIE = "salesleader_session"
NO_STORE = {"Cache-Control": "no-store"}  # pages behind a log-in: not kept by proxies


class LoginNeeded(Exception):
    """No valid session: a page redirects to the log-in, the API answers 401."""


class NotFound(Exception):
    """Outside the user's view, or nothing there: 404 either way."""


# A link or form to a page of the dashboard, as pages.py writes them: href='/…', action='/…'.
_LOCAL_LINK = re.compile(r"((?:href|action)=')/")
_ROOT_PATH = re.compile(r"(/[A-Za-z0-9._~-]+)*")


def normalise_root_path(path: str) -> str:
    """``/sales`` from "sales", "/sales/" or "/sales"; "" for the root. ValueError for
    anything but path segments of letters, digits and ``._~-``."""
    path = "/" + path.strip().strip("/") if path.strip().strip("/") else ""
    if not _ROOT_PATH.fullmatch(path) or any(not s.strip(".") for s in path.split("/")[1:]):
        raise ValueError(f"root path {path!r}; expected segments like /sales or /tools/sales")
    return path


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only. Not "//host", "/\\host", nor
    a control character, which browsers drop ("/<tab>/host" is "//host" to them)."""
    if (target and target.startswith("/") and not target.startswith("//")
            and "\\" not in target and all(" " <= ch != "\x7f" for ch in target)):
        return target
    return "/"


def from_another_site(headers: Mapping[str, str]) -> bool:
    """Whether a browser says the request comes from another site's page."""
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    # Behind a proxy the public name is in X-Forwarded-Host when Host is the upstream's.
    hosts = {headers.get("host"), headers.get("x-forwarded-host", "").split(",")[0].strip()}
    return origin is not None and urlsplit(origin).netloc not in hosts - {""}


def too_many(wait_s: int) -> str:
    return f"Too many failed log-ins for this name; try again in {wait_s // 60 + 1} min."


@dataclass(frozen=True)
class Options:
    """``serve``'s options (see ``app.create_app``)."""

    session_hours: float = 12.0
    secure_cookies: bool = False
    uploads: bool = True
    config: Config | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    root: str = ""  # normalised: "" or "/sales"


class Dashboard:
    """The store behind the pages, and the questions every route asks of it."""

    def __init__(self, engine: sa.Engine, options: Options) -> None:
        self.engine = engine
        self.options = options
        self.stored = StoredCalls(engine)

    # --- who is asking, and what they may see ---

    def user_of(self, request: Request) -> User:
        with self.engine.connect() as connection:
            user = session_user(connection, request.cookies.get(COOKIE))
        if user is None:
            raise LoginNeeded
        return user

    def visible_calls(self, user: User) -> list[StoredCall]:
        return [c for c in self.stored.calls() if user.sees_call(c.sellers)]

    def one_call(self, user: User, call_id: str) -> StoredCall:
        with self.engine.connect() as connection:
            found = load_calls(connection, call_ids=[call_id])
        if not found or not user.sees_call(found[0].sellers):
            raise NotFound
        return found[0]

    def emails_for(self, user: User) -> list[Any]:
        with self.engine.connect() as connection:
            return visible_emails(user, load_emails_stored(connection))

    def list_rows(self, user: User) -> list[dict[str, Any]]:
        """The calls in view, newest first; a rep's with their own index on the calls they
        shared with other sellers."""
        if user.role == "rep" and user.seller:
            name, own = rep_calls(self.visible_calls(user), user.seller)
            return sorted((call_row(c, name) for c in own), key=lambda r: (r["date"], r["id"]),
                          reverse=True)
        return call_rows(self.engine, user)

    def rep_of(self, user: User, name: str) -> dict[str, Any]:
        """A rep's view (``report rep``), if the rep is in the user's view and has calls."""
        if not user.sees_seller(name):
            raise NotFound
        calls = self.visible_calls(user)
        if not rep_calls(calls, name)[1]:
            raise NotFound
        return rep_view(calls, name, self.emails_for(user))

    def account_of(self, user: User, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """An account's view and next-call plan, over the calls in the user's view."""
        calls, emails = self.visible_calls(user), self.emails_for(user)
        view = account_view(calls, name, emails)
        if not view["calls"]:
            raise NotFound
        return view, plan(calls, name, emails)

    # --- answering ---

    def respond(self, document: str, status_code: int = 200,
                headers: Mapping[str, str] | None = None) -> HTMLResponse:
        """A page, its links and forms under the root path."""
        if root := self.options.root:
            document = _LOCAL_LINK.sub(lambda m: m.group(1) + root + "/", document)
        return HTMLResponse(document, status_code=status_code, headers=headers)

    def redirect(self, path: str) -> RedirectResponse:
        return RedirectResponse(self.options.root + path, status_code=303)

    def html(self, user: User, body: str, status_code: int = 200,
             headers: Mapping[str, str] | None = None) -> HTMLResponse:
        """A page behind the log-in: the bar of links on top, never cached."""
        return self.respond(with_nav(body, user, self.options.uploads),
                            status_code=status_code, headers={**NO_STORE, **(headers or {})})
