"""Inputs in, one flat row per call out: the pure function every engine runs.

Inputs: a folder of transcripts (any format ``salesleader analyze`` reads), a JSONL file
of conversations (one generic-JSON object a line) or a Parquet file with a
``conversation`` column holding such JSON. Each becomes ``(name, bytes, format)``.

Rows: the call's identity, the index and pillars, every metric flattened (a dict metric
becomes one column per key, ``questions_by_type_open``), the whole call report as JSON,
and ``error`` (null, or the one-line reason the input could not be analysed: nothing is
dropped silently). ``seller`` is null on a call's row; with ``each_seller``, a call with
several sellers also gets one row per seller (``seller`` naming them) with their own
index and metrics, the call's own metrics (``customer_questions``…) and the report JSON
left null there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..analysis import analyze_conversation
from ..analyzers.discovery import AREAS
from ..config import Config
from ..errors import InputError, SalesleaderError
from ..importers import (
    TRANSCRIPT_SUFFIXES,
    files_under,
    parse_bytes,
    read_transcript,
    with_sidecar,
)
from ..language.questions import QUESTION_TYPES
from ..report import each_seller
from ..scoring import PILLARS

__all__ = ["COLUMNS", "Record", "analyze_record", "analyze_rows", "iter_inputs",
           "list_transcripts", "row_of", "seller_rows", "spark_schema"]

Record = tuple[str, bytes, str | None]  # (name, content, forced format or None)
_SUBKEYS = {"questions_by_type": QUESTION_TYPES, "discovery_coverage": AREAS,
            "discovery_customer_mentions": AREAS}


def _metric_columns() -> list[str]:
    from ..analyzers import registered

    columns = []
    for spec in registered():
        for name in spec.produces:
            keys = _SUBKEYS.get(name)
            columns.extend(f"{name}_{key}" for key in keys) if keys else columns.append(name)
    return columns


COLUMNS: dict[str, str] = {
    "id": "string", "seller": "string", "source": "string", "title": "string", "format": "string",
    "started_at": "string", "duration_s": "double", "has_timestamps": "boolean",
    "seller_names": "string", "seller_how": "string", "index_score": "double",
    **{f"pillar_{p}": "double" for p in PILLARS},
    **dict.fromkeys(_metric_columns(), "double"),
    "report_json": "string", "error": "string",
}


def spark_schema() -> str:
    return ", ".join(f"`{name}` {kind}" for name, kind in COLUMNS.items())


def _number(value: Any) -> float | None:
    if value is None:
        return None
    return float(value)


def row_of(report: Mapping[str, Any], *, with_json: bool = True) -> dict[str, Any]:
    """A call report as one flat row of ``COLUMNS`` (also the CSV export's)."""
    call, index = report["call"], report.get("index") or {}
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update({
        "id": call["id"], "source": call["source"], "title": call["title"],
        "format": call["format"], "started_at": call["started_at"],
        "duration_s": call["duration_s"], "has_timestamps": call["has_timestamps"],
        "seller_names": "; ".join(call["seller"]["names"]), "seller_how": call["seller"]["how"],
        "index_score": index.get("score"),
        "report_json": json.dumps(report, ensure_ascii=False, sort_keys=True)
        if with_json else None,
    })
    for pillar in PILLARS:
        row[f"pillar_{pillar}"] = (index.get("pillars") or {}).get(pillar)
    for name, value in report["metrics"].items():
        if isinstance(value, dict):
            for key in _SUBKEYS.get(name, value):
                row[f"{name}_{key}"] = _number(value.get(key))
        elif name in COLUMNS:
            row[name] = _number(value)
    return row


def seller_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per seller of a call with several: their own index and metrics."""
    return [{**row_of({**report, "metrics": seller["metrics"], "index": seller["index"]},
                      with_json=False), "seller": seller["name"]} for seller in each_seller(report)]


def analyze_record(record: Record, config: Config | None = None) -> dict[str, Any]:
    """The pure per-call function: bytes in, one row out (errors become a row too)."""
    return analyze_rows(record, config)[0]


def analyze_rows(record: Record, config: Config | None = None, *, each_seller: bool = False,
                 sellers: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The call's row, then (``each_seller``) one per seller when it has several;
    ``sellers`` names who is selling on every call (as ``analyze --seller``)."""
    name, content, forced = record
    try:
        conversation = parse_bytes(content, name, forced)
        if forced is None:  # a file of a folder: its sidecar beside it, as analyze reads it
            conversation = with_sidecar(conversation, name)
        report = analyze_conversation(conversation, config, sellers).to_dict()
    except SalesleaderError as error:
        row: dict[str, Any] = dict.fromkeys(COLUMNS)
        row.update({"id": None, "source": name, "error": str(error)})
        return [row]
    return [row_of(report), *(seller_rows(report) if each_seller else ())]


def list_transcripts(folder: Path) -> list[str]:
    """Every transcript under ``folder`` (resolved paths, sorted; sidecars skipped)."""
    return [str(file.resolve()) for file in files_under([folder], TRANSCRIPT_SUFFIXES)]


def iter_inputs(path: str | Path) -> Iterator[Record]:
    """Stream the inputs of a folder, a JSONL file or a Parquet file, one at a time."""
    path = Path(path)
    if path.is_dir():
        for name in list_transcripts(path):
            yield name, read_transcript(name), None
        return
    if not path.exists():
        raise InputError(path, "no such file or folder",
                         expected="a folder of transcripts, a .jsonl or a .parquet file")
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(path)
        if "conversation" not in parquet.schema_arrow.names:
            raise InputError(path, "no 'conversation' column",
                             expected="a Parquet file with a 'conversation' JSON column")
        row = 0
        for batch in parquet.iter_batches(columns=["conversation"], batch_size=512):
            for value in batch.column(0).to_pylist():
                row += 1
                yield f"{path}#{row}", (value or "").encode("utf-8"), "json"
        return
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield f"{path}#{number}", line, "json"
