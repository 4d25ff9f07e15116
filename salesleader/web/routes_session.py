"""Logging in and out, and changing one's own password."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import ConfigError
from . import throttle
from .dashboard import COOKIE, Dashboard, safe_next, too_many
from .pages import login_page, password_page
from .users import authenticate, change_password, close_session, open_session

__all__ = ["register"]


def register(app: FastAPI, dash: Dashboard) -> None:
    engine, options = dash.engine, dash.options

    @app.get("/login", response_class=HTMLResponse)
    def login_form(next: str = "/") -> HTMLResponse:
        return dash.respond(login_page(safe_next(next)))

    @app.post("/login")
    def login(name: Annotated[str, Form()], password: Annotated[str, Form()],
              next: Annotated[str, Form()] = "/") -> Response:
        with engine.begin() as connection:
            wait = throttle.wait_s(connection, name)
            if wait:
                return dash.respond(login_page(safe_next(next), error=too_many(wait)),
                                    status_code=429, headers={"Retry-After": str(wait)})
            user = authenticate(connection, name, password)
            token = open_session(connection, user, options.session_hours) if user else None
            if user is None:
                throttle.record_failure(connection, name)
        if user is None or token is None:
            return dash.respond(login_page(safe_next(next), error="Wrong name or password."),
                                status_code=401)
        response = dash.redirect(safe_next(next))
        response.set_cookie(COOKIE, token, max_age=int(options.session_hours * 3600),
                            httponly=True, samesite="lax", secure=options.secure_cookies,
                            path=options.root or "/")
        return response

    @app.post("/logout")
    def logout(request: Request) -> Response:
        with engine.begin() as connection:
            close_session(connection, request.cookies.get(COOKIE))
        response = dash.redirect("/login")
        response.delete_cookie(COOKIE, path=options.root or "/")
        return response

    @app.get("/password", response_class=HTMLResponse)
    def password_form(request: Request) -> HTMLResponse:
        return dash.html(dash.user_of(request), password_page())

    @app.post("/password", response_class=HTMLResponse)
    def password(request: Request, current: Annotated[str, Form()],
                 new: Annotated[str, Form()], again: Annotated[str, Form()]) -> HTMLResponse:
        """One's own password: the current one is checked (a wrong one counts as a failed
        log-in), the new one as ``users add`` checks it; the other sessions end."""
        user = dash.user_of(request)
        with engine.begin() as connection:
            wait = throttle.wait_s(connection, user.name)
            if wait:
                return dash.html(user, password_page(too_many(wait)), status_code=429,
                                 headers={"Retry-After": str(wait)})
            if authenticate(connection, user.name, current) is None:
                throttle.record_failure(connection, user.name)
                return dash.html(user, password_page("The current password is wrong."),
                                 status_code=403)
            if new != again:
                return dash.html(user, password_page(
                    "The new password and its repetition differ."), status_code=400)
            try:
                change_password(connection, user, new, keep_token=request.cookies.get(COOKIE))
            except ConfigError as error:
                return dash.html(user, password_page(f"{error}."), status_code=400)
        return dash.html(user, password_page(done=True))
