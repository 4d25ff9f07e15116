"""Reading and writing the store. Every write runs inside the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..model import Conversation, Participant, SellerAssignment, Source, Utterance
from ..redaction import Redactor
from ..report import CallReport
from ..roles import names_match
from .schema import accounts, conversations, participants, reports, utterances

__all__ = ["VIEW_COACHING", "VIEW_EVIDENCE", "StoredCall", "delete_call", "load_calls",
           "load_conversation", "save_call", "stored_versions"]


@dataclass(frozen=True)
class StoredCall:
    """A call as the team views read it: the row and its (redacted) call report."""

    id: str
    title: str | None
    started_at: datetime | None
    ingested_at: datetime
    account: str | None
    deal_id: str | None
    sellers: tuple[str, ...]
    report: Mapping[str, Any]

    @property
    def when(self) -> datetime:
        """The call's date, or when it was ingested if the source has none."""
        moment = self.started_at or self.ingested_at
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _insert_many(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]
                 ) -> None:
    """Rows of plain values (strings, numbers, None) straight to the driver's executemany:
    for a call's hundreds of utterances SQLAlchemy's per-row parameter processing cost
    more than the insert itself. The statement is still compiled by SQLAlchemy for the
    connection's dialect, so SQLite and PostgreSQL get their own placeholders."""
    if not rows:
        return
    compiled = sa.insert(table).compile(dialect=connection.dialect, column_keys=list(rows[0]))
    order = compiled.positiontup  # positional placeholders ("?", "%s"): values in order
    connection.exec_driver_sql(
        str(compiled),
        [tuple(row[key] for key in order) for row in rows] if order else rows,  # type: ignore[arg-type]
    )


