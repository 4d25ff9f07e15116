"""Importers: a transcript file (bytes) in, a ``Conversation`` out.

The format is detected from the content; the file extension only breaks ties. Every
failure is an ``InputError`` naming the file, the line where it applies, and what was
expected.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import InputError, MalformedInputError, UnknownFormatError
from ..model import Conversation, Participant
from .common import ParsedFile, build_conversation, parse_metadata, rename_speakers
from .decoding import decode_bytes
from .json_formats import parse_json
from .srt_format import looks_like_srt, parse_srt
from .text import looks_like_text, parse_text
from .vtt import looks_like_vtt, parse_vtt

__all__ = ["FORMATS", "IMPORTERS_VERSION", "MAX_TRANSCRIPT_BYTES", "SIDECAR_SUFFIX",
           "TRANSCRIPT_SUFFIXES", "detect_format", "files_under", "load", "parse_bytes",
           "read_transcript", "sidecar_bytes", "with_sidecar"]

# Raised whenever the text an importer produces from the same bytes changes, so that the
# store re-imports stored calls from their unchanged source files (``ingest``,
# ``reanalyze``). 2: WebVTT and SRT cue text unescaped alike ("&amp;" -> "&", no
# "&lrm;" left inside words). 3: "spk_0:" and "Guest-1:" are speaker labels in plain
# text, like "SPEAKER_00:" (2026-11-24).
IMPORTERS_VERSION = "3"

FORMATS = ("vtt", "srt", "whisper_json", "generic_json", "text")
# A one-hour call is about 0.1 MiB of transcript (Whisper JSON with word timings about
# 1 MiB); 64 MiB is days of speech. A larger file is something else (a log, a dump, an
# archive named .txt), refused before it is read whole into memory.
MAX_TRANSCRIPT_BYTES = 64 * 2**20
SIDECAR_SUFFIX = ".meta.json"
TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".json", ".txt")
EXPECTED_FORMATS = (
    "WebVTT, SRT, Whisper/WhisperX JSON, salesleader generic JSON, "
    "or plain text with 'Name: text' lines"
)
_JSON_ARRAY = re.compile(r"\[\s*[{\]]")
_TEXT_PARSERS: dict[str, Callable[[str, str], ParsedFile]] = {
    "vtt": parse_vtt,
    "srt": parse_srt,
    "text": parse_text,
}


def detect_format(text: str, path: str = "<input>") -> str:
    """Name the transcript format of ``text`` (one of ``FORMATS``) or raise."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if looks_like_vtt(stripped):
        return "vtt"
    if stripped.startswith("{") or _JSON_ARRAY.match(stripped):
        return "json"
    if looks_like_srt(stripped):
        return "srt"
    if "-->" in stripped[:2000] and not looks_like_text(stripped):
        return "vtt"  # cue timings without the WEBVTT header
    if looks_like_text(stripped):
        return "text"
    raise UnknownFormatError(path, "no transcript format recognised", expected=EXPECTED_FORMATS)


def _too_large(path: str | Path) -> InputError:
    return InputError(path, f"larger than {MAX_TRANSCRIPT_BYTES // 2**20} MiB",
                      expected="a transcript (a one-hour call is about 0.1 MiB); split a "
                               "longer recording")


def read_transcript(path: str | Path) -> bytes:
    """A transcript file's bytes, never more than one past ``MAX_TRANSCRIPT_BYTES`` (so a
    huge file is not read whole: ``parse_bytes`` then refuses it)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TRANSCRIPT_BYTES + 1)
    except IsADirectoryError:
        raise InputError(path, "is a directory", expected="a transcript file") from None
    except FileNotFoundError:
        raise InputError(path, "no such file", expected="a transcript file") from None
    except PermissionError:
        raise InputError(path, "permission denied", expected="a readable file") from None
    return data


def parse_bytes(data: bytes, path: str = "<input>", format: str | None = None) -> Conversation:
    """Parse transcript bytes; ``format`` forces a format instead of detecting it."""
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise _too_large(path)
    decoded = decode_bytes(data, path)
    name = format or detect_format(decoded.text, path)
    if name in ("json", "whisper_json", "generic_json"):
        name, parsed = parse_json(decoded.text, path)
    elif name in _TEXT_PARSERS:
        parsed = _TEXT_PARSERS[name](decoded.text, path)
    else:
        raise UnknownFormatError(path, f"unknown format {name!r}", expected=", ".join(FORMATS))
    if decoded.encoding not in ("utf-8",):
        parsed = ParsedFile(parsed.turns, parsed.metadata,
                            (*parsed.notes, f"decoded as {decoded.encoding}"))
    return build_conversation(
        parsed, path=path, format_name=name, encoding=decoded.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def files_under(paths: Iterable[str | Path], suffixes: Sequence[str]) -> list[Path]:
    """Files as given; folders searched recursively, sorted, for files ending in one of
    ``suffixes`` (sidecar ``.meta.json`` files are metadata, never inputs)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in suffixes
                         and not p.name.endswith(SIDECAR_SUFFIX))
        else:
            found.append(path)
    return found


