"""B7 — the customer turns to the seller for answers beyond the product.

An advice request is a customer question (as parsed by the language layer) that asks
the seller's opinion, recommendation or what peers do (lexicon ``advice.txt``), about
anything but the product itself (``pitch.asks_about_the_product``: "which tier would you
recommend?", "how do others use your dashboard?"). In one seller's view of a call
(``Call.for_seller``) a request counts for the seller who speaks next on the selling side.
"""

from __future__ import annotations

from ..model import CUSTOMER
from .base import Result, analyzer
from .context import Call
from .pitch import asks_about_the_product, product_lexicon

__all__ = ["advice_requests"]


@analyzer("advice", version="7", requires=("seller", "customer"), behaviours=("B7",),
          produces=("advice_requests",))
def advice_requests(call: Call) -> Result:
    """Customer questions asking the seller's opinion, recommendation or what peers do."""
    product = product_lexicon(call)
    found = [q for q in call.questions(CUSTOMER) if "advice" in call.cues(q.words)
             and not asks_about_the_product(q.words, product)
             and not call.next_seller_is_colleague(q.utterance)]
    return Result({"advice_requests": len(found)},
                  {"advice_requests": tuple(call.evidence_for(s) for s in found[:5])})
