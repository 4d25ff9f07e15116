"""WebVTT: Teams/Meet ``<v Name>`` voice tags, Zoom ``Name: text`` cues, bare cues.

webvtt-py does the parsing. Before it runs, every timing line is checked here so a
broken one is reported with its line number (webvtt-py would drop it silently), and
comma decimals (``00:01,500``), which some exporters write, are normalised.
"""

from __future__ import annotations

import re

import webvtt

from ..errors import MalformedInputError
from .common import ParsedFile, RawTurn
from .speakers import SpeakerPrefixes

__all__ = ["looks_like_vtt", "parse_vtt"]

_TS = r"(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^\s*({_TS})\s+-->\s+({_TS})(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]*>")
EXPECTED_TIMING = "a cue timing like 00:01:02.500 --> 00:01:05.000"


def looks_like_vtt(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("WEBVTT")


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    seconds = float(parts[-1])
    minutes = int(parts[-2])
    hours = int(parts[-3]) if len(parts) == 3 else 0
    return hours * 3600 + minutes * 60 + seconds


def _normalise_stamp(stamp: str) -> str:
    stamp = stamp.replace(",", ".")
    head, _, fraction = stamp.partition(".")
    parts = head.split(":")
    parts = [p.zfill(2) for p in parts]
    return ":".join(parts) + "." + fraction.ljust(3, "0")[:3]


def _check_timings(lines: list[str], path: str) -> tuple[list[str], list[tuple[int, float, float]]]:
    """Validate timing lines; return normalised lines and (line number, start, end) per cue."""
    out = list(lines)
    timings: list[tuple[int, float, float]] = []
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            continue
        match = _TIMING.match(line)
        if not match:
            raise MalformedInputError(
                path, f"broken cue timing {line.strip()!r}", line=number, expected=EXPECTED_TIMING
            )
        start, end = _seconds(match.group(1)), _seconds(match.group(2))
        if end < start:
            raise MalformedInputError(
                path, f"cue ends before it starts ({match.group(1)} --> {match.group(2)})",
                line=number, expected="an end time at or after the start time",
            )
        rest = line[match.end(2):]
        out[number - 1] = f"{_normalise_stamp(match.group(1))} --> {_normalise_stamp(match.group(2))}{rest}"
        timings.append((number, start, end))
    return out, timings


def _segments(raw: str, prefixes: SpeakerPrefixes) -> list[tuple[str | None, str]]:
    """Split one cue's raw text into (speaker or None, text) segments."""
    if _VOICE.search(raw):
        segments: list[tuple[str | None, str]] = []
        pieces = _VOICE.split(raw)
        # pieces: [before, name1, text1, name2, text2, ...]
        if _TAG.sub("", pieces[0]).strip():
            segments.append((None, _TAG.sub("", pieces[0])))
        for name, text in zip(pieces[1::2], pieces[2::2], strict=False):
            segments.append(((name or "").strip() or None, _TAG.sub("", text)))
        return segments
    segments = []
    for line in _TAG.sub("", raw).splitlines():
        found = prefixes.split(line)
        if found:
            segments.append(found)
        elif segments:
            speaker, text = segments[-1]
            segments[-1] = (speaker, f"{text} {line}")
        else:
            segments.append((None, line))
    return segments


def parse_vtt(text: str, path: str) -> ParsedFile:
    lines = text.lstrip("\ufeff").splitlines()
    notes: list[str] = []
    if not lines or not lines[0].startswith("WEBVTT"):
        lines = ["WEBVTT", "", *lines]
        offset = 2
        notes.append("WebVTT header missing: read as WebVTT anyway")
    else:
        offset = 0
    lines, timings = _check_timings(lines, path)
    timings = [(number - offset, start, end) for number, start, end in timings]
    try:
        captions = webvtt.from_string("\n".join(lines))
    except Exception as error:  # webvtt-py raises several types for broken files
        raise MalformedInputError(path, f"not valid WebVTT ({error})",
                                  expected="WEBVTT then cue blocks") from None

    prefixes = SpeakerPrefixes(
        line for caption in captions for line in _TAG.sub("", caption.raw_text).splitlines()
    )
    turns: list[RawTurn] = []
    cursor = 0
    for caption in captions:
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        line_number = None
        for position in range(cursor, len(timings)):
            number, t_start, t_end = timings[position]
            if abs(t_start - start) < 0.0015 and abs(t_end - end) < 0.0015:
                line_number, cursor = number, position + 1
                break
        segments = [(s, t) for s, t in _segments(caption.raw_text, prefixes) if t.strip()]
        total_words = sum(len(t.split()) for _, t in segments) or 1
        position_s = start
        for speaker, segment_text in segments:
            share = (end - start) * len(segment_text.split()) / total_words
            turns.append(RawTurn(speaker, segment_text, round(position_s, 3),
                                 round(position_s + share, 3), line_number))
            position_s += share
    return ParsedFile(turns=turns, metadata={}, notes=tuple(notes))
