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
from functools import cache, cached_property
from importlib import resources
from itertools import pairwise

from .text import words_of

__all__ = ["WHOLE_LEXICON_SECTION", "WILDCARD", "CueIndex", "Lexicon", "PhraseMatch", "lexicon_names",
           "load_extended", "load_lexicon"]

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
    """Phrases indexed by their first word, then by the words that follow it.

    A query finds the positions where a phrase can start with one set intersection (in C),
    and tries each there with one dict lookup per phrase length, longest first. Phrases
    with a wildcard (rare: users add them) take a general scan. Each combination of
    sections asked for gets its own index, built once.
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
        self._sections_memo: dict[tuple[str, ...], frozenset[str]] = {}
        self._extended: dict[tuple[tuple[str, tuple[str, ...]], ...], Lexicon] = {}
        self._by_pairs: CueIndex | None = None  # sections_in's index, built on first use

    def _index(self, sections: Iterable[str] | None) -> _Index:
        try:
            index = self._indexes.get(sections)  # type: ignore[arg-type]  # hot path: a tuple
        except TypeError:  # a list or set of sections
            index = None
        if index is None:
            key = sections if sections is None or isinstance(sections, tuple) else tuple(sections)
            index = self._indexes.get(key)
            if index is None:
                wanted = None if key is None else set(key)
                index = self._indexes[key] = _Index.build(
                    [e for e in self._entries if wanted is None or e[2] in wanted])
        return index

    def first_words(self, sections: tuple[str, ...] | None = None) -> frozenset[str] | None:
        """The words a phrase of ``sections`` can start with; None when a phrase starts
        with the wildcard (then any word can)."""
        index = self._index(sections)
        return None if index.wild_start else index.first_words

    @cached_property
    def vocabulary(self) -> frozenset[str] | None:
        """Every word of every phrase; None when a phrase has the wildcard (then any word
        can be part of a match)."""
        words = frozenset(word for entry in self._entries for word in entry[0])
        return None if WILDCARD in words else words

    def __len__(self) -> int:
        return self._size

    @cached_property
    def _size(self) -> int:
        """The number of phrases, counted once (a lexicon never changes; ``extended``
        makes a new one), so that ``len()`` or a truth test costs nothing."""
        return sum(len(p) for p in self.sections.values())

    def phrase_words(self, sections: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The words of every phrase of ``sections`` (``*`` for a wildcard)."""
        return [words for words, _, section in self._entries if section in sections]

    def phrases(self, section: str | None = None) -> tuple[str, ...]:
        if section is not None:
            return self.sections.get(section, ())
        return tuple(p for phrases in self.sections.values() for p in phrases)

    def _scan(self, tokens: Sequence[str], sections: Iterable[str] | None,
              first_only: bool) -> list[PhraseMatch]:
        """Non-overlapping matches, left to right, longest first at each position."""
        index = self._index(sections)
        if index.general is not None:
            found = list(index.general.iter(tokens))
            return found[:1] if first_only else found
        starts = index.first_words.intersection(tokens)
        if not starts:
            return []  # no phrase can start here: decided by one set operation
        key = tokens if type(tokens) is tuple else tuple(tokens)
        tables, end = index.tables, 0
        matches: list[PhraseMatch] = []
        for position, token in enumerate(key):
            if position < end or token not in starts:
                continue
            for length, table in tables[token]:
                hit = table.get(key[position + 1:position + 1 + length])
                if hit is not None:
                    end = position + 1 + length
                    matches.append(PhraseMatch(position, end, hit[0], hit[1]))
                    if first_only:
                        return matches
                    break
        return matches

    def find_all(self, tokens: Sequence[str], sections: Iterable[str] | None = None
                 ) -> list[PhraseMatch]:
        return self._scan(tokens, sections, False)

    def first(self, tokens: Sequence[str], sections: Iterable[str] | None = None
              ) -> PhraseMatch | None:
        found = self._scan(tokens, sections, True)
        return found[0] if found else None

    def starts(self, tokens: Sequence[str], sections: Iterable[str] | None = None
               ) -> PhraseMatch | None:
        """A match at token 0, if any (only position 0 is tried)."""
        if not tokens:
            return None
        index = self._index(sections)
        if index.general is not None:
            return index.general.at(tokens, 0)
        groups = index.tables.get(tokens[0])
        if groups is None:
            return None
        key = tokens if type(tokens) is tuple else tuple(tokens)
        for length, table in groups:
            found = table.get(key[1:1 + length])
            if found is not None:
                return PhraseMatch(0, 1 + length, found[0], found[1])
        return None

    def has(self, tokens: tuple[str, ...], *sections: str) -> bool:
        """Whether any of ``sections`` (any section if none given) has a phrase in ``tokens``."""
        found = self.sections_in(tokens)
        return bool(found) if not sections else any(s in found for s in sections)

    def sections_in(self, tokens: Sequence[str]) -> frozenset[str]:
        """Every section with a phrase in ``tokens`` (overlaps allowed), memoised per word
        sequence: analyzers ask many questions of the same sentence."""
        key = tokens if type(tokens) is tuple else tuple(tokens)
        memo = self._sections_memo.get(key)
        if memo is not None:
            return memo
        if len(self._sections_memo) > MEMO_LIMIT:
            self._sections_memo.clear()  # bounded: batches of calls must not grow memory
        index = self._index(None)
        if index.general is not None:
            result = index.general.sections_in(key)
        else:
            if self._by_pairs is None:
                self._by_pairs = CueIndex.of_sections(self)
            result = self._by_pairs.labels(key)
        self._sections_memo[key] = result
        return result

    def extended(self, extra: Mapping[str, Sequence[str]]) -> Lexicon:
        """A copy with extra phrases: key ``""`` adds to every section, else to that section.
        The same extras give the same copy (a salesleader.toml is read for every call; its
        lexicons, their indexes and memos are built once)."""
        key = tuple(sorted((section, tuple(phrases)) for section, phrases in extra.items()))
        cached = self._extended.get(key)
        if cached is None:
            if len(self._extended) >= 32:
                self._extended.clear()
            cached = self._extended[key] = self._extend(extra)
        return cached

    def _extend(self, extra: Mapping[str, Sequence[str]]) -> Lexicon:
        sections = {k: list(v) for k, v in self.sections.items()}
        for section, phrases in extra.items():
            targets = list(sections) if section == "" else [section]
            for target in targets:
                sections.setdefault(target, []).extend(phrases)
        return Lexicon(self.name, sections)


