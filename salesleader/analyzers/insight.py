"""B9 — shares insight beyond what is sold.

An insight statement is a seller sentence, not a question, with an insight cue
(lexicon ``insight.txt``: trends, benchmarks, data, what peers do) that does not name
the seller's own product (``pitch.names_own_product``: "our platform", a product term,
"our" + a feature phrase; a feature word alone, "pricing", is as often the customer's).
"""

from __future__ import annotations

from ..model import SELLER
from .base import Result, analyzer
from .context import Call
from .pitch import names_own_product, product_lexicon

__all__ = ["insight"]


@analyzer("insight", version="4", requires=("seller",), behaviours=("B9",),
          produces=("insight_statements",))
def insight(call: Call) -> Result:
    """Seller statements of industry insight, data or peer practice, not about the product."""
    product = product_lexicon(call)
    found = [
        s for s, cues in zip(call.sentences(SELLER), call.sentence_cues(SELLER), strict=True)
        if "insight" in cues and not s.question.is_question
        and not ("product" in cues and names_own_product(s.words, product))
    ]
    return Result({"insight_statements": len(found)},
                  {"insight_statements": tuple(call.evidence_for(s) for s in found[:5])})
