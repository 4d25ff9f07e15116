"""B2 asks questions, B3 digs deeper, B4 does not answer its own questions.

- a question is a sentence the language layer parses as one (with or without '?');
  its type is one of exploratory, open, factual, closed, confirmation, leading;
- a follow-up is a seller question that builds on the customer's previous turn: it (with
  the statements that frame it in the same utterance: "You said context switching. What
  does that cost you?") shares at least ``FOLLOW_UP_SHARED_WORDS`` content words with it,
  or one it points back to ("those retailers", "that outage"), or refers to it
  explicitly ("you mentioned…", "tell me more about that": lexicon ``listening.txt``,
  section ``follow_up``), or asks them to say more ("How so?", "Like what?"); a next
  step proposed ("Can we get Dr. Okafor on the calendar?") digs into nothing; its
  evidence also quotes, labelled "not a follow-up", the seller's first question after a
  customer turn of ``MOVED_ON_AFTER_WORDS`` words or more that builds on nothing in it;
- a self-answered question is a seller question after which the seller keeps talking,
  in the same run, for at least ``SELF_ANSWER_WORDS`` words of statements before the
  customer takes the floor (further questions, stacked, do not count as an answer), or
  whose very next sentence guesses the answer, however short: a statement opening with
  a guess ("Probably three or four."; ``self_answers.txt``) or, after a question asking
  for information, a confirmation question ("It's the manual entry, right?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

from ..language.document import Sentence, content_words
from ..language.lexicons import Lexicon
from ..language.question_forms import FILLERS
from ..language.questions import QUESTION_TYPES
from ..language.text import NUMBER_WORDS
from ..model import CUSTOMER, SELLER
from .base import Result, analyzer
from .context import Call
from .pitch import INFORMATION_TYPES

__all__ = ["FOLLOW_UP_SHARED_WORDS", "MOVED_ON_AFTER_WORDS", "SELF_ANSWER_WORDS",
           "follow_up_sentences", "moved_on_sentences", "questions"]

FOLLOW_UP_SHARED_WORDS = 2
SELF_ANSWER_WORDS = 12  # a short clarification ("I mean for your team") is not an answer
# A customer turn this long (about five seconds of speech) gave the seller something to
# dig into; a next question that does not build on it moved on.
MOVED_ON_AFTER_WORDS = 15


def follow_up_sentences(call: Call) -> list[tuple[Sentence, frozenset[str]]]:
    """Seller questions that build on the customer's previous turn, with the shared words."""
    decided = call.once("questions.follow_ups", lambda: _follow_ups(call))
    return [(q, decided[id(q)]) for q in call.questions(SELLER) if id(q) in decided]


def _selling_questions(call: Call) -> list[Sentence]:
    return call.once("questions.selling", lambda: [
        s for s in call.selling_side()[0] if s.question.is_question])


def _follow_ups(call: Call) -> dict[int, frozenset[str]]:
    """The selling side's follow-ups (``id`` of each question) and their shared words."""
    found = {}
    for question in _selling_questions(call):
        turn = call.previous_turn(question.utterance, CUSTOMER)
        if not turn or ("we" in question.words[1:4] and _proposes(question.words)):
            continue
        customer_words = frozenset().union(*(call.language.content[i] for i in turn))
        shared = content_words(question.words) & customer_words
        if (_builds_on(call, question.words, shared) or question.question.form == "elaboration"
                or (shared and (question.question.cue.startswith("why")
                                or _names_one_of(question.text, shared)
                                or _asked_about(call, question.words, shared, turn)
                                or _headline_of(call, turn, shared)))):
            # …or asks why about a thing the customer named: "Why did refunds take so long?",
            # or picks up a name they said: "What did you tell Harlow?", or the word their
            # answer opened with: "Referrals. When we send…" - "How do clinics track referrals?"
            found[id(question)] = shared
            continue
        if (question.question.kind in INFORMATION_TYPES and not _PERSONAL.isdisjoint(
                question.words) and _names_someone(call, turn, question.words)):
            # "Our controller would care about the billing days." - "What would she need
            # to see to believe it?": the person they just named, asked about (not "Can
            # you loop her in today?", a next step asked for).
            found[id(question)] = shared
            continue
        frame = _frame(call, question)
        if not frame:
            continue
        words = (*chain.from_iterable(s.words for s in frame), *question.words)
        shared = content_words(words) & customer_words
        if _shares(words, shared) or any(
                "listening.follow_up" in call.cues(s.words) for s in frame):
            found[id(question)] = shared
    return found