def _redact_report(data: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    """Every quote of the report redacted: the call's evidence and coaching moments, and
    each seller's own."""
    evidence = [data["evidence"], *(p.get("evidence") or {} for p in data["participants"])]
    for items in (items for group in evidence for items in group.values()):
        redactor.quotes(items)
    coaching = [data["coaching"], *(p.get("coaching") or {} for p in data["participants"])]
    for group in ("strengths", "improvements"):
        for item in (item for advice in coaching for item in advice.get(group, [])):
            redactor.quotes(item.get("moments", []))
    return data


def stored_versions(connection: sa.Connection, call_id: str) -> dict[str, str] | None:
    row = connection.execute(
        sa.select(reports.c.analyzer_versions).where(reports.c.conversation_id == call_id)
    ).first()
    return dict(row[0]) if row else None


def delete_call(connection: sa.Connection, call_id: str) -> None:
    for table in (reports, utterances, participants):
        connection.execute(sa.delete(table).where(table.c.conversation_id == call_id))
    connection.execute(sa.delete(conversations).where(conversations.c.id == call_id))


def save_call(connection: sa.Connection, report: CallReport, *, keep_pii: bool = False,
              redactor: Redactor | None = None) -> None:
    """Insert or replace one call, its utterances (redacted) and its report (redacted)."""
    redactor = redactor or Redactor()
    clean = (lambda text: text) if keep_pii else redactor
    conversation = report.conversation
    account = conversation.metadata.get("account")
    account_key = str(account).casefold() if account else None
    now = datetime.now(UTC)
    delete_call(connection, conversation.id)
    if account_key:
        exists = connection.execute(
            sa.select(accounts.c.key).where(accounts.c.key == account_key)).first()
        if not exists:
            connection.execute(sa.insert(accounts).values(key=account_key, name=str(account)))
    seller = conversation.seller
    connection.execute(sa.insert(conversations).values(
        id=conversation.id, sha256=conversation.source.sha256 or "", kind="call",
        title=conversation.title, source=conversation.source.path,
        format=conversation.source.format, started_at=conversation.started_at,
        duration_s=conversation.duration_s, has_timestamps=conversation.has_timestamps,
        account_key=account_key, account_name=str(account) if account else None,
        deal_id=conversation.metadata.get("deal_id"),
        seller_names=list(seller.names) if seller else [],
        seller_how=seller.how if seller else None,
        redacted=not keep_pii, ingested_at=now,
    ))
    connection.execute(sa.insert(participants), [
        {"conversation_id": conversation.id, "position": position, "name": p.name,
         "side": p.side, "email": p.email, "title": p.title, "words": p.words,
         "talk_s": p.talk_s}
        for position, p in enumerate(report.participants)
    ])
    _insert_many(connection, utterances, [
        {"conversation_id": conversation.id, "idx": u.index, "speaker": u.speaker,
         "start_s": u.start, "end_s": u.end, "text": clean(u.text)}
        for u in conversation.utterances
    ])
    data = report.to_dict()
    if not keep_pii:  # quotes repeat the utterances: redacted, but not counted twice
        data = _redact_report(json.loads(json.dumps(data)), Redactor())
    connection.execute(sa.insert(reports).values(
        conversation_id=conversation.id, analyzer_versions=dict(report.analyzers),
        index_score=(report.index or {}).get("score"), report=data, analyzed_at=now,
    ))


# What views over many calls read of the evidence (``team.plan``: the customer's open
# questions from an account's latest call, the roles the customer named); the rest is
# quotes, two thirds of a report.
VIEW_EVIDENCE = ("customer_questions", "people_mentioned")


# What views over many calls read of a coaching item (the recurring strengths and
# improvements count them by part and show their titles) and of an index part (its value
# and score; the benchmark sentence is the same on every call).
VIEW_COACHING = ("behaviour", "part", "pillar", "title", "metric", "score")
_NOT_IN_VIEW_PARTS = ("benchmark",)


def _slim_index(index: dict[str, Any] | None) -> None:
    for parts in ((index or {}).get("parts") or {}).values():
        for part in parts:
            for key in _NOT_IN_VIEW_PARTS:
                part.pop(key, None)


def _slim_coaching(coaching: dict[str, Any] | None) -> None:
    for group, items in (coaching or {}).items():
        coaching[group] = [{key: item[key] for key in VIEW_COACHING if key in item}
                           for item in items]


def _without_quotes(report: dict[str, Any]) -> dict[str, Any]:
    """A report for views over many calls: every figure, the index and of the coaching
    what those views read (``VIEW_COACHING``), but of the evidence only ``VIEW_EVIDENCE``
    (each seller's own evidence left out): no quote, no better question, no benchmark
    sentence. A call's own page reads its whole report."""
    evidence = report.get("evidence") or {}
    report["evidence"] = {name: evidence[name] for name in VIEW_EVIDENCE if name in evidence}
    _slim_index(report.get("index"))
    _slim_coaching(report.get("coaching"))
    for person in report.get("participants") or ():
        if person.get("evidence") is not None:
            person["evidence"] = {}
        _slim_index(person.get("index"))
        _slim_coaching(person.get("coaching"))
    return report


def load_calls(connection: sa.Connection, *, account: str | None = None,
               seller: str | None = None, call_ids: Iterable[str] | None = None,
               quotes: bool = True) -> list[StoredCall]:
    """Stored calls with their reports, oldest first; filtered by account or seller name.
    ``quotes=False``: the reports without what views over many calls do not read (quotes,
    better questions, benchmark sentences: ``_without_quotes``), a quarter of the memory,
    for a server that keeps them."""
    query = sa.select(conversations, reports.c.report).join(
        reports, reports.c.conversation_id == conversations.c.id)
    if account:
        query = query.where(conversations.c.account_key == account.casefold())
    if call_ids is not None:
        query = query.where(conversations.c.id.in_(list(call_ids)))
    calls = []
    for row in connection.execute(query).mappings():
        sellers = tuple(row["seller_names"] or ())
        if seller and not any(names_match(seller, s) for s in sellers):
            continue
        calls.append(StoredCall(
            id=row["id"], title=row["title"], started_at=row["started_at"],
            ingested_at=row["ingested_at"], account=row["account_name"], deal_id=row["deal_id"],
            sellers=sellers, report=row["report"] if quotes else _without_quotes(row["report"]),
        ))
    return sorted(calls, key=lambda c: c.when)


def load_conversation(connection: sa.Connection, call_id: str) -> Conversation | None:
    """A stored call rebuilt from its (possibly redacted) utterances, for re-analysis."""
    row = connection.execute(
        sa.select(conversations).where(conversations.c.id == call_id)).mappings().first()
    if row is None:
        return None
    people = connection.execute(
        sa.select(participants).where(participants.c.conversation_id == call_id)
        .order_by(participants.c.position)).mappings().all()
    spoken = connection.execute(
        sa.select(utterances).where(utterances.c.conversation_id == call_id)
        .order_by(utterances.c.idx)).mappings().all()
    metadata = {k: row[k] for k in ("deal_id",) if row[k]}
    if row["account_name"]:
        metadata["account"] = row["account_name"]
    return Conversation(
        id=row["id"],
        utterances=tuple(Utterance(u["idx"], u["speaker"], u["text"], u["start_s"], u["end_s"])
                         for u in spoken),
        participants=tuple(Participant(p["name"], p["side"], p["email"], p["title"])
                           for p in people),
        source=Source(row["source"], row["format"] or "", None, row["sha256"]),
        title=row["title"], started_at=row["started_at"], metadata=metadata,
        seller=SellerAssignment(tuple(row["seller_names"] or ()), row["seller_how"] or "flag",
                                "as stored"),
    )
