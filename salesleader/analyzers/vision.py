"""B10 — a shared vision built from the customer's present, with the reasoning shown.

- a vision statement is a seller sentence with future framing (lexicon ``vision.txt
  [vision]``), not "imagine" said in sympathy or as a guess ("I can imagine…", section
  ``not_vision``); it is grounded when it reuses at least ``GROUND_WORDS`` content words
  of what the customer said earlier in the call, or it (or the sentence before it in the
  same turn) refers to the customer's words ("based on what you told me…"); otherwise
  ungrounded; a sentence that only reports the customer's words ("Last time you said the
  board wants a plan by March.", ``listening.txt [reported]``) is theirs, no vision of the
  seller's ("Based on what you told me, picture…" builds on them). A question counts
  only when grounded and when it paints the scene it asks about (opens with "if", or
  says "imagine", "picture", "suppose"): "If you imagine next winter, with notes coming
  in from the basement the same hour the job closes, what changes for your office?"
  builds the picture with the customer from their own words (the coaching's question
  bank suggests exactly that); "What would success look like by January?" asks for their
  picture (a question, counted as one), and "Imagine a world without spreadsheets, what
  would you do?" pitches nothing of theirs;
- a reasoning statement is a seller sentence that shows its reasoning ("because…",
  "which means…"), unless it argues for pressure ("you need to move because prices go up")
  or its "since" tells the time ("a year since you rolled it out", ``[not_reasoning]``);
- an acknowledged concern is a seller sentence that names the customer's concern or
  fear ("that's a fair concern"), or a softer acknowledgement ("that makes sense")
  right after a customer turn that voiced one or answered a question about one.
"""

from __future__ import annotations

from ..language.document import HYPOTHESIS_OPENERS, Sentence, content_words
from ..language.lexicons import Lexicon
from ..language.question_forms import FILLERS
from ..model import CUSTOMER, SELLER
from .base import Result, analyzer
from .context import Call
from .stance import pressing

__all__ = ["GROUND_WORDS", "vision"]

GROUND_WORDS = 2


def _vision_statements(call: Call) -> tuple[list[Sentence], list[Sentence]]:
    grounded, ungrounded = call.once("vision.statements", lambda: _vision_ids(call))
    sentences = call.sentences(SELLER)
    return ([s for s in sentences if id(s) in grounded],
            [s for s in sentences if id(s) in ungrounded])


def _vision_ids(call: Call) -> tuple[set[int], set[int]]:
    """The selling side's grounded and ungrounded vision statements (``id`` of each)."""
    grounded: set[int] = set()
    ungrounded: set[int] = set()
    heard: set[str] = set()  # the customer's content words so far, gathered when needed
    customer_turns = call.customer_indexes()
    said = gathered = 0  # customer utterances before the sentence; those in ``heard``
    previous: Sentence | None = None  # the seller's sentence before, in the same turn
    reported = call.lexicon("listening")  # [reported]: the customer's words said back
    for sentence, cues in zip(*call.selling_side(), strict=True):
        before = said
        while said < len(customer_turns) and customer_turns[said] < sentence.utterance:
            said += 1
        if said != before:
            previous = None  # the customer spoke in between
        if ("vision.vision" in cues and "vision.not_vision" not in cues
                and not _reports(sentence.words, reported)):
            # (not "Last time you said the board wants a plan by March.": their words)
            for turn in customer_turns[gathered:said]:
                heard |= call.language.content[turn]
            gathered = said
            reused = content_words(sentence.words) & heard
            referred = "vision.grounding" in cues or (
                previous is not None and "vision.grounding" in call.cues(previous.words))
            question = sentence.question.is_question
            if (len(reused) >= GROUND_WORDS or referred) and (
                    not question or _sets_a_scene(sentence.words)):
                grounded.add(id(sentence))
            elif not question:
                ungrounded.add(id(sentence))
        previous = sentence
    return grounded, ungrounded


_REPORT_OPENS = 2  # "You said…", "Last time you said…": the report opens the sentence


def _reports(words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Whether the sentence reports the customer's words ("Last time you said the board
    wants a plan by March."), not builds on them ("As you said, by March…", "Based on what
    you told me, picture…")."""
    said = lexicon.first(words[:_REPORT_OPENS + 3], ("reported",))
    return said is not None and said.start <= _REPORT_OPENS and (
        said.start == 0 or words[said.start - 1] not in ("as", "like", "what"))


# A question paints the picture it asks about when it opens on the scene ("If you imagine
# next winter…", "Picture your dispatch desk in March: …") or names it ("here's a picture
# to test"); "What would success look like by January?" asks for the customer's picture.
_SCENE_WORDS = HYPOTHESIS_OPENERS | {"envision"}


def _sets_a_scene(words: tuple[str, ...]) -> bool:
    first = next((w for w in words if w not in FILLERS), "")
    return first == "if" or not _SCENE_WORDS.isdisjoint(words)


def _acknowledged(call: Call) -> list[Sentence]:
    return [sentence for sentence, cues in zip(call.sentences(SELLER),
                                               call.sentence_cues(SELLER), strict=True)
            if "vision.acknowledge_strong" in cues
            or ("vision.acknowledge" in cues and _concern_voiced(call, sentence.utterance))]


_CONCERN = ("concern_words",)


def _concern_voiced(call: Call, index: int) -> bool:
    """Whether the customer's latest utterance before ``index`` voiced a concern ("we're
    worried about the rollout"), or answered a question about one ("What would make you
    hesitant?" - "Timing. We can't change anything during close.")."""
    sides = call.sides
    latest = next((i for i in range(index - 1, -1, -1) if sides[i] == CUSTOMER), None)
    if latest is None:
        return False
    concern = call.lexicon("vision")  # [concern_words] is looked up here only: rare
    if concern.first(call.language.words[latest], _CONCERN) is not None:
        return True
    position = latest - 1  # the turn the customer answered: whoever on the selling side
    while position >= 0 and (sides[position] != CUSTOMER or call.backchannel[position]):
        if sides[position] != CUSTOMER and any(
                s.question.is_question and concern.first(s.words, _CONCERN) is not None
                for s in call.language.sentences[position]):
            return True
        position -= 1
    return False


@analyzer("vision", version="7", requires=("seller",), behaviours=("B10",),
          produces=("grounded_vision_statements", "ungrounded_vision_statements",
                    "reasoning_statements", "acknowledged_concerns"))
def vision(call: Call) -> Result:
    """Vision statements grounded in the customer's words, reasoning shown, concerns named."""
    grounded, ungrounded = _vision_statements(call)
    reasoning = [s for s, cues in zip(call.sentences(SELLER), call.sentence_cues(SELLER),
                                      strict=True)
                 if "vision.reasoning" in cues and not pressing(cues)
                 and "vision.not_reasoning" not in cues]  # "a year since you…": the time
    acknowledged = _acknowledged(call)
    return Result(
        {
            "grounded_vision_statements": len(grounded),
            "ungrounded_vision_statements": len(ungrounded),
            "reasoning_statements": len(reasoning),
            "acknowledged_concerns": len(acknowledged),
        },
        {
            "grounded_vision_statements": tuple(call.evidence_for(s) for s in grounded[:5]),
            "ungrounded_vision_statements": tuple(call.evidence_for(s) for s in ungrounded[:5]),
            "reasoning_statements": tuple(call.evidence_for(s) for s in reasoning[:5]),
            "acknowledged_concerns": tuple(call.evidence_for(s) for s in acknowledged[:5]),
        },
    )
