"""What the dashboard tests share: the users' passwords, logging in, a served dashboard."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from salesleader.store.database import open_engine
from salesleader.store.ingest import ingest
from salesleader.web.app import create_app
from salesleader.web.users import add_user

from ..team_data import write_team

PASSWORDS = {"ann": "ann-secret-1", "mia": "mia-secret-1", "boss": "boss-secret-1"}


SAMPLES = resources.files("salesleader").joinpath("samples")


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


CALL = ("Ann Lee: What would change for your team if the backlog disappeared?\n"
        "Dee Roe: We would finally get to the renewals, which we keep putting off.\n"
        "Ann Lee: Tell me more about the renewals.\n")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(tmp_path, *options: str, verify: Any = True):
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
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "salesleader", "serve", "--db", db,
                               "--port", str(port), *options],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
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
