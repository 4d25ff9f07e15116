"""The conversation model: frozen dataclasses that importers build and analyzers read.

Nothing here touches files, the clock or the network. A ``Conversation`` is never
changed in place; functions that add knowledge (who is selling) return a new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import attrgetter
from typing import Literal

__all__ = [
    "CUSTOMER",
    "SELLER",
    "Conversation",
    "Email",
    "FrozenMapping",
    "Participant",
    "SellerAssignment",
    "Side",
    "Source",
    "Utterance",
]

Side = Literal["seller", "customer"]
SELLER: Side = "seller"
CUSTOMER: Side = "customer"


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone who speaks in (or is listed for) a conversation."""

    name: str
    side: Side | None = None
    email: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Utterance:
    """One turn of one speaker.

    ``index`` is the position in the conversation (0-based) and is what evidence
    points at. ``start``/``end`` are seconds from the start of the call, or ``None``
    when the source has no timing. ``line`` is the 1-based line in the source file
    where the utterance begins, for error messages and for people checking evidence.
    """

    index: int
    speaker: str
    text: str
    start: float | None = None
    end: float | None = None
    line: int | None = None

    @property
    def duration(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a conversation came from."""

    path: str | None
    format: str
    encoding: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class SellerAssignment:
    """Who is on the selling side and how salesleader knows it.

    ``how`` is ``roster`` (salesleader.toml), ``flag`` (--seller), ``metadata``
    (sides given in the file or its sidecar) or ``inferred`` (a guess, said so).
    """

    names: tuple[str, ...]
    how: Literal["roster", "flag", "metadata", "inferred"]
    reason: str = ""


class FrozenMapping(Mapping[str, object]):
    """A read-only mapping that pickles (process pools, Spark) and compares by content."""

    __slots__ = ("_data",)

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        self._data = dict(values or {})

    def __getitem__(self, key: str) -> object:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"

    def __getstate__(self) -> dict[str, object]:
        return self._data

    def __setstate__(self, state: dict[str, object]) -> None:
        self._data = state


_START = attrgetter("start")  # scans of every utterance run in C
_END = attrgetter("end")


@dataclass(frozen=True, slots=True)
class Conversation:
    """A call: its utterances in order, its participants, and where it came from."""

    id: str
    utterances: tuple[Utterance, ...]
    participants: tuple[Participant, ...]
    source: Source
    title: str | None = None
    started_at: datetime | None = None
    metadata: Mapping[str, object] = field(default_factory=FrozenMapping)
    notes: tuple[str, ...] = ()
    seller: SellerAssignment | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.metadata, FrozenMapping):
            object.__setattr__(self, "metadata", FrozenMapping(self.metadata))

    @property
    def has_timestamps(self) -> bool:
        """True when every utterance has a start and an end."""
        utterances = self.utterances
        return (bool(utterances) and None not in map(_START, utterances)
                and None not in map(_END, utterances))

    @property
    def duration_s(self) -> float | None:
        if not self.has_timestamps:
            return None
        first = min(map(_START, self.utterances))
        last = max(map(_END, self.utterances))
        return max(0.0, last - first)

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for utterance in self.utterances:
            seen.setdefault(utterance.speaker, None)
        return tuple(seen)

    def participant(self, name: str) -> Participant | None:
        for participant in self.participants:
            if participant.name == name:
                return participant
        return None

    def side_of(self, speaker: str) -> Side | None:
        participant = self.participant(speaker)
        return participant.side if participant else None

    def with_sides(
        self, sides: Mapping[str, Side], assignment: SellerAssignment
    ) -> Conversation:
        """A copy in which every participant has a side, and the assignment is recorded."""
        participants = [
            replace(p, side=sides.get(p.name, p.side or CUSTOMER)) for p in self.participants
        ]
        return replace(self, participants=tuple(participants), seller=assignment)

    def with_notes(self, notes: Iterable[str]) -> Conversation:
        return replace(self, notes=(*self.notes, *notes))


@dataclass(frozen=True, slots=True)
class Email:
    """One email. ``body`` is what is analysed: the author's own words, with quoted
    replies, forwarded history and the signature removed (kept in ``quoted`` and
    ``signature`` for display)."""

    message_id: str
    subject: str
    sender: Participant
    recipients: tuple[Participant, ...]
    date: datetime | None
    body: str
    quoted: str = ""
    signature: str = ""
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    source: str = ""
    html_only: bool = False
    notes: tuple[str, ...] = ()
