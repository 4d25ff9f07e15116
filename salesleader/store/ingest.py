"""Ingest transcripts into the store: idempotent, one transaction per file, summarised.

The same bytes are the same call (its id is their hash): ingesting it again writes
nothing unless the analyzers have changed since, in which case its report is refreshed.
A file that fails leaves nothing behind and the others go on.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlalchemy as sa

from ..analysis import analyze_conversation, analyzer_versions
from ..config import Config, settings_key
from ..errors import SalesleaderError
from ..importers import TRANSCRIPT_SUFFIXES, files_under, load, sidecar_bytes
from ..importers.email_files import EMAIL_SUFFIXES
from ..importers.speakers import is_speaker_label
from ..redaction import Redactor
from .email_store import ingest_email_file
from .repository import load_conversation, save_call, stored_versions
from .schema import conversations

__all__ = ["INPUTS", "TRANSCRIPT_SUFFIXES", "IngestSummary", "current_versions",
           "find_transcripts", "ingest", "inputs_key", "reanalyze"]



@dataclass
class IngestSummary:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    redacted: Counter[str] = field(default_factory=Counter)
    call_ids: dict[str, str] = field(default_factory=dict)  # transcript path -> call id
    # Transcripts analysed now whose seller is known only by a diarization label.
    unnamed: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"new": len(self.new), "updated": len(self.updated),
                "unchanged": len(self.unchanged), "failed": [
                    {"path": path, "error": error} for path, error in self.failed],
                "redacted": dict(self.redacted)}


def current_versions() -> dict[str, str]:
    """What a report analysed now records (``analysis.analyzer_versions``)."""
    return analyzer_versions()


INPUTS = "inputs"  # the key, among a stored report's versions, of what else it was made from


def inputs_key(sidecar: bytes | None, settings: str, sellers: Sequence[str]) -> str:
    """What besides the transcript's bytes shapes a call's report: its sidecar (the bytes
    the call was read with, None for none), the sellers named, the settings
    (``config.settings_key``). ``ingest`` analyses a stored call again when this changes
    (a corrected sidecar, another ``--seller``, an edited salesleader.toml)."""
    sidecar_sha = hashlib.sha256(sidecar).hexdigest() if sidecar is not None else ""
    return hashlib.sha256(json.dumps([sidecar_sha, sorted(sellers), settings]).encode()
                          ).hexdigest()[:16]


def _same_analysis(stored: Mapping[str, str] | None, versions: Mapping[str, str]) -> bool:
    """Whether a stored report was made by the analyzers of ``versions`` (whatever its
    inputs: ``reanalyze`` has no sidecar or seller list to compare)."""
    return stored is not None and {k: v for k, v in stored.items() if k != INPUTS} == versions


def find_transcripts(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders searched recursively for transcripts and emails."""
    return files_under(paths, TRANSCRIPT_SUFFIXES + EMAIL_SUFFIXES)


def ingest(
    engine: sa.Engine,
    paths: Sequence[str | Path],
    *,
    config: Config | None = None,
    sellers: Sequence[str] = (),
    keep_pii: bool = False,
    progress: Callable[[Path], None] | None = None,
    source_names: Mapping[str, str] | None = None,
) -> IngestSummary:
    """Analyse and store every transcript under ``paths``; ``source_names`` records a
    file under another name than its path (an upload's temporary file by its own name)."""
    summary = IngestSummary()
    versions = current_versions()
    settings = settings_key(config or Config())  # once: the same for every file
    redactor = Redactor()
    for path in find_transcripts(paths):
        try:
            if path.suffix.lower() in EMAIL_SUFFIXES:
                with engine.begin() as connection:
                    added, _ = ingest_email_file(connection, path, config or Config(),
                                                    keep_pii=keep_pii, redactor=redactor)
                (summary.new if added else summary.unchanged).append(str(path))
                if progress is not None:
                    progress(path)
                continue
            sidecar = sidecar_bytes(path)  # read once: the call and its key agree
            conversation = load(path, sidecar=sidecar)
            if source_names and str(path) in source_names:
                conversation = replace(conversation, source=replace(
                    conversation.source, path=source_names[str(path)]))
            inputs = inputs_key(sidecar, settings, sellers)
            with engine.begin() as connection:
                stored = stored_versions(connection, conversation.id)
                if stored == {**versions, INPUTS: inputs}:
                    summary.unchanged.append(str(path))
                else:
                    report = analyze_conversation(conversation, config, sellers)
                    report = replace(report, analyzers={**report.analyzers, INPUTS: inputs})
                    save_call(connection, report, keep_pii=keep_pii, redactor=redactor)
                    (summary.updated if stored else summary.new).append(str(path))
                    seller = report.conversation.seller
                    labels = tuple(n for n in seller.names if is_speaker_label(n)
                                   ) if seller else ()
                    if labels:
                        summary.unnamed.append((str(path), labels))
            summary.call_ids[str(path)] = conversation.id  # stored (now or before)
        except SalesleaderError as error:
            summary.failed.append((str(path), str(error)))
        except sa.exc.SQLAlchemyError as error:
            summary.failed.append((str(path), f"{path}: could not be stored ({error.orig})"))
        if progress is not None:
            progress(path)
    summary.redacted = redactor.found
    return summary


def reanalyze(engine: sa.Engine, *, config: Config | None = None, everything: bool = False,
              keep_pii: bool = False) -> IngestSummary:
    """Re-run the analyzers on stored calls whose analyzer versions are out of date.

    The source file is used when it is still there with the same content (exact);
    otherwise the stored, redacted utterances are analysed and the report says so.
    """
    summary = IngestSummary()
    versions = current_versions()
    redactor = Redactor()
    with engine.connect() as connection:
        rows = connection.execute(sa.select(
            conversations.c.id, conversations.c.source, conversations.c.sha256,
            conversations.c.seller_names, conversations.c.seller_how)).all()
    for call_id, source, sha, seller_names, seller_how in rows:
        with engine.begin() as connection:
            stored = stored_versions(connection, call_id)
            if not everything and _same_analysis(stored, versions):
                summary.unchanged.append(call_id)
                continue
            conversation = None
            if source and Path(source).is_file():
                try:
                    candidate = load(source)
                    conversation = candidate if candidate.source.sha256 == sha else None
                except SalesleaderError:
                    conversation = None
            if conversation is None:
                conversation = load_conversation(connection, call_id)
                assert conversation is not None
                conversation = conversation.with_notes(
                    ["re-analysed from the stored (redacted) text: the source file is gone "
                     "or changed"])
                sellers = list(conversation.seller.names) if conversation.seller else []
            else:  # the sellers named at ingest (--seller, an upload's) still hold
                sellers = list(seller_names or ()) if seller_how == "flag" else []
            report = analyze_conversation(conversation, config, sellers)
            if stored and INPUTS in stored:  # the same sidecar and sellers: ingest's key holds
                report = replace(report, analyzers={**report.analyzers, INPUTS: stored[INPUTS]})
            save_call(connection, report, keep_pii=keep_pii, redactor=redactor)
            summary.updated.append(call_id)
    summary.redacted = redactor.found
    return summary
