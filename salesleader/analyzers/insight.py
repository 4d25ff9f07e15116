"""B9 — shares insight beyond what is sold.

An insight statement is a seller sentence, not a question, with an insight cue
(lexicon ``insight.txt``: trends, benchmarks, data, what peers do; a word for peers
counts in a frame that speaks of many of them: "across the carriers", "the hospitals we
work with", "most insurers", "brands like yours"; but peers after the seller's product in
the same turn are its results: "Our platform does recalls. Most practices see a lift.")
that does not name the seller's own product (``pitch.names_own_product``: "our
platform", a product term, "our" + a feature phrase; a feature word alone, "pricing", is
as often the customer's), does not press ("it's a no-brainer for most practices") and is
not part of a feature dump. The selling side's answer to
the customer asking what their peers do ("How do other carriers your size handle it?")
is insight too: its first statement of ``ANSWER_WORDS`` or more, unless that statement
talks features (``features.txt``: "the tool does it for you" answers with the product)
or presses, or another utterance of the answer already holds insight (a colleague's).
"""

from __future__ import annotations

from ..language.document import Sentence, stopwords
from ..language.lexicons import Lexicon
from ..language.text import NUMBER_WORDS
from ..model import CUSTOMER, SELLER
from .base import Result, analyzer
from .context import Call
from .pitch import asks_about_the_product, dumps_of, names_own_product, product_lexicon
from .stance import pressing

__all__ = ["insight"]


# The frames that make a word for peers insight: the seller speaks of many of them.
_MANY_BEFORE = frozenset("most many other successful best top similar leading".split())
_ACROSS_BEFORE = frozenset("the our all many most".split())
_SEEN_AFTER = frozenset({("we", "work"), ("we", "worked"), ("we", "talk"), ("we", "talked"),
                         ("we", "speak"), ("we", "spoke"), ("we", "see"), ("we", "serve"),
                         ("i", "work"), ("i", "talk"), ("i", "speak"), ("we've", "worked"),
                         ("like", "yours"), ("your", "size"), ("of", "your"), ("at", "your")})
_PRODUCT_CLAIM_NOUNS = frozenset({"customers", "clients"})  # "most customers see ROI": a claim


_INSIGHT_PHRASES = "insight.default"  # the phrases of insight.txt before its [peer_nouns]


def _insightful(call: Call, product: Lexicon) -> list[Sentence]:
    """The selling side's insight statements, decided once for the call and every
    seller's view of it."""
    peers = frozenset(call.lexicon("insight").phrases("peer_nouns"))
    answering = _answers_about_peers(call, peers, product)  # utterance -> its answer's start
    found: list[Sentence] = []
    # An answer's start -> its first long statement (None: it answered with the product)
    candidates: dict[int, Sentence | None] = {}
    elsewhere: dict[int, set[int]] = {}  # an answer's start -> its utterances with insight
    # Most sentences have no insight cue and answer nothing: skipped in one comprehension.
    for s, cues in [(s, cues) for s, cues in zip(*call.selling_side(), strict=True)
                    if _INSIGHT_PHRASES in cues or "insight.peer_nouns" in cues
                    or s.utterance in answering]:
        if s.question.is_question:
            continue
        phrase = _INSIGHT_PHRASES in cues
        peer = not phrase and "insight.peer_nouns" in cues and _among_many(s.words, peers)
        answer = answering.get(s.utterance)
        if not (phrase or peer or (answer is not None and answer not in candidates
                                   and len(s.words) >= ANSWER_WORDS)):
            continue  # a peer word in no frame of many, or more of an answer already met
        if ("product" in cues and names_own_product(s.words, product)) or (
                (phrase or peer) and pressing(cues)):
            continue  # "…it's a no-brainer for most practices": a push, not their world
        if not (phrase or peer) and answer is not None and (
                "product" in cues or pressing(cues)):
            candidates[answer] = None  # the answer is decided: features ("the tool does it
            continue  # for you") or a push, not what peers do
        if peer and _pitched_before(call, s, product):
            continue  # "Our platform does recalls… Most practices see a twenty percent
            # lift.": after the product in the same turn, peers are its results
        if phrase or peer:
            found.append(s)
            if answer is not None:
                candidates.setdefault(answer, s)  # the answer says it in so many words
                elsewhere.setdefault(answer, set()).add(s.utterance)
        else:
            candidates[answer] = s
    said = {id(s) for s in found}
    # An answer's first long statement counts, unless the insight comes in another
    # utterance of the answer: a colleague's ("Jess has seen more of those than I have.")
    chosen = {id(s) for answer, s in candidates.items() if s is not None and id(s) not in said
              and not elsewhere.get(answer, set()) - {s.utterance}}
    if not chosen:
        return found
    return [s for s in call.selling_side()[0] if id(s) in said or id(s) in chosen]


