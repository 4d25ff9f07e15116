"""B9 — shares insight beyond what is sold.

An insight statement is a seller sentence, not a question, with an insight cue
(lexicon ``insight.txt``: trends, benchmarks, data, what peers do) that does not talk
about the seller's own product (no phrase from ``features.txt`` or the product terms).
"""

from __future__ import annotations

from ..model import SELLER
from .base import Result, analyzer
from .context import Call

__all__ = ["insight"]


@analyzer("insight", version="2", requires=("seller",), behaviours=("B9",),
          produces=("insight_statements",))
def insight(call: Call) -> Result:
    """Seller statements of industry insight, data or peer practice, not about the product."""
    found = [
        s for s, cues in zip(call.sentences(SELLER), call.sentence_cues(SELLER), strict=True)
        if "insight" in cues and "product" not in cues and not s.question.is_question
    ]
    return Result({"insight_statements": len(found)},
                  {"insight_statements": tuple(call.evidence_for(s) for s in found[:5])})
