"""CRM deals: header mapping, outcomes, bad rows by line, linking calls to deals."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from salesleader.cli import app
from salesleader.deals import Deal, import_deals, link_deal, load_deals, parse_deals_csv
from salesleader.errors import MalformedInputError
from salesleader.store.database import open_engine

runner = CliRunner()

SALESFORCE = """Opportunity ID,Account Name,Opportunity Owner,Amount,Stage,Created Date,\
Close Date,List Price,Discount
006A1,Alder Logistics,Maya Chen,"48,000",Closed Won,2026-08-01,2026-10-15,60000,20%
006A2,Harbor Fitness,Greg Walsh,$12000,Closed Lost,08/05/2026,09/30/2026,,
006A3,Keystone Software,Sam Rivera,30000,Negotiation,2026-09-01,,,
"""
HUBSPOT = """Record ID,Deal Name,Associated Company,Deal owner,Amount,Deal Stage,Create Date,Close Date
901,Alder renewal,Alder Logistics,Maya Chen,25000,closedwon,2026-01-02,2026-02-01
902,Fernwood pilot,Fernwood Clinics,Rosa Alvarez,9000,closedlost,2026-03-01,2026-03-20
"""
BROKEN = """Opportunity ID,Account Name,Amount,Stage,Created Date,Close Date
X1,Acme,1000,Closed Won,2026-01-01,2026-02-01
X2,,2000,Closed Won,2026-01-01,2026-02-01
X3,Beta,lots,Closed Won,2026-01-01,2026-02-01
X4,Gamma,3000,Closed Lost,2026-03-01,2026-02-01
X5,Delta,4000,Closed Lost,someday,2026-02-01
X6,Epsilon,5000,Open,2026-01-01,
"""


def test_deals_salesforce_headers_outcomes_and_discount():
    result = parse_deals_csv(SALESFORCE, "sf.csv")
    assert not result.errors
    alder, harbor, keystone = result.deals
    assert (alder.outcome, alder.amount, alder.discount) == ("won", 48000.0, 0.2)
    assert alder.cycle_days == (date(2026, 10, 15) - date(2026, 8, 1)).days
    assert (harbor.outcome, harbor.amount, harbor.created) == ("lost", 12000.0, date(2026, 8, 5))
    assert keystone.outcome == "open" and keystone.cycle_days is None


def test_deals_hubspot_headers():
    result = parse_deals_csv(HUBSPOT, "hs.csv")
    assert [(d.id, d.account, d.owner, d.outcome) for d in result.deals] == [
        ("901", "Alder Logistics", "Maya Chen", "won"),
        ("902", "Fernwood Clinics", "Rosa Alvarez", "lost")]


def test_deals_malformed_rows_are_reported_by_line_and_skipped():
    result = parse_deals_csv(BROKEN, "crm.csv")
    assert [d.id for d in result.deals] == ["X1", "X6"]
    assert [e.split(": skipped")[0] for e in result.errors] == [
        "crm.csv:3", "crm.csv:4", "crm.csv:5", "crm.csv:6"]
    assert "an empty account" in result.errors[0]
    assert "a number 'lots'" in result.errors[1]
    assert "before created date" in result.errors[2]
    assert "date 'someday'" in result.errors[3]


def test_deals_missing_required_column_is_an_error():
    with pytest.raises(MalformedInputError, match=r"crm.csv:1: no column for account, outcome"):
        parse_deals_csv("Opportunity ID,Amount\nA,1\n", "crm.csv")


def test_deals_old_mac_line_ends_and_broken_quoting(store_url, tmp_path):
    """Excel for Mac's "CSV (Macintosh)" ends lines with a bare CR: read as lines. A quote
    never closed swallows the rest of the file: one line naming where, and nothing stored
    (it was an exception with a traceback)."""
    assert [d.id for d in parse_deals_csv(HUBSPOT.replace("\n", "\r"), "mac.csv").deals] == [
        "901", "902"]
    path = tmp_path / "deals.csv"
    path.write_text('Opportunity ID,Account Name,Stage\nA1,Acme,Closed Won\nA2,"Beta'
                    + "x" * 200_000 + "\nA3,Gamma,Closed Won\n")
    result = runner.invoke(app, ["deals", "import", str(path), "--db", store_url])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {path}:3: unreadable CSV (field larger than field limit (131072)); expected "
        "a CSV export, quoted as spreadsheets write it")
    with open_engine(store_url).connect() as connection:
        assert load_deals(connection) == []


def test_deals_import_upserts_and_keeps_good_rows(store_url, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text(BROKEN)
    engine = open_engine(store_url)
    result = runner.invoke(app, ["deals", "import", str(path), "--db", store_url])
    assert result.exit_code == 1
    assert f"error: {path}:4: skipped, a number 'lots'" in result.stderr
    assert "imported 2 deal(s), skipped 4 row(s)" in result.stdout
    path.write_text(SALESFORCE)
    import_deals(engine, path)
    import_deals(engine, path)  # again: replaced, not duplicated
    with engine.connect() as connection:
        assert sorted(d.id for d in load_deals(connection)) == ["006A1", "006A2", "006A3", "X1",
                                                                "X6"]


def test_deals_linking_by_id_then_account_and_date():
    deals = [
        Deal("D1", "Acme", None, 10.0, "won", date(2026, 1, 1), date(2026, 3, 1)),
        Deal("D2", "Acme", None, 20.0, "open", date(2026, 4, 1), None),
        Deal("D3", "Beta", None, 30.0, "lost", date(2026, 1, 1), date(2026, 2, 1)),
    ]
    assert link_deal("Acme", date(2026, 2, 1), None, deals).id == "D1"        # open at the call
    assert link_deal("acme", date(2026, 3, 10), None, deals).id == "D1"       # closed 9 days before
    assert link_deal("Acme", date(2026, 3, 20), None, deals) is None          # 19 days: too late
    assert link_deal("Acme", date(2026, 5, 1), None, deals).id == "D2"
    assert link_deal("Acme", date(2026, 2, 1), "D3", deals).id == "D3"        # explicit id wins
    assert link_deal("Gamma", date(2026, 2, 1), None, deals) is None
    assert link_deal("Acme", None, None, deals) is None
