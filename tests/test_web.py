"""The dashboard (``salesleader serve``): log-in, sessions and what each role sees, on
SQLite and PostgreSQL, through the real FastAPI application; and once through uvicorn."""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesleader.cli import app as cli_app
from salesleader.config import load_config
from salesleader.deals import import_deals
from salesleader.errors import ConfigError
from salesleader.store.database import open_engine
from salesleader.store.ingest import ingest
from salesleader.store.schema import login_failures, sessions, users
from salesleader.web.app import COOKIE, create_app
from salesleader.web.users import (
    User,
    add_user,
    authenticate,
    hash_password,
    list_users,
    open_session,
    session_user,
    verify_password,
)

from .team_data import write_team

PASSWORDS = {"ann": "ann-secret-1", "mia": "mia-secret-1", "boss": "boss-secret-1"}
SAMPLES = resources.files("salesleader").joinpath("samples")


@pytest.fixture
def store(store_url, tmp_path):
    """Three reps' calls (Ann Lee, Bo Grant, Cy Park), the bundled two-seller call (Sam
    Rivera with Lena Park), and a rep, a manager of Ann and Sam, and an admin."""
    team = write_team(tmp_path / "calls", calls_per_rep=2)
    engine = open_engine(store_url)
    ingest(engine, [tmp_path / "calls"])
    import_deals(engine, team["deals_csv"])
    ingest(engine, [str(SAMPLES.joinpath("multiparty_no_timestamps.txt"))],
           config=load_config(str(SAMPLES.joinpath("salesleader.toml"))))
    with engine.begin() as connection:
        add_user(connection, "ann", PASSWORDS["ann"], "rep", seller="Ann Lee")
        add_user(connection, "mia", PASSWORDS["mia"], "manager", team=["Ann Lee", "Sam Rivera"])
        add_user(connection, "boss", PASSWORDS["boss"], "admin")
    return engine


