"""Recognising ``Name: text`` speaker prefixes without mistaking prose for names.

A prefix like ``Note: the budget is fixed`` must not become a speaker called "Note".
A candidate is accepted when it looks like a name (one to four words, each starting
with a capital letter, or a diarization label such as ``SPEAKER_01`` / ``Speaker 2``)
or when the same prefix opens two or more lines of the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["SpeakerPrefixes", "is_speaker_label", "naming_example", "split_speaker_prefix"]

_PREFIX = re.compile(r"^\s*([^\s:<>\[\]()][^:<>\[\]]{0,59}?)\s*:\s+(\S.*)$")
# What diarization writes instead of a name: "SPEAKER_00" (WhisperX, pyannote), "Speaker 2"
# (Otter, Rev), "spk_0" (AWS Transcribe), "Guest-1" (Azure), "A" (AssemblyAI).
_LABEL = re.compile(r"^(?:(?:SPEAKER|Spk|Guest)[_ -]?\d+|Speaker\s*\d+|[A-Z])$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.\-]*|de|van|von|der|da|di|du|la|le|[A-Z]\.)$")
# Words that open prose lines ending in a colon; never names on their own.
_NOT_NAMES = frozenset(
    "note notes agenda action actions summary question questions answer re subject "
    "update important warning example step next todo key decision decisions".split()
)


def split_speaker_prefix(line: str) -> tuple[str, str] | None:
    """``("Ann Lee", "hello")`` for ``"Ann Lee: hello"``; ``None`` when no prefix."""
    match = _PREFIX.match(line)
    if not match:
        return None
    name, rest = match.group(1).strip(), match.group(2)
    if not name or re.search(r"\d{1,2}:\d{2}", name) or len(name.split()) > 6:
        return None
    if name.endswith((".", "?", "!", ",")) and not re.search(r"\b[A-Z]\.$", name):
        return None
    return name, rest


def is_speaker_label(name: str) -> bool:
    """Whether ``name`` is a label diarization gave a voice ("SPEAKER_00", "Speaker 2",
    "spk_0", "A"), not a person's name: the same label on two calls is not the same
    person."""
    return bool(_LABEL.match(name.strip()))


def naming_example(label: str) -> str:
    """The sidecar entry that names a labelled speaker, as every note that asks for one
    shows it: ``{"speakers": {"SPEAKER_00": "Ann Lee"}}``."""
    return f'{{"speakers": {{"{label}": "Ann Lee"}}}}'


def _looks_like_name(name: str) -> bool:
    if _LABEL.match(name):
        return True
    words = name.split()
    if not 1 <= len(words) <= 4 or words[0].casefold() in _NOT_NAMES:
        return False
    return all(_NAME_WORD.match(word) for word in words)


class SpeakerPrefixes:
    """File-level decision on which prefixes are speaker names."""

    def __init__(self, lines: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        for line in lines:
            found = split_speaker_prefix(line)
            if found:
                counts[found[0]] += 1
        self.accepted = frozenset(
            name for name, count in counts.items()
            if _looks_like_name(name) or (count >= 2 and name.casefold() not in _NOT_NAMES)
        )

    def split(self, line: str) -> tuple[str, str] | None:
        found = split_speaker_prefix(line)
        if found and found[0] in self.accepted:
            return found
        return None
