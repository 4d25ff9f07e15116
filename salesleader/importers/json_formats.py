"""JSON transcripts: Whisper / WhisperX segment lists, and salesleader's generic JSON.

Generic JSON (documented in the README)::

    {"title": "...", "account": "...", "deal_id": "...", "started_at": "2026-03-01T14:00:00Z",
     "participants": [{"name": "Ann Lee", "email": "ann@acme.example", "title": "VP Sales",
                       "side": "seller"}],
     "utterances": [{"speaker": "Ann Lee", "text": "...", "start": 0.0, "end": 4.2}]}

Whisper JSON: ``{"text": ..., "segments": [{"start", "end", "text", "speaker"?}]}`` or a bare
list of segments. WhisperX adds ``speaker`` (``SPEAKER_00``); a segment without one
continues the previous speaker.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..errors import MalformedInputError, UnknownFormatError
from .common import ParsedFile, RawTurn, parse_metadata

__all__ = ["json_kind", "parse_json"]


def _load(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedInputError(path, f"invalid JSON ({error.msg})", line=error.lineno,
                                  expected="a JSON document") from None


def json_kind(data: Any) -> str | None:
    """``whisper_json``, ``generic_json`` or ``None`` for JSON that is neither."""
    if isinstance(data, Mapping):
        if isinstance(data.get("utterances"), list):
            return "generic_json"
        if isinstance(data.get("segments"), list):
            return "whisper_json"
    if isinstance(data, list) and data and all(
        isinstance(item, Mapping) and "text" in item and "start" in item for item in data
    ):
        return "whisper_json"
    return None


def _number(value: Any, where: str, path: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise MalformedInputError(path, f"{where} is {value!r}",
                                  expected="a non-negative number of seconds")
    return float(value)


def _turns(items: list[Any], key: str, speaker_key: str, path: str) -> list[RawTurn]:
    turns = []
    for number, item in enumerate(items):
        where = f"{key}[{number}]"
        if not isinstance(item, Mapping):
            raise MalformedInputError(path, f"{where} is not an object",
                                      expected='{"speaker", "text", "start", "end"}')
        text = item.get("text")
        if not isinstance(text, str):
            raise MalformedInputError(path, f'{where} has no "text" string',
                                      expected='a "text" string')
        speaker = item.get(speaker_key)
        if speaker is not None and not isinstance(speaker, str | int):
            raise MalformedInputError(path, f"{where}.{speaker_key} is {speaker!r}",
                                      expected="a speaker name")
        start = _number(item.get("start"), f"{where}.start", path)
        end = _number(item.get("end"), f"{where}.end", path)
        if start is not None and end is not None and end < start:
            raise MalformedInputError(path, f"{where} ends ({end}) before it starts ({start})",
                                      expected="end >= start")
        turns.append(RawTurn(str(speaker) if speaker is not None else None, text, start, end))
    return turns


def parse_json(text: str, path: str) -> tuple[str, ParsedFile]:
    data = _load(text, path)
    kind = json_kind(data)
    if kind == "generic_json":
        metadata = parse_metadata(data, path)
        return kind, ParsedFile(_turns(data["utterances"], "utterances", "speaker", path), metadata)
    if kind == "whisper_json":
        segments = data["segments"] if isinstance(data, Mapping) else data
        turns = _turns(segments, "segments", "speaker", path)
        notes: tuple[str, ...] = ()
        if not any(turn.speaker for turn in turns):
            notes = ("no speaker labels (plain Whisper output): every utterance is one "
                     "speaker; diarize (e.g. WhisperX) to measure the conversation",)
        metadata = parse_metadata(data, path) if isinstance(data, Mapping) else {}
        return kind, ParsedFile(turns, metadata, notes)
    raise UnknownFormatError(
        path, "JSON, but neither Whisper segments nor salesleader's generic format",
        expected='an object with "segments" (Whisper) or "utterances" (generic JSON)',
    )