def logged_in(engine, name: str, **options) -> TestClient:
    client = TestClient(create_app(engine, **options))
    response = client.post("/login", data={"name": name, "password": PASSWORDS[name]},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def store_ann_call(engine, folder: Path, *, title: str, account: str) -> None:
    """A short call of Ann Lee's stored with this title and account (its sidecar's)."""
    call = folder / "titled" / "call.txt"
    call.parent.mkdir()
    call.write_text("Ann Lee: What matters most to you?\nDee Roe: Speed.\n", encoding="utf-8")
    call.with_name("call.txt.meta.json").write_text(
        json.dumps({"title": title, "account": account}), encoding="utf-8")
    ingest(engine, [call], sellers=["Ann Lee"])


def sellers_seen(client: TestClient) -> set[str]:
    return {s for row in client.get("/api/calls").json() for s in row["sellers"]}


def test_web_each_role_sees_its_own_calls(store):
    rep, manager, admin = (logged_in(store, n) for n in ("ann", "mia", "boss"))
    assert sellers_seen(rep) == {"Ann Lee"}
    assert sellers_seen(manager) == {"Ann Lee", "Sam Rivera", "Lena Park"}  # Sam's call, shared
    assert sellers_seen(admin) == {"Ann Lee", "Bo Grant", "Cy Park", "Sam Rivera", "Lena Park"}
    everything = admin.get("/api/calls").json()
    bo_call = next(r["id"] for r in everything if r["sellers"] == ["Bo Grant"])
    ann_call = next(r["id"] for r in everything if r["sellers"] == ["Ann Lee"])
    # Outside one's view a call does not exist: 404, page and API alike.
    for client in (rep, manager):
        assert client.get(f"/calls/{bo_call}").status_code == 404
        assert client.get(f"/api/calls/{bo_call}").status_code == 404
    assert admin.get(f"/calls/{bo_call}").status_code == 200
    report = rep.get(f"/api/calls/{ann_call}").json()
    assert report["schema"] == "salesleader.call-report/1" and report["call"]["id"] == ann_call
    page = rep.get(f"/calls/{ann_call}")
    assert page.status_code == 200 and "Log out" in page.text and "Sales Leadership" in page.text
    # The list page links only what the user may open.
    listing = rep.get("/").text
    assert f"/calls/{ann_call}" in listing and f"/calls/{bo_call}" not in listing


def test_web_a_rep_sees_their_own_index_on_a_shared_call(store):
    with store.begin() as connection:
        add_user(connection, "lena", "lena-secret-1", "rep", seller="Lena Park")
    client = TestClient(create_app(store))
    client.post("/login", data={"name": "lena", "password": "lena-secret-1"})
    (row,) = client.get("/api/calls").json()
    report = client.get(f"/api/calls/{row['id']}").json()
    own = next(p for p in report["participants"] if p["name"] == "Lena Park")["index"]["score"]
    assert row["index"] == own != report["index"]["score"]
    page = client.get("/").text
    assert "your index" in page and f">{own:.0f}<" in page
    admin = logged_in(store, "boss")
    assert "call index" in admin.get("/").text
    assert next(r for r in admin.get("/api/calls").json() if r["id"] == row["id"])["index"] \
        == report["index"]["score"]


def test_web_call_list_filters_and_pages(store, monkeypatch):
    admin, rep = logged_in(store, "boss"), logged_in(store, "ann")
    everything = admin.get("/api/calls").json()
    assert len(everything) == 7
    assert {s for r in admin.get("/api/calls", params={"q": "bo g"}).json()
            for s in r["sellers"]} == {"Bo Grant"}  # a seller's name, any case
    assert [r["id"] for r in admin.get("/api/calls", params={"q": "KEYSTONE"}).json()] == [
        r["id"] for r in everything if r["account"] == "Keystone Software"]
    dates = sorted({r["date"] for r in everything})
    window = admin.get("/api/calls", params={"since": dates[1], "until": dates[-2]}).json()
    assert window and {r["date"] for r in window} == set(dates[1:-1])  # both ends included
    assert rep.get("/api/calls", params={"q": "bo"}).json() == []  # never beyond one's view
    bad = admin.get("/api/calls", params={"since": "last week"})
    assert bad.status_code == 400
    assert bad.json() == {"error": "since='last week': expected a date as YYYY-MM-DD"}
    page = admin.get("/", params={"until": "2026-13-01"})
    assert page.status_code == 400 and "until=&#x27;2026-13-01&#x27;: expected a date" in page.text
    filtered = admin.get("/", params={"q": "bo grant"}).text
    assert "Showing every call in the store, filtered: 2 calls." in filtered
    assert "value='bo grant'" in filtered and "Ann Lee" not in filtered
    assert "No call matches." in admin.get("/", params={"q": "nobody"}).text
    monkeypatch.setattr("salesleader.web.call_pages.PAGE_SIZE", 3)
    first, second, last = (admin.get("/", params={"page": n}).text for n in (1, 2, 99))
    assert "1–3 of 7 calls" in first and "4–6 of 7 calls" in second and "7–7 of 7 calls" in last
    assert "href='/?page=2'>older" in first and "newer" not in first
    assert "href='/?page=1'>newer" in second and "href='/?page=3'>older" in second
    listed = [i for text in (first, second, last) for i in re.findall(r"href='/calls/([^']+)'", text)]
    assert listed == [r["id"] for r in everything]  # newest first, each once
    kept = admin.get("/", params={"q": "a", "page": 1}).text  # the filter goes with the pages
    assert "href='/?q=a&amp;page=2'>older" in kept


def test_web_rep_team_and_account_pages_follow_the_role(store):
    rep, manager, admin = (logged_in(store, n) for n in ("ann", "mia", "boss"))
    assert rep.get("/reps/Ann%20Lee").status_code == 200
    assert rep.get("/reps/Ann").status_code == 200  # a first name designates the rep
    assert rep.get("/reps/Bo%20Grant").status_code == 404
    assert rep.get("/team").status_code == 404 and rep.get("/api/team").status_code == 404
    assert manager.get("/reps/Bo%20Grant").status_code == 404
    assert admin.get("/reps/Bo%20Grant").status_code == 200
    # The manager's team report compares their reps only: Lena sold on Sam's call, but
    # she is not in Mia's team.
    team = manager.get("/api/team").json()
    assert [r["rep"] for r in team["reps"]] == ["Ann Lee", "Sam Rivera"]
    assert {r["rep"] for r in admin.get("/api/team").json()["reps"]} == {
        "Ann Lee", "Bo Grant", "Cy Park", "Lena Park", "Sam Rivera"}
    assert manager.get("/team").status_code == 200
    # Accounts: only those with a call in view.
    assert rep.get("/accounts/Account%2000").status_code == 200  # Ann's first account
    assert rep.get("/accounts/Account%2010").status_code == 404  # Bo's
    assert manager.get("/accounts/Keystone%20Software").status_code == 200
    assert rep.get("/accounts/Keystone%20Software").status_code == 404


def test_web_reps_take_the_self_assessment_against_their_own_calls(store):
    from salesleader.self_assessment import assess, gap_sentences, items
    from salesleader.store.repository import load_calls
    from salesleader.store.schema import metadata

    rep = logged_in(store, "ann")
    form = rep.get("/assess").text
    assert len(re.findall(r"name='(B\d+)' value='1'", form)) == len(items()) == 11
    answers = {item["behaviour"]: 5 for item in items()}
    with store.connect() as connection:
        def rows() -> dict[str, int]:
            return {t.name: connection.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                    for t in metadata.sorted_tables}
        before = rows()
        expected = assess(load_calls(connection), "Ann Lee", answers)
    page = rep.post("/assess", data={k: str(v) for k, v in answers.items()})
    assert page.status_code == 200 and "Ann Lee: self-assessment beside the last 2 calls" in page.text
    for sentence in gap_sentences(expected):  # the library's own figures and words
        assert html.escape(sentence) in page.text
    linked = set(re.findall(r"href='/calls/([^']+)'", page.text))
    assert linked and linked <= {r["id"] for r in rep.get("/api/calls").json()}  # her calls
    with store.connect() as connection:
        assert rows() == before  # the answers are not stored
    for broken, message in (({**answers, "B3": "7"}, "B3: 7; expected a whole number from 1 to 5"),
                            ({k: v for k, v in answers.items() if k != "B9"},
                             "B9: no answer; expected")):
        refused = rep.post("/assess", data=broken)
        assert refused.status_code == 400 and message in refused.text
        assert "name='B1' value='1'" in refused.text  # the form again,
        assert "name='B1' value='5' required checked" in refused.text  # answers kept
    for other in ("mia", "boss"):  # managers and admins sell no calls of their own
        client = logged_in(store, other)
        assert client.get("/assess").status_code == 404
        assert client.post("/assess", data=answers).status_code == 404


def test_web_json_and_csv_for_scripts_follow_the_role(store, tmp_path):
    import csv

    from salesleader.store.repository import load_calls
    from salesleader.team import account_view, plan, rep_view

    rep, admin = logged_in(store, "ann"), logged_in(store, "boss")
    with store.connect() as connection:
        calls = load_calls(connection, quotes=False)
    # The same JSON as `report rep`, `report account` and `plan` (`--format json`):
    assert rep.get("/api/reps/Ann%20Lee").json() == json.loads(json.dumps(
        rep_view(calls, "Ann Lee", [])))
    assert rep.get("/api/accounts/Account%2000").json() == json.loads(json.dumps(
        account_view(calls, "Account 00", [])))
    assert rep.get("/api/accounts/Account%2000/plan").json() == json.loads(json.dumps(
        plan(calls, "Account 00", [])))
    for path in ("/api/reps/Bo%20Grant", "/api/accounts/Account%2010",
                 "/api/accounts/Account%2010/plan"):  # Bo's: outside Ann's view
        assert rep.get(path).status_code == 404 and admin.get(path).status_code == 200
    # The list as CSV, with the list's filters and scope:
    download = admin.get("/calls.csv", params={"q": "bo grant"})
    assert download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    table = list(csv.DictReader(download.text.splitlines()))
    assert [r["id"] for r in table] == [
        r["id"] for r in admin.get("/api/calls", params={"q": "bo grant"}).json()]
    assert {r["sellers"] for r in table} == {"Bo Grant"} and len(table) == 2
    assert {r["sellers"] for r in csv.DictReader(rep.get("/calls.csv").text.splitlines())} == {
        "Ann Lee"}
    assert admin.get("/calls.csv", params={"since": "soon"}).status_code == 400
    assert "href='/calls.csv?q=bo+grant'>CSV" in admin.get("/", params={"q": "bo grant"}).text
    # A title written as a formula stays text in a spreadsheet:
    store_ann_call(store, tmp_path, title='=HYPERLINK("https://evil.example","x")',
                   account="@Acme")
    rows = {r["title"]: r for r in csv.DictReader(rep.get("/calls.csv").text.splitlines())}
    assert rows["'=HYPERLINK(\"https://evil.example\",\"x\")"]["account"] == "'@Acme"


CALL = ("Ann Lee: What would change for your team if the backlog disappeared?\n"
        "Dee Roe: We would finally get to the renewals, which we keep putting off.\n"
        "Ann Lee: Tell me more about the renewals.\n")


def test_web_users_store_calls_from_the_browser(store, data):
    rep = logged_in(store, "ann")
    assert "enctype='multipart/form-data'" in rep.get("/upload").text
    assert "href='/upload'" in rep.get("/").text
    before = {r["id"] for r in rep.get("/api/calls").json()}
    broken = (data / "bad" / "broken_timestamp.vtt").read_bytes()
    sent = rep.post("/upload", files=[
        ("files", ("../../call one.txt", CALL.encode(), "text/plain")),
        ("files", ("call one.txt.meta.json", json.dumps({"title": "Upload: renewals"}).encode(),
                   "application/json")),
        ("files", ("broken_timestamp.vtt", broken, "text/vtt")),
        ("files", ("notes.pdf", b"%PDF-1.4", "application/pdf")),
    ])
    assert sent.status_code == 200
    stored = [r for r in rep.get("/api/calls").json() if r["id"] not in before]
    assert [(r["title"], r["sellers"]) for r in stored] == [("Upload: renewals", ["Ann Lee"])]
    assert f"href='/calls/{stored[0]['id']}'" in sent.text and "1 call stored of 3 file(s)" in sent.text
    report = rep.get(f"/api/calls/{stored[0]['id']}").json()
    assert report["call"]["source"] == "upload:call one.txt"  # its own name, no temporary path
    from salesleader.store.ingest import reanalyze

    assert stored[0]["id"] in reanalyze(store, everything=True).updated  # from the stored text
    again_report = rep.get(f"/api/calls/{stored[0]['id']}").json()
    assert any("re-analysed from the stored" in n for n in again_report["notes"])
    assert again_report["index"]["score"] == report["index"]["score"]
    # Each failure by the file's own name and line, never the temporary folder's path:
    assert "broken_timestamp.vtt:6: broken cue timing" in sent.text and "/tmp" not in sent.text
    assert "notes.pdf: not a transcript or emails" in sent.text
    again = rep.post("/upload", files=[("files", ("again.txt", CALL.encode(), "text/plain"))])
    assert again.status_code == 200 and "already stored" in again.text
    assert len(rep.get("/api/calls").json()) == len(before) + 1  # the same bytes: one call
    # Follow-up emails go in beside the calls (B13):
    from salesleader.store.schema import emails

    mail = (data / "email" / "two_threads.mbox").read_bytes()
    with store.connect() as connection:
        before_mail = connection.execute(sa.select(sa.func.count()).select_from(emails)).scalar()
    sent_mail = rep.post("/upload", files=[("files", ("threads.mbox", mail, "application/mbox"))])
    assert sent_mail.status_code == 200 and "0 calls and 1 email file(s) stored" in sent_mail.text
    with store.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(emails)
                                  ).scalar() > before_mail
    assert "already stored" in rep.post("/upload", files=[
        ("files", ("threads.mbox", mail, "application/mbox"))]).text
    # A rep stores only calls they sold on:
    theirs = CALL.replace("Ann Lee", "Bo Grant")
    refused = rep.post("/upload", files=[("files", ("bo.txt", theirs.encode(), "text/plain"))])
    assert refused.status_code == 400 and "not stored" in refused.text
    assert "&#x27;Ann Lee&#x27; matches no speaker" in refused.text