def sidecar_bytes(path: str | Path) -> bytes | None:
    """The bytes of ``path``'s ``.meta.json`` sidecar, or None when it has none."""
    sidecar = Path(path).with_name(Path(path).name + SIDECAR_SUFFIX)
    return sidecar.read_bytes() if sidecar.is_file() else None


_READ = b"\0read the sidecar"  # ``with_sidecar``'s default: read the file itself


def _sidecar(path: Path, content: bytes | None) -> dict[str, object]:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if content is None:
        return {}
    try:
        raw = json.loads(content.decode("utf-8-sig"))
    except json.JSONDecodeError as error:
        raise MalformedInputError(str(sidecar), f"invalid JSON ({error.msg})",
                                  line=error.lineno, expected="a JSON object") from None
    except UnicodeDecodeError:
        raise MalformedInputError(str(sidecar), "not UTF-8", expected="UTF-8 JSON") from None
    if not isinstance(raw, dict):
        raise MalformedInputError(str(sidecar), "not a JSON object",
                                  expected="an object with title, account, deal_id, ...")
    return parse_metadata(raw, str(sidecar))


def load(path: str | Path, format: str | None = None, *, sidecar: bytes | None = _READ
         ) -> Conversation:
    """Read one transcript file (and its ``.meta.json`` sidecar, if any; ``sidecar``: its
    bytes when the caller has read them already, None for none)."""
    path = Path(path)
    return with_sidecar(parse_bytes(read_transcript(path), str(path), format), path,
                        sidecar=sidecar)


def with_sidecar(conversation: Conversation, path: str | Path, *,
                 sidecar: bytes | None = _READ) -> Conversation:
    """The call with the metadata of ``path``'s ``.meta.json`` sidecar, if there is one
    (``load`` reads it; the batch engines, which read the bytes themselves, too; pass
    ``sidecar`` when its bytes are read already)."""
    content = sidecar_bytes(path) if sidecar is _READ else sidecar
    extra = _sidecar(Path(path), content)
    return _merge_metadata(conversation, extra) if extra else conversation


def _merge_metadata(conversation: Conversation, extra: dict[str, object]) -> Conversation:
    """Sidecar metadata over the file's own: people are matched by name, the sidecar wins."""
    people: tuple[Participant, ...] = extra.pop("participants", ())  # type: ignore[assignment]
    speaker_names = extra.pop("speakers", None)
    if speaker_names:  # named first, so the sidecar's people match the names
        conversation = rename_speakers(conversation, speaker_names,  # type: ignore[arg-type]
                                       str(conversation.source.path) + SIDECAR_SUFFIX)
    participants = list(conversation.participants)
    for person in people:
        for position, existing in enumerate(participants):
            if existing.name.casefold() == person.name.casefold():
                participants[position] = Participant(
                    existing.name, person.side or existing.side,
                    person.email or existing.email, person.title or existing.title,
                )
                break
        else:
            participants.append(person)
    metadata = {**conversation.metadata, **{k: v for k, v in extra.items()
                                             if k not in ("title", "started_at")}}
    return replace(
        conversation,
        participants=tuple(participants),
        metadata=metadata,
        title=str(extra.get("title") or conversation.title),
        started_at=extra.get("started_at") or conversation.started_at,  # type: ignore[arg-type]
    )
