"""``LanguageView``: the language work for one conversation, done once and shared.

Per utterance: its sentences (split on punctuation, and inside long unpunctuated
speech-to-text runs before a clause-initial question), their words and question
parse, and the utterance's content words (stop-words removed, light stemming) used
to tell whether one turn builds on another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain

from ..model import Utterance
from .lexicons import load_lexicon
from .questions import (
    AUX,
    AUX_POSITIVE,
    EMBEDDING_WORDS,
    PRONOUNS,
    SUBJECTS,
    WH,
    QuestionLexicons,
    QuestionParse,
    clause_words,
    parse_question,
    sentence_words,
    split_sentences,
)

__all__ = ["LanguageView", "Sentence", "content_words", "stem", "stopwords"]

_SOFT_BREAK = frozenset("so and but okay ok well now".split())
UNPUNCTUATED_SPLIT_MIN_WORDS = 12
_MARKS = frozenset(".?!,")


@dataclass(frozen=True, slots=True)
class Sentence:
    utterance: int
    text: str
    words: tuple[str, ...]
    question: QuestionParse


@lru_cache(maxsize=65_536)  # bounded: long batch runs see an open vocabulary
def stem(word: str) -> str:
    """A light stemmer: enough to match "customers" with "customer", "delays" with "delay"."""
    word = word.removesuffix("'s").removesuffix("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def stopwords() -> frozenset[str]:
    return frozenset(load_lexicon("stopwords").phrases())


def content_words(words: Sequence[str]) -> frozenset[str]:
    stop = stopwords()
    return frozenset(stem(w) for w in words if w not in stop and len(w) > 2 and not w.isdigit())


def _split_unpunctuated(words: list[str]) -> list[int]:
    """Word positions where a question starts inside a run with no punctuation."""
    cuts = []
    for i in range(3, len(words) - 2):
        word, following = words[i], words[i + 1]
        if words[i - 1] in EMBEDDING_WORDS:
            continue
        if word in WH and following in AUX and words[i + 2] in SUBJECTS:
            cuts.append(i)
        elif (words[i - 1] in _SOFT_BREAK and word in AUX_POSITIVE
              and following in PRONOUNS and following != "i"):
            cuts.append(i - 1)
    return cuts


class LanguageView:
    """Sentences, words and questions of every utterance, in order."""

    def __init__(self, utterances: Sequence[Utterance],
                 lexicons: QuestionLexicons | None = None) -> None:
        self.utterances = tuple(utterances)
        lexicons = lexicons or QuestionLexicons.default()
        # Reliable punctuation: the transcript marks questions at all. Then a missing '?'
        # is evidence; in raw speech-to-text it is not.
        self.punctuated = punctuated = any("?" in u.text for u in self.utterances)
        sentences: list[tuple[Sentence, ...]] = []
        last_by_speaker: dict[str, QuestionParse] = {}
        previous_speaker: str | None = None
        for utterance in self.utterances:
            found: list[Sentence] = []
            previous = last_by_speaker.get(utterance.speaker)
            reacting = utterance.speaker != previous_speaker
            index = utterance.index
            for raw in self._raw_sentences(utterance.text):
                words, question_mark, comma_tail, open_end = sentence_words(raw)
                if not words:
                    continue
                parse = parse_question(words, question_mark=question_mark,
                                       comma_tail=comma_tail,
                                       continues_question=previous is not None
                                       and previous.is_question,
                                       reacting=reacting and not found, open_end=open_end,
                                       punctuated=punctuated,
                                       clauses=clause_words(raw) if comma_tail is not None
                                       else None, lexicons=lexicons)
                found.append(Sentence(index, raw, tuple(words), parse))
                previous = parse
            if found:
                last_by_speaker[utterance.speaker] = found[-1].question
            previous_speaker = utterance.speaker
            sentences.append(tuple(found))
        self.sentences: tuple[tuple[Sentence, ...], ...] = tuple(sentences)
        self.words: tuple[tuple[str, ...], ...] = tuple(
            tuple(chain.from_iterable(s.words for s in group)) for group in self.sentences
        )
        self._content: list[frozenset[str] | None] = [None] * len(self.words)
        self._lazy_content = _LazyContent(self)

    @staticmethod
    def _raw_sentences(text: str) -> list[str]:
        pieces = split_sentences(text)
        out: list[str] = []
        for piece in pieces:
            if not _MARKS.isdisjoint(piece):
                out.append(piece)
                continue
            words = piece.split()
            if len(words) < UNPUNCTUATED_SPLIT_MIN_WORDS:
                out.append(piece)
                continue
            lowered = [w.lower() for w in words]
            cuts = [c for c in _split_unpunctuated(lowered) if c > 0]
            start = 0
            for cut in cuts:
                if cut - start >= 2:
                    out.append(" ".join(words[start:cut]))
                    start = cut
            out.append(" ".join(words[start:]))
        return out

    @property
    def content(self) -> _LazyContent:
        """Content words of each utterance, computed on first use."""
        return self._lazy_content

    def questions(self, index: int) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences[index] if s.question.is_question)

    def first_question(self, index: int) -> Sentence | None:
        found = self.questions(index)
        return found[0] if found else None


class _LazyContent:
    """``view.content[i]``: the content words of utterance ``i``, computed once when asked."""

    __slots__ = ("_view",)

    def __init__(self, view: LanguageView) -> None:
        self._view = view

    def __getitem__(self, index: int) -> frozenset[str]:
        cached = self._view._content[index]
        if cached is None:
            cached = self._view._content[index] = content_words(self._view.words[index])
        return cached

    def __len__(self) -> int:
        return len(self._view.words)
