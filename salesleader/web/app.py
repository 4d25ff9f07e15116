"""The dashboard: FastAPI pages over the store, behind a log-in, scoped by role.

Every page is the same self-contained HTML as the ``report`` commands write (no scripts,
nothing fetched from elsewhere), with a bar of links on top. What a user may see is
decided in one place (``users.User``): a page outside their view answers 404, as if it
did not exist. JSON for scripts under ``/api`` (the call reports are
``salesleader.call-report/1``). The routes live in ``routes_session`` (log-in, log-out,
password), ``routes_pages`` and ``routes_api``; what they share in ``dashboard``.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Config, load_config
from ..store.database import open_engine
from . import routes_api, routes_pages, routes_session
from .dashboard import (
    COOKIE,
    Dashboard,
    LoginNeeded,
    NotFound,
    Options,
    from_another_site,
    normalise_root_path,
)
from .pages import message_page, not_found_page
from .uploads import MAX_UPLOAD_BYTES

__all__ = ["COOKIE", "SECURITY_HEADERS", "SERVE_ENV", "app_from_env", "create_app",
           "normalise_root_path"]

SERVE_ENV = "SALESLEADER_SERVE"  # JSON: create_app's options, for app_from_env
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'unsafe-inline'; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(engine: sa.Engine, *, session_hours: float = 12.0,
               secure_cookies: bool = False, uploads: bool = True,
               config: Config | None = None, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               root_path: str = "") -> FastAPI:
    """The dashboard over the store behind ``engine`` (created and migrated); with
    ``uploads``, users store transcripts from the browser (analysed with ``config``).
    ``root_path``: the path a proxy serves it under (it forwards ``/sales/x`` as ``/x``):
    every link and redirect then starts with it."""
    dash = Dashboard(engine, Options(
        session_hours=session_hours, secure_cookies=secure_cookies, uploads=uploads,
        config=config, max_upload_bytes=max_upload_bytes,
        root=normalise_root_path(root_path)))
    app = FastAPI(title="salesleader", docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        """Every answer says what a browser may do with it: nothing but the page's own
        inline styles and forms back to this site (the pages have no scripts, fetch
        nothing, and are never framed), no type sniffing, no path sent to other sites."""
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.middleware("http")
    async def same_origin_posts(request: Request, call_next: Any) -> Response:
        """A form posted from another site is refused: browsers name the page a POST comes
        from in ``Origin`` and say whether it is another site's in ``Sec-Fetch-Site``;
        scripts send neither (a forced log-in or log-out stops here)."""
        if request.method == "POST" and from_another_site(request.headers):
            return dash.respond(message_page("Refused", "A form from another site."),
                                status_code=403)
        return await call_next(request)

    @app.exception_handler(LoginNeeded)
    async def _to_login(request: Request, _error: LoginNeeded) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "log in first (POST /login)"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return dash.redirect(f"/login?next={quote(target)}")

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, _error: NotFound) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "not found"}, status_code=404)
        return dash.respond(not_found_page(), status_code=404)

    @app.exception_handler(StarletteHTTPException)
    async def _no_route(request: Request, error: StarletteHTTPException) -> Response:
        """A path that is no page: the dashboard's own 404 page (JSON under /api)."""
        if error.status_code == 404 and not request.url.path.startswith("/api/"):
            return dash.respond(not_found_page(), status_code=404)
        return await http_exception_handler(request, error)

    routes_session.register(app, dash)
    routes_pages.register(app, dash)
    routes_api.register(app, dash)
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
