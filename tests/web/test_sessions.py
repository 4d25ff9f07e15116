"""Who may log in: sessions, passwords, the log-in throttle, forms from other sites, and
the users commands and page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesleader.cli import app as cli_app
from salesleader.errors import ConfigError
from salesleader.store.database import open_engine
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

from .support import PASSWORDS, logged_in, sellers_seen


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


def test_web_admins_manage_users_in_the_browser(store):
    admin, manager = logged_in(store, "boss"), logged_in(store, "mia")
    assert "href='/users'" in admin.get("/").text and "href='/users'" not in manager.get("/").text
    for response in (manager.get("/users"),
                     manager.post("/users/remove", data={"name": "ann", "confirm": "1"}),
                     manager.post("/users", data={"name": "x", "role": "admin",
                                                  "password": "long-enough"})):
        assert response.status_code == 404  # only admins manage users
    page = admin.get("/users").text
    assert all(name in page for name in ("ann", "mia", "boss"))
    assert "name='name' value='boss'" not in page  # no button to remove oneself
    added = admin.post("/users", data={"name": "cy", "role": "rep", "seller": "Cy Park",
                                       "password": "cy-secret-12"})
    assert added.status_code == 200 and "Saved rep &#x27;cy&#x27;" in added.text
    assert "No stored call" not in added.text  # Cy Park has calls
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
    saved = admin.post("/users", data={**manager_form, "team": "Ann Lee\nBo Grnat"})
    assert "No stored call is sold by &#x27;Bo Grnat&#x27; yet." in saved.text  # a typo
    assert admin.post("/users", data={**manager_form, "replace": "1"}).status_code == 200
    with store.connect() as connection:
        dee = next(u for u in list_users(connection) if u.name == "dee")
    assert dee.team == ("Ann Lee", "Bo Grant")
    changed = admin.post("/users", data={"name": "cy", "role": "admin", "password": "cy-secret-34",
                                         "replace": "1"})
    assert changed.status_code == 200 and cy.get("/api/me").status_code == 401  # sessions end
    assert admin.post("/users/remove", data={"name": "boss"}).status_code == 400
    assert admin.post("/users/remove", data={"name": " boss ", "confirm": "1"}).status_code == 400
    assert admin.post("/users/remove", data={"name": "nobody"}).status_code == 400
    asked = admin.post("/users/remove", data={"name": "cy"})  # the list's button asks first
    assert asked.status_code == 200 and "Remove admin <strong>cy</strong>?" in asked.text
    assert "name='confirm' value='1'" in asked.text and "href='/users'" in asked.text
    with store.connect() as connection:
        assert authenticate(connection, "cy", "cy-secret-34") is not None  # not yet
    gone = admin.post("/users/remove", data={"name": "cy", "confirm": "1"})
    assert gone.status_code == 200 and "Removed &#x27;cy&#x27;" in gone.text
    with store.connect() as connection:
        assert authenticate(connection, "cy", "cy-secret-34") is None
