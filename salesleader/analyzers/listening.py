"""B11 — listens; the customer first, not the quota.

- a reflective statement is a seller sentence that plays the customer back: it opens
  with a reflective phrase ("it sounds like…", lexicon ``listening.txt``) and is not
  just agreement ("Sounds like a plan.", section ``agreeing``) nor the preface of the
  check that follows ("Let me make sure I've got this. The weekends are the symptom…":
  the check is the playback), or it opens
  the seller's turn, addresses the customer ("you", "your") and reuses at least
  ``PARAPHRASE_WORDS`` content words of the customer's previous turn in at most
  ``PARAPHRASE_MAX_WORDS`` words, without asking for
  new information (a statement or a confirmation question), or sums that turn up in the
  third person: opens with "so", says nothing of the seller's side (I/we/our), reuses
  ``SUMMARY_WORDS`` of its words and does not answer a question it ended with;
- customer focus is you-words / (you-words + I/we-words) in seller speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from ..language.document import content_words
from ..language.lexicons import Lexicon
from ..model import CUSTOMER, SELLER
from .base import Result, analyzer
from .context import Call

T = TypeVar("T")

__all__ = ["PARAPHRASE_MAX_WORDS", "PARAPHRASE_WORDS", "SUMMARY_WORDS", "focus_moments",
           "listening"]

PARAPHRASE_WORDS = 3
# A summary of the customer's turn in the third person, opened by "so" and with nothing of
# the seller's own side in it ("So the pilot worked but nobody owned it once those people
# left."), needs fewer of their words.
SUMMARY_WORDS = 2
# Longer than this, a sentence that reuses the customer's words is no playback but a turn
# about their topic ("here's how that looks in the scheduler you set each site's shift
# templates…", speech-to-text with no sentence breaks); playbacks run to about 30 words.
PARAPHRASE_MAX_WORDS = 40
ACKNOWLEDGEMENT_WORDS = 2  # "Understood.", "Got it.": the turn still opens after them
_ADDRESSING = frozenset({"you", "your", "you're", "you've"})


AGREEING_TAIL = 3  # words after an agreeing idiom that still leave it the whole sentence


def _agreeing(words: tuple[str, ...], cues: frozenset[str], lexicon: Lexicon) -> bool:
    """ "Sounds like a plan.", "That sounds like a great idea, thanks.": agreement said
    with a reflective opening (``listening.txt`` section ``agreeing``)."""
    if "listening.agreeing" not in cues:
        return False
    match = lexicon.first(words, ("agreeing",))
    return match is not None and len(words) - match.end <= AGREEING_TAIL


@analyzer("listening", version="9", requires=("seller",), behaviours=("B11",),
          produces=("reflective_statements", "customer_focus_ratio"))
def listening(call: Call) -> Result:
    """Reflective listening and how much seller speech is about the customer."""
    lexicon = call.lexicon("listening")
    decided = call.once("listening.reflective", lambda: _reflective_ids(call, lexicon))
    reflective = [s for s in call.sentences(SELLER) if id(s) in decided]

    you = frozenset(lexicon.phrases("you_words"))
    self_words = frozenset(lexicon.phrases("self_words"))
    counted = call.once("listening.focus", lambda: _focus_words(call, you, self_words))
    you_count = self_count = 0
    leaning = []  # (you words - i/we words, utterance) of the seller's utterances with any
    for index in call.seller_indexes():
        y, s = counted[index]
        you_count += y
        self_count += s
        if y or s:
            leaning.append((y - s, index))
    ratio = you_count / (you_count + self_count) if you_count + self_count else None
    notes = () if ratio is not None else ("customer_focus_ratio: no you/I/we words from the "
                                          "seller",)
    focus_evidence = [call.evidence(i, label=label) for label, i in focus_moments(leaning, ratio)]
    return Result(
        {"reflective_statements": len(reflective),
         "customer_focus_ratio": round(ratio, 3) if ratio is not None else None},
        {"reflective_statements": tuple(call.evidence_for(s) for s in reflective[:5]),
         "customer_focus_ratio": tuple(focus_evidence)},
        notes,
    )


def focus_moments(leaning: Sequence[tuple[int, T]], ratio: float | None
                  ) -> list[tuple[str, T]]:
    """The moments behind a focus ratio (calls' utterances, emails' sentences), from each
    one's "you" words minus its "i/we" words, in order: up to three most about the
    customer ("you") and three most about the seller's side ("i/we"), labelled so coaching
    can quote either, the side the ratio leans to first; when none leans, the first three
    that say both as often ("you and i/we"). None without a ratio."""
    if ratio is None:
        return []
    ordered = sorted(leaning, key=lambda pair: pair[0])  # stable: earliest first among equals
    about_you = [("you", item) for d, item in reversed(ordered[-3:]) if d > 0]
    about_us = [("i/we", item) for d, item in ordered[:3] if d < 0]
    chosen = about_you + about_us if ratio >= 0.5 else about_us + about_you
    return chosen or [("you and i/we", item) for _, item in leaning[:3]]


def _reflective_ids(call: Call, lexicon: Lexicon) -> set[int]:
    """The selling side's reflective statements (``id`` of each sentence): a reflective
    opening, or a paraphrase of the customer's turn just before."""
    reflective: set[int] = set()
    self_words = frozenset(lexicon.phrases("self_words"))
    last_utterance = -1
    opens_utterance, previous_words = False, 0
    announced: int | None = None  # the utterance whose preface announced a playback
    sentences, cues_of = call.selling_side()
    for sentence, cues in zip(sentences, cues_of, strict=True):
        index = sentence.utterance
        # The turn's first sentence, or one after a short acknowledgement ("Understood.
        # So the pilot worked…").
        opens_utterance = index != last_utterance or (
            opens_utterance and previous_words <= ACKNOWLEDGEMENT_WORDS)
        last_utterance, previous_words = index, len(sentence.words)
        if announced is not None:
            if index == announced and sentence.question.form == "declarative":
                reflective.add(id(sentence))  # the check "Let me make sure I've got this."
                announced = None  # announced: the playback itself is what is quoted
                continue
            announced = None
        if "listening.reflective" in cues and lexicon.first(
                sentence.words[:10], ("reflective",)):  # the phrase opens the sentence
            if sentence.question.form == "preface":
                announced = index  # its check follows in the same turn
            elif not _agreeing(sentence.words, cues, lexicon):
                reflective.add(id(sentence))
            continue
        kind = sentence.question.kind
        if not opens_utterance or (sentence.question.is_question and kind != "confirmation"):
            continue
        words = sentence.words
        if len(words) > PARAPHRASE_MAX_WORDS:
            continue  # a long run reuses the customer's words by talking about them at length
        summary = words[0] == "so" and self_words.isdisjoint(words)
        if not summary and _ADDRESSING.isdisjoint(words):
            continue  # a paraphrase addresses the customer: test that first, it is cheap
        turn = call.previous_turn(index, CUSTOMER)
        if turn and (index - 1 in turn or call.backchannel[index - 1]):
            heard = frozenset().union(*(call.language.content[i] for i in turn))
            if summary and _ends_asking(call, turn[0]) and _ADDRESSING.isdisjoint(words):
                continue  # "So the pilot is part of the price.": an answer to their question
            needed = SUMMARY_WORDS if summary else PARAPHRASE_WORDS
            if len(content_words(words) & heard) >= needed:
                reflective.add(id(sentence))
    return reflective


def _ends_asking(call: Call, index: int) -> bool:
    """Whether utterance ``index`` ends with a question."""
    sentences = call.language.sentences[index]
    return bool(sentences) and sentences[-1].question.is_question


def _focus_words(call: Call, you: frozenset[str], self_words: frozenset[str]
                 ) -> dict[int, tuple[int, int]]:
    """Each selling-side utterance's count of you-words and of I/we-words."""
    counted = {}
    groups = call.language.sentences
    for index in (*call.seller_indexes(), *call.colleague_indexes()):
        words = call.words[index]
        mine = sum(map(self_words.__contains__, words))  # counted in C
        if mine and "me" in words:  # "tell me about your week" asks about the customer
            mine -= sum(1 for s in groups[index] if s.question.form == "indirect"
                        and "me" in s.question.cue.split())
        counted[index] = (sum(map(you.__contains__, words)), mine)
    return counted
