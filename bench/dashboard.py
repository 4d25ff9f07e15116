"""Speed of the dashboard's pages on a store of many one-hour calls, against the floor
measured in the same run: reading the store's call reports (``load_calls``), which every
team, rep and account page needs.

    python bench/dashboard.py                 # 1,000 stored calls (pip install '.[web]')
    python bench/dashboard.py --calls 3000

The store (SQLite, a temporary file) holds bench calls: one hour, two sellers (Maya Chen
and Lena Park), reports of about 90 KB. Each page is fetched through the real FastAPI
application as an admin: first (the stored calls read and kept) and then again (kept),
median of ``--rounds``; and the memory the stored calls take once read and kept, whole and
as the server keeps them. The last line is ``team_page_vs_load_ratio: X``: the first team
page over the floor.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
import warnings
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import one_hour_call
from salesleader.analysis import analyze_conversation
from salesleader.store.database import open_engine
from salesleader.store.repository import load_calls, save_call

PAGES = ("/", "/calls.csv", "/team", "/reps/Maya%20Chen", "/api/calls")


def build_store(url: str, calls: int) -> None:
    """``calls`` stored calls: ten analysed bench calls, stored again under new ids."""
    from salesleader.web.users import add_user

    engine = open_engine(url)
    reports = [analyze_conversation(one_hour_call(seed)) for seed in range(10)]
    with engine.begin() as connection:
        for n in range(calls):
            report = reports[n % len(reports)]
            save_call(connection, replace(report, conversation=replace(
                report.conversation, id=f"bench{n:07d}")))
        add_user(connection, "bench", "bench-password", "admin")
    engine.dispose()


def kept_mb(engine, quotes: bool) -> float:
    """Memory (tracemalloc, MB) of every stored call read from the store and kept: whole
    reports, or as the dashboard keeps them (``quotes=False``)."""
    gc.collect()
    tracemalloc.start()
    with engine.connect() as connection:
        calls = load_calls(connection, quotes=quotes)
    gc.collect()
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del calls
    return size / 1e6


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=1000, help="stored one-hour calls")
    parser.add_argument("--rounds", type=int, default=3, help="timings per figure (median)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from salesleader.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        build_store(url, args.calls)
        engine = open_engine(url)

        def load() -> None:
            with engine.connect() as connection:
                load_calls(connection)

        floor = statistics.median(timed(load) for _ in range(args.rounds))
        print(f"stored calls: {args.calls}")
        print(f"floor, reading every stored report: {floor:.3f} s")
        for quotes in (True, False):
            print(f"memory of the stored calls {'as read' if quotes else 'as the server keeps them'}: "
                  f"{kept_mb(engine, quotes):.0f} MB")
        first_team = []
        for _ in range(args.rounds):
            client = TestClient(create_app(engine))  # a new server: nothing kept
            client.post("/login", data={"name": "bench", "password": "bench-password"})
            first_team.append(timed(lambda client=client: client.get("/team")))
            del client  # one server's kept calls at a time, as in use
            gc.collect()
        client = TestClient(create_app(engine))
        client.post("/login", data={"name": "bench", "password": "bench-password"})
        for page in PAGES:
            if page != "/team":
                client.get(page)
            seconds = statistics.median(timed(lambda page=page: client.get(page))
                                        for _ in range(args.rounds))
            print(f"page {page}: {seconds:.3f} s (stored calls kept)")
        first = statistics.median(first_team)
        print(f"page /team, first (stored calls read): {first:.3f} s")
        print(f"team_page_vs_load_ratio: {first / floor:.2f}")


if __name__ == "__main__":
    main()