def moved_on_sentences(call: Call, follow_ups: Sequence[tuple[Sentence, frozenset[str]]]
                       ) -> list[Sentence]:
    """The seller's first question right after a customer turn of ``MOVED_ON_AFTER_WORDS``
    words or more, when no question of that seller utterance builds on the turn."""
    skip = {sentence.utterance for sentence, _ in follow_ups}
    found = []
    for question in call.questions(SELLER):
        index = question.utterance
        if index in skip:
            continue
        skip.add(index)  # one per utterance: its first question
        if not index or not (call.sides[index - 1] == CUSTOMER or call.backchannel[index - 1]):
            continue  # not right after the customer (or a backchannel after them)
        turn = call.previous_turn(index, CUSTOMER)
        if sum(len(call.words[i]) for i in turn) >= MOVED_ON_AFTER_WORDS:
            found.append(question)
    return found


def _builds_on(call: Call, words: Sequence[str], shared: frozenset[str]) -> bool:
    return _shares(words, shared) or "listening.follow_up" in call.cues(words)


def _shares(words: Sequence[str], shared: frozenset[str]) -> bool:
    return len(shared) >= FOLLOW_UP_SHARED_WORDS or bool(shared and _points_back(words, shared))


def _frame(call: Call, question: Sentence) -> list[Sentence]:
    """The statements that frame a question in its utterance, since any earlier question
    there: "You said context switching. What does that cost you?"."""
    sentences = call.language.sentences[question.utterance]
    frame: list[Sentence] = []
    if len(sentences) > 1:
        for sentence in sentences:
            if sentence is question:
                break
            if sentence.question.is_question:
                frame.clear()
            else:
                frame.append(sentence)
    return frame


_DEMONSTRATIVES = frozenset({"that", "those", "these", "this"})
_NAME = re.compile(r"(?<=[\w,;:.] )[A-Z][\w'-]*")  # a capitalised word inside a sentence ("Dr. Okafor")


_HEADLINE_WORDS = 2  # "Referrals.", "Timing, mostly.": a topic named in a sentence this short


def _headline_of(call: Call, turn: Sequence[int], shared: frozenset[str]) -> bool:
    """Whether a shared word is one the customer's turn named in a sentence of its own
    ("Referrals. When we send a patient to a specialist, nobody knows…")."""
    return any(len(s.words) <= _HEADLINE_WORDS and not shared.isdisjoint(content_words(s.words))
               for i in turn for s in call.language.sentences[i])


DEFERRAL_WITHIN = 3  # sentences of the reply searched for a put-off


def _open_questions(call: Call, customer: Sequence[Sentence]) -> set[int]:
    """The customer's questions (``id``) the selling side left open: its reply to the
    customer's turn holds no statement beyond "Good question." (``answers.txt``
    [not_answers]), or puts the question off ("Let me check and get back to you":
    [deferring]), or the call ends first. A question another customer answers was theirs
    ("Omar, remember the Henderson job?"), and one asking leave to ask ("Can I ask you
    something?") is answered by the question that follows."""
    sides, backchannel, sentences = call.sides, call.backchannel, call.language.sentences
    speakers = call.speakers
    lexicon = call.lexicon("answers")
    verdict: dict[int, bool] = {}  # the first utterance of a reply: whether it answers
    still_open: set[int] = set()
    for question in customer:
        if _asks_leave(question.words):
            continue
        asker, start = speakers[question.utterance], question.utterance + 1
        while start < len(sides) and (backchannel[start] or speakers[start] == asker):
            start += 1  # the rest of the asker's turn
        if start < len(sides) and sides[start] == CUSTOMER:
            continue  # another customer takes it
        if start not in verdict:
            said = [s for i in call.reply_from(start) for s in sentences[i]]
            # A reply puts the question off in its first sentences ("Good question. Let me
            # check and get back to you."), not deep in an answer.
            verdict[start] = any(_answers(s, lexicon) for s in said) and all(
                lexicon.first(s.words, ("deferring",)) is None for s in said[:DEFERRAL_WITHIN])
        if not verdict[start]:
            still_open.add(id(question))
    return still_open


