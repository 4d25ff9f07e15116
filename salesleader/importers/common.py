"""Shared by every importer: raw turns in, a validated ``Conversation`` out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from html import unescape
from pathlib import PurePath

from ..errors import EmptyInputError, MalformedInputError
from ..model import Conversation, Participant, Source, Utterance

__all__ = [
    "UNKNOWN_SPEAKER",
    "ParsedFile",
    "RawTurn",
    "build_conversation",
    "check_cue_timings",
    "cue_text",
    "parse_clock",
    "parse_metadata",
    "rename_speakers",
]

UNKNOWN_SPEAKER = "Unknown speaker"
_SPACES = re.compile(r"\s+")
_TS = r"(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^\s*({_TS})\s+-->\s+({_TS})(?:\s+.*)?$")
EXPECTED_TIMING = "a cue timing like 00:01:02.500 --> 00:01:05.000"
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$")


@dataclass(frozen=True, slots=True)
class RawTurn:
    """What a format parser found, before validation: ``speaker`` None continues the last."""

    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A format parser's output: turns plus what the file says about the call."""

    turns: Sequence[RawTurn]
    metadata: Mapping[str, object]
    notes: tuple[str, ...] = ()


def parse_clock(value: str) -> float | None:
    """``hh:mm:ss(.mmm)`` or ``mm:ss`` to seconds; ``None`` if it is not a clock time."""
    match = _CLOCK.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        total += int(fraction.ljust(3, "0")) / 1000
    return float(total)


# Spaces and direction marks that caption escapes (&nbsp;, &lrm;, &rlm;) stand for.
_ENTITY_SPACES = str.maketrans({"\xa0": " ", "\u200e": None, "\u200f": None})


def cue_text(text: str) -> str:
    """A caption cue's text as said, its tags already removed: escapes ("R&amp;D",
    "&lt;b&gt;", "&nbsp;") read as characters, non-breaking spaces as spaces, direction
    marks dropped. WebVTT escapes cue text; SRT files converted from WebVTT or TTML keep
    those escapes."""
    return unescape(text).translate(_ENTITY_SPACES)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def parse_metadata(raw: Mapping[str, object], path: str) -> dict[str, object]:
    """Validate the metadata keys shared by the generic JSON format and sidecars.

    Keys: ``title``, ``account``, ``deal_id``, ``started_at`` (ISO 8601),
    ``participants`` (a list of {name, email, title, side}) and ``speakers`` (the name of
    each speaker label: {"SPEAKER_00": "Ann Lee"}, as diarization writes them).
    """
    out: dict[str, object] = {}
    speakers = raw.get("speakers")
    if speakers is not None:
        if not isinstance(speakers, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) and _clean(v)
                for k, v in speakers.items()):
            raise MalformedInputError(path, '"speakers" is not an object of names',
                                      expected='{"SPEAKER_00": "Ann Lee", ...}')
        out["speakers"] = {_clean(k): _clean(v) for k, v in speakers.items()}
    for key in ("title", "account", "deal_id"):
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, str | int):
                raise MalformedInputError(path, f'"{key}" is {type(value).__name__}',
                                          expected="a string")
            out[key] = str(value)
    started = raw.get("started_at")
    if started is not None:
        try:
            out["started_at"] = datetime.fromisoformat(str(started).replace("Z", "+00:00"))
        except ValueError:
            raise MalformedInputError(
                path, f'"started_at" is {started!r}',
                expected="an ISO 8601 date-time such as 2026-03-01T14:00:00Z",
            ) from None
    people = raw.get("participants")
    if people is not None:
        if not isinstance(people, list):
            raise MalformedInputError(path, '"participants" is not a list',
                                      expected="a list of {name, email, title, side}")
        parsed = []
        for number, person in enumerate(people):
            if not isinstance(person, Mapping) or not isinstance(person.get("name"), str):
                raise MalformedInputError(path, f"participants[{number}] has no name",
                                          expected='an object with a "name" string')
            side = person.get("side")
            if side not in (None, "seller", "customer"):
                raise MalformedInputError(path, f"participants[{number}].side is {side!r}",
                                          expected='"seller" or "customer"')
            parsed.append(Participant(
                name=_clean(person["name"]), side=side,
                email=(str(person["email"]).lower() if person.get("email") else None),
                title=(str(person["title"]) if person.get("title") else None),
            ))
        out["participants"] = tuple(parsed)
    return out