Entry = tuple[tuple[str, ...], str, str]  # (words, phrase as written, section)
# For one first word: (number of following words, {following words: (phrase, section)}),
# longest first.
Tables = dict[str, tuple[tuple[int, dict[tuple[str, ...], tuple[str, str]]], ...]]


@dataclass(frozen=True, slots=True)
class _Index:
    tables: Tables
    first_words: frozenset[str]
    wild_start: bool  # a phrase starts with the wildcard
    general: _GeneralScan | None  # set when any phrase has a wildcard

    @staticmethod
    def build(entries: list[Entry]) -> _Index:
        if any(WILDCARD in words for words, _, _ in entries):
            general = _GeneralScan(entries)
            return _Index({}, frozenset(general.by_first), bool(general.wild), general)
        grouped: dict[str, dict[int, dict[tuple[str, ...], tuple[str, str]]]] = {}
        for words, phrase, section in entries:  # file order: the first listed phrase wins
            by_rest = grouped.setdefault(words[0], {}).setdefault(len(words) - 1, {})
            by_rest.setdefault(words[1:], (phrase, section))
        tables: Tables = {
            first: tuple(sorted(lengths.items(), reverse=True))
            for first, lengths in grouped.items()
        }
        return _Index(tables, frozenset(tables), False, None)


