"""Who may log in: logging in and out, one's own password, and an admin's users page."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import ConfigError
from . import throttle
from .dashboard import COOKIE, Dashboard, NotFound, safe_next, too_many
from .pages import login_page, password_page, remove_user_page, users_page
from .users import (
    User,
    add_user,
    authenticate,
    change_password,
    close_session,
    find_user,
    list_users,
    open_session,
    remove_user,
    unmatched_sellers,
)

__all__ = ["register"]

# ``users add``'s messages name its options; the form has fields of those names.
_FIELDS = (("--seller NAME", "a Seller"), ("--team NAME", "a Team name"),
           ("--seller", "Seller"), ("--team", "Team"),
           ("(or --replace)", "(or tick “change the user of this name”)"))


def _as_form(message: str) -> str:
    for option, field in _FIELDS:
        message = message.replace(option, field)
    return message


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

    def admin(request: Request) -> User:
        user = dash.user_of(request)
        if user.role != "admin":
            raise NotFound
        return user

    def users_view(me: User, status_code: int = 200, **said: str) -> HTMLResponse:
        with engine.connect() as connection:
            found = list_users(connection)
        return dash.html(me, users_page(found, me, **said), status_code=status_code)

    @app.get("/users", response_class=HTMLResponse)
    def users(request: Request) -> HTMLResponse:
        return users_view(admin(request))

    @app.post("/users", response_class=HTMLResponse)
    def users_save(request: Request, name: Annotated[str, Form()],
                   role: Annotated[str, Form()], password: Annotated[str, Form()],
                   seller: Annotated[str, Form()] = "", team: Annotated[str, Form()] = "",
                   replace: Annotated[str, Form()] = "") -> HTMLResponse:
        """Add a user, or (``replace``) change one and end their sessions: the checks of
        ``users add``."""
        me = admin(request)
        try:
            with engine.begin() as connection:
                user = add_user(connection, name, password, role, seller=seller or None,
                                team=team.splitlines(), replace=bool(replace))
        except ConfigError as error:
            return users_view(me, 400, error=_as_form(str(error)) + ".")
        with engine.connect() as connection:  # a typo, or no calls yet: as users add says
            unknown = unmatched_sellers(connection, user)
        note = "".join(f" No stored call is sold by {name!r} yet." for name in unknown)
        return users_view(me, done=f"Saved {user.role} {user.name!r}.{note}")

    @app.post("/users/remove", response_class=HTMLResponse)
    def users_remove(request: Request, name: Annotated[str, Form()],
                     confirm: Annotated[str, Form()] = "") -> HTMLResponse:
        """Remove a user once the admin has confirmed it (the list's button asks first)."""
        me = admin(request)
        with engine.begin() as connection:
            user = find_user(connection, name)  # as typed, spaces around it ignored
            if user is None:
                return users_view(me, 400, error=f"No user {name!r}.")
            if user.name == me.name:
                return users_view(me, 400,
                                  error="You cannot remove yourself; another admin can.")
            if not confirm:
                return dash.html(me, remove_user_page(user))
            remove_user(connection, user.name)
        return users_view(me, done=f"Removed {name!r}; their sessions are ended.")
