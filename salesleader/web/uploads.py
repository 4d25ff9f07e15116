"""Transcripts and emails uploaded through the dashboard, stored as ``salesleader ingest``
stores them.

The files are written under their own names (a sidecar ``NAME.meta.json`` beside its
transcript, as on disk) to a temporary folder that is gone once they are stored; each
call records its source as ``upload:NAME``. The store keeps what ``ingest`` keeps
(redacted text, the report), so a later ``reanalyze`` works from that text. Each file is
its own transaction: a bad one is reported by name and line, and the others are stored.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from ..config import Config
from ..importers import SIDECAR_SUFFIX, TRANSCRIPT_SUFFIXES
from ..importers.email_files import EMAIL_SUFFIXES
from ..importers.speakers import naming_example
from ..store.ingest import ingest

__all__ = ["MAX_UPLOAD_BYTES", "UPLOAD_SUFFIXES", "Stored", "store_uploads"]

MAX_UPLOAD_BYTES = 256 * 2**20  # one request: several transcripts of up to 64 MiB each
UPLOAD_SUFFIXES = (*TRANSCRIPT_SUFFIXES, *EMAIL_SUFFIXES, SIDECAR_SUFFIX)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]")


def _label_note(labels: Sequence[str]) -> str:
    return (f"the seller is known only by the label {', '.join(labels)}: no rep is credited "
            "with this call until a sidecar names the speakers (upload it with the "
            f"transcript: <file>.meta.json with {naming_example(labels[0])})")


@dataclass(frozen=True)
class Stored:
    """What became of one uploaded file: ``status`` is new, updated, unchanged or failed;
    ``call_id`` for a stored call (an email file stores emails, no call), ``error`` for a
    failure."""

    name: str
    status: str
    call_id: str | None = None
    error: str | None = None
    note: str | None = None  # said beside a stored call: a seller known only by a label

    @property
    def emails(self) -> bool:
        return self.name.lower().endswith(EMAIL_SUFFIXES)


def _file_name(name: str) -> str:
    """The uploaded file's own name, made safe to write in a folder (no path, no hidden
    file, no characters a file system might read otherwise)."""
    base = _SAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return base or "upload.txt"


def store_uploads(engine: sa.Engine, files: Sequence[tuple[str, bytes]], *,
                  sellers: Sequence[str] = (), config: Config | None = None) -> list[Stored]:
    """Store each transcript and email file (.eml, .mbox) of ``files`` (name, bytes),
    sidecars beside their transcripts; any other file is reported, not read."""
    results: list[Stored] = []
    with tempfile.TemporaryDirectory(prefix="salesleader-upload-") as folder:
        written: dict[str, str] = {}  # path in the folder -> the name as uploaded
        sidecars: dict[Path, str] = {}
        for name, data in files:
            safe = _file_name(name)
            if not safe.lower().endswith(UPLOAD_SUFFIXES):
                results.append(Stored(name, "failed", error=(
                    f"{name}: not a transcript or emails; expected one of "
                    f"{', '.join(UPLOAD_SUFFIXES)}")))
                continue
            stem, dot, suffix = safe.partition(".")
            while str(Path(folder) / safe) in written:  # two files of one name
                stem += "_"
                safe = f"{stem}{dot}{suffix}"
            path = Path(folder) / safe
            path.write_bytes(data)
            if safe.endswith(SIDECAR_SUFFIX):
                sidecars[path] = name
            else:
                written[str(path)] = name
        for path, name in sidecars.items():  # a sidecar describes a transcript beside it
            if not path.with_name(path.name.removesuffix(SIDECAR_SUFFIX)).is_file():
                results.append(Stored(name, "failed", error=(
                    f"{name}: no {path.name.removesuffix(SIDECAR_SUFFIX)} in this upload; "
                    "expected a sidecar with its transcript")))
        summary = ingest(engine, list(written), config=config, sellers=sellers,
                         source_names={p: f"upload:{Path(p).name}" for p in written})
    labelled = dict(summary.unnamed)
    for status, paths in (("new", summary.new), ("updated", summary.updated),
                          ("unchanged", summary.unchanged)):
        results += [Stored(written[p], status, call_id=summary.call_ids.get(p),
                           note=_label_note(labelled[p]) if p in labelled else None)
                    for p in paths]
    for path, error in summary.failed:
        # The error names the file by its path in the temporary folder: by its own name.
        results.append(Stored(written[path], "failed",
                              error=error.replace(str(Path(path).parent) + "/", "")))
    order = {name: n for n, (name, _) in enumerate(files)}
    return sorted(results, key=lambda r: order.get(r.name, len(order)))
