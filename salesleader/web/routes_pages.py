"""The dashboard's pages: the calls, each call, rep and account, the team and outcomes,
the self-assessment, storing calls, and the list as CSV."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from ..reports.html import account_page, call_page, outcomes_page, rep_page, team_page
from ..self_assessment import SCALE, SCALE_EXPECTED, assess, items
from .call_pages import (
    CallFilter,
    assess_form_page,
    assessment_page,
    call_list_page,
    calls_csv_text,
    upload_page,
    upload_result_page,
)
from .dashboard import NO_STORE, Dashboard, NotFound
from .pages import message_page
from .store_views import team_of
from .uploads import store_uploads
from .users import User

__all__ = ["MAX_FILES", "register"]

MAX_FILES = 200  # files in one upload


def _answers(form: Mapping[str, Any]) -> dict[str, int]:
    """Every statement's answer from the posted form; ValueError names the first that is
    missing or not on the scale."""
    low, high = SCALE
    answers = {}
    for item in items():
        key, value = item["behaviour"], str(form.get(item["behaviour"], "")).strip()
        if not value.isdigit() or not low <= int(value) <= high:
            raise ValueError(f"{key}: {value or 'no answer'}; expected {SCALE_EXPECTED}")
        answers[key] = int(value)
    return answers


def _own_seller(user: User) -> str:
    """The seller a rep sells as; the self-assessment is a rep's alone."""
    if user.role != "rep" or not user.seller:
        raise NotFound
    return user.seller


def register(app: FastAPI, dash: Dashboard) -> None:
    html, options = dash.html, dash.options

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request, q: str = "", since: str = "", until: str = "",
             page: int = 1) -> HTMLResponse:
        user = dash.user_of(request)
        try:
            shown = CallFilter.parse(q, since, until)
        except ValueError as error:
            return html(user, message_page("Calls", str(error)), status_code=400)
        return html(user, call_list_page(user, shown.apply(dash.list_rows(user)), shown,
                                         page=max(page, 1)))

    @app.get("/calls.csv")
    def calls_csv(request: Request, q: str = "", since: str = "", until: str = "") -> Response:
        """The list of calls in view (the same filters) as a spreadsheet."""
        user = dash.user_of(request)
        try:
            shown = CallFilter.parse(q, since, until)
        except ValueError as error:
            return Response(f"{error}\n", status_code=400, media_type="text/plain")
        return Response(calls_csv_text(shown.apply(dash.list_rows(user))), headers={
            **NO_STORE, "Content-Disposition": 'attachment; filename="calls.csv"'},
            media_type="text/csv; charset=utf-8")

    @app.get("/calls/{call_id}", response_class=HTMLResponse)
    def call(request: Request, call_id: str) -> HTMLResponse:
        user = dash.user_of(request)
        return html(user, call_page(dash.one_call(user, call_id).report))

    @app.get("/reps/{name}", response_class=HTMLResponse)
    def rep(request: Request, name: str) -> HTMLResponse:
        user = dash.user_of(request)
        try:
            return html(user, rep_page(dash.rep_of(user, name)))
        except NotFound:
            if user.role != "rep" or name != user.seller:
                raise
        # A new rep's "My report": not a dead end.
        return html(user, message_page("My report", "None of your calls is stored yet"
                                       + ("; store one under Store calls." if options.uploads
                                          else ".")))

    @app.get("/team", response_class=HTMLResponse)
    def team(request: Request) -> HTMLResponse:
        user = dash.user_of(request)
        if user.role == "rep":
            raise NotFound
        return html(user, team_page(team_of(user, dash.visible_calls(user))))

    @app.get("/accounts/{name}", response_class=HTMLResponse)
    def account(request: Request, name: str) -> HTMLResponse:
        user = dash.user_of(request)
        return html(user, account_page(*dash.account_of(user, name)))

    @app.get("/outcomes", response_class=HTMLResponse)
    def outcomes(request: Request) -> HTMLResponse:
        """Does leadership pay here: over the deals linked to the calls in view."""
        user = dash.user_of(request)
        if user.role == "rep":
            raise NotFound
        from ..deals import load_deals
        from ..errors import SalesleaderError
        from ..outcomes import associations, deal_rows

        with dash.engine.connect() as connection:
            deals = load_deals(connection)
        try:
            result = associations(deal_rows(dash.visible_calls(user), deals))
        except SalesleaderError as error:  # statsmodels missing: say what to install
            return html(user, message_page("Outcomes", str(error)))
        return html(user, outcomes_page(result))

    @app.get("/assess", response_class=HTMLResponse)
    def assess_form(request: Request) -> HTMLResponse:
        user = dash.user_of(request)
        _own_seller(user)
        return html(user, assess_form_page(items()))

    @app.post("/assess", response_class=HTMLResponse)
    async def assess_answers(request: Request) -> HTMLResponse:
        """The answers beside the rep's own calls; the answers are not stored."""
        user = await run_in_threadpool(dash.user_of, request)
        seller = _own_seller(user)
        form = await request.form()
        try:
            answers = _answers(form)
        except ValueError as error:
            return html(user, assess_form_page(items(), str(error), given=form),
                        status_code=400)
        result = await run_in_threadpool(
            lambda: assess(dash.visible_calls(user), seller, answers))
        if not result["calls"]:
            return html(user, message_page("Self-assessment", "None of your calls is stored "
                                                              "yet to compare the answers with."))
        return html(user, assessment_page(result))

    @app.get("/upload", response_class=HTMLResponse)
    def upload_form(request: Request) -> HTMLResponse:
        user = dash.user_of(request)
        if not options.uploads:
            raise NotFound
        return html(user, upload_page(user))

    @app.post("/upload", response_class=HTMLResponse)
    async def upload(request: Request) -> HTMLResponse:
        """Transcripts stored as ``ingest`` stores them: a rep's as their own calls, a
        manager's for a rep of their team, an admin's for any seller."""
        user = await run_in_threadpool(dash.user_of, request)
        if not options.uploads:
            raise NotFound
        size, limit = request.headers.get("content-length"), options.max_upload_bytes
        if size is None or not size.isdigit() or int(size) > limit:
            return html(user, upload_page(user, (
                f"At most {limit / 2**20:g} MiB at a time; send fewer files."
                if size and size.isdigit() else "The upload had no length; send it again.")),
                status_code=413 if size else 411)
        try:
            form = await request.form(max_files=MAX_FILES)
        except HTTPException as error:  # too many files, a broken form: said on the page
            return html(user, upload_page(user, f"{error.detail}"), status_code=400)
        files = [(part.filename or "upload", await part.read()) for part in form.getlist("files")
                 if isinstance(part, UploadFile)]
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
        results = await run_in_threadpool(store_uploads, dash.engine, files, sellers=sellers,
                                          config=options.config)
        return html(user, upload_result_page(results),
                    status_code=200 if any(not r.error for r in results) else 400)