def _answers(sentence: Sentence, lexicon: Lexicon) -> bool:
    """A statement that is more than "Good question."."""
    if sentence.question.is_question or not sentence.words:
        return False
    acknowledged = lexicon.starts(sentence.words, ("not_answers",))
    return acknowledged is None or acknowledged.end < len(sentence.words)


_PROPOSING = frozenset({"can", "could", "shall", "should"})


def _proposes(words: Sequence[str]) -> bool:
    """ "Can we get something on the calendar with Dr. Okafor?", "So should we loop in
    finance?": a next step proposed, not a question digging into what they said."""
    return any(words[i] in _PROPOSING and words[i + 1] == "we"
               for i in range(min(3, len(words) - 1)))


def _names_one_of(text: str, shared: frozenset[str]) -> bool:
    """Whether the question says one of the ``shared`` words as a name, capitalised inside
    the sentence ("Harlow", "Zendesk"; not "I", nor the question's first word)."""
    if text[1:].islower():  # no capital after the first letter: most questions (one C pass)
        return False
    return any(name != "I" and not shared.isdisjoint(content_words((name.lower(),)))
               for name in _NAME.findall(text))


_SHE = frozenset({"she", "her", "she'd", "she's", "hers"})
_HE = frozenset({"he", "him", "he'd", "he's", "his"})
_PERSONAL = (_SHE | _HE) - {"his", "hers"}  # a person asked about ("with her", "she")


def _names_someone(call: Call, turn: Sequence[int], asked: Sequence[str]) -> bool:
    """Whether the customer's turn names a person the question's "she"/"he" can be: a
    role of ``people.txt`` ("our controller", "my boss"), a name capitalised inside a
    sentence ("Ask Priya."), or the same "she"/"he" ("now he's asking me why we pay")."""
    roles = call.lexicon("people")
    same = _SHE if not _SHE.isdisjoint(asked) else _HE
    for index in turn:
        if not same.isdisjoint(call.words[index]):
            return True
        if roles.first(call.words[index], ("roles",)) is not None:
            return True
        if call.utterances[index].text[1:].islower():
            continue  # no capital after the first letter: no name (one C pass)
        if any(not name.startswith("I") or name[1:2].isalpha()  # not "I", "I'd"
               for sentence in call.language.sentences[index] for name in _NAME.findall(
                   sentence.text)):
            return True
    return False


_SUBJECT_DETERMINERS = frozenset({"the", "your", "that", "those", "these", "this"})


def _asked_about(call: Call, words: Sequence[str], shared: frozenset[str],
                 turn: Sequence[int]) -> bool:
    """Whether the question asks about what the customer just said happens, in their
    words: a shared word as the subject the auxiliary inverts around, with the verb they
    said after it ("…billing goes out the next morning." - "How much earlier does
    billing go out?"; not "We lost two retailers." - "Do retailers use your app?")."""
    for i in range(1, len(words) - 1):
        before = words[i - 1]
        if before in _SUBJECT_DETERMINERS and i > 1:
            before = words[i - 2]
        if (before in _INVERTING and len(words[i]) > 3 and words[i] not in _SUBJECT_DETERMINERS
                and not shared.isdisjoint(content_words((words[i],)))
                and _said_with(call, turn, words[i], _base(words[i + 1]))):
            return True
    return False


def _base(verb: str) -> str:
    """ "goes" -> "go", "grows" -> "grow", "waited" -> "wait": a verb's form, roughly."""
    for ending in ("es", "s", "ed", "ing"):
        if verb.endswith(ending) and len(verb) - len(ending) >= 2:
            return verb[:-len(ending)]
    return verb


def _said_with(call: Call, turn: Sequence[int], subject: str, verb: str) -> bool:
    """Whether the customer's turn said ``subject`` (any form) followed by ``verb``."""
    stems = content_words((subject,))
    for index in turn:
        said = call.words[index]
        for j in range(len(said) - 1):
            if _base(said[j + 1]) == verb and content_words((said[j],)) == stems:
                return True
    return False


_INVERTING = frozenset("do does did is are was were has have had will would can could".split())


