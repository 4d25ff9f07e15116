"""Emails in the store: ingest from .eml/.mbox files, and read back for the team views.

An email is linked to an account when the domain of a customer address matches the
account's name with spaces and punctuation removed (``alderlogistics.example`` ↔
"Alder Logistics"), among the accounts already known from calls or deals.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..config import Config, settings_key
from ..email_analysis import analyze_emails
from ..importers.email_files import load_emails
from ..language import LANGUAGE_VERSION
from ..redaction import Redactor
from .schema import accounts, emails

__all__ = ["EMAIL_ANALYZER_VERSION", "STORED_EMAIL_VERSION", "StoredEmail", "ingest_email_file",
           "load_emails_stored", "stored_version"]

EMAIL_ANALYZER_VERSION = "7"  # 2: insight and pressure checks, salutations; 3: focus quoted;
# 4: more nudges read as checking in, and the cue lists of 2026-11-24; 5: the insight,
# pressure and concern lists and the stemmer of the next round (2026-11-24); 6: "predictor"
# alone no insight, a loss held over the decision is pressure, a way out kept open
# empowers, "you can say no" empowers too (2026-11-24, later); 7: the customer's words
# reported back ("You said your dispatchers…") are personal, "before you decide" no
# empowering (2026-11-24, a new round)
# What a stored email records: the email analysis reads the language layer's question
# parses too, so a new layer recomputes stored emails as it does stored calls.
STORED_EMAIL_VERSION = f"{EMAIL_ANALYZER_VERSION}+language{LANGUAGE_VERSION}"


def stored_version(config: Config) -> str:
    """What a stored email records: ``STORED_EMAIL_VERSION`` and a key of the settings it
    was analysed with (the roster decides each email's side), so an edited
    salesleader.toml recomputes stored emails as it does stored calls (fits the column's
    20 characters)."""
    return f"{STORED_EMAIL_VERSION}+{settings_key(config)[:6]}"


@dataclass(frozen=True)
class StoredEmail:
    message_id: str
    thread_id: str
    account_key: str | None
    sender: str | None
    side: str
    sent_at: datetime | None
    score: float | None
    people: tuple[dict[str, Any], ...]
    entry: dict[str, Any]


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _account_for(addresses: Sequence[str], known: dict[str, str]) -> str | None:
    for address in addresses:
        label = _compact(address.rpartition("@")[2].split(".")[0])
        if label and label in known:
            return known[label]
    return None


def ingest_email_file(connection: sa.Connection, path: Path, config: Config, *,
                      keep_pii: bool = False, redactor: Redactor | None = None) -> tuple[int, int]:
    """Analyse one .eml/.mbox file and store its emails; returns (new, unchanged)."""
    items = load_emails(path)
    report = analyze_emails(items, config)
    redactor = redactor or Redactor()
    known = {_compact(key): key for key, in connection.execute(sa.select(accounts.c.key))}
    by_id = {item.message_id: item for item in items}
    new = unchanged = 0
    version = stored_version(config)
    for entry in report["emails"]:
        item = by_id[entry["message_id"]]
        stored = connection.execute(sa.select(emails.c.analyzer_version).where(
            emails.c.message_id == item.message_id)).scalar()
        if stored == version:
            unchanged += 1
            continue
        people = [{"name": p.name, "email": p.email, "role": "sender" if p is item.sender
                   else "recipient"} for p in (item.sender, *item.recipients)]
        customer_addresses = [p["email"] for p in people if p["email"] and not any(
            p["email"].endswith("@" + d) for d in config.team.domains)
            and p["email"] not in report["seller"]["addresses"]]
        if not keep_pii:
            entry = json.loads(json.dumps(entry))
            for items in entry["evidence"].values():
                redactor.quotes(items)  # personal_terms (plain words) are left as they are
        connection.execute(sa.delete(emails).where(emails.c.message_id == item.message_id))
        connection.execute(sa.insert(emails).values(
            message_id=item.message_id, thread_id=entry["thread_id"],
            account_key=_account_for(customer_addresses, known),
            sender_name=item.sender.name, sender_email=item.sender.email, side=entry["side"],
            sent_at=item.date, subject=item.subject, score=entry["score"], people=people,
            entry=entry, analyzer_version=version, source=str(path),
            ingested_at=datetime.now(UTC)))
        new += 1
    return new, unchanged


def load_emails_stored(connection: sa.Connection) -> list[StoredEmail]:
    rows = connection.execute(sa.select(emails).order_by(emails.c.sent_at)).mappings()
    return [StoredEmail(r["message_id"], r["thread_id"], r["account_key"], r["sender_name"],
                        r["side"], r["sent_at"], r["score"], tuple(r["people"]), r["entry"])
            for r in rows]