def _pitched_before(call: Call, sentence: Sentence, product: Lexicon) -> bool:
    """Whether an earlier sentence of the same utterance names the seller's product."""
    for earlier in call.language.sentences[sentence.utterance]:
        if earlier is sentence:
            return False
        if "product" in call.cues(earlier.words) and names_own_product(earlier.words, product):
            return True
    return False


ANSWER_WORDS = 6  # "Good question." opens the answer; it does not give it


def _answers_about_peers(call: Call, peers: frozenset[str], product: Lexicon
                         ) -> dict[int, int]:
    """The selling side's answers to the customer asking what their peers do ("How do
    other carriers your size handle the reporting?" — "Some do, in a spreadsheet, and it
    tends to die…"): each utterance of the selling side's run after the question, with
    the run's first utterance. The answer's first statement of ``ANSWER_WORDS`` or more
    is insight, unless one of its sentences already is (a colleague's: "Jess has seen more
    of those than I have." — "Most of the regional carriers we work with…")."""
    found: dict[int, int] = {}
    sides, backchannel = call.sides, call.backchannel
    for question in call.questions(CUSTOMER):
        words = question.words
        if "advice" not in call.cues(words) or not (
                "others" in words or _among_many(words, peers)) or asks_about_the_product(
                words, product):
            continue  # "how do other teams use your dashboard?" asks about the product
        start = question.utterance + 1
        while start < len(sides) and (sides[start] == CUSTOMER or backchannel[start]):
            start += 1
        for index in call.reply_from(start):
            found.setdefault(index, start)
    return found


_FRAME_REACH = 4  # "across other field service companies": the frame may stand this far back
# Frame words that may stand before the words describing the peers ("other field service
# companies", "most mid-size carriers"); "top", "best", "leading" only right before
# them: "the top twenty shippers" are some of the customer's own.
_FAR_MANY = frozenset("most many other similar".split())
# Words that end the noun phrase before a word for peers: the frame must be inside it
# ("most of them said companies…" is no frame). Determiners of a frame stay inside it.
_INSIDE_FRAME = _MANY_BEFORE | _ACROSS_BEFORE


def _among_many(words: tuple[str, ...], peers: frozenset[str]) -> bool:
    """A word for peers in a frame that speaks of many of them: after "across" or a word
    of many ("most", "other") in the same noun phrase ("across the carriers", "other field
    service companies"), or before "we work with", "like yours", or as a kind ("the carriers
    who fix intake first")."""
    stop = stopwords()
    for noun in peers.intersection(words):
        i = words.index(noun)
        if tuple(words[i + 1:i + 3]) in _SEEN_AFTER or (
                i and words[i - 1] == "the" and words[i + 1:i + 2] in (("who",), ("that",))):
            return True  # "…we work with", "like yours"; "the carriers who fix intake first…"
        for distance, before in enumerate(words[max(0, i - _FRAME_REACH):i][::-1]):
            if before == "across" or (
                    (before in _FAR_MANY or (before in _MANY_BEFORE and not distance))
                    and noun not in _PRODUCT_CLAIM_NOUNS):
                return True
            if (before in stop and before not in _INSIDE_FRAME) or before.isdigit() or (
                    before in NUMBER_WORDS):
                break  # "…of them", "that companies", "two companies": no frame of many
    return False


@analyzer("insight", version="7", requires=("seller",), behaviours=("B9",),
          produces=("insight_statements",))
def insight(call: Call) -> Result:
    """Seller statements of industry insight, data or peer practice, not about the product."""
    product = product_lexicon(call)
    said = call.once("insight.sentences", lambda: _insightful(call, product))
    sides = call.sides
    found = [s for s in said if sides[s.utterance] == SELLER]  # this seller's, in a view
    if found:  # said inside a feature dump, a claim is product talk ("the module predicts…")
        dumped = {i for run, _ in dumps_of(call) for i in run.utterances}
        found = [s for s in found if s.utterance not in dumped
                 or product.first(call.words[s.utterance]) is None]  # no feature talk in it
    return Result({"insight_statements": len(found)},
                  {"insight_statements": tuple(call.evidence_for(s) for s in found[:5])})