def test_web_managers_store_calls_for_their_team_admins_for_anyone(store):
    manager, admin = logged_in(store, "mia"), logged_in(store, "boss")
    call = [("files", ("bo.txt", CALL.replace("Ann Lee", "Bo Grant").encode(), "text/plain"))]
    for seller in ("", "Bo Grant"):  # Bo is not in Mia's team
        response = manager.post("/upload", data={"seller": seller}, files=call)
        assert response.status_code == 400 and "expected a rep of your team" in response.text
    bo_calls = len(admin.get("/api/calls", params={"q": "bo grant"}).json())
    assert admin.post("/upload", data={"seller": "Bo Grant"}, files=call).status_code == 200
    assert len(admin.get("/api/calls", params={"q": "bo grant"}).json()) == bo_calls + 1
    mine = [("files", ("ann.txt", CALL.replace("backlog", "queue").encode(), "text/plain"))]
    assert manager.post("/upload", data={"seller": "Ann Lee"}, files=mine).status_code == 200
    small = TestClient(create_app(store, max_upload_bytes=100))
    small.post("/login", data={"name": "boss", "password": PASSWORDS["boss"]})
    too_big = small.post("/upload", files=mine)
    assert too_big.status_code == 413 and "At most" in too_big.text
    closed = TestClient(create_app(store, uploads=False))
    closed.post("/login", data={"name": "boss", "password": PASSWORDS["boss"]})
    assert closed.get("/upload").status_code == 404
    assert closed.post("/upload", files=mine).status_code == 404
    assert "href='/upload'" not in closed.get("/").text


