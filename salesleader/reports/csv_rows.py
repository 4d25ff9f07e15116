"""Call reports as CSV rows, for a spreadsheet: formatting only, no analysis.

One row per call for the selling side (``seller`` empty), then, on a call with several
sellers, one row per seller with that seller's own index and metrics (the metrics that
belong to the call, such as ``customer_questions``, left empty there: they are on the
call's row). Columns are the batch engine's (``engine.records.COLUMNS``) without the
report JSON and the error: a dict metric is one column per key
(``questions_by_type_open``), booleans are 1/0.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

__all__ = ["CSV_COLUMNS", "call_rows", "write_csv"]


def _columns() -> list[str]:
    from ..engine.records import COLUMNS

    return [name for name in COLUMNS if name not in ("report_json", "error")]


CSV_COLUMNS = _columns()


def call_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The call's row, then one per seller when it has several."""
    from ..engine.records import row_of, seller_rows

    rows = [row_of(report, with_json=False), *seller_rows(report)]
    return [{name: row[name] if name != "seller" else row[name] or "" for name in CSV_COLUMNS}
            for row in rows]


def write_csv(reports: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for report in reports:
        for row in call_rows(report):
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value
