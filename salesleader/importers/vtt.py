"""WebVTT: Teams/Meet ``<v Name>`` voice tags, Zoom ``Name: text`` cues, bare cues.

webvtt-py does the parsing. Before it runs, every timing line is checked here so a
broken one is reported with its line number (webvtt-py would drop it silently), and
comma decimals (``00:01,500``), which some exporters write, are normalised.
"""

from __future__ import annotations

import re

import webvtt

from ..errors import MalformedInputError
from .common import ParsedFile, RawTurn, check_cue_timings, cue_text
from .speakers import SpeakerPrefixes

__all__ = ["looks_like_vtt", "parse_vtt"]

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]*>")


def looks_like_vtt(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("WEBVTT")


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
    lines, timings = check_cue_timings(lines, path)
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
        # Cue text escapes &, < and > (and may use &nbsp;, &lrm;): said as characters,
        # after the tags are gone, so "&lt;b&gt;" stays text.
        segments = [(s and cue_text(s), cue_text(t))
                    for s, t in _segments(caption.raw_text, prefixes) if t.strip()]
        total_words = sum(len(t.split()) for _, t in segments) or 1
        position_s = start
        for speaker, segment_text in segments:
            share = (end - start) * len(segment_text.split()) / total_words
            turns.append(RawTurn(speaker, segment_text, round(position_s, 3),
                                 round(position_s + share, 3), line_number))
            position_s += share
    return ParsedFile(turns=turns, metadata={}, notes=tuple(notes))
