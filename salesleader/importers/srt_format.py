"""SRT subtitles, with optional ``Name:`` prefixes on cue lines (the ``srt`` library parses)."""

from __future__ import annotations

import re

import srt

from ..errors import MalformedInputError
from .common import ParsedFile, RawTurn, check_cue_timings, cue_text
from .speakers import SpeakerPrefixes

__all__ = ["looks_like_srt", "parse_srt"]

_HEAD = re.compile(r"^\s*\d+\s*\r?\n\s*\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}\s*-->", re.MULTILINE)
_TAG = re.compile(r"</?[^>]*>|\{\\[^}]*\}")
_OFFSET = re.compile(r"at char (\d+)")
EXPECTED = "numbered cues with timings like 00:01:02,500 --> 00:01:05,000"


def looks_like_srt(text: str) -> bool:
    return bool(_HEAD.match(text.lstrip("\ufeff")))


def parse_srt(text: str, path: str) -> ParsedFile:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    _, timings = check_cue_timings(text.splitlines(), path)  # srt accepts broken digits
    try:
        subtitles = list(srt.parse(text))
    except (srt.SRTParseError, srt.TimestampParseError, ValueError) as error:
        found = _OFFSET.search(str(error))
        line = None
        if found:
            # srt says where the unparseable content starts; point at its timing line.
            offset = int(found.group(1))
            rest = text[offset:]
            skipped = len(rest) - len(rest.lstrip("\n"))
            line = text.count("\n", 0, offset + skipped) + 1
            head = rest.lstrip("\n").splitlines()[:2]
            line += next((i for i, b in enumerate(head) if "-->" in b), 0)
        raise MalformedInputError(path, "broken SRT cue", line=line, expected=EXPECTED) from None

    # Line number of each cue's timing line, in order, for evidence and errors.
    timing_lines = [number for number, _, _ in timings]
    # Exporters that convert from WebVTT or TTML leave its escapes ("R&amp;D"): read as
    # the characters, after the tags are gone.
    cleaned = [cue_text(_TAG.sub("", s.content)) for s in subtitles]
    prefixes = SpeakerPrefixes(line for content in cleaned for line in content.splitlines())
    turns: list[RawTurn] = []
    for position, (subtitle, content) in enumerate(zip(subtitles, cleaned, strict=True)):
        start = subtitle.start.total_seconds()
        end = subtitle.end.total_seconds()
        line = timing_lines[position] if position < len(timing_lines) else None
        if end < start:
            raise MalformedInputError(
                path, f"cue {subtitle.index} ends before it starts", line=line,
                expected="an end time at or after the start time",
            )
        segments: list[tuple[str | None, str]] = []
        for text_line in content.splitlines():
            found = prefixes.split(text_line.lstrip("-– "))
            if found:
                segments.append(found)
            elif segments:
                segments[-1] = (segments[-1][0], f"{segments[-1][1]} {text_line}")
            else:
                segments.append((None, text_line))
        words = sum(len(t.split()) for _, t in segments) or 1
        cursor = start
        for speaker, segment in segments:
            share = (end - start) * len(segment.split()) / words
            turns.append(RawTurn(speaker, segment, round(cursor, 3), round(cursor + share, 3), line))
            cursor += share
    return ParsedFile(turns=turns, metadata={})
