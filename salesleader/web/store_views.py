"""What the dashboard's pages read from the store: every stored call, kept between pages
while the store's calls stay the same; the list of calls from the columns alone; the team
report limited to a manager's reps."""

from __future__ import annotations

import threading
from typing import Any

import sqlalchemy as sa

from ..store.repository import StoredCall, load_calls
from ..store.schema import conversations, reports
from ..team import team_view
from .users import User

__all__ = ["StoredCalls", "call_rows", "team_of"]


class StoredCalls:
    """Every stored call with its report, read once and kept while the store's calls stay
    the same (their number and the latest time one was saved, one small query a page):
    the team, rep and account pages read every report, which is most of their time.
    Kept without what those pages do not show (quotes, better questions, benchmark
    sentences: ``load_calls(quotes=False)``; a call's own page reads its whole report):
    a quarter of the memory of the whole reports."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._calls: list[StoredCall] = []

    def calls(self) -> list[StoredCall]:
        with self._lock, self._engine.connect() as connection:
            # The calls' rows, not the reports': a report's time is stored after its JSON,
            # so reading it would walk every report. A call is saved with its report, in
            # one transaction, both stamped anew (ingest, reanalyze).
            key = tuple(connection.execute(
                sa.select(sa.func.count(), sa.func.max(conversations.c.ingested_at))).one())
            if key != self._key:
                self._calls, self._key = load_calls(connection, quotes=False), key
            return self._calls


def team_of(user: User, calls: list[StoredCall]) -> dict[str, Any]:
    """The team report over the user's calls, with only their reps compared: a call a
    team member shared with someone outside the team counts, that seller's row does not."""
    view = team_view(calls)
    view["reps"] = [r for r in view["reps"] if user.sees_seller(r["rep"])]
    view["coaching_queue"] = [r for r in view["coaching_queue"] if user.sees_seller(r["rep"])]
    return view


def call_rows(engine: sa.Engine, user: User) -> list[dict[str, Any]]:
    """The calls in the user's view, newest first, from the columns alone (the list page
    does not read each call's report)."""
    query = (sa.select(conversations.c.id, conversations.c.title, conversations.c.started_at,
                       conversations.c.ingested_at, conversations.c.account_name,
                       conversations.c.seller_names, reports.c.index_score)
             .join(reports, reports.c.conversation_id == conversations.c.id))
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    out = []
    for row in rows:
        sellers = list(row["seller_names"] or ())
        if not user.sees_call(sellers):
            continue
        when = row["started_at"] or row["ingested_at"]
        out.append({"id": row["id"], "title": row["title"], "date": when.date().isoformat(),
                    "sellers": sellers, "account": row["account_name"],
                    "index": row["index_score"]})
    return sorted(out, key=lambda r: (r["date"], r["id"]), reverse=True)
