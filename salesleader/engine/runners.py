"""The engines. Each streams: inputs are read lazily, rows are written to Parquet in
batches, so memory stays flat however many calls there are."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import ConfigError
from ..importers import read_transcript
from .records import COLUMNS, analyze_rows, iter_inputs, list_transcripts, spark_schema

__all__ = ["BATCH_JSON_BYTES", "BATCH_ROWS", "ENGINES", "ROW_GROUP_JSON_BYTES", "ROW_GROUP_ROWS",
           "run_batch", "write_parquet"]

ENGINES = ("local", "processes", "spark")
BATCH_ROWS = 500
# A batch is also cut at this many bytes of report JSON: the writer's memory follows the
# batch's bytes (about 35 KB a one-hour call with one seller, 90 KB with two, each
# carrying their own figures), and the main process must stay flat under 500 MB.
BATCH_JSON_BYTES = 8 * 2**20
# Batches, once in Arrow's compact columns, are written together as one Parquet row group
# of up to this many bytes of report JSON (or ``ROW_GROUP_ROWS`` rows): the file's footer,
# kept in memory until the file is closed, grows by about 60 KB a row group, which made
# the main process grow by 100 MB over 100,000 two-seller calls in 8 MiB row groups.
ROW_GROUP_JSON_BYTES = 64 * 2**20
ROW_GROUP_ROWS = 8 * BATCH_ROWS


def _arrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("batch output needs pyarrow: pip install 'salesleader[batch]'") \
            from None
    return pa, pq


def _arrow_schema():
    pa, _ = _arrow()
    kinds = {"string": pa.string(), "double": pa.float64(), "boolean": pa.bool_()}
    return pa.schema([(name, kinds[kind]) for name, kind in COLUMNS.items()])


def write_parquet(rows: Iterable[dict[str, Any]], out: Path,
                  progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write rows in batches; returns counts of analysed and failed inputs."""
    pa, pq = _arrow()
    schema = _arrow_schema()
    counts = {"analysed": 0, "failed": 0}
    out.parent.mkdir(parents=True, exist_ok=True)
    pending: list[Any] = []  # Arrow record batches of the next row group
    pending_rows = pending_bytes = 0
    with pq.ParquetWriter(out, schema) as writer:

        def flush() -> None:
            nonlocal pending, pending_rows, pending_bytes
            if pending:
                writer.write_table(pa.Table.from_batches(pending, schema=schema),
                                   row_group_size=pending_rows)
            pending, pending_rows, pending_bytes = [], 0, 0

        for batch, json_bytes in _batches(rows):
            pending.append(pa.RecordBatch.from_pylist(batch, schema=schema))
            pending_rows += len(batch)
            pending_bytes += json_bytes
            calls = [row for row in batch if row["seller"] is None]  # not sellers' rows
            failed = sum(1 for row in calls if row["error"])
            counts["failed"] += failed
            counts["analysed"] += len(calls) - failed
            if pending_rows >= ROW_GROUP_ROWS or pending_bytes >= ROW_GROUP_JSON_BYTES:
                flush()
            if progress is not None:
                progress(len(batch))
        flush()
    return counts


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[list[dict[str, Any]], int]]:
    """Rows in batches of ``BATCH_ROWS``, cut sooner at ``BATCH_JSON_BYTES`` of JSON; each
    with its bytes of report JSON."""
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        batch.append(row)
        size += len(row["report_json"] or "")
        if len(batch) >= BATCH_ROWS or size >= BATCH_JSON_BYTES:
            yield batch, size
            batch, size = [], 0
    if batch:
        yield batch, size


def _local(inputs: Iterator, config: Config, each_seller: bool,
           sellers: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for record in inputs:
        yield from analyze_rows(record, config, each_seller=each_seller, sellers=sellers)


def _processes(inputs: Iterator, config: Config, workers: int | None,
               each_seller: bool, sellers: tuple[str, ...]) -> Iterator[dict]:
    workers = workers or os.cpu_count() or 1
    function = partial(analyze_rows, config=config, each_seller=each_seller, sellers=sellers)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # A bounded window of chunks in flight keeps memory flat on huge inputs.
        while chunk := list(islice(inputs, 64 * workers)):
            for rows in pool.map(function, chunk, chunksize=16):
                yield from rows


def _spark(source: Path, out: Path, config: Config, master: str,
           each_seller: bool, sellers: tuple[str, ...]) -> dict[str, int]:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("the spark engine needs PySpark: pip install 'salesleader[spark]'") \
            from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(master).appName("salesleader-batch")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        if source.is_dir():
            # The driver lists the files; executors read them (the paths must be visible to
            # them: local mode, or a shared filesystem). Spark's binaryFile source is not
            # used because it silently skips empty files, which must become error rows.
            frame = spark.createDataFrame([(name, None, None) for name in list_transcripts(source)],
                                          "name string, content binary, fmt string")
        else:
            records = iter_inputs(source)
            frame = spark.createDataFrame(
                [(n, bytearray(c), f) for n, c, f in records],
                "name string, content binary, fmt string")
        function = partial(_spark_partition, config=config, each_seller=each_seller,
                           sellers=sellers)
        result = frame.mapInPandas(function, schema=spark_schema())
        result.write.mode("overwrite").parquet(str(out))
        failed, total = spark.read.parquet(str(out)).where("seller is null").selectExpr(
            "count(error)", "count(*)").collect()[0]
        return {"analysed": int(total) - int(failed), "failed": int(failed)}
    finally:
        spark.stop()


def _spark_partition(frames: Iterable[Any], config: Config, each_seller: bool,
                     sellers: tuple[str, ...] = ()) -> Iterator[Any]:
    import pandas as pd

    for frame in frames:
        rows = []
        for name, content, fmt in zip(frame["name"], frame["content"], frame["fmt"],
                                      strict=True):
            data = read_transcript(name) if content is None else bytes(content)
            rows.extend(analyze_rows((name, data, fmt or None), config,
                                     each_seller=each_seller, sellers=sellers))
        yield pd.DataFrame(rows, columns=list(COLUMNS))


def run_batch(source: str | Path, out: str | Path, *, engine: str = "local",
              config: Config | None = None, workers: int | None = None,
              spark_master: str = "local[*]",
              progress: Callable[[int], None] | None = None,
              each_seller: bool = False, sellers: Sequence[str] = ()) -> dict[str, int]:
    """Analyse every input under ``source`` into Parquet at ``out``: a row per call and,
    with ``each_seller``, one per seller of a call with several; ``sellers`` names who is
    selling on every call (a call they do not speak in is an error row). The counts are
    calls."""
    sellers = tuple(sellers)
    config = config or Config()
    source, out = Path(source), Path(out)
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; valid: {', '.join(ENGINES)}")
    if engine == "spark":
        return _spark(source, out, config, spark_master, each_seller, sellers)
    inputs = iter_inputs(source)
    rows = (_local(inputs, config, each_seller, sellers) if engine == "local"
            else _processes(inputs, config, workers, each_seller, sellers))
    return write_parquet(rows, out, progress)
