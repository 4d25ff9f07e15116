"""B5 — discovery of the customer's world, over nine areas (lexicon ``discovery.txt``).

``discovery_coverage[area]`` counts the seller's questions in the area. An area is
covered when the seller asked at least one question in it, or the customer talked about
it in at least ``CUSTOMER_SENTENCES_TO_COVER`` sentences without being asked.
"""

from __future__ import annotations

from ..language.document import Sentence
from ..model import CUSTOMER, SELLER
from .base import Result, analyzer
from .context import Call

__all__ = ["AREAS", "AREA_LABELS", "CUSTOMER_SENTENCES_TO_COVER", "discovery", "question_areas"]

AREAS = ("situation", "drivers", "initiatives", "success_criteria", "constraints", "risk",
         "customers_customer", "aspirations_fears", "decision_process")
# How reports name the areas (SPEC.md B5); the JSON keeps the keys above.
AREA_LABELS = {"situation": "situation & perspective", "drivers": "business drivers",
               "initiatives": "initiatives", "success_criteria": "success criteria",
               "constraints": "constraints", "risk": "risk",
               "customers_customer": "the customer's customer",
               "aspirations_fears": "aspirations & fears",
               "decision_process": "decision process & people"}
CUSTOMER_SENTENCES_TO_COVER = 2
_LABELS = tuple((area, f"discovery.{area}") for area in AREAS)


def question_areas(call: Call, words: tuple[str, ...]) -> list[str]:
    found = call.cues(words)
    if "discovery" not in found:  # most sentences: no area to look for
        return []
    return _areas(found)


def _areas(cues: frozenset[str]) -> list[str]:
    return [area for area, label in _LABELS if label in cues]


def _customer_areas(call: Call) -> tuple[dict[str, int], dict[str, Sentence]]:
    """How many customer sentences talk about each area, and the first of each."""
    mentioned = dict.fromkeys(AREAS, 0)
    first_told: dict[str, Sentence] = {}
    for sentence, cues in zip(call.sentences(CUSTOMER), call.sentence_cues(CUSTOMER),
                              strict=True):
        if "discovery" not in cues:  # most sentences: no area to look for
            continue
        for area in _areas(cues):
            mentioned[area] += 1
            first_told.setdefault(area, sentence)
    return mentioned, first_told


@analyzer("discovery", version="4", requires=("seller",), behaviours=("B5",),
          produces=("discovery_coverage", "discovery_areas_covered", "discovery_customer_mentions"))
def discovery(call: Call) -> Result:
    """Which of the nine discovery areas the seller asked about or the customer opened up."""
    asked = dict.fromkeys(AREAS, 0)
    first_asked: dict[str, Sentence] = {}  # the moment to quote: the first of each area
    for question in call.questions(SELLER):
        for area in question_areas(call, question.words):
            asked[area] += 1
            first_asked.setdefault(area, question)
    mentioned, first_told = call.once("discovery.customer", lambda: _customer_areas(call))
    covered = [a for a in AREAS if asked[a] or mentioned[a] >= CUSTOMER_SENTENCES_TO_COVER]
    # Each quote is labelled with its area; an area the customer opened up unasked is
    # quoted from the customer (it counts toward the coverage as much as a question).
    return Result(
        metrics={
            "discovery_coverage": asked,
            "discovery_areas_covered": len(covered),
            "discovery_customer_mentions": mentioned,
        },
        evidence={
            "discovery_coverage": tuple(call.evidence_for(first_asked[a], a)
                                        for a in AREAS if a in first_asked),
            "discovery_areas_covered": tuple(
                call.evidence_for(first_asked[a] if a in first_asked else first_told[a], a)
                for a in covered),
            "discovery_customer_mentions": tuple(call.evidence_for(first_told[a], a)
                                                 for a in AREAS if a in first_told),
        },
    )
