"""Batch engines: local, processes and Spark give identical rows; inputs of every kind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from salesleader.cli import app
from salesleader.engine import COLUMNS, run_batch

from .conftest import _need

pq = pytest.importorskip("pyarrow.parquet")
runner = CliRunner()


def rows(path: Path) -> list[dict]:
    return sorted(pq.read_table(path).to_pylist(), key=lambda r: r["source"])


@pytest.fixture
def inputs(tmp_path, data) -> Path:
    folder = tmp_path / "in"
    for sub in ("vtt", "srt", "text", "generic_json", "whisper_json"):
        shutil.copytree(data / sub, folder / sub)
    shutil.copy(data / "bad" / "empty.vtt", folder / "empty.vtt")  # an error row
    # A sidecar, read by every engine as analyze reads it:
    (folder / "srt" / "named_cues.srt.meta.json").write_text(
        json.dumps({"title": "From the sidecar", "account": "Sidecar Co"}), encoding="utf-8")
    return folder


def test_engines_local_and_processes_identical(inputs, tmp_path):
    local = run_batch(inputs, tmp_path / "local.parquet", engine="local")
    pooled = run_batch(inputs, tmp_path / "pooled.parquet", engine="processes", workers=2)
    assert local == pooled == {"analysed": 13, "failed": 1}
    a, b = rows(tmp_path / "local.parquet"), rows(tmp_path / "pooled.parquet")
    assert a == b
    assert list(pq.read_table(tmp_path / "local.parquet").column_names) == list(COLUMNS)
    bad = next(r for r in a if r["error"])
    assert bad["source"].endswith("empty.vtt") and "the file is empty" in bad["error"]
    good = next(r for r in a if r["source"].endswith("named_cues.srt"))
    report = json.loads(good["report_json"])
    assert good["title"] == "From the sidecar"
    assert report["call"]["metadata"]["account"] == "Sidecar Co"
    assert good["seller_talk_share"] == report["metrics"]["seller_talk_share"]
    assert good["questions_by_type_closed"] == report["metrics"]["questions_by_type"]["closed"]
    assert good["index_score"] == report["index"]["score"]


def _need_spark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _need("PySpark")
    if not shutil.which("java"):
        _need("Java (for Spark)")


def test_engines_spark_identical_to_local(inputs, tmp_path):
    _need_spark()
    _two_sellers(inputs / "shared.json")  # rows of their own for Ann and Raj
    run_batch(inputs, tmp_path / "local.parquet", engine="local", each_seller=True)
    counts = run_batch(inputs, tmp_path / "spark", engine="spark", spark_master="local[2]",
                       each_seller=True)
    assert counts == {"analysed": 14, "failed": 1}  # calls, not rows
    spark = rows(tmp_path / "spark")
    assert spark == rows(tmp_path / "local.parquet")
    assert sorted(r["seller"] for r in spark if r["seller"]) == ["Ann", "Raj"]


def _two_sellers(path: Path) -> None:
    """A generic-JSON call in which Ann asks and Raj pitches (tests/test_each_seller.py)."""
    from .test_each_seller import TURNS

    path.write_text(json.dumps({
        "title": "Two sellers",
        "participants": [{"name": "Ann", "side": "seller"}, {"name": "Raj", "side": "seller"},
                         {"name": "Bo", "side": "customer"}],
        "utterances": [{"speaker": s, "text": t, "start": a, "end": b} for s, t, a, b in TURNS],
    }))


def test_engines_each_seller_rows(tmp_path, data):
    folder = tmp_path / "in"
    folder.mkdir()
    _two_sellers(folder / "shared.json")
    shutil.copy(data / "srt" / "named_cues.srt", folder / "alone.srt")
    plain = run_batch(folder, tmp_path / "plain.parquet")
    assert [r["seller"] for r in rows(tmp_path / "plain.parquet")] == [None, None]
    local = run_batch(folder, tmp_path / "local.parquet", each_seller=True)
    pooled = run_batch(folder, tmp_path / "pooled.parquet", engine="processes", workers=2,
                       each_seller=True)
    assert plain == local == pooled == {"analysed": 2, "failed": 0}  # calls, not rows
    table = rows(tmp_path / "local.parquet")
    assert table == rows(tmp_path / "pooled.parquet")
    call = next(r for r in table if r["seller"] is None and r["source"].endswith("shared.json"))
    report = json.loads(call["report_json"])
    own = {p["name"]: p for p in report["participants"] if p["metrics"] is not None}
    sellers = {r["seller"]: r for r in table if r["seller"]}
    assert set(sellers) == set(own) == {"Ann", "Raj"}  # the one-seller call: no such rows
    raj = sellers["Raj"]
    assert raj["index_score"] == own["Raj"]["index"]["score"] != call["index_score"]
    assert (raj["feature_dumps"], sellers["Ann"]["feature_dumps"]) == (1, 0)
    assert raj["seller_questions"] + sellers["Ann"]["seller_questions"] == \
        call["seller_questions"]
    assert raj["report_json"] is None and raj["customer_questions"] is None
    assert raj["id"] == call["id"] and raj["seller_names"] == call["seller_names"]


def test_engines_jsonl_and_parquet_inputs(tmp_path, data):
    document = (data / "generic_json" / "call_with_metadata.json").read_text()
    jsonl = tmp_path / "calls.jsonl"
    jsonl.write_text(json.dumps(json.loads(document)) + "\n\n" + '{"utterances": 3}\n')
    run_batch(jsonl, tmp_path / "from_jsonl.parquet")
    first, broken = rows(tmp_path / "from_jsonl.parquet")
    assert first["source"] == f"{jsonl}#1" and first["error"] is None
    assert broken["source"] == f"{jsonl}#3" and "neither Whisper" in broken["error"]
    import pyarrow as pa

    pq.write_table(pa.table({"conversation": [document]}), tmp_path / "calls.parquet")
    run_batch(tmp_path / "calls.parquet", tmp_path / "from_parquet.parquet")
    (row,) = rows(tmp_path / "from_parquet.parquet")
    assert row["seller_talk_share"] == first["seller_talk_share"]


def test_engines_cli(inputs, tmp_path):
    result = runner.invoke(app, ["batch", str(inputs), "--out", str(tmp_path / "o.parquet"),
                                 "--engine", "processes", "--workers", "2"])
    assert result.exit_code == 1  # the empty file is an error row
    assert "analysed: 13, failed: 1" in result.stdout
    _two_sellers(inputs / "shared.json")
    each = runner.invoke(app, ["batch", str(inputs), "--out", str(tmp_path / "e.parquet"),
                               "--each-seller"])
    assert each.exit_code == 1 and "analysed: 14, failed: 1" in each.stdout
    assert sorted(r["seller"] for r in rows(tmp_path / "e.parquet") if r["seller"]) == \
        ["Ann", "Raj"]
    bad = runner.invoke(app, ["batch", str(inputs), "--out", str(tmp_path / "x"), "--engine",
                              "gpu"])
    assert bad.exit_code == 2 and "unknown engine 'gpu'" in bad.stderr


def test_engines_batches_are_cut_by_json_bytes_too(inputs, tmp_path, monkeypatch):
    # The writer's memory follows a batch's bytes: big reports make smaller batches.
    from salesleader.engine import runners

    run_batch(inputs, tmp_path / "rows.parquet")
    assert pq.ParquetFile(tmp_path / "rows.parquet").num_row_groups == 1  # 14 rows < 500
    monkeypatch.setattr(runners, "BATCH_JSON_BYTES", 1)
    counts = run_batch(inputs, tmp_path / "batches.parquet")
    assert counts == {"analysed": 13, "failed": 1}
    # Small batches still make one row group: the footer's memory grows with row groups.
    assert pq.ParquetFile(tmp_path / "batches.parquet").num_row_groups == 1
    assert rows(tmp_path / "batches.parquet") == rows(tmp_path / "rows.parquet")
    monkeypatch.setattr(runners, "ROW_GROUP_JSON_BYTES", 1)
    assert run_batch(inputs, tmp_path / "bytes.parquet") == counts
    # Every analysed row is a batch and a row group of its own; the error row (no JSON)
    # joins the next.
    assert pq.ParquetFile(tmp_path / "bytes.parquet").num_row_groups == 13
    assert rows(tmp_path / "bytes.parquet") == rows(tmp_path / "rows.parquet")
    monkeypatch.setattr(runners, "ROW_GROUP_JSON_BYTES", 2**30)
    monkeypatch.setattr(runners, "ROW_GROUP_ROWS", 4)
    run_batch(inputs, tmp_path / "counted.parquet")  # 4 rows a row group, 14 rows
    assert pq.ParquetFile(tmp_path / "counted.parquet").num_row_groups == 4
    assert rows(tmp_path / "counted.parquet") == rows(tmp_path / "rows.parquet")


@pytest.fixture
def seller_calls(tmp_path) -> Path:
    """A call Ann Lee sells in (where inference would pick Dee Roe, who says "our
    platform") and one she is not in."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "theirs.txt").write_text("Dee Roe: Our platform cuts churn.\n"
                                       "Ann Lee: What would it change for us?\n")
    (folder / "other.txt").write_text("Bo Grant: Hello.\nCy Park: Hi.\n")
    return folder


