"""Lexicons are data: cue phrases in ``lexicons/*.txt``, one phrase a line.

File format (a sales coach can edit it without reading Python)::

    # what the list means, in a comment at the top
    [section]          # optional: a named sub-list (e.g. a discovery area)
    just checking in   # a phrase; matched on whole words, case-insensitive
    you need to *      # '*' matches any one word

Extra phrases come from ``salesleader.toml``::

    [lexicons]
    insight = ["our benchmark of"]          # added to every section of insight.txt
    "discovery.risk" = ["what keeps you up"]  # added to one section
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .text import words_of

__all__ = ["Lexicon", "PhraseMatch", "lexicon_names", "load_lexicon"]

WILDCARD = "*"
# Sentences remembered per lexicon (a few MB at most): enough for one call's sentences.
MEMO_LIMIT = 8192


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int  # token position of the first word
    end: int  # one past the last word
    phrase: str
    section: str


class Lexicon:
    """Phrases indexed by their first word, so matching is one dict lookup per token.

    Each combination of sections asked for gets its own index, built once, so a query
    never filters candidates at match time.
    """

    def __init__(self, name: str, sections: Mapping[str, Iterable[str]]) -> None:
        self.name = name
        self.sections: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in sections.items()}
        self._entries: list[tuple[tuple[str, ...], str, str]] = []
        for section, phrases in self.sections.items():
            for phrase in phrases:
                tokens = tuple(
                    WILDCARD if part == WILDCARD else words_of(part)[0]
                    for part in phrase.split()
                    if part == WILDCARD or words_of(part)
                )
                if tokens:
                    self._entries.append((tokens, phrase, section))
        self._indexes: dict[tuple[str, ...] | None, _Index] = {}
        self._all: _Index | None = None  # the every-section index, used on the hot path
        self._sections_memo: dict[tuple[str, ...], frozenset[str]] = {}

    def _index(self, sections: Iterable[str] | None) -> _Index:
        key = sections if sections is None or isinstance(sections, tuple) else tuple(sections)
        index = self._indexes.get(key)
        if index is None:
            wanted = None if key is None else set(key)
            by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
            wild: list[tuple[tuple[str, ...], str, str]] = []
            for entry in self._entries:
                if wanted is not None and entry[2] not in wanted:
                    continue
                if entry[0][0] == WILDCARD:
                    wild.append(entry)
                else:
                    by_first.setdefault(entry[0][0], []).append(entry)
            for entries in by_first.values():
                entries.sort(key=lambda entry: -len(entry[0]))  # longest phrase wins
            index = self._indexes[key] = _Index(by_first, wild, frozenset(by_first))
        return index

    def __len__(self) -> int:
        return sum(len(p) for p in self.sections.values())

    def phrases(self, section: str | None = None) -> tuple[str, ...]:
        if section is not None:
            return self.sections.get(section, ())
        return tuple(p for phrases in self.sections.values() for p in phrases)

    @staticmethod
    def _matches_at(tokens: Sequence[str], position: int, pattern: tuple[str, ...]) -> bool:
        end = position + len(pattern)
        if end > len(tokens):
            return False
        if WILDCARD not in pattern:
            return tuple(tokens[position:end]) == pattern
        return all(p == WILDCARD or p == tokens[position + i] for i, p in enumerate(pattern))

    def _iter(self, tokens: Sequence[str], sections: Iterable[str] | None) -> Iterator[PhraseMatch]:
        """Non-overlapping matches, left to right, longest first at each position."""
        index = self._index(sections)
        by_first, wild = index.by_first, index.wild
        if not wild and index.first_words.isdisjoint(tokens):
            return  # no phrase can start here: decided by one set operation
        position, count = 0, len(tokens)
        while position < count:
            hit = None
            for pattern, phrase, section in by_first.get(tokens[position], ()):
                if self._matches_at(tokens, position, pattern):
                    hit = PhraseMatch(position, position + len(pattern), phrase, section)
                    break
            if hit is None:
                for pattern, phrase, section in wild:
                    if self._matches_at(tokens, position, pattern):
                        hit = PhraseMatch(position, position + len(pattern), phrase, section)
                        break
            if hit is not None:
                yield hit
                position = hit.end
            else:
                position += 1

    def find_all(self, tokens: Sequence[str], sections: Iterable[str] | None = None
                 ) -> list[PhraseMatch]:
        return list(self._iter(tokens, sections))

    def first(self, tokens: Sequence[str], sections: Iterable[str] | None = None
              ) -> PhraseMatch | None:
        index = self._index(sections)
        if not index.wild and index.first_words.isdisjoint(tokens):
            return None
        return next(self._iter(tokens, sections), None)

    def starts(self, tokens: Sequence[str], sections: Iterable[str] | None = None
               ) -> PhraseMatch | None:
        """A match at token 0, if any (only position 0 is tried)."""
        if not tokens:
            return None
        index = self._index(sections)
        for pattern, phrase, section in (*index.by_first.get(tokens[0], ()), *index.wild):
            if self._matches_at(tokens, 0, pattern):
                return PhraseMatch(0, len(pattern), phrase, section)
        return None

    def has(self, tokens: tuple[str, ...], *sections: str) -> bool:
        """Whether any of ``sections`` (any section if none given) has a phrase in ``tokens``."""
        found = self.sections_in(tokens)
        return bool(found) if not sections else any(s in found for s in sections)

    def sections_in(self, tokens: Sequence[str]) -> frozenset[str]:
        """Every section with a phrase in ``tokens`` (one pass, overlaps allowed), memoised
        per word sequence: analyzers ask many questions of the same sentence."""
        key = tuple(tokens)
        memo = self._sections_memo.get(key)
        if memo is not None:
            return memo
        if len(self._sections_memo) > MEMO_LIMIT:
            self._sections_memo.clear()  # bounded: batches of calls must not grow memory
        index = self._all or self._index(None)
        self._all = index
        found: set[str] = set()
        if not index.wild and index.first_words.isdisjoint(key):
            self._sections_memo[key] = frozenset()
            return frozenset()
        for position, token in enumerate(tokens):
            for pattern, _, section in index.by_first.get(token, ()):
                if section not in found and self._matches_at(tokens, position, pattern):
                    found.add(section)
            for pattern, _, section in index.wild:
                if section not in found and self._matches_at(tokens, position, pattern):
                    found.add(section)
        result = self._sections_memo[key] = frozenset(found)
        return result

    def extended(self, extra: Mapping[str, Sequence[str]]) -> Lexicon:
        """A copy with extra phrases: key ``""`` adds to every section, else to that section."""
        sections = {k: list(v) for k, v in self.sections.items()}
        for section, phrases in extra.items():
            targets = list(sections) if section == "" else [section]
            for target in targets:
                sections.setdefault(target, []).extend(phrases)
        return Lexicon(self.name, sections)


@dataclass(frozen=True, slots=True)
class _Index:
    by_first: dict[str, list[tuple[tuple[str, ...], str, str]]]
    wild: list[tuple[tuple[str, ...], str, str]]
    first_words: frozenset[str]


def _parse(name: str, text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = "default"
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return sections


@cache
def load_lexicon(name: str) -> Lexicon:
    """The bundled lexicon ``lexicons/<name>.txt`` (cached: parsed once per process)."""
    source = resources.files(__package__).joinpath("lexicons", f"{name}.txt")
    return Lexicon(name, _parse(name, source.read_text(encoding="utf-8")))


def lexicon_names() -> list[str]:
    folder = resources.files(__package__).joinpath("lexicons")
    return sorted(p.name.removesuffix(".txt") for p in folder.iterdir() if p.name.endswith(".txt"))
