"""Plain-text transcripts.

Accepted line shapes (mixable; a line in none of them continues the previous speaker)::

    Ann Lee: Thanks for making the time.
    [00:01:05] Ann Lee: Thanks for making the time.
    (01:05) Ann Lee: ...            00:01:05 Ann Lee: ...
    Ann Lee [00:01:05]: ...         Ann Lee (01:05): ...
    Ann Lee  1:05                   <- a speaker heading (Otter-style); text on the lines below

Stamps give start times only: an utterance is taken to last until the next one starts
(the last one at 150 words per minute), and the report says so. No stamps at all is a
normal case: metrics then use words.
"""

from __future__ import annotations

import re

from ..errors import MalformedInputError
from .common import ParsedFile, RawTurn, parse_clock
from .speakers import SpeakerPrefixes

__all__ = ["looks_like_text", "parse_text"]

_BRACKET = re.compile(r"^\s*[\[(]\s*(\d[^\])]*?)\s*[\])]\s*")
_BARE = re.compile(r"^\s*(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)\s+(?=\S)")
_NAME_STAMP = re.compile(
    r"^\s*([^\W\d][\w'’.\- ]{0,40}?)\s*[\[(](\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)[\])]\s*:\s*(.*)$"
)
_HEADING = re.compile(
    r"^\s*([^\W\d][\w'’.\- ]{0,40}?)\s+[\[(]?(\d{1,2}:\d{2}(?::\d{2})?)[\])]?\s*$"
)
EXPECTED_STAMP = "a timestamp like [01:02:03] or (02:03)"
WORDS_PER_SECOND = 2.5


def _strip_stamp(line: str, path: str, number: int) -> tuple[float | None, str]:
    match = _BRACKET.match(line)
    if match:
        seconds = parse_clock(match.group(1))
        if seconds is None:
            raise MalformedInputError(path, f"broken timestamp {match.group(0).strip()!r}",
                                      line=number, expected=EXPECTED_STAMP)
        return seconds, line[match.end():]
    match = _BARE.match(line)
    if match:
        seconds = parse_clock(match.group(1))
        if seconds is not None:
            return seconds, line[match.end():]
    return None, line


def _classify(lines: list[str], path: str, prefixes: SpeakerPrefixes):
    """Yield (line number, speaker or None, start or None, text, is_new_turn)."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        heading = _HEADING.match(raw)
        if heading and not prefixes.split(raw):
            yield number, heading.group(1).strip(), parse_clock(heading.group(2)), "", True
            continue
        named = _NAME_STAMP.match(raw)
        if named:
            yield number, named.group(1).strip(), parse_clock(named.group(2)), named.group(3), True
            continue
        start, rest = _strip_stamp(raw, path, number)
        found = prefixes.split(rest)
        if found:
            yield number, found[0], start, found[1], True
        elif start is not None:
            yield number, None, start, rest, True
        else:
            yield number, None, None, rest, False


def looks_like_text(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()][:400]
    if not lines:
        return False
    prefixes = SpeakerPrefixes(_strip_stamp_lenient(line) for line in lines)
    turn_lines = sum(
        1 for line in lines
        if prefixes.split(_strip_stamp_lenient(line)) or _HEADING.match(line)
        or _NAME_STAMP.match(line)
    )
    return turn_lines >= 1 and turn_lines >= 0.2 * len(lines)


def _strip_stamp_lenient(line: str) -> str:
    match = _BRACKET.match(line) or _BARE.match(line)
    return line[match.end():] if match else line


def parse_text(text: str, path: str) -> ParsedFile:
    lines = text.lstrip("\ufeff").splitlines()
    prefixes = SpeakerPrefixes(_strip_stamp_lenient(line) for line in lines)
    turns: list[dict] = []
    for number, speaker, start, body, new_turn in _classify(lines, path, prefixes):
        if new_turn or not turns:
            turns.append({"speaker": speaker, "start": start, "text": body, "line": number})
        else:
            turns[-1]["text"] += " " + body
    stamped = [t for t in turns if t["start"] is not None]
    notes: list[str] = []
    previous: dict | None = None
    for turn in stamped:
        if previous is not None and turn["start"] < previous["start"]:
            raise MalformedInputError(
                path, f"timestamp {turn['start']:.0f}s is earlier than the one before "
                f"({previous['start']:.0f}s, line {previous['line']})",
                line=turn["line"], expected="timestamps in increasing order",
            )
        previous = turn
    all_stamped = bool(turns) and len(stamped) == len(turns)
    raw_turns = []
    for position, turn in enumerate(turns):
        start = turn["start"] if all_stamped else None
        end = None
        if all_stamped:
            if position + 1 < len(turns):
                end = turns[position + 1]["start"]
            else:
                end = start + len(turn["text"].split()) / WORDS_PER_SECOND
        raw_turns.append(RawTurn(turn["speaker"], turn["text"], start, end, turn["line"]))
    if all_stamped:
        notes.append("text timestamps give start times only: each utterance is taken to last "
                     "until the next one starts")
    elif stamped:
        notes.append(f"timestamps on only {len(stamped)} of {len(turns)} lines: "
                     "time-based metrics are not computed")
    return ParsedFile(raw_turns, {}, tuple(notes))
