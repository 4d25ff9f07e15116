"""Run the per-call analysis over many conversations: in-process, over local processes, or on
Apache Spark. Every engine applies the same pure function (``records.analyze_record``) and
writes the same Parquet columns, so their results are identical."""

from .records import COLUMNS, analyze_record, iter_inputs
from .runners import ENGINES, run_batch

__all__ = ["COLUMNS", "ENGINES", "analyze_record", "iter_inputs", "run_batch"]