class _GeneralScan:
    """Matching that understands wildcards: every phrase tried at every position."""

    def __init__(self, entries: list[Entry]) -> None:
        self.by_first: dict[str, list[Entry]] = {}
        self.wild: list[Entry] = []
        for entry in entries:
            if entry[0][0] == WILDCARD:
                self.wild.append(entry)
            else:
                self.by_first.setdefault(entry[0][0], []).append(entry)
        for listed in (*self.by_first.values(), self.wild):
            listed.sort(key=lambda entry: -len(entry[0]))  # longest phrase wins

    @staticmethod
    def _matches_at(tokens: Sequence[str], position: int, pattern: tuple[str, ...]) -> bool:
        if position + len(pattern) > len(tokens):
            return False
        return all(p == WILDCARD or p == tokens[position + i] for i, p in enumerate(pattern))

    def _candidates(self, token: str) -> list[Entry]:
        listed = self.by_first.get(token, [])
        if not self.wild:
            return listed
        return sorted((*listed, *self.wild), key=lambda entry: -len(entry[0]))

    def at(self, tokens: Sequence[str], position: int) -> PhraseMatch | None:
        for pattern, phrase, section in self._candidates(tokens[position]):
            if self._matches_at(tokens, position, pattern):
                return PhraseMatch(position, position + len(pattern), phrase, section)
        return None

    def iter(self, tokens: Sequence[str]) -> Iterator[PhraseMatch]:
        position = 0
        while position < len(tokens):
            hit = self.at(tokens, position)
            if hit is not None:
                yield hit
                position = hit.end
            else:
                position += 1

    def sections_in(self, tokens: Sequence[str]) -> frozenset[str]:
        return frozenset(section for position, token in enumerate(tokens)
                         for pattern, _, section in self._candidates(token)
                         if self._matches_at(tokens, position, pattern))


_NO_LABELS: frozenset[str] = frozenset()
_SHORT = 64  # words after a phrase's first word up to which slicing the rest is cheapest


