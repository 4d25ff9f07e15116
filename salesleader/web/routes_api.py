"""JSON for scripts under ``/api``: the same views as the pages, scoped the same way."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .call_pages import CallFilter
from .dashboard import Dashboard, NotFound
from .store_views import team_of

__all__ = ["register"]


def register(app: FastAPI, dash: Dashboard) -> None:
    @app.get("/api/me")
    def me(request: Request) -> dict[str, Any]:
        return dash.user_of(request).to_dict()

    @app.get("/api/calls", response_model=None)
    def api_calls(request: Request, q: str = "", since: str = "",
                  until: str = "") -> list[dict[str, Any]] | JSONResponse:
        user = dash.user_of(request)
        try:
            shown = CallFilter.parse(q, since, until)
        except ValueError as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        return shown.apply(dash.list_rows(user))

    @app.get("/api/calls/{call_id}")
    def api_call(request: Request, call_id: str) -> dict[str, Any]:
        return dict(dash.one_call(dash.user_of(request), call_id).report)

    @app.get("/api/reps/{name}")
    def api_rep(request: Request, name: str) -> dict[str, Any]:
        return dash.rep_of(dash.user_of(request), name)

    @app.get("/api/accounts/{name}")
    def api_account(request: Request, name: str) -> dict[str, Any]:
        return dash.account_of(dash.user_of(request), name)[0]

    @app.get("/api/accounts/{name}/plan")
    def api_plan(request: Request, name: str) -> dict[str, Any]:
        return dash.account_of(dash.user_of(request), name)[1]

    @app.get("/api/team")
    def api_team(request: Request) -> dict[str, Any]:
        user = dash.user_of(request)
        if user.role == "rep":
            raise NotFound
        return team_of(user, dash.visible_calls(user))