def _named(utterances: Sequence[Utterance], names: Mapping[str, str], path: str
           ) -> tuple[tuple[Utterance, ...], Callable[[str], str], str]:
    """The utterances with each speaker label named (``{"SPEAKER_00": "Ann Lee"}``),
    labels matched in any case, the naming itself, and the note that says so. A label no
    one speaks under is an error naming it: a typo would otherwise name nobody."""
    by_label = {label.casefold(): name for label, name in names.items()}
    spoken = {u.speaker.casefold() for u in utterances}
    unknown = [label for label in names if label.casefold() not in spoken]
    if unknown:
        heard = sorted({u.speaker for u in utterances})
        raise MalformedInputError(path, f'"speakers" names {", ".join(unknown)}, who never '
                                  "speaks here", expected=f"labels among {', '.join(heard)}")

    def named(speaker: str) -> str:
        return by_label.get(speaker.casefold(), speaker)

    renamed = ", ".join(f"{label} → {name}" for label, name in names.items())
    return (tuple(replace(u, speaker=named(u.speaker)) for u in utterances), named,
            f"speakers named from the metadata: {renamed}")


def rename_speakers(conversation: Conversation, names: Mapping[str, str],
                    path: str) -> Conversation:
    """The call with each speaker label named (see ``_named``); two labels may name one
    person (diarization splits people): one participant then."""
    utterances, named, note = _named(conversation.utterances, names, path)
    participants: dict[str, Participant] = {}
    for person in conversation.participants:
        name = named(person.name)
        participants.setdefault(name, replace(person, name=name))
    return replace(conversation, utterances=utterances,
                   participants=tuple(participants.values()),
                   notes=(*conversation.notes, note))


def build_conversation(
    parsed: ParsedFile,
    *,
    path: str,
    format_name: str,
    encoding: str | None,
    sha256: str,
) -> Conversation:
    """Validate raw turns and build the ``Conversation``.

    Empty turns are dropped; a turn without a speaker continues the previous speaker;
    a turn ending before it starts is an error naming its line.
    """
    utterances: list[Utterance] = []
    notes = list(parsed.notes)
    speaker: str | None = None
    unattributed = 0
    for turn in parsed.turns:
        text = _clean(turn.text)
        if not text:
            continue
        if turn.start is not None and turn.end is not None and turn.end < turn.start:
            raise MalformedInputError(
                path, f"utterance ends ({turn.end:.3f}s) before it starts ({turn.start:.3f}s)",
                line=turn.line, expected="an end time at or after the start time",
            )
        if turn.speaker:
            speaker = _clean(turn.speaker)
        elif speaker is None:
            unattributed += 1
        utterances.append(Utterance(
            index=len(utterances), speaker=speaker or UNKNOWN_SPEAKER, text=text,
            start=turn.start, end=turn.end, line=turn.line,
        ))
    if not utterances:
        raise EmptyInputError(path, "no utterances found", expected="at least one spoken line")
    if unattributed:
        notes.append(f"{unattributed} utterance(s) before the first named speaker are "
                     f"attributed to '{UNKNOWN_SPEAKER}'")
    timed = sum(1 for u in utterances if u.start is not None and u.end is not None)
    if 0 < timed < len(utterances):
        notes.append(f"timestamps on only {timed} of {len(utterances)} utterances: "
                     "time-based metrics are not computed")

    metadata = dict(parsed.metadata)
    listed: tuple[Participant, ...] = tuple(metadata.pop("participants", ()))  # type: ignore[arg-type]
    speaker_names = metadata.pop("speakers", None)
    if speaker_names:  # named before the people are listed: they describe the names
        named, _, note = _named(utterances, speaker_names, path)  # type: ignore[arg-type]
        utterances, notes = list(named), [*notes, note]
    participants = _participants(utterances, listed)
    title = metadata.pop("title", None) or PurePath(path).stem
    started_at = metadata.pop("started_at", None)
    return Conversation(
        id=sha256[:16],
        utterances=tuple(utterances),
        participants=participants,
        source=Source(path=path, format=format_name, encoding=encoding, sha256=sha256),
        title=str(title),
        started_at=started_at if isinstance(started_at, datetime) else None,
        metadata=metadata,
        notes=tuple(notes),
    )


def _participants(
    utterances: Iterable[Utterance], listed: Sequence[Participant]
) -> tuple[Participant, ...]:
    by_name = {p.name.casefold(): p for p in listed}
    out: dict[str, Participant] = {}
    for utterance in utterances:
        if utterance.speaker in out:
            continue
        known = by_name.get(utterance.speaker.casefold())
        out[utterance.speaker] = (
            Participant(utterance.speaker, known.side, known.email, known.title)
            if known else Participant(utterance.speaker)
        )
    # People listed in metadata who never speak are still participants (B12 reach).
    for person in listed:
        if not any(name.casefold() == person.name.casefold() for name in out):
            out[person.name] = person
    return tuple(out.values())


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


def check_cue_timings(lines: list[str], path: str) -> tuple[list[str], list[tuple[int, float, float]]]:
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