class CueIndex:
    """Several lexicons matched together: one pass over a sentence's words yields every
    label ``name`` and ``name.section`` with a phrase in it.

    Analyzers ask a dozen questions of each sentence ("pressure?", "vision?",
    "grounding?"); asking them of one precomputed set of labels costs one pass, not a
    dozen. The pass is mostly set algebra in C: one-word phrases by intersecting the
    sentence's words, longer ones by intersecting its word pairs with the phrases' first
    pairs, and only where a first pair occurs are the remaining words looked up.
    Lexicons with wildcard phrases are matched by their own scan.
    """

    def __init__(self, lexicons: Mapping[str, Lexicon],
                 skip: frozenset[str] = frozenset()) -> None:
        """``skip``: sections (``"name.section"``) left out, such as word lists that
        their analyzer counts word by word."""
        self._general: list[tuple[str, Lexicon]] = []
        labelled: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for name, lexicon in lexicons.items():
            entries = [entry for entry in lexicon._entries if f"{name}.{entry[2]}" not in skip]
            if any(WILDCARD in words for words, _, _ in entries):
                kept = {section: phrases for section, phrases in lexicon.sections.items()
                        if f"{name}.{section}" not in skip}
                self._general.append((name, lexicon if len(kept) == len(lexicon.sections)
                                      else Lexicon(name, kept)))
                continue
            labelled.extend((words, (name, f"{name}.{section}"))
                            for words, _, section in entries)
        self._build(labelled)

    @classmethod
    def of_sections(cls, lexicon: Lexicon) -> CueIndex:
        """One lexicon without wildcards, labelled by section alone."""
        index = cls.__new__(cls)
        index._general = []
        index._build([(words, (section,)) for words, _, section in lexicon._entries])
        return index

    def _build(self, labelled: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        single: dict[str, set[str]] = {}
        two: dict[tuple[str, str], set[str]] = {}
        after: dict[tuple[str, str], dict[int, dict[tuple[str, ...], set[str]]]] = {}
        for words, labels in labelled:
            if len(words) == 1:
                single.setdefault(words[0], set()).update(labels)
            elif len(words) == 2:
                two.setdefault((words[0], words[1]), set()).update(labels)
            else:
                by_length = after.setdefault((words[0], words[1]), {})
                by_length.setdefault(len(words) - 2, {}).setdefault(
                    words[2:], set()).update(labels)
        self._single = {word: frozenset(labels) for word, labels in single.items()}
        self._single_words = frozenset(self._single)
        # Two-word phrases are whole at their pair: their labels need no position. Longer
        # ones are looked up after each place their first pair stands.
        self._two = {pair: frozenset(labels) for pair, labels in two.items()}
        self._after = {
            pair: tuple((length, {rest: frozenset(labels) for rest, labels in rests.items()})
                        for length, rests in sorted(lengths.items(), reverse=True))
            for pair, lengths in after.items()
        }
        self._pairs = frozenset(self._after) | frozenset(self._two)
        self._interned: dict[frozenset[str], frozenset[str]] = {}

    def labels(self, tokens: Sequence[str]) -> frozenset[str]:
        key = tokens if type(tokens) is tuple else tuple(tokens)
        words = self._single_words.intersection(key)
        pairs = self._pairs.intersection(pairwise(key))
        if not pairs and not self._general and len(words) <= 1:  # most sentences
            return self._single[next(iter(words))] if words else _NO_LABELS
        found: set[str] = set()
        for word in words:
            found |= self._single[word]
        if pairs:
            after, two = self._after, self._two
            last = len(key) - 1
            for pair in pairs:  # usually one: find where it stands with C-level searches
                whole = two.get(pair)
                if whole is not None:
                    found |= whole
                    if pair not in after:
                        continue
                first, second = pair
                position = key.index(first)
                while True:
                    if key[position + 1] == second:
                        for length, table in after[pair]:
                            hit = table.get(key[position + 2:position + 2 + length])
                            if hit is not None:
                                found |= hit
                    if last - position < _SHORT:  # a slice test: cheaper than ValueError
                        if first not in key[position + 1:last]:
                            break
                        position = key.index(first, position + 1, last)
                        continue
                    try:  # a long run of words: no slice of the rest per occurrence
                        position = key.index(first, position + 1, last)
                    except ValueError:
                        break
        for name, lexicon in self._general:
            sections = lexicon.sections_in(key)
            if sections:
                found.add(name)
                found.update(f"{name}.{section}" for section in sections)
        labels = frozenset(found)
        # Few label sets recur across a call's hundreds of sentences: share one instance
        # of each (fewer live objects for the garbage collector to walk), bounded.
        interned = self._interned
        if len(interned) >= MEMO_LIMIT:
            interned.clear()
        return interned.setdefault(labels, labels)


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


# Where `name = [...]` in salesleader.toml's [lexicons] goes when not every section should
# get it: added feature words are generic ("features.own" marks the seller's own product,
# which also keeps a sentence from counting as insight).
WHOLE_LEXICON_SECTION = {"features": "default"}


def load_extended(name: str, extra: Mapping[str, Sequence[str]]) -> Lexicon:
    """The bundled lexicon ``name`` plus what salesleader.toml's ``[lexicons]`` adds to it:
    ``name = [...]`` to every section (unless ``WHOLE_LEXICON_SECTION`` names one),
    ``"name.section" = [...]`` to that section. The bundled one itself when nothing is."""
    more: dict[str, tuple[str, ...]] = {}
    for key, phrases in extra.items():
        if key == name:
            more[WHOLE_LEXICON_SECTION.get(name, "")] = tuple(phrases)
        elif key.startswith(name + "."):
            more[key.split(".", 1)[1]] = tuple(phrases)
    base = load_lexicon(name)
    return base.extended(more) if more else base


def lexicon_names() -> list[str]:
    folder = resources.files(__package__).joinpath("lexicons")
    return sorted(p.name.removesuffix(".txt") for p in folder.iterdir() if p.name.endswith(".txt"))
