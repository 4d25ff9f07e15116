"""B7 — the customer turns to the seller for answers beyond the product.

An advice request is a customer question (as parsed by the language layer) that asks
the seller's opinion, recommendation or what peers do (lexicon ``advice.txt``).
"""

from __future__ import annotations

from ..model import CUSTOMER
from .base import Result, analyzer
from .context import Call

__all__ = ["advice_requests"]


@analyzer("advice", version="2", requires=("seller", "customer"), behaviours=("B7",),
          produces=("advice_requests",))
def advice_requests(call: Call) -> Result:
    """Customer questions asking the seller's opinion, recommendation or what peers do."""
    found = [s for s in call.questions(CUSTOMER) if "advice" in call.cues(s.words)]
    return Result({"advice_requests": len(found)},
                  {"advice_requests": tuple(call.evidence_for(s) for s in found[:5])})
