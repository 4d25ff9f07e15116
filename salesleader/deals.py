"""CRM deals: CSV exports in (Salesforce- and HubSpot-style headers), calls linked to deals.

Header mapping (case and spacing ignored; the first matching header wins):

| field | accepted headers |
|---|---|
| id | Opportunity ID, Id, Deal ID, Record ID, deal_id |
| account | Account Name, Account, Company, Associated Company, Company name |
| owner | Opportunity Owner, Owner, Deal owner, HubSpot Owner, Owner Name |
| amount | Amount, Deal Amount, Opportunity Amount, Value |
| outcome | Outcome, Stage, Deal Stage, Status, Won |
| created | Created Date, Create Date, Created, Created At |
| closed | Close Date, Closed Date, Closed, Closed At |
| list_price | List Price, List Amount |
| discount | Discount, Discount %, Discount (%) |

Outcome values: "won", "closed won", "closedwon", "true" → won; "lost", "closed lost",
"closedlost", "false" → lost; anything else → open. A discount above 1 is a percentage.
Without a discount column, ``1 − amount / list_price`` is used when both are there.

A call is linked to a deal by the ``deal_id`` in its metadata, else by account and date:
a deal of the same account that was open at the call (created on or before it, not yet
closed), or closed within ``LINK_DAYS_AFTER_CLOSE`` days after it; the latest created wins.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from .errors import InputError, MalformedInputError
from .store.schema import accounts, deals

__all__ = ["HEADERS", "LINK_DAYS_AFTER_CLOSE", "Deal", "DealImport", "DealIndex", "import_deals",
           "link_deal", "load_deals", "parse_deals_csv"]

LINK_DAYS_AFTER_CLOSE = 14
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("opportunity id", "id", "deal id", "record id", "deal_id", "opportunity_id"),
    "account": ("account name", "account", "company", "associated company", "company name"),
    "owner": ("opportunity owner", "owner", "deal owner", "hubspot owner", "owner name"),
    "amount": ("amount", "deal amount", "opportunity amount", "value"),
    "outcome": ("outcome", "stage", "deal stage", "status", "won"),
    "created": ("created date", "create date", "created", "created at", "createdate"),
    "closed": ("close date", "closed date", "closed", "closed at", "closedate"),
    "list_price": ("list price", "list amount", "list_price"),
    "discount": ("discount", "discount %", "discount (%)"),
}
REQUIRED = ("id", "account", "outcome")
WON = {"won", "closed won", "closedwon", "true", "yes", "1"}
LOST = {"lost", "closed lost", "closedlost", "false", "no", "0"}
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%Y", "%b %d, %Y")


@dataclass(frozen=True)
class Deal:
    id: str
    account: str
    owner: str | None
    amount: float | None
    outcome: str
    created: date | None
    closed: date | None
    list_price: float | None = None
    discount: float | None = None

    @property
    def cycle_days(self) -> int | None:
        if self.created and self.closed and self.outcome != "open":
            return (self.closed - self.created).days
        return None


@dataclass
class DealImport:
    deals: list[Deal] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _key(header: str) -> str:
    return " ".join(header.replace("_", " ").strip().lower().split())


def _number(value: str) -> float | None:
    cleaned = value.strip().replace(",", "").replace("$", "").replace("€", "").replace("£", "")
    cleaned = cleaned.removesuffix("%").strip()
    if not cleaned:
        return None
    return float(cleaned)


def _date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"date {value!r}") from None


def _outcome(value: str) -> str:
    lowered = " ".join(value.strip().lower().replace("_", " ").split())
    if lowered in WON:
        return "won"
    if lowered in LOST:
        return "lost"
    return "open"


def parse_deals_csv(text: str, source: str) -> DealImport:
    """Parse a CRM export; bad rows are reported by line and skipped."""
    # newline="": the csv module reads line ends itself ("\r\n", or a stray "\r").
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _deals(reader, source)
    except csv.Error as error:  # broken quoting: no row after it can be trusted
        raise MalformedInputError(source, f"unreadable CSV ({error})", line=reader.line_num + 1,
                                  expected="a CSV export, quoted as spreadsheets write it"
                                  ) from None


def _deals(reader: csv.DictReader[str], source: str) -> DealImport:
    if not reader.fieldnames:
        raise InputError(source, "no header row", expected="a CSV export with a header row")
    columns: dict[str, str] = {}
    for name, accepted in HEADERS.items():
        for header in reader.fieldnames:
            if _key(header) in accepted:
                columns[name] = header
                break
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise MalformedInputError(
            source, f"no column for {', '.join(missing)}", line=1,
            expected=f"headers such as {', '.join(HEADERS[m][0].title() for m in missing)}")
    result = DealImport()
    for row in reader:
        line = reader.line_num
        try:
            get = {name: (row.get(header) or "").strip() for name, header in columns.items()}
            if not get["id"]:
                raise ValueError("an empty id")
            if not get["account"]:
                raise ValueError("an empty account")
            amount = _number(get.get("amount", ""))
            list_price = _number(get.get("list_price", ""))
            discount = _number(get.get("discount", ""))
            if discount is not None and discount > 1:
                discount /= 100
            if discount is None and amount and list_price:
                discount = round(1 - amount / list_price, 4)
            created, closed = _date(get.get("created", "")), _date(get.get("closed", ""))
            if created and closed and closed < created:
                raise ValueError(f"close date {closed} before created date {created}")
            result.deals.append(Deal(
                id=get["id"], account=get["account"], owner=get.get("owner") or None,
                amount=amount, outcome=_outcome(get["outcome"]), created=created, closed=closed,
                list_price=list_price, discount=discount))
        except ValueError as error:
            message = str(error)
            if message.startswith("could not convert string to float"):
                message = f"a number {message.split(':', 1)[1].strip()}"
            result.errors.append(f"{source}:{line}: skipped, {message}; expected id, account, "
                                 "outcome, numbers for amounts and dates like 2026-03-31")
    return result


def import_deals(engine: sa.Engine, path: str | Path) -> DealImport:
    """Read a CSV file and upsert its deals in one transaction."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", expected="a CSV export") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if not text.strip():
        raise InputError(path, "the file is empty", expected="a CSV export with a header row")
    result = parse_deals_csv(text, str(path))
    with engine.begin() as connection:
        for deal in result.deals:
            key = deal.account.casefold()
            if not connection.execute(sa.select(accounts.c.key).where(accounts.c.key == key)
                                      ).first():
                connection.execute(sa.insert(accounts).values(key=key, name=deal.account))
            connection.execute(sa.delete(deals).where(deals.c.id == deal.id))
            connection.execute(sa.insert(deals).values(
                id=deal.id, account_key=key, account_name=deal.account, owner=deal.owner,
                amount=deal.amount, outcome=deal.outcome, created=deal.created,
                closed=deal.closed, list_price=deal.list_price, discount=deal.discount,
                source=str(path)))
    return result


