"""The dashboard's pages and JSON: what each role sees, through the real FastAPI
application on SQLite and PostgreSQL, and the pages in a real browser."""

from __future__ import annotations

import html
import json
import os
import re

import sqlalchemy as sa
from fastapi.testclient import TestClient

from salesleader.store.ingest import ingest
from salesleader.web.app import create_app
from salesleader.web.users import add_user

from .support import logged_in, sellers_seen, store_ann_call


def test_web_every_answer_carries_the_security_headers(store):
    from salesleader.web.app import SECURITY_HEADERS

    admin = logged_in(store, "boss")
    for path in ("/login", "/", "/team", "/api/calls", "/calls.csv", "/nowhere"):
        response = admin.get(path)
        assert {k: response.headers.get(k) for k in SECURITY_HEADERS} == SECURITY_HEADERS, path
    assert "default-src 'none'" in SECURITY_HEADERS["Content-Security-Policy"]


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
    with store.begin() as connection:  # a rep with no call stored yet
        add_user(connection, "zed", "zed-secret-1", "rep", seller="Zed Doe")
    zed_login = {"name": "zed", "password": "zed-secret-1"}
    zed = TestClient(create_app(store))
    zed.post("/login", data=zed_login)
    mine = zed.get("/reps/Zed%20Doe")  # their "My report" link: no dead end
    assert mine.status_code == 200 and "None of your calls is stored yet" in mine.text
    assert zed.get("/reps/Ann%20Lee").status_code == 404
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
    # A call sold by a diarization label is nobody's rep: the team page says so.
    labelled = tmp_path / "new" / "label.txt"
    labelled.write_text("SPEAKER_00: Let me show you our platform.\nSPEAKER_01: Okay.\n",
                        encoding="utf-8")
    ingest(store, [labelled], sellers=["SPEAKER_00"])
    team = admin.get("/api/team").json()
    assert "SPEAKER_00" not in {r["rep"] for r in team["reps"]}
    assert [row["labels"] for row in team["unnamed"]] == [["SPEAKER_00"]]
    assert "diarization label (SPEAKER_00)" in admin.get("/team").text
    assert admin.get("/reps/SPEAKER_00").status_code == 404


def test_web_outcomes_cover_the_deals_of_the_calls_in_view(store):
    rep, manager, admin = (logged_in(store, n) for n in ("ann", "mia", "boss"))
    assert rep.get("/outcomes").status_code == 404

    def closed_deals(client: TestClient) -> int:
        page = client.get("/outcomes")
        assert page.status_code == 200 and "Does leadership pay here?" in page.text
        return int(re.search(r"(\d+) closed deals", page.text).group(1))

    # Each of the three reps has two calls on two deals; Mia leads Ann (and Sam, no deals).
    assert (closed_deals(manager), closed_deals(admin)) == (2, 6)


def test_web_pages_escape_what_calls_say(store, tmp_path):
    store_ann_call(store, tmp_path, title="<script>alert(1)</script>", account="<b>Acme</b>")
    page = logged_in(store, "ann").get("/").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "&lt;b&gt;Acme&lt;/b&gt;" in page


def test_web_kept_calls_without_quotes_give_the_same_views(store):
    """The server keeps reports without most of their evidence: every view over many
    calls must come out exactly as from the whole reports."""
    from salesleader.deals import load_deals
    from salesleader.outcomes import associations, deal_rows
    from salesleader.self_assessment import assess, items
    from salesleader.store.email_store import load_emails_stored
    from salesleader.store.repository import load_calls
    from salesleader.team import account_view, call_row, plan, rep_view, team_view

    with store.connect() as connection:
        whole, slim = load_calls(connection), load_calls(connection, quotes=False)
        emails, deals = load_emails_stored(connection), load_deals(connection)
    assert len(json.dumps([c.report for c in slim])) < 0.4 * len(json.dumps([c.report for c in whole]))
    # The bundled two-seller call's customers ask questions: the plan shows them.
    # The plan reads the customer's questions and whether each was left open: the kept
    # reports hold them, labelled.
    kept = [q for c in slim if c.account == "Keystone Software"
            for q in c.report["evidence"]["customer_questions"]]
    assert kept and all(q["label"] in ("open", "answered") for q in kept)
    views = [lambda calls: team_view(calls),
             *[lambda calls, rep=rep: rep_view(calls, rep, emails)
               for rep in ("Ann Lee", "Sam Rivera", "Lena Park")],
             *[lambda calls, name=name: [account_view(calls, name, emails), plan(calls, name, emails)]
               for name in ("Account 00", "Keystone Software")],
             *[lambda calls, rep=rep: assess(calls, rep, {i["behaviour"]: 3 for i in items()})
               for rep in ("Ann Lee", "Lena Park")],
             lambda calls: associations(deal_rows(calls, deals)),
             lambda calls: [call_row(c, "Lena Park") for c in calls]]
    for view in views:
        assert json.dumps(view(slim), default=str) == json.dumps(view(whole), default=str)


def test_web_dashboard_renders_in_a_real_browser(store, tmp_path, chromium):
    """The manager's list of calls and their team page, a rep's self-assessment, as
    Chromium shows them under the dashboard's security policy (no console errors, so
    nothing the policy refuses; SALESLEADER_DOCS_SCREENSHOTS=1 refreshes
    docs/dashboard-*.png)."""
    from salesleader.self_assessment import items
    from salesleader.web.app import SECURITY_HEADERS

    # The policy as the server sends it, less what a <meta> cannot carry (framing):
    policy = "; ".join(part for part in SECURITY_HEADERS["Content-Security-Policy"].split("; ")
                       if not part.startswith("frame-ancestors"))

    from ..test_team import DOCS, _render

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
        saved.write_text(page.replace("<head>", "<head><meta http-equiv="
                                      f"'Content-Security-Policy' content=\"{policy}\">", 1),
                         encoding="utf-8")
        dom = _render(chromium, saved, tmp_path)
        assert "<nav>" in dom and "Log out" in dom
        shot = folder / f"dashboard-{name}.png"
        _render(chromium, saved, tmp_path, screenshot=shot)
        assert shot.stat().st_size > 10_000
