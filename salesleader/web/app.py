"""The dashboard: FastAPI pages over the store, behind a log-in, scoped by role.

Every page is the same self-contained HTML as the ``report`` commands write (no scripts,
nothing fetched from elsewhere), with a bar of links on top. What a user may see is
decided in one place (``users.User``): a page outside their view answers 404, as if it
did not exist. JSON for scripts under ``/api`` (the call reports are
``salesleader.call-report/1``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

import sqlalchemy as sa
from fastapi import FastAPI, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Config, load_config
from ..errors import ConfigError
from ..reports.html import account_page, call_page, outcomes_page, rep_page, team_page
from ..self_assessment import SCALE, assess, items
from ..store.database import open_engine
from ..store.email_store import load_emails_stored
from ..store.repository import StoredCall, load_calls
from ..team import account_view, call_row, plan, rep_calls, rep_view
from . import throttle
from .pages import (
    CallFilter,
    assess_form_page,
    assessment_page,
    call_list_page,
    calls_csv_text,
    login_page,
    message_page,
    not_found_page,
    password_page,
    upload_page,
    upload_result_page,
    with_nav,
)
from .store_views import StoredCalls, call_rows, team_of
from .uploads import MAX_UPLOAD_BYTES, store_uploads
from .users import (
    User,
    authenticate,
    change_password,
    close_session,
    open_session,
    session_user,
    visible_emails,
)

__all__ = ["COOKIE", "SERVE_ENV", "app_from_env", "create_app", "normalise_root_path"]

COOKIE = "salesleader_session"
SERVE_ENV = "SALESLEADER_SERVE"  # JSON: create_app's options, for app_from_env
_NO_STORE = {"Cache-Control": "no-store"}  # pages behind a log-in: not kept by proxies


class _LoginNeeded(Exception):
    pass


class _NotFound(Exception):
    pass


def _safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only. Not "//host", "/\\host", nor
    a control character, which browsers drop ("/<tab>/host" is "//host" to them)."""
    if (target and target.startswith("/") and not target.startswith("//")
            and "\\" not in target and all(" " <= ch != "\x7f" for ch in target)):
        return target
    return "/"


def _answers(form: Mapping[str, Any]) -> dict[str, int]:
    """Every statement's answer from the posted form; ValueError names the first that is
    missing or not on the scale."""
    low, high = SCALE
    answers = {}
    for item in items():
        key, value = item["behaviour"], str(form.get(item["behaviour"], "")).strip()
        if not value.isdigit() or not low <= int(value) <= high:
            raise ValueError(f"{key}: {value or 'no answer'}; expected a whole number from "
                             f"{low} to {high}")
        answers[key] = int(value)
    return answers


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


def _too_many(wait_s: int) -> str:
    return f"Too many failed log-ins for this name; try again in {wait_s // 60 + 1} min."


def _from_another_site(headers: Mapping[str, str]) -> bool:
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    # Behind a proxy the public name is in X-Forwarded-Host when Host is the upstream's.
    hosts = {headers.get("host"), headers.get("x-forwarded-host", "").split(",")[0].strip()}
    return origin is not None and urlsplit(origin).netloc not in hosts - {""}


