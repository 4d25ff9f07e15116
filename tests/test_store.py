"""The store on SQLite and PostgreSQL: migrations, ingest, idempotency, redaction, reanalysis."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from salesleader.config import Config, Product
from salesleader.importers import IMPORTERS_VERSION
from salesleader.language import LANGUAGE_VERSION
from salesleader.scoring import INDEX_VERSION
from salesleader.store.database import open_engine, resolve_url
from salesleader.store.ingest import current_versions, ingest, reanalyze
from salesleader.store.repository import load_calls
from salesleader.store.schema import conversations, reports, utterances

from .team_data import write_team


def counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {t.name: connection.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                for t in (conversations, utterances, reports)}


def test_store_migrations_create_the_schema_and_reopen(store_url):
    engine = open_engine(store_url)
    names = set(sa.inspect(engine).get_table_names())
    assert {"accounts", "deals", "conversations", "participants", "utterances", "reports",
            "emails", "users", "sessions", "login_failures", "alembic_version"} <= names
    with engine.connect() as connection:
        assert connection.execute(sa.text("select version_num from alembic_version")).scalar() \
            == "0004"
        # The tables the migrations build are those the queries use, column by column.
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        from salesleader.store.schema import metadata

        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    open_engine(store_url)  # a second open is a no-op upgrade


def test_store_ingest_is_idempotent_and_summarises(store_url, tmp_path, data):
    team = write_team(tmp_path / "calls", calls_per_rep=2)
    engine = open_engine(store_url)
    first = ingest(engine, [tmp_path / "calls", data / "bad" / "empty.vtt"])
    assert len(first.new) == len(team["files"]) == 6
    assert first.failed == [(str(data / "bad" / "empty.vtt"),
                             f"{data / 'bad' / 'empty.vtt'}: the file is empty; expected a "
                             "transcript")]
    before = counts(engine)
    second = ingest(engine, [tmp_path / "calls"])
    assert (len(second.new), len(second.unchanged), len(second.updated)) == (0, 6, 0)
    assert counts(engine) == before
    # A copy under another name, with its sidecar, is the same call, unchanged:
    original = Path(team["files"][0])
    shutil.copy(original, tmp_path / "copy.txt")
    shutil.copy(original.with_name(original.name + ".meta.json"), tmp_path / "copy.txt.meta.json")
    assert len(ingest(engine, [tmp_path / "copy.txt"]).unchanged) == 1
    # ...and analysed again, still one call, when what else shapes the report changed:
    # the sidecar, the sellers named, the settings.
    (tmp_path / "copy.txt.meta.json").write_text('{"title": "Renamed"}', encoding="utf-8")
    assert len(ingest(engine, [tmp_path / "copy.txt"]).updated) == 1
    assert counts(engine) == before
    with engine.connect() as connection:
        titles = connection.execute(sa.select(conversations.c.title)).scalars().all()
    assert "Renamed" in titles
    assert len(ingest(engine, [tmp_path / "copy.txt"]).unchanged) == 1
    seller = ingest(engine, [tmp_path / "copy.txt"], sellers=["Ann Lee"])
    assert len(seller.updated) == 1, seller.failed
    terms = Config(product=Product(terms=("dispatch board",)))
    assert len(ingest(engine, [tmp_path / "copy.txt"], sellers=["Ann Lee"],
                      config=terms).updated) == 1
    # reanalyze compares analyzers only: nothing to do after all this.
    assert reanalyze(engine).updated == []


def test_store_failed_file_leaves_nothing_and_the_rest_goes_on(store_url, tmp_path, data):
    engine = open_engine(store_url)
    good = tmp_path / "good.srt"
    good.write_bytes((data / "srt" / "named_cues.srt").read_bytes())
    summary = ingest(engine, [data / "bad" / "broken_timestamp.vtt", good,
                              data / "bad" / "recording.wav"])
    assert [p for p, _ in summary.failed] == [str(data / "bad" / "broken_timestamp.vtt"),
                                              str(data / "bad" / "recording.wav")]
    assert summary.new == [str(good)]
    assert counts(engine)["conversations"] == 1


def test_store_database_error_rolls_back_the_whole_file(store_url, tmp_path):
    engine = open_engine(store_url)
    # A participant title longer than its column: PostgreSQL rejects it mid-write; on SQLite
    # (which does not enforce lengths) the same file must simply store completely.
    path = tmp_path / "call.txt"
    path.write_text("Ann: What would change for you?\nBo: Everything.\n")
    (tmp_path / "call.txt.meta.json").write_text(
        '{"participants": [{"name": "Bo", "title": "' + "x" * 300 + '"}]}')
    summary = ingest(engine, [path])
    with engine.connect() as connection:
        stored = connection.execute(sa.select(sa.func.count()).select_from(utterances)).scalar()
    if engine.dialect.name == "postgresql":
        assert summary.failed and "could not be stored" in summary.failed[0][1]
        assert counts(engine) == {"conversations": 0, "utterances": 0, "reports": 0}
    else:
        assert stored == 2


def test_store_redacts_text_and_quotes_but_metrics_come_from_the_original(store_url, tmp_path):
    engine = open_engine(store_url)
    path = tmp_path / "pii.txt"
    path.write_text(
        "Ann: Can you send the details to dana.reyes@alder-logistics.com or call 415-555-0199?\n"
        "Bo: Sure. Charge card 4111 1111 1111 1111 and wire to DE89 3704 0044 0532 0130 00.\n"
        "Ann: What would change for your team if onboarding took a week?\n"
        "Cy: I can walk you through the setup.\n")
    summary = ingest(engine, [path], sellers=["Ann", "Cy"])
    assert summary.redacted == {"EMAIL": 1, "PHONE": 1, "CARD": 1, "IBAN": 1}
    with engine.connect() as connection:
        texts = [r[0] for r in connection.execute(sa.select(utterances.c.text)
                                                  .order_by(utterances.c.idx))]
        (report,) = connection.execute(sa.select(reports.c.report)).scalars()
    assert texts[0] == "Can you send the details to [EMAIL] or call [PHONE]?"
    assert texts[1] == "Sure. Charge card [CARD] and wire to [IBAN]."
    quotes = [e["quote"] for items in report["evidence"].values() for e in items]
    assert not any("@" in q or "4111" in q for q in quotes)
    assert report["metrics"]["seller_questions"] == 2
    # The seller's own evidence (the same quotes, seen as Ann's) is redacted as well.
    (ann,) = [p for p in report["participants"] if p["name"] == "Ann"]
    assert ann["evidence"]["seller_questions"][0]["quote"] == \
        "Can you send the details to [EMAIL] or call [PHONE]?"
    own = [e["quote"] for items in ann["evidence"].values() for e in items]
    own += [m["quote"] for group in ann["coaching"].values() for item in group
            for m in item.get("moments", [])]
    assert not any("@" in q or "415-555" in q for q in own)


def test_store_keep_pii_stores_text_as_is(store_url, tmp_path):
    engine = open_engine(store_url)
    path = tmp_path / "pii.txt"
    path.write_text("Ann: Mail me at ann@vendor.example please.\nBo: Will do.\n")
    ingest(engine, [path], keep_pii=True)
    with engine.connect() as connection:
        assert connection.execute(sa.select(utterances.c.text)).scalars().first() == \
            "Mail me at ann@vendor.example please."
        assert connection.execute(sa.select(conversations.c.redacted)).scalar() is False


def test_store_reanalyze_after_an_analyzer_version_change(store_url, tmp_path):
    engine = open_engine(store_url)
    write_team(tmp_path / "calls", calls_per_rep=1)
    ingest(engine, [tmp_path / "calls"])
    with engine.begin() as connection:
        connection.execute(sa.update(reports).values(analyzer_versions={"talk": "0"}))
    assert len(ingest(engine, [tmp_path / "calls"]).updated) == 3
    with engine.begin() as connection:
        connection.execute(sa.update(reports).values(analyzer_versions={"talk": "0"}))
    summary = reanalyze(engine)
    assert len(summary.updated) == 3
    with engine.connect() as connection:
        versions = connection.execute(sa.select(reports.c.analyzer_versions)).scalars().all()
    assert all(v == current_versions() for v in versions)
    assert len(reanalyze(engine).unchanged) == 3


@pytest.mark.parametrize("key, current", [("language", LANGUAGE_VERSION),
                                          ("index", INDEX_VERSION),
                                          ("importers", IMPORTERS_VERSION)])
def test_store_recomputes_calls_stored_under_another_language_or_index(store_url, tmp_path,
                                                                        key, current):
    # The question parser feeds every analyzer, and the index and its coaching are stored
    # with each report: a report stored before that version was recorded (or under an
    # older one) is stale even when no analyzer's own version moved.
    engine = open_engine(store_url)
    write_team(tmp_path / "calls", calls_per_rep=1)
    ingest(engine, [tmp_path / "calls"])
    with engine.connect() as connection:
        stored = connection.execute(sa.select(reports.c.analyzer_versions)).scalars().all()
    assert all(v[key] == current for v in stored)
    older = {name: version for name, version in current_versions().items() if name != key}
    with engine.begin() as connection:
        connection.execute(sa.update(reports).values(analyzer_versions=older))
    assert len(ingest(engine, [tmp_path / "calls"]).updated) == 3
    with engine.begin() as connection:
        connection.execute(sa.update(reports).values(
            analyzer_versions={**current_versions(), key: "1"}))
    assert len(reanalyze(engine).updated) == 3
    assert len(reanalyze(engine).unchanged) == 3


def test_store_reimports_calls_stored_by_older_importers(store_url, tmp_path):
    """A call stored when the VTT importer left "&amp;" in the text (importers version 1)
    is re-imported from its unchanged source: the stored text and quotes are fixed."""
    engine = open_engine(store_url)
    path = tmp_path / "escaped.vtt"
    path.write_text("WEBVTT\n\n00:00.000 --> 00:04.000\n<v Ann>What matters to R&amp;D?\n\n"
                    "00:04.000 --> 00:06.000\n<v Bo>Speed.\n", encoding="utf-8")
    ingest(engine, [path], sellers=["Ann"])
    old = {**current_versions(), "importers": "1"}
    with engine.begin() as connection:  # as the older importer stored it
        connection.execute(sa.update(utterances).where(utterances.c.idx == 0)
                           .values(text="What matters to R&amp;D?"))
        connection.execute(sa.update(reports).values(analyzer_versions=old))
    assert len(reanalyze(engine).updated) == 1
    with engine.connect() as connection:
        texts = connection.execute(sa.select(utterances.c.text).order_by(utterances.c.idx)
                                   ).scalars().all()
        (call,) = load_calls(connection)
    assert texts == ["What matters to R&D?", "Speed."]
    assert call.report["evidence"]["seller_questions"][0]["quote"] == "What matters to R&D?"


def test_store_reanalyze_from_stored_text_when_the_source_is_gone(store_url, tmp_path):
    engine = open_engine(store_url)
    path = tmp_path / "gone.txt"
    path.write_text("Ann: What would change if onboarding took a week?\nBo: A lot.\n")
    ingest(engine, [path], sellers=["Ann"])
    path.unlink()
    reanalyze(engine, everything=True)
    with engine.connect() as connection:
        (call,) = load_calls(connection)
    assert any("re-analysed from the stored (redacted) text" in n for n in call.report["notes"])
    assert call.sellers == ("Ann",)


def test_store_url_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("SALESLEADER_DB", raising=False)
    assert resolve_url().startswith("sqlite:///") and resolve_url().endswith("salesleader.db")
    monkeypatch.setenv("SALESLEADER_DB", str(tmp_path / "env.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_store_upgrades_an_older_file_in_place(tmp_path):
    """A store created at the first migration gains the emails table when opened."""
    from importlib import resources

    from alembic import command
    from alembic.config import Config as AlembicConfig

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    alembic = AlembicConfig()
    alembic.set_main_option("script_location",
                            str(resources.files("salesleader.store").joinpath("migrations")))
    with engine.begin() as connection:
        alembic.attributes["connection"] = connection
        command.upgrade(alembic, "0001")
    assert "emails" not in sa.inspect(engine).get_table_names()
    upgraded = open_engine(url)
    assert "emails" in sa.inspect(upgraded).get_table_names()


def test_store_reanalyze_keeps_the_sellers_named_at_ingest(store_url, tmp_path):
    """A call stored with --seller is re-analysed with the same seller, from its source file
    too (it used to fall back to the roster or inference there), and keeps ingest's key."""
    call = tmp_path / "call.txt"
    call.write_text("Ann Lee: Thanks for the time today.\n"
                    "Dee Roe: Our platform cuts churn; what would change for your team?\n"
                    "Ann Lee: Fewer escalations.\n", encoding="utf-8")
    engine = open_engine(store_url)
    ingest(engine, [call], sellers=["Ann Lee"])
    with engine.connect() as connection:
        [stored] = load_calls(connection)
    assert stored.sellers == ("Ann Lee",)
    assert reanalyze(engine, everything=True).updated == [stored.id]
    with engine.connect() as connection:
        [again] = load_calls(connection)
    assert again.sellers == ("Ann Lee",) and again.report["call"]["seller"]["how"] == "flag"
    assert len(ingest(engine, [call], sellers=["Ann Lee"]).unchanged) == 1