def test_web_behind_a_proxy_under_a_sub_path(store):
    """--root-path /sales: a proxy forwards /sales/x as /x (emulated by a few lines of
    ASGI below); every link, form and redirect the pages give starts with /sales/, and the
    session cookie is kept to that path."""
    app = create_app(store, root_path="sales/")

    async def proxy(scope, receive, send):  # what the proxy does with the prefix
        if scope["type"] == "http":
            assert scope["path"].startswith("/sales")
            path = scope["path"].removeprefix("/sales") or "/"
            scope = {**scope, "path": path, "raw_path": path.encode()}
        await app(scope, receive, send)

    client = TestClient(proxy)
    first = client.get("/sales/", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/sales/login?next=/"
    assert "action='/sales/login'" in client.get("/sales/login").text
    login = client.post("/sales/login", data={"name": "mia", "password": PASSWORDS["mia"],
                                              "next": "/team"}, follow_redirects=False)
    assert login.headers["location"] == "/sales/team"
    assert "Path=/sales" in login.headers["set-cookie"]
    for path in ("/sales/", "/sales/team", "/sales/upload", "/sales/password",
                 "/sales/nowhere"):
        page = client.get(path).text
        targets = re.findall(r"(?:href|action)='([^']*)'", page)
        assert targets and all(t.startswith("/sales/") for t in targets), (path, targets)
    assert "Nothing here" in client.get("/sales/nowhere").text  # an unknown path: the 404 page
    assert client.get("/sales/api/nowhere").json() == {"detail": "Not Found"}  # JSON there
    logout = client.post("/sales/logout", follow_redirects=False)
    assert logout.headers["location"] == "/sales/login"
    assert client.get("/sales/api/me").status_code == 401
    from salesleader.web.app import normalise_root_path

    assert [normalise_root_path(p) for p in ("", "/", "sales", "/a/b/")] == ["", "", "/sales",
                                                                          "/a/b"]
    for bad in ("/sales?x=1", "/../up", "/a b", "//evil.example"):
        if bad == "//evil.example":
            assert normalise_root_path(bad) == "/evil.example"  # a path, never a host
            continue
        with pytest.raises(ValueError, match="expected segments like /sales"):
            normalise_root_path(bad)
    refused = CliRunner().invoke(cli_app, ["serve", "--root-path", "/a b", "--port", "1"])
    assert refused.exit_code == 1 and refused.output.startswith("error: serve: root path")


def test_web_admins_manage_users_in_the_browser(store):
    admin, manager = logged_in(store, "boss"), logged_in(store, "mia")
    assert "href='/users'" in admin.get("/").text and "href='/users'" not in manager.get("/").text
    for response in (manager.get("/users"), manager.post("/users/remove", data={"name": "ann"}),
                     manager.post("/users", data={"name": "x", "role": "admin",
                                                  "password": "long-enough"})):
        assert response.status_code == 404  # only admins manage users
    page = admin.get("/users").text
    assert all(name in page for name in ("ann", "mia", "boss"))
    assert "name='name' value='boss'" not in page  # no button to remove oneself
    added = admin.post("/users", data={"name": "cy", "role": "rep", "seller": "Cy Park",
                                       "password": "cy-secret-12"})
    assert added.status_code == 200 and "Saved rep &#x27;cy&#x27;" in added.text
    cy = TestClient(create_app(store))
    assert cy.post("/login", data={"name": "cy", "password": "cy-secret-12"},
                   follow_redirects=False).status_code == 303
    assert sellers_seen(cy) == {"Cy Park"}
    refused = [
        ({"name": "cy", "role": "rep", "seller": "Cy Park", "password": "other-secret"},
         "exists; expected a new name (or tick “change the user of this name”)"),
        ({"name": "dee", "role": "manager", "password": "dee-secret-1"},
         "expected a Team name for each rep they lead and no Seller"),
        ({"name": "dee", "role": "rep", "seller": "Dee", "password": "short"}, "expected 8 to"),
    ]
    for form, message in refused:
        response = admin.post("/users", data=form)
        assert response.status_code == 400 and message in response.text
    manager_form = {"name": "dee", "role": "manager", "team": "Ann Lee\r\nBo Grant\r\n",
                    "password": "dee-secret-1"}
    assert admin.post("/users", data=manager_form).status_code == 200
    with store.connect() as connection:
        dee = next(u for u in list_users(connection) if u.name == "dee")
    assert dee.team == ("Ann Lee", "Bo Grant")
    changed = admin.post("/users", data={"name": "cy", "role": "admin", "password": "cy-secret-34",
                                         "replace": "1"})
    assert changed.status_code == 200 and cy.get("/api/me").status_code == 401  # sessions end
    assert admin.post("/users/remove", data={"name": "boss"}).status_code == 400
    assert admin.post("/users/remove", data={"name": "nobody"}).status_code == 400
    gone = admin.post("/users/remove", data={"name": "cy"})
    assert gone.status_code == 200 and "Removed &#x27;cy&#x27;" in gone.text
    with store.connect() as connection:
        assert authenticate(connection, "cy", "cy-secret-34") is None


def test_web_pages_follow_the_store_as_it_changes(store, tmp_path):
    """The pages keep the stored calls in memory between requests: a call stored
    meanwhile shows on the next page."""
    admin = logged_in(store, "boss")
    assert "Dee Vance" not in {r["rep"] for r in admin.get("/api/team").json()["reps"]}
    assert admin.get("/reps/Dee%20Vance").status_code == 404
    (tmp_path / "new").mkdir()
    call = tmp_path / "new" / "dee.txt"
    call.write_text("Dee Vance: What would change for your customers?\nEd Roe: Everything.\n",
                    encoding="utf-8")
    ingest(store, [call], sellers=["Dee Vance"])
    assert "Dee Vance" in {r["rep"] for r in admin.get("/api/team").json()["reps"]}
    assert admin.get("/reps/Dee%20Vance").status_code == 200
    before = admin.get("/reps/Dee%20Vance").text
    call.write_text("Dee Vance: Our product has dashboards.\nEd Roe: Okay.\n", encoding="utf-8")
    ingest(store, [call], sellers=["Dee Vance"])  # new bytes: a second call of Dee's
    assert admin.get("/reps/Dee%20Vance").text != before


def test_web_outcomes_cover_the_deals_of_the_calls_in_view(store):
    rep, manager, admin = (logged_in(store, n) for n in ("ann", "mia", "boss"))
    assert rep.get("/outcomes").status_code == 404

    def closed_deals(client: TestClient) -> int:
        page = client.get("/outcomes")
        assert page.status_code == 200 and "Does leadership pay here?" in page.text
        return int(re.search(r"(\d+) closed deals", page.text).group(1))

    # Each of the three reps has two calls on two deals; Mia leads Ann (and Sam, no deals).
    assert (closed_deals(manager), closed_deals(admin)) == (2, 6)


def test_web_log_in_and_out(store):
    client = TestClient(create_app(store))
    first = client.get("/calls/anything?x=1", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/login?next=/calls/anything%3Fx%3D1"
    assert client.get("/api/calls").status_code == 401
    asked = client.get("/reps/Ann%20Lee", follow_redirects=False).headers["location"]
    assert asked == "/login?next=/reps/Ann%20Lee"
    assert "name='next' value='/reps/Ann Lee'" in client.get(asked).text  # back there after
    wrong = client.post("/login", data={"name": "ann", "password": "not-it-at-all"})
    assert wrong.status_code == 401 and "Wrong name or password." in wrong.text
    nobody = client.post("/login", data={"name": "zed", "password": "not-it-at-all"})
    assert nobody.status_code == 401 and "Wrong name or password." in nobody.text  # same answer
    ok = client.post("/login", data={"name": "ann", "password": PASSWORDS["ann"], "next": "/team"},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/team"
    cookie = ok.headers["set-cookie"].lower()
    # Lax: a link from a mail opens the page logged in; another site's form posts without it.
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    token = client.cookies[COOKIE]
    with store.connect() as connection:  # only a hash of the token is stored
        stored = connection.execute(sa.select(sessions.c.token_sha256)).scalars().all()
    assert token not in stored and len(stored) == 1
    assert client.get("/api/me").json() == {"name": "ann", "role": "rep", "seller": "Ann Lee",
                                            "team": []}
    assert client.post("/logout", follow_redirects=False).status_code == 303
    client.cookies.set(COOKIE, token)  # the old cookie, replayed: the session is gone
    assert client.get("/api/me").status_code == 401


def test_web_users_change_their_own_password(store):
    client, elsewhere = logged_in(store, "ann"), logged_in(store, "ann")
    assert "Current password" in client.get("/password").text
    assert "/password" in client.get("/").text  # linked from every page
    change = {"current": PASSWORDS["ann"], "new": "ann-secret-2", "again": "ann-secret-2"}
    refused = [
        ({**change, "current": "not-the-one"}, 403, "current password is wrong"),
        ({**change, "again": "ann-secret-3"}, 400, "repetition differ"),
        ({**change, "new": "short", "again": "short"}, 400, "expected 8 to 1024"),
        ({**change, "new": "x" * 1025, "again": "x" * 1025}, 400, "has 1025 characters"),
    ]
    for form, status, message in refused:
        response = client.post("/password", data=form)
        assert response.status_code == status and message in response.text
    with store.connect() as connection:
        assert authenticate(connection, "ann", PASSWORDS["ann"]) is not None  # unchanged
    done = client.post("/password", data=change)
    assert done.status_code == 200 and "Password changed" in done.text
    assert client.get("/api/me").status_code == 200  # this session goes on
    assert elsewhere.get("/api/me").status_code == 401  # the others end
    with store.connect() as connection:
        assert authenticate(connection, "ann", PASSWORDS["ann"]) is None
        assert authenticate(connection, "ann", "ann-secret-2").role == "rep"
        # The wrong current password counted as a failed log-in for the name:
        assert connection.execute(sa.select(sa.func.count()).select_from(login_failures)
                                  ).scalar() == 1
    wrong = {**change, "current": "not-the-one"}
    for _ in range(4):  # guessing here is throttled as guessing at the log-in
        assert client.post("/password", data=wrong).status_code == 403
    stopped = client.post("/password", data={**change, "current": "ann-secret-2"})
    assert stopped.status_code == 429 and "Too many failed log-ins" in stopped.text
    assert TestClient(create_app(store)).post(
        "/password", data=change, follow_redirects=False).status_code == 303  # log in first


def test_web_password_guessing_is_refused_after_five_failures(store):
    # Two apps over one store, as two worker processes: they count the same failures.
    first, second = TestClient(create_app(store)), TestClient(create_app(store))
    for client in (first, second, first, second, first):
        assert client.post("/login", data={"name": " Ann", "password": "guess-guess"}
                           ).status_code == 401
    for client in (first, second):
        right = client.post("/login", data={"name": "ann", "password": PASSWORDS["ann"]},
                            follow_redirects=False)
        assert right.status_code == 429 and "Too many failed log-ins" in right.text
        assert 0 < int(right.headers["retry-after"]) <= 15 * 60
        assert client.get("/api/me").status_code == 401  # no session was opened
    assert first.post("/login", data={"name": "mia", "password": PASSWORDS["mia"]},
                      follow_redirects=False).status_code == 303  # other names unaffected
    with store.begin() as connection:
        stored = connection.execute(sa.select(login_failures.c.name_sha256)).scalars().all()
        assert len(stored) == 5 and "ann" not in " ".join(stored)  # no typed name as text
        # The failures leave the window:
        connection.execute(sa.update(login_failures).values(
            failed_at=datetime.now(UTC) - timedelta(minutes=15, seconds=1)))
    assert second.post("/login", data={"name": "ann", "password": PASSWORDS["ann"]},
                       follow_redirects=False).status_code == 303
    assert first.post("/login", data={"name": "nobody", "password": "guess-guess"}
                      ).status_code == 401
    with store.connect() as connection:  # expired failures went with the next one
        assert connection.execute(sa.select(sa.func.count()).select_from(login_failures)
                                  ).scalar() == 1


def test_web_forms_from_another_site_are_refused(store):
    client = TestClient(create_app(store))
    form = {"name": "ann", "password": PASSWORDS["ann"]}
    for origin in ("https://evil.example", "null", "http://testserver.evil.example"):
        forced = client.post("/login", data=form, headers={"Origin": origin},
                             follow_redirects=False)
        assert forced.status_code == 403 and COOKIE not in client.cookies
    # A browser that leaves out Origin still says the form is another site's:
    unnamed = client.post("/login", data=form, headers={"Sec-Fetch-Site": "cross-site"},
                          follow_redirects=False)
    assert unnamed.status_code == 403 and COOKIE not in client.cookies
    own = client.post("/login", data=form, follow_redirects=False,
                      headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"})
    assert own.status_code == 303  # the browser on the dashboard's own page
    proxied = TestClient(create_app(store)).post(
        "/login", data=form, follow_redirects=False,
        headers={"Origin": "https://sales.example", "X-Forwarded-Host": "sales.example"})
    assert proxied.status_code == 303  # behind a proxy that names the public host
    assert client.post("/logout", headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.get("/api/me").status_code == 200  # still logged in
    assert client.post("/logout", follow_redirects=False).status_code == 303  # a script


def test_web_no_redirect_off_the_site_and_expired_sessions_end(store):
    client = TestClient(create_app(store))
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example",
                   "/\t/evil.example", "/\n/evil.example"):
        response = client.post("/login", data={"name": "boss", "password": PASSWORDS["boss"],
                                               "next": target}, follow_redirects=False)
        assert response.headers["location"] == "/"
    with store.begin() as connection:
        connection.execute(sa.update(sessions).values(expires_at=datetime(2026, 1, 1, tzinfo=UTC)))
    assert client.get("/api/me").status_code == 401
    secure = logged_in(store, "boss", secure_cookies=True)
    assert secure.get("/api/me").status_code == 401  # a Secure cookie is not sent over http


def test_web_pages_escape_what_calls_say(store, tmp_path):
    store_ann_call(store, tmp_path, title="<script>alert(1)</script>", account="<b>Acme</b>")
    page = logged_in(store, "ann").get("/").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "&lt;b&gt;Acme&lt;/b&gt;" in page


def test_web_users_add_notes_names_no_stored_call_answers_to(store):
    from salesleader.web.users import User, unmatched_sellers

    with store.connect() as connection:
        assert unmatched_sellers(connection, User("m", "manager", team=("Ann", "Bo Grant",
                                                                         "Anne Lee"))) == ["Anne Lee"]
        assert unmatched_sellers(connection, User("a", "admin")) == []


def test_web_users_are_validated_and_passwords_hashed(store_url):
    engine = open_engine(store_url)
    stored = hash_password("correct horse")
    assert "correct horse" not in stored and verify_password("correct horse", stored)
    assert not verify_password("correct hors", stored) and not verify_password("x", "junk")
    assert hash_password("correct horse") != stored  # salted
    bad = [
        (("u", "short", "rep"), {"seller": "Ann"}, "has 5 characters; expected 8 to 1024"),
        (("u", "y" * 1025, "rep"), {"seller": "Ann"}, "has 1025 characters"),
        (("u", "long-enough", "boss"), {}, "expected one of rep, manager, admin"),
        (("u", "long-enough", "rep"), {}, "expected --seller NAME"),
        (("u", "long-enough", "manager"), {}, "expected --team NAME"),
        (("u", "long-enough", "admin"), {"team": ["Ann"]}, "expected no --seller or --team"),
    ]
    with engine.begin() as connection:
        for args, options, message in bad:
            with pytest.raises(ConfigError, match=message):
                add_user(connection, *args, **options)
        add_user(connection, "u", "long-enough", "rep", seller="Ann")
        with pytest.raises(ConfigError, match="exists"):
            add_user(connection, "u", "other-password", "admin")
        add_user(connection, "u", "other-password", " Admin ", replace=True)  # as typed
        assert authenticate(connection, "u", "long-enough") is None
        assert authenticate(connection, "u", "other-password").role == "admin"
        assert authenticate(connection, "u", "other-password" * 100) is None  # over 1,024
        assert connection.execute(sa.select(sa.func.count()).select_from(users)).scalar() == 1


def test_web_cli_users_and_serve_refusals(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    empty = runner.invoke(cli_app, ["serve", "--db", db, "--port", "1"])
    assert empty.exit_code == 1 and "no dashboard users" in empty.output
    added = runner.invoke(cli_app, ["users", "add", "mia", "--role", "manager", "--team", "Ann Lee",
                                    "--team", "Bo", "--password-stdin", "--db", db],
                          input="mia-secret-1\n")
    assert added.exit_code == 0, added.output
    assert "note: no stored call is sold by 'Ann Lee' yet" in added.output  # an empty store
    assert "added manager 'mia': sees calls of Ann Lee, Bo" in added.output
    listed = runner.invoke(cli_app, ["users", "list", "--db", db])
    assert "mia" in listed.output and "Ann Lee, Bo" in listed.output
    assert "mia-secret-1" not in listed.output
    again = runner.invoke(cli_app, ["users", "add", "mia", "--role", "admin", "--password-stdin",
                                    "--db", db], input="mia-secret-1\n")
    assert again.exit_code == 1
    assert again.output.strip() == "error: user 'mia' exists; expected a new name (or --replace)"
    for name, said in (("mia", "updated admin 'mia'"), ("new", "added admin 'new'")):
        replaced = runner.invoke(cli_app, ["users", "add", name, "--role", "admin", "--replace",
                                           "--password-stdin", "--db", db], input="long-enough\n")
        assert replaced.exit_code == 0 and said in replaced.output  # --replace on a new name adds
    asked = runner.invoke(cli_app, ["users", "add", "dana", "--role", "admin", "--db", db],
                          input="dana-secret-1\ndana-secret-1\n")  # the README's way: asked twice
    assert asked.exit_code == 0, asked.output
    with open_engine(db).connect() as connection:
        assert authenticate(connection, "dana", "dana-secret-1").role == "admin"
    with open_engine(db).begin() as connection:  # dana logged in somewhere
        token = open_session(connection, User("dana", "admin"), 1.0)
    reset = runner.invoke(cli_app, ["users", "passwd", "dana", "--password-stdin", "--db", db],
                          input="dana-secret-2\n")
    assert reset.exit_code == 0 and "sessions are ended" in reset.output
    with open_engine(db).connect() as connection:
        assert authenticate(connection, "dana", "dana-secret-2").role == "admin"  # role kept
        assert session_user(connection, token) is None
    for args, said in ((["nobody"], "no user 'nobody'"), (["dana"], "expected 8 to 1024")):
        refused = runner.invoke(cli_app, ["users", "passwd", *args, "--password-stdin", "--db",
                                          db], input="short\n")
        assert refused.exit_code == 1 and said in refused.output
    gone = runner.invoke(cli_app, ["users", "remove", "nobody", "--db", db])
    assert gone.exit_code == 1 and "no user 'nobody'" in gone.output
    assert runner.invoke(cli_app, ["users", "remove", "mia", "--db", db]).exit_code == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _served(tmp_path, *options: str, verify: Any = True):
    """``salesleader serve`` on a free port over a store of Ann's one call (rep "ann"):
    yields the base URL once the server answers, stops it after."""
    import httpx

    db = f"sqlite:///{tmp_path / 'served.db'}"
    write_team(tmp_path / "calls", calls_per_rep=1)
    engine = open_engine(db)
    ingest(engine, [tmp_path / "calls"])
    with engine.begin() as connection:
        add_user(connection, "ann", PASSWORDS["ann"], "rep", seller="Ann Lee")
    engine.dispose()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "salesleader", "serve", "--db", db,
                               "--port", str(port), *options],
                              stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    scheme = "https" if "--tls-cert" in options else "http"
    base = f"{scheme}://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to 30 s on a slow machine
            try:
                httpx.get(base + "/login", timeout=1, verify=verify)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.1)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("workers", [1, 2])
def test_web_serve_runs_under_uvicorn(tmp_path, workers):
    """The command users run: a real server on a port, a browser's log-in by form; with
    ``--workers 2``, two processes that share sessions and failed log-ins (the store's)."""
    import httpx

    with _served(tmp_path, "--workers", str(workers)) as (base, server):
        with httpx.Client(base_url=base) as client:
            assert client.get("/").status_code == 303
            login = client.post("/login", data={"name": "ann", "password": PASSWORDS["ann"]})
            assert login.status_code == 303
            rows = client.get("/api/calls").json()
            assert [r["sellers"] for r in rows] == [["Ann Lee"]]
            for _ in range(10):  # whichever process answers, the session holds
                page = client.get(f"/calls/{rows[0]['id']}")
                assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
        for _ in range(5):  # a new connection each time
            assert httpx.post(base + "/login", data={"name": "ann", "password": "guess-guess"}
                              ).status_code == 401
        assert httpx.post(base + "/login", data={"name": "ann", "password": PASSWORDS["ann"]}
                          ).status_code == 429
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        if children.exists():  # the workers (and multiprocessing's helper), or none
            started = len(children.read_text().split())
            assert started >= workers if workers > 1 else started == 0


def test_web_serve_over_https(tmp_path):
    """--tls-cert/--tls-key: HTTPS on the port (a test CA's certificate, made here), the
    session cookie Secure without being asked; bad files refused before anything listens."""
    import httpx
    import trustme

    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1")
    cert, key, ca_file = tmp_path / "cert.pem", tmp_path / "key.pem", tmp_path / "ca.pem"
    issued.cert_chain_pems[0].write_to_path(str(cert))
    issued.private_key_pem.write_to_path(str(key))
    ca.cert_pem.write_to_path(str(ca_file))
    trusted = ssl.create_default_context(cafile=str(ca_file))
    with _served(tmp_path, "--tls-cert", str(cert), "--tls-key", str(key),
                 verify=trusted) as (base, _server):
        with httpx.Client(base_url=base, verify=trusted) as client:
            login = client.post("/login", data={"name": "ann", "password": PASSWORDS["ann"]})
            assert login.status_code == 303
            assert "secure" in login.headers["set-cookie"].lower()
            assert client.get("/api/me").json()["name"] == "ann"
        with pytest.raises(httpx.TransportError):  # no plain HTTP on that port
            httpx.get(base.replace("https", "http") + "/login", timeout=5)
    other_key = tmp_path / "other.pem"
    trustme.CA().issue_cert("x").private_key_pem.write_to_path(str(other_key))
    db = f"sqlite:///{tmp_path / 'served.db'}"
    for options, message in (
            (["--tls-cert", str(cert)], "--tls-cert and --tls-key go together"),
            (["--tls-cert", str(cert), "--tls-key", str(other_key)], "key values mismatch"),
            (["--tls-cert", str(tmp_path / "none.pem"), "--tls-key", str(key)], "No such file")):
        refused = CliRunner().invoke(cli_app, ["serve", "--db", db, "--port", "1", *options])
        assert refused.exit_code == 1 and message in refused.output
        assert len(refused.output.strip().splitlines()) == 1


def test_web_dashboard_renders_in_a_real_browser(store, tmp_path, chromium):
    """The manager's list of calls and their team page, a rep's self-assessment, as
    Chromium shows them (no console errors; SALESLEADER_DOCS_SCREENSHOTS=1 refreshes
    docs/dashboard-*.png)."""
    from salesleader.self_assessment import items

    from .test_team import DOCS, _render

    manager, rep = logged_in(store, "mia"), logged_in(store, "ann")
    answers = {item["behaviour"]: 4 + n % 2 for n, item in enumerate(items())}
    pages = {"calls": manager.get("/").text, "team": manager.get("/team").text,
             "assess": rep.post("/assess", data=answers).text,
             "upload": manager.get("/upload").text,
             "users": logged_in(store, "boss").get("/users").text}
    folder = DOCS if os.environ.get("SALESLEADER_DOCS_SCREENSHOTS") else tmp_path
    for name, page in pages.items():
        assert "<script" not in page
        saved = tmp_path / f"{name}.html"
        saved.write_text(page, encoding="utf-8")
        dom = _render(chromium, saved, tmp_path)
        assert "<nav>" in dom and "Log out" in dom
        shot = folder / f"dashboard-{name}.png"
        _render(chromium, saved, tmp_path, screenshot=shot)
        assert shot.stat().st_size > 10_000


def test_web_kept_calls_without_quotes_give_the_same_views(store):
    """The server keeps reports without most of their evidence: every view over many
    calls must come out exactly as from the whole reports."""
    from salesleader.store.email_store import load_emails_stored
    from salesleader.store.repository import load_calls
    from salesleader.team import account_view, plan, rep_view, team_view

    with store.connect() as connection:
        whole, slim = load_calls(connection), load_calls(connection, quotes=False)
        emails = load_emails_stored(connection)
    assert len(json.dumps([c.report for c in slim])) < 0.7 * len(json.dumps([c.report for c in whole]))
    # The bundled two-seller call's customers ask questions: the plan shows them.
    assert plan(slim, "Keystone Software", emails)["open_customer_questions"]
    views = [lambda calls: team_view(calls),
             *[lambda calls, rep=rep: rep_view(calls, rep, emails)
               for rep in ("Ann Lee", "Sam Rivera", "Lena Park")],
             *[lambda calls, name=name: [account_view(calls, name, emails), plan(calls, name, emails)]
               for name in ("Account 00", "Keystone Software")]]
    for view in views:
        assert json.dumps(view(slim), default=str) == json.dumps(view(whole), default=str)
