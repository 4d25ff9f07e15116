"""``salesleader serve`` itself: under uvicorn on a port (one and two processes), over
HTTPS, and behind a proxy under a sub-path."""

from __future__ import annotations

import re
import ssl
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesleader.cli import app as cli_app
from salesleader.web.app import create_app

from .support import PASSWORDS, served


@pytest.mark.parametrize("workers", [1, 2])
def test_web_serve_runs_under_uvicorn(tmp_path, workers):
    """The command users run: a real server on a port, a browser's log-in by form; with
    ``--workers 2``, two processes that share sessions and failed log-ins (the store's);
    with ``--access-log`` (one process), a line per request, else none."""
    import httpx

    logged = workers == 1
    options = ["--workers", str(workers), *(["--access-log"] if logged else [])]
    with served(tmp_path, *options) as (base, server):
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
    said = server.stdout.read()  # uvicorn's access lines go to stdout
    assert ('"GET /api/calls HTTP/1.1" 200' in said) is logged, said[-2000:]


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
    with served(tmp_path, "--tls-cert", str(cert), "--tls-key", str(key),
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
