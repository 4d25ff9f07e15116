"""``LanguageView``: the language work for one conversation, done once and shared.

Per utterance: its sentences (split on punctuation, and runs of speech-to-text without
any where a question starts or a statement opens: ``runs.py``), their words and question
parse, and the utterance's content words (stop-words removed, light stemming) used
to tell whether one turn builds on another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, partial
from itertools import chain
from typing import NamedTuple

from ..model import Utterance
from .lexicons import Lexicon, load_lexicon
from .question_forms import FILLERS, STRONG_TAGS, WH, wh_form
from .questions import (
    NOT_A_QUESTION,
    QuestionLexicons,
    QuestionParse,
    clause_words,
    parse_question,
    sentence_words,
    split_sentences,
)
from .runs import split_run
from .text import has_apostrophes, with_apostrophes

__all__ = ["LanguageView", "Sentence", "content_words", "stem", "stopwords"]


class Sentence(NamedTuple):
    """One sentence of an utterance (immutable; a named tuple because a call has
    thousands and a frozen dataclass costs three times as much to build)."""

    utterance: int
    text: str
    words: tuple[str, ...]
    question: QuestionParse


# ``Sentence(...)`` goes through a Python-level ``__new__``; a call builds about a thousand,
# so the view builds them in C from a ready tuple (same fields, same order).
_new_sentence = partial(tuple.__new__, Sentence)


def stem(word: str) -> str:
    """A light stemmer: enough to match "customers" with "customer", "delays" with "delay",
    and a verb with its "-ed" and "-ing" forms: "hated" and "hate", "making" and "make",
    "planned" and "plan" (a final silent "e" and a doubled last consonant are dropped)."""
    word = word.removesuffix("'s").removesuffix("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        word = _undoubled(word[:-3])
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        word = _undoubled(word[:-2])
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e") and not word.endswith("ee"):
        return word[:-1]  # "hate", "hates", "hated" -> "hat"
    return word


def _undoubled(word: str) -> str:
    """"planned" -> "plann" -> "plan"; not "called" -> "call" nor "missed" -> "miss"."""
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz" and word[-1].isalpha():
        return word[:-1]
    return word


@cache
def stopwords() -> frozenset[str]:
    return frozenset(load_lexicon("stopwords").phrases())


def content_words(words: Sequence[str]) -> frozenset[str]:
    """The stems of ``words`` that carry content: no stop-words, numbers or short words."""
    try:  # every word seen before: one C pass (a word without content maps to "")
        return frozenset(filter(None, map(_CONTENT.__getitem__, words)))
    except KeyError:  # new words (names, numbers, rare terms): stem only those
        _learn(words)
        return frozenset(filter(None, map(_CONTENT.__getitem__, words)))


def _learn(words: Sequence[str]) -> None:
    """Adds the stems of the words not seen yet to the shared word -> stem table."""
    known = _CONTENT
    new = set(words).difference(known)
    if len(known) + len(new) > _CONTENT_LIMIT:
        known.clear()  # bounded: long batch runs see an open vocabulary
        new = set(words)
    stop = stopwords()
    for word in new:
        known[word] = "" if word in stop or len(word) <= 2 or word.isdigit() else stem(word)


_CONTENT: dict[str, str] = {}  # word -> its stem, or "" when it carries no content
_CONTENT_LIMIT = 65_536


def _parse_sentence(index: int, raw: str, continues_question: bool, reacting: bool,
                    punctuated: bool, lexicons: QuestionLexicons,
                    restore: bool = False) -> Sentence:
    """One sentence of utterance ``index``: its words and question parse, in its dialogue
    context (no words: an empty ``words``). ``restore``: the transcript writes no
    apostrophes, so "dont" is read as "don't" (the sentence's text is kept as written)."""
    words, question_mark, comma_tail, open_end = sentence_words(raw)
    if not words:
        return _new_sentence((index, raw, (), NOT_A_QUESTION))
    clauses = clause_words(raw, question_mark) if comma_tail is not None else None
    if restore:
        words = with_apostrophes(words)
        comma_tail = None if comma_tail is None else with_apostrophes(comma_tail)
        clauses = None if clauses is None else [with_apostrophes(clause) for clause in clauses]
    parse = parse_question(words, question_mark=question_mark, comma_tail=comma_tail,
                           continues_question=continues_question, reacting=reacting,
                           open_end=open_end, punctuated=punctuated, clauses=clauses,
                           lexicons=lexicons)
    return _new_sentence((index, raw, tuple(words), parse))


# Sentences of at most this many characters are remembered across calls (they are the
# ones speech repeats), at most this many of them per set of question lexicons.
SHARED_MEMO_CHARS = 40
SHARED_MEMO_LIMIT = 16_384
_CONTEXTS = 4  # a sentence's parse depends on it and on two flags of its context


# "Is that right?" reacts to what someone else said, but checks the speaker's own claim:
# "Your renewal is in March. Is that right?". These two are the checks the parser always
# reads as reactions (``NEVER_QUESTIONS``); "is that correct?" after one's own words is
# already a tag there, and "is that true?" a yes/no question.
OWN_CLAIM_CHECKS = frozenset({"is that right", "is that so"})
_CLAIM_WORDS = 3  # a claim, not "Oh, gee." or "That's right."


def _own_before(found: list[Sentence], sentences: list[tuple[Sentence, ...]],
                reacting: bool) -> Sentence | None:
    """The same speaker's sentence before this one, in this utterance or the one before
    (theirs too)."""
    return found[-1] if found else (
        sentences[-1][-1] if sentences and sentences[-1] and not reacting else None)


def _claim_words(sentence: Sentence | None) -> int:
    return 0 if sentence is None else sum(1 for word in sentence.words if word not in FILLERS)


def _closing_claim(sentence: Sentence, claim: Sentence | None, cue: str) -> Sentence:
    """``sentence`` as a confirmation question (tag ``cue``) when ``claim``, the speaker's
    sentence before it, is a claim: a statement of a few words."""
    if claim is None or claim.question.is_question or _claim_words(claim) < _CLAIM_WORDS:
        return sentence
    return _new_sentence((sentence.utterance, sentence.text, sentence.words,
                          QuestionParse(True, "confirmation", "tag", cue)))


def _checked_claim(sentence: Sentence, found: list[Sentence],
                   sentences: list[tuple[Sentence, ...]], reacting: bool) -> Sentence:
    """``sentence`` as a confirmation question when it closes the speaker's own claim: a
    statement of a few words just before it."""
    return _closing_claim(sentence, _own_before(found, sentences, reacting),
                          sentence.question.cue)


# "Imagine it's a year from now and this worked. What's different?": the question after a
# hypothesis the speaker has just set up asks about that future (SPIN's exploratory
# kind), though its own words are only "what's different".
HYPOTHESIS_OPENERS = frozenset({"imagine", "picture", "suppose", "pretend"})
_REFRAMED = frozenset({"open", "factual"})


def _sets_up_a_hypothesis(sentence: Sentence) -> bool:
    if sentence.question.is_question:
        return False
    first = next((w for w in sentence.words if w not in FILLERS), "")
    return first in HYPOTHESIS_OPENERS or tuple(sentence.words[:2]) == ("let's", "say")


_BARE_TAG_WORDS = 3  # "does he?", "right?", "isn't it?": a tag said alone
BACKCHANNEL_WORDS = 3  # the default of ``thresholds.backchannel_max_words``


def backchannel_test(limit: int = BACKCHANNEL_WORDS) -> Callable[[Sequence[str]], bool]:
    """Whether an utterance's words are a short listener response ("mm-hm", "yeah,
    right") that keeps nobody's floor: at most ``limit`` words, all of them phrases of
    ``backchannels.txt`` (the lexicon looked up once, for every utterance tested)."""
    lexicon = load_lexicon("backchannels")
    vocabulary = lexicon.vocabulary

    def listening(tokens: Sequence[str]) -> bool:
        if not tokens or len(tokens) > limit or (
                vocabulary is not None and not vocabulary.issuperset(tokens)):
            return False  # most utterances: too long, or a word no backchannel has
        return sum(m.end - m.start for m in lexicon.find_all(tokens)) == len(tokens)

    return listening


def backchannel_flags(turns: Iterable[Sequence[str]], limit: int = BACKCHANNEL_WORDS
                      ) -> tuple[bool, ...]:
    """For each utterance's words, whether it is a backchannel (``backchannel_test``)."""
    return tuple(map(backchannel_test(limit), turns))


def _held_tag(sentence: Sentence, floor: Sentence | None) -> Sentence:
    """"Right?" said after a listener's "Mm-hm." closes the speaker's own claim before it,
    as it would with no "Mm-hm." between (the listener did not take the floor)."""
    if not sentence.text.rstrip().endswith("?"):
        return sentence
    return _closing_claim(sentence, floor, " ".join(sentence.words))


def _unclaimed_tag(sentence: Sentence, found: list[Sentence],
                   sentences: list[tuple[Sentence, ...]], reacting: bool) -> Sentence:
    """A tag said alone ("Does he?", "Right?") closes the speaker's own claim; after a
    short statement of theirs that is no claim ("I haven't. Have you?") it hands the
    question back (closed); after their own "Yeah." or "Oh." it reacts to the other
    speaker (not a question)."""
    before = _own_before(found, sentences, reacting)
    words = _claim_words(before)
    if words >= _CLAIM_WORDS:  # a claim, or a check offered as one: "So you're… Is that fair?"
        return sentence
    if before is not None and before.question.is_question:
        return sentence  # "Do you use it? Right?": left as parsed
    parse = (QuestionParse(True, "closed", "yes_no", sentence.question.cue) if words
             else QuestionParse(False, None, "reactive", sentence.question.cue))
    return _new_sentence((sentence.utterance, sentence.text, sentence.words, parse))


_ECHO_WORDS = (4, 3, 2)  # an echo of the other speaker's words, longest first


# Two to four words, then a wh-word: the only turns ``_after_echo`` need look at (one
# anchored regex test a turn, where splitting every turn cost 4 % of the analysis).
_ECHO_THEN_WH = re.compile(
    r"\S+ \S+ (?:\S+ ){0,2}(?:what|why|how|where|when|who|whom|whose|which)\b", re.IGNORECASE)


def _after_echo(raws: list[str], heard: tuple[str, ...]) -> list[str]:
    """Without punctuation, a turn that opens by echoing the other speaker's words and then
    asks is two sentences: "three months | what drove most of that time" (with
    punctuation, "Three months? What drove…?")."""
    if not raws or not heard:
        return raws
    first = raws[0].split()
    lowered = [word.lower() for word in first[:_ECHO_WORDS[0] + 1]]
    said = f" {' '.join(heard)} "
    for length in _ECHO_WORDS:
        # A wh-question after the echo asks ("what drove…", not "which is why…" or "what a
        # mess"); an auxiliary would make the echo its subject ("the weather | is this
        # time of year…" is one statement).
        if (len(first) > length + 2 and lowered[length] in WH
                and f" {' '.join(lowered[:length])} " in said
                and wh_form([word.lower() for word in first[length:]])):
            return [" ".join(first[:length]), " ".join(first[length:]), *raws[1:]]
    return raws


class LanguageView:
    """Sentences, words and questions of every utterance, in order."""

    def __init__(self, utterances: Sequence[Utterance],
                 lexicons: QuestionLexicons | None = None,
                 punctuated: bool | None = None) -> None:
        """``punctuated``: whether the transcript marks its questions with '?' (default:
        whether any of these utterances has one; pass it when the utterances are a piece of
        a larger text, as isolated labelled lines are)."""
        self.utterances = tuple(utterances)
        lexicons = lexicons or QuestionLexicons.default()
        # Reliable punctuation: the transcript marks questions at all. Then a missing '?'
        # is evidence; in raw speech-to-text it is not.
        if punctuated is None:
            punctuated = any("?" in u.text for u in self.utterances)
        self.punctuated = punctuated
        # Speech-to-text that writes no apostrophe anywhere has dropped them ("dont").
        restore = not has_apostrophes(u.text for u in self.utterances)
        sentences: list[tuple[Sentence, ...]] = []
        words_of_turn: list[tuple[str, ...]] = []
        listened: list[bool] = []
        last_by_speaker: dict[str, QuestionParse] = {}
        previous_speaker: str | None = None
        # Who holds the floor, and their last sentence: a listener's backchannel does not
        # take it ("It took months." "Mm-hm." "Right?": the speaker's own claim checked).
        floor_speaker: str | None = None
        floor_last: Sentence | None = None
        is_backchannel = backchannel_test()
        # Speech repeats its short sentences ("Okay.", "Mm-hm.", "Makes sense."), within a
        # call and across calls: each is parsed once in its context and remembered, one dict
        # per context (continues a question, first sentence of a reaction) keyed by the
        # sentence alone. Long sentences are said once: remembering them costs more than it
        # saves.
        shared_memos = lexicons.sentence_memo.setdefault(
            (punctuated, restore), tuple({} for _ in range(_CONTEXTS)))
        # Per kind of transcript met (a batch seldom mixes more than two of the four).
        per_shared = SHARED_MEMO_LIMIT // (2 * _CONTEXTS)
        raw_sentences = partial(self._raw_sentences, openers=lexicons.openers, cues=lexicons.cues,
                                restore=restore)
        for utterance in self.utterances:
            found: list[Sentence] = []
            previous = last_by_speaker.get(utterance.speaker)
            reacting = utterance.speaker != previous_speaker
            index = utterance.index
            raws = raw_sentences(utterance.text)
            if (reacting and not punctuated and words_of_turn and raws
                    and _ECHO_THEN_WH.match(raws[0])):
                raws = _after_echo(raws, words_of_turn[-1])
            for raw in raws:
                continues = previous is not None and previous.is_question
                first_reaction = reacting and not found
                context = continues * 2 + first_reaction
                if len(raw) > SHARED_MEMO_CHARS:  # long: said once, so parsed here
                    known = _parse_sentence(index, raw, continues, first_reaction,
                                            punctuated, lexicons, restore)
                else:
                    store = shared_memos[context]
                    known = store.get(raw)
                    if known is None:
                        if len(store) >= per_shared:
                            store.clear()  # bounded: a batch's memory must not grow
                        known = store[raw] = _parse_sentence(
                            index, raw, continues, first_reaction, punctuated, lexicons, restore)
                    elif known.utterance != index:  # met before: its parse, this utterance
                        known = _new_sentence((index, raw, known.words, known.question))
                if (found and found[-1].question.form == "preface"
                        and not known.question.is_question
                        and _claim_words(known) >= _CLAIM_WORDS):
                    # "Correct me if I'm wrong. You run two shifts.": the check announced.
                    known = _new_sentence((index, raw, known.words, QuestionParse(
                        True, "confirmation", "declarative", found[-1].question.cue)))
                elif (found and known.question.kind in _REFRAMED
                      and _sets_up_a_hypothesis(found[-1])):
                    known = _new_sentence((index, raw, known.words,
                                           known.question._replace(kind="exploratory")))
                elif known.question.cue in OWN_CLAIM_CHECKS and not first_reaction:
                    known = _checked_claim(known, found, sentences, reacting)
                elif (known.question.form == "tag" and not first_reaction
                      and len(known.words) <= _BARE_TAG_WORDS):
                    known = _unclaimed_tag(known, found, sentences, reacting)
                elif (first_reaction and floor_speaker == utterance.speaker
                      and known.words in STRONG_TAGS):
                    known = _held_tag(known, floor_last)
                if known.words:
                    found.append(known)
                    previous = known.question
            if found:
                last_by_speaker[utterance.speaker] = found[-1].question
            turn = (found[0].words if len(found) == 1 else
                    tuple(chain.from_iterable(s.words for s in found)))
            listening = is_backchannel(turn)
            if utterance.speaker == floor_speaker:
                floor_last = found[-1] if found else floor_last
            elif not listening:  # someone else takes the floor
                floor_speaker, floor_last = utterance.speaker, found[-1] if found else None
            previous_speaker = utterance.speaker
            sentences.append(tuple(found))
            words_of_turn.append(turn)
            listened.append(listening)
        self.sentences: tuple[tuple[Sentence, ...], ...] = tuple(sentences)
        self.words: tuple[tuple[str, ...], ...] = tuple(words_of_turn)
        # Each utterance a backchannel at the default length (``backchannel_flags``).
        self.backchannel: tuple[bool, ...] = tuple(listened)
        self._content: list[frozenset[str] | None] = [None] * len(self.words)
        self._lazy_content = _LazyContent(self.words, self._content)

    @staticmethod
    def _raw_sentences(text: str, openers: Lexicon | None = None,
                       cues: Lexicon | None = None, restore: bool = False) -> list[str]:
        """The sentences of an utterance's text: split on punctuation, and a long run
        without any also where a question or a statement opens (``openers`` and the
        indirect requests of ``cues``: the bundled lists unless given; ``restore``: read
        "dont" as "don't")."""
        pieces = split_sentences(text)
        out: list[str] = []
        for piece in pieces:
            if "." in piece or "?" in piece or "," in piece or "!" in piece:
                out.append(piece)
                continue
            out.extend(split_run(piece, QuestionLexicons.default().openers
                                 if openers is None else openers, cues, restore))
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

    # The view's word and cache lists, not the view: a reference back to it would be a
    # cycle, keeping every call's language data alive until the garbage collector runs.
    __slots__ = ("_content", "_words")

    def __init__(self, words: tuple[tuple[str, ...], ...],
                 content: list[frozenset[str] | None]) -> None:
        self._words = words
        self._content = content

    def __getitem__(self, index: int) -> frozenset[str]:
        cached = self._content[index]
        if cached is None:
            cached = self._content[index] = content_words(self._words[index])
        return cached

    def __len__(self) -> int:
        return len(self._words)