def load_deals(connection: sa.Connection) -> list[Deal]:
    return [Deal(id=r["id"], account=r["account_name"], owner=r["owner"], amount=r["amount"],
                 outcome=r["outcome"], created=r["created"], closed=r["closed"],
                 list_price=r["list_price"], discount=r["discount"])
            for r in connection.execute(sa.select(deals)).mappings()]


class DealIndex:
    """Deals by id and by account, built once so linking many calls stays linear."""

    def __init__(self, all_deals: Iterable[Deal]) -> None:
        self.by_id: dict[str, Deal] = {}
        self.by_account: dict[str, list[Deal]] = {}
        for deal in all_deals:
            self.by_id[deal.id] = deal
            self.by_account.setdefault(deal.account.casefold(), []).append(deal)


def link_deal(call_account: str | None, call_date: date | None, explicit_deal: str | None,
              all_deals: Iterable[Deal] | DealIndex) -> Deal | None:
    """The deal a call belongs to (see the module docstring for the rule)."""
    index = all_deals if isinstance(all_deals, DealIndex) else DealIndex(all_deals)
    if explicit_deal:
        return index.by_id.get(explicit_deal)
    if not call_account or call_date is None:
        return None
    candidates: list[Any] = []
    for deal in index.by_account.get(call_account.casefold(), ()):
        if deal.created and deal.created > call_date:
            continue
        if deal.closed and call_date > deal.closed + timedelta(days=LINK_DAYS_AFTER_CLOSE):
            continue
        if deal.closed is None and deal.outcome != "open":
            continue
        candidates.append(deal)
    if not candidates:
        return None
    return max(candidates, key=lambda d: d.created or date.min)