def _points_back(words: Sequence[str], shared: frozenset[str]) -> bool:
    """A shared word the question points back to: "those retailers", "that outage", "that
    two weeks" (one word may stand between)."""
    if _DEMONSTRATIVES.isdisjoint(words):
        return False
    return any((words[i - 1] in _DEMONSTRATIVES or (i > 1 and words[i - 2] in _DEMONSTRATIVES))
               and not shared.isdisjoint(content_words((word,)))
               for i, word in enumerate(words) if i)


# Words of a figure guessed aloud: "forty, fifty?", "three or four?", "maybe a dozen?";
# the hedges around it say nothing on their own.
_FIGURE_HEDGES = frozenset("or and a maybe about around like roughly".split())
_FIGURE_WORDS = _FIGURE_HEDGES | NUMBER_WORDS | frozenset("couple few percent k".split())


def _figure_guessed(words: Sequence[str]) -> bool:
    """Only a figure (or two to choose from), words or digits: "forty, fifty?"."""
    return not _FIGURE_HEDGES.issuperset(words) and all(
        w in _FIGURE_WORDS or w.rstrip("%k").replace(",", "").isdigit() for w in words)


def _guesses_the_answer(question: Sentence, after: Sentence, guesses: Lexicon) -> bool:
    """The seller's very next sentence supplies the answer: a guess, however short
    ("Probably three or four."; lexicon ``self_answers.txt``), or, after a question that
    asks for information, an answer offered for confirmation ("I'd guess it's the manual
    entry, right?", "So it's the handoff?") or a figure guessed aloud ("How many agents do
    you have? Forty, fifty?")."""
    if after.question.is_question:
        return question.question.kind in INFORMATION_TYPES and (
            after.question.kind == "confirmation" or _figure_guessed(after.words))
    words = after.words
    start = 0
    while start < len(words) - 1 and words[start] in FILLERS:
        start += 1
    return guesses.starts(words[start:]) is not None


# Asking leave to speak: "can I add something?", "may I jump in?", "can I ask you something?"
_LEAVE_ASKED = frozenset({"can", "could", "may", "mind"})
_LEAVE_VERBS = frozenset("add ask share say jump chime mention suggest interrupt offer "
                         "throw".split())
_LEAVE_REST = frozenset("something a one thing quick question you in here thought real "
                        "if i".split())


def _asks_leave(words: Sequence[str]) -> bool:
    """Whether a question only asks leave to speak ("Can I add something?", "Mind if I jump
    in here?") or to tell what follows ("Can I, can I share what we usually see after
    migrations?", "Can I show you how others do it?"): the speaker going on is the point,
    not an answer to their own question."""
    if not words or words[0] not in _LEAVE_ASKED:
        return False
    said = [w for i, w in enumerate(words) if w not in words[max(0, i - 2):i]]  # "can i, can i"
    rest = [w for w in said[1:] if w not in ("if", "i")]
    if rest and rest[0] in _OFFERING and said[1:2] == ["i"]:
        return True  # "can I share what we see…": the telling follows
    return (len(words) <= 7 and bool(rest) and rest[0] in _LEAVE_VERBS
            and _LEAVE_REST.issuperset(rest[1:]))


_OFFERING = frozenset({"share", "tell", "show", "suggest", "offer"})  # leave to tell


def _self_answered(call: Call) -> list[Sentence]:
    found: list[Sentence] = []
    # A run's self-answers depend on its utterances alone: the sellers' views share them
    # (a run one seller holds alone is the call's own).
    by_run: dict[tuple[int, ...], tuple[Sentence, ...]] = call.once(
        "questions.self_answered", dict)
    groups = call.language.sentences
    guesses = call.lexicon("self_answers")
    for run in call.seller_runs():
        known = by_run.get(run.utterances)
        if known is None:
            # One shared empty tuple for the many runs without one (no object kept per run)
            known = by_run[run.utterances] = (
                tuple(_self_answered_in(groups, run.utterances, guesses)) or _NO_SENTENCES)
        found.extend(known)
    return found


_NO_SENTENCES: tuple[Sentence, ...] = ()