def create_app(engine: sa.Engine, *, session_hours: float = 12.0,
               secure_cookies: bool = False, uploads: bool = True,
               config: Config | None = None, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               root_path: str = "") -> FastAPI:
    """The dashboard over the store behind ``engine`` (created and migrated); with
    ``uploads``, users store transcripts from the browser (analysed with ``config``).
    ``root_path``: the path a proxy serves it under (it forwards ``/sales/x`` as ``/x``):
    every link and redirect then starts with it."""
    root = normalise_root_path(root_path)
    app = FastAPI(title="salesleader", docs_url=None, redoc_url=None, openapi_url=None)

    def user_of(request: Request) -> User:
        with engine.connect() as connection:
            user = session_user(connection, request.cookies.get(COOKIE))
        if user is None:
            raise _LoginNeeded
        return user

    stored = StoredCalls(engine)

    def visible_calls(user: User) -> list[StoredCall]:
        return [c for c in stored.calls() if user.sees_call(c.sellers)]

    def one_call(user: User, call_id: str) -> StoredCall:
        with engine.connect() as connection:
            found = load_calls(connection, call_ids=[call_id])
        if not found or not user.sees_call(found[0].sellers):
            raise _NotFound
        return found[0]

    def emails_for(user: User) -> list[Any]:
        with engine.connect() as connection:
            return visible_emails(user, load_emails_stored(connection))

    def list_rows(user: User) -> list[dict[str, Any]]:
        """The calls in view, newest first; a rep's with their own index on the calls they
        shared with other sellers."""
        if user.role == "rep" and user.seller:
            name, own = rep_calls(visible_calls(user), user.seller)
            return sorted((call_row(c, name) for c in own), key=lambda r: (r["date"], r["id"]),
                          reverse=True)
        return call_rows(engine, user)

    def respond(document: str, status_code: int = 200,
                headers: Mapping[str, str] | None = None) -> HTMLResponse:
        """A page, its links and forms under ``root``."""
        if root:
            document = _LOCAL_LINK.sub(lambda m: m.group(1) + root + "/", document)
        return HTMLResponse(document, status_code=status_code, headers=headers)

    def redirect(path: str) -> RedirectResponse:
        return RedirectResponse(root + path, status_code=303)

    def html(user: User, body: str, status_code: int = 200,
             headers: Mapping[str, str] | None = None) -> HTMLResponse:
        return respond(with_nav(body, user, uploads), status_code=status_code,
                            headers={**_NO_STORE, **(headers or {})})

    @app.middleware("http")
    async def same_origin_posts(request: Request, call_next: Any) -> Response:
        """A form posted from another site is refused: browsers name the page a POST comes
        from in ``Origin`` and say whether it is another site's in ``Sec-Fetch-Site``;
        scripts send neither (a forced log-in or log-out stops here)."""
        if request.method == "POST" and _from_another_site(request.headers):
            return respond(message_page("Refused", "A form from another site."),
                                status_code=403)
        return await call_next(request)

    @app.exception_handler(_LoginNeeded)
    async def _to_login(request: Request, _error: _LoginNeeded) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "log in first (POST /login)"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return redirect(f"/login?next={quote(target)}")

    @app.exception_handler(StarletteHTTPException)
    async def _no_route(request: Request, error: StarletteHTTPException) -> Response:
        """A path that is no page: the dashboard's own 404 page (JSON under /api)."""
        if error.status_code == 404 and not request.url.path.startswith("/api/"):
            return respond(not_found_page(), status_code=404)
        return await http_exception_handler(request, error)

    @app.exception_handler(_NotFound)
    async def _not_found(request: Request, _error: _NotFound) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "not found"}, status_code=404)
        return respond(not_found_page(), status_code=404)

    @app.get("/login", response_class=HTMLResponse)
    def login_form(next: str = "/") -> HTMLResponse:
        return respond(login_page(_safe_next(next)))

    @app.post("/login")
    def login(name: Annotated[str, Form()], password: Annotated[str, Form()],
              next: Annotated[str, Form()] = "/") -> Response:
        with engine.begin() as connection:
            wait = throttle.wait_s(connection, name)
            if wait:
                return respond(login_page(_safe_next(next), error=_too_many(wait)),
                               status_code=429, headers={"Retry-After": str(wait)})
            user = authenticate(connection, name, password)
            token = open_session(connection, user, session_hours) if user else None
            if user is None:
                throttle.record_failure(connection, name)
        if user is None or token is None:
            return respond(login_page(_safe_next(next), error="Wrong name or password."),
                           status_code=401)
        response = redirect(_safe_next(next))
        response.set_cookie(COOKIE, token, max_age=int(session_hours * 3600), httponly=True,
                            samesite="lax", secure=secure_cookies, path=root or "/")
        return response

    @app.post("/logout")
    def logout(request: Request) -> Response:
        with engine.begin() as connection:
            close_session(connection, request.cookies.get(COOKIE))
        response = redirect("/login")
        response.delete_cookie(COOKIE, path=root or "/")
        return response

    @app.get("/password", response_class=HTMLResponse)
    def password_form(request: Request) -> HTMLResponse:
        return html(user_of(request), password_page())

    @app.post("/password", response_class=HTMLResponse)
    def password(request: Request, current: Annotated[str, Form()],
                 new: Annotated[str, Form()], again: Annotated[str, Form()]) -> HTMLResponse:
        """One's own password: the current one is checked (a wrong one counts as a failed
        log-in), the new one as ``users add`` checks it; the other sessions end."""
        user = user_of(request)
        with engine.begin() as connection:
            wait = throttle.wait_s(connection, user.name)
            if wait:
                return html(user, password_page(_too_many(wait)), status_code=429,
                            headers={"Retry-After": str(wait)})
            if authenticate(connection, user.name, current) is None:
                throttle.record_failure(connection, user.name)
                return html(user, password_page("The current password is wrong."),
                            status_code=403)
            if new != again:
                return html(user, password_page("The new password and its repetition differ."),
                            status_code=400)
            try:
                change_password(connection, user, new, keep_token=request.cookies.get(COOKIE))
            except ConfigError as error:
                return html(user, password_page(f"{error}."), status_code=400)
        return html(user, password_page(done=True))

    def own_seller(user: User) -> str:
        """The seller a rep sells as; the self-assessment is a rep's alone."""
        if user.role != "rep" or not user.seller:
            raise _NotFound
        return user.seller

    @app.get("/assess", response_class=HTMLResponse)
    def assess_form(request: Request) -> HTMLResponse:
        user = user_of(request)
        own_seller(user)
        return html(user, assess_form_page(items()))

    @app.post("/assess", response_class=HTMLResponse)
    async def assess_answers(request: Request) -> HTMLResponse:
        """The answers beside the rep's own calls; the answers are not stored."""
        user = await run_in_threadpool(user_of, request)
        seller = own_seller(user)
        form = await request.form()
        try:
            answers = _answers(form)
        except ValueError as error:
            return html(user, assess_form_page(items(), str(error)), status_code=400)
        result = await run_in_threadpool(lambda: assess(visible_calls(user), seller, answers))
        if not result["calls"]:
            return html(user, message_page("Self-assessment", "None of your calls is stored "
                                                              "yet to compare the answers with."))
        return html(user, assessment_page(result))

    def may_upload(user: User) -> None:
        if not uploads:
            raise _NotFound

    @app.get("/upload", response_class=HTMLResponse)
    def upload_form(request: Request) -> HTMLResponse:
        user = user_of(request)
        may_upload(user)
        return html(user, upload_page(user))

    @app.post("/upload", response_class=HTMLResponse)
    async def upload(request: Request) -> HTMLResponse:
        """Transcripts stored as ``ingest`` stores them: a rep's as their own calls, a
        manager's for a rep of their team, an admin's for any seller."""
        user = await run_in_threadpool(user_of, request)
        may_upload(user)
        size = request.headers.get("content-length")
        if size is None or not size.isdigit() or int(size) > max_upload_bytes:
            return html(user, upload_page(user, (
                f"At most {max_upload_bytes / 2**20:g} MiB at a time; send fewer files."
                if size and size.isdigit() else "The upload had no length; send it again.")),
                status_code=413 if size else 411)
        form = await request.form(max_files=200)
        files = [(part.filename or "upload", await part.read()) for part in form.getlist("files")
                 if isinstance(part, StarletteUpload)]
        chosen = str(form.get("seller") or "").strip()
        if user.role == "rep":
            sellers = [user.seller] if user.seller else []
        elif user.role == "manager" and chosen not in user.team:
            return html(user, upload_page(user, f"Sold by {chosen or 'nobody'}: expected a "
                                                f"rep of your team ({', '.join(user.team)})."),
                        status_code=400)
        else:
            sellers = [chosen] if chosen else []
        if not files:
            return html(user, upload_page(user, "No file was sent; choose one or more "
                                                "transcripts."), status_code=400)
        results = await run_in_threadpool(store_uploads, engine, files, sellers=sellers,
                                          config=config)
        return html(user, upload_result_page(results),
                    status_code=200 if any(r.call_id for r in results) else 400)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request, q: str = "", since: str = "", until: str = "",
             page: int = 1) -> HTMLResponse:
        user = user_of(request)
        try:
            shown = CallFilter.parse(q, since, until)
        except ValueError as error:
            return html(user, message_page("Calls", str(error)), status_code=400)
        return html(user, call_list_page(user, shown.apply(list_rows(user)), shown,
                                         page=max(page, 1)))

    @app.get("/calls/{call_id}", response_class=HTMLResponse)
    def call(request: Request, call_id: str) -> HTMLResponse:
        user = user_of(request)
        return html(user, call_page(one_call(user, call_id).report))

    def rep_of(user: User, name: str) -> dict[str, Any]:
        """A rep's view (``report rep``), if the rep is in the user's view and has calls."""
        if not user.sees_seller(name):
            raise _NotFound
        calls = visible_calls(user)
        if not rep_calls(calls, name)[1]:
            raise _NotFound
        return rep_view(calls, name, emails_for(user))

    def account_of(user: User, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """An account's view and next-call plan, over the calls in the user's view."""
        calls, emails = visible_calls(user), emails_for(user)
        view = account_view(calls, name, emails)
        if not view["calls"]:
            raise _NotFound
        return view, plan(calls, name, emails)

    @app.get("/reps/{name}", response_class=HTMLResponse)
    def rep(request: Request, name: str) -> HTMLResponse:
        user = user_of(request)
        return html(user, rep_page(rep_of(user, name)))

    @app.get("/team", response_class=HTMLResponse)
    def team(request: Request) -> HTMLResponse:
        user = user_of(request)
        if user.role == "rep":
            raise _NotFound
        return html(user, team_page(team_of(user, visible_calls(user))))

    @app.get("/accounts/{name}", response_class=HTMLResponse)
    def account(request: Request, name: str) -> HTMLResponse:
        user = user_of(request)
        return html(user, account_page(*account_of(user, name)))

    @app.get("/outcomes", response_class=HTMLResponse)
    def outcomes(request: Request) -> HTMLResponse:
        """Does leadership pay here: over the deals linked to the calls in view."""
        user = user_of(request)
        if user.role == "rep":
            raise _NotFound
        from ..deals import load_deals
        from ..errors import SalesleaderError
        from ..outcomes import associations, deal_rows

        with engine.connect() as connection:
            deals = load_deals(connection)
        try:
            result = associations(deal_rows(visible_calls(user), deals))
        except SalesleaderError as error:  # statsmodels missing: say what to install
            return html(user, message_page("Outcomes", str(error)))
        return html(user, outcomes_page(result))

    @app.get("/api/me")
    def me(request: Request) -> dict[str, Any]:
        return user_of(request).to_dict()

    @app.get("/api/calls", response_model=None)
    def api_calls(request: Request, q: str = "", since: str = "",
                  until: str = "") -> list[dict[str, Any]] | JSONResponse:
        user = user_of(request)
        try:
            shown = CallFilter.parse(q, since, until)
        except ValueError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        return shown.apply(list_rows(user))

    @app.get("/calls.csv")
    def calls_csv(request: Request, q: str = "", since: str = "", until: str = "") -> Response:
        """The list of calls in view (the same filters) as a spreadsheet."""
        user = user_of(request)
        try:
            shown = CallFilter.parse(q, since, until)
        except ValueError as error:
            return Response(f"{error}\n", status_code=400, media_type="text/plain")
        return Response(calls_csv_text(shown.apply(list_rows(user))), headers={
            **_NO_STORE, "Content-Disposition": 'attachment; filename="calls.csv"'},
            media_type="text/csv; charset=utf-8")

    @app.get("/api/reps/{name}")
    def api_rep(request: Request, name: str) -> dict[str, Any]:
        return rep_of(user_of(request), name)

    @app.get("/api/accounts/{name}")
    def api_account(request: Request, name: str) -> dict[str, Any]:
        return account_of(user_of(request), name)[0]

    @app.get("/api/accounts/{name}/plan")
    def api_plan(request: Request, name: str) -> dict[str, Any]:
        return account_of(user_of(request), name)[1]

    @app.get("/api/calls/{call_id}")
    def api_call(request: Request, call_id: str) -> dict[str, Any]:
        return dict(one_call(user_of(request), call_id).report)

    @app.get("/api/team")
    def api_team(request: Request) -> dict[str, Any]:
        user = user_of(request)
        if user.role == "rep":
            raise _NotFound
        return team_of(user, visible_calls(user))

    return app


def app_from_env() -> FastAPI:
    """The dashboard over ``$SALESLEADER_DB`` with the options in ``$SALESLEADER_SERVE``
    (JSON: ``session_hours``, ``secure_cookies``, ``uploads``, ``root_path``, and
    ``config``, the path of a ``salesleader.toml``, else the one in the working folder as
    every command reads it): what each process of ``serve --workers`` builds, and what
    another ASGI server can run (``uvicorn --factory salesleader.web.app:app_from_env``)."""
    options = json.loads(os.environ.get(SERVE_ENV) or "{}")
    return create_app(open_engine(), session_hours=float(options.get("session_hours", 12.0)),
                      secure_cookies=bool(options.get("secure_cookies", False)),
                      uploads=bool(options.get("uploads", True)),
                      config=load_config(options.get("config")),
                      root_path=str(options.get("root_path", "")))