def _check_named_seller(folder: Path, out: Path, **engine: object) -> None:
    counts = run_batch(folder, out, sellers=["Ann Lee"], **engine)  # type: ignore[arg-type]
    assert counts == {"analysed": 1, "failed": 1}
    by_file = {Path(r["source"]).name: r for r in rows(out)}
    assert by_file["theirs.txt"]["seller_names"] == "Ann Lee"
    assert by_file["theirs.txt"]["seller_how"] == "flag"
    assert "'Ann Lee' matches no speaker" in by_file["other.txt"]["error"]


def test_engines_seller_named_for_every_call(seller_calls, tmp_path):
    """batch --seller, as analyze --seller: the named seller on each call they speak in; a
    call they do not speak in is an error row saying so, not a silent guess."""
    folder = seller_calls
    for engine in ("local", "processes"):
        _check_named_seller(folder, tmp_path / f"{engine}.parquet", engine=engine, workers=2)
    cli = runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "cli.parquet"),
                              "--seller", "Ann Lee"])
    assert cli.exit_code == 1 and rows(tmp_path / "cli.parquet") == rows(
        tmp_path / "local.parquet")


def test_engines_spark_names_the_seller(seller_calls, tmp_path):
    _need_spark()
    _check_named_seller(seller_calls, tmp_path / "spark", engine="spark",
                        spark_master="local[2]")
    _check_named_seller(seller_calls, tmp_path / "local.parquet", engine="local")
    assert rows(tmp_path / "spark") == rows(tmp_path / "local.parquet")