def _self_answered_in(groups: Sequence[Sequence[Sentence]], indexes: tuple[int, ...],
                      guesses: Lexicon) -> list[Sentence]:
    """The self-answered questions of one run of the seller's utterances."""
    found: list[Sentence] = []
    sentences: Sequence[Sentence] = (groups[indexes[0]] if len(indexes) == 1
                                     else [s for i in indexes for s in groups[i]])
    if not any(sentence.question.is_question for sentence in sentences):
        return found  # most runs
    # From the end: the words of the statements that run from each sentence to the next
    # question, and the first statement at or after it (one pass, not one per question).
    count = len(sentences)
    run_words, next_statement = [0] * (count + 1), [count] * (count + 1)
    for position in range(count - 1, -1, -1):
        sentence = sentences[position]
        if sentence.question.is_question:
            next_statement[position] = next_statement[position + 1]
        else:
            run_words[position] = len(sentence.words) + run_words[position + 1]
            next_statement[position] = position
    for position, sentence in enumerate(sentences):
        if not sentence.question.is_question:
            continue
        # Stacked questions are no answer: the statements after them are. A question
        # that asks leave to go on ("Can I add something?") is answered by going on.
        if ((run_words[next_statement[position + 1]] >= SELF_ANSWER_WORDS
             or (position + 1 < count
                 and _guesses_the_answer(sentence, sentences[position + 1], guesses)))
                and not _asks_leave(sentence.words)):
            found.append(sentence)
    return found


@analyzer(
    "questions", version="10", requires=("seller",), behaviours=("B2", "B3", "B4"),
    produces=("seller_questions", "seller_questions_per_hour", "questions_by_type",
              "customer_questions", "follow_up_questions", "self_answered_questions"),
)
def questions(call: Call) -> Result:
    """How many questions, of which kinds, who asks, follow-ups and self-answers."""
    seller = call.questions(SELLER)
    customer = call.questions(CUSTOMER)
    by_type = dict.fromkeys(QUESTION_TYPES, 0)
    evidence_by_type: dict[str, list[Sentence]] = {t: [] for t in QUESTION_TYPES}
    for sentence in seller:
        kind = sentence.question.kind or "open"
        by_type[kind] += 1
        evidence_by_type[kind].append(sentence)
    duration = call.duration_s
    per_hour = len(seller) * 3600 / duration if duration else None  # no underflow to 0
    notes = [] if duration else ["seller_questions_per_hour: no timestamps, so no rate per hour"]
    follow_ups = follow_up_sentences(call)
    moved_on = moved_on_sentences(call, follow_ups)
    self_answered = _self_answered(call)
    still_open = call.once("questions.open", lambda: _open_questions(call, customer))
    opened = [s for s in customer if id(s) in still_open]
    answered = [s for s in customer if id(s) not in still_open] if len(opened) < 5 else []
    # Evidence for the type mix: up to two of each type, each labelled with its type, the
    # best first (exploratory, open, ...); coaching picks from either end.
    mix = [(s, kind) for kind in QUESTION_TYPES for s in evidence_by_type[kind][:2]]
    return Result(
        metrics={
            "seller_questions": len(seller),
            "seller_questions_per_hour": round(per_hour, 1) if per_hour is not None else None,
            "questions_by_type": by_type,
            "customer_questions": len(customer),
            "follow_up_questions": len(follow_ups),
            "self_answered_questions": len(self_answered),
        },
        evidence={
            "seller_questions": tuple(call.evidence_for(s) for s in seller[:8]),
            "seller_questions_per_hour": tuple(call.evidence_for(s) for s in seller[:3])
            if per_hour is not None else (),
            "questions_by_type": tuple(call.evidence_for(s, kind) for s, kind in mix),
            # The open ones first (the next-call plan lists them), each labelled.
            "customer_questions": tuple(
                [call.evidence_for(s, "open") for s in opened[:5]]
                + [call.evidence_for(s, "answered") for s in answered[:5 - len(opened[:5])]]),
            # The follow-ups, then questions that moved on from a long customer turn.
            "follow_up_questions": tuple(
                [call.evidence_for(s, "follow-up") for s, _ in follow_ups[:5]]
                + [call.evidence_for(s, "not a follow-up") for s in moved_on[:3]]),
            "self_answered_questions": tuple(call.evidence_for(s) for s in self_answered[:5]),
        },
        notes=tuple(notes),
    )
