"""B4 — leaves space: patience before answering, customers talking to each other.

- patience is the mean gap in seconds between the end of a customer utterance and the
  start of the next utterance when that one is the seller's; negative gaps count as 0;
  null when no utterance leaves any gap before the next (start times only);
- a customer-to-customer turn is a customer utterance (not a backchannel) that directly
  follows a different customer's utterance: the customers are talking to each other.
"""

from __future__ import annotations

from itertools import pairwise

from ..model import CUSTOMER, SELLER
from .base import Result, analyzer
from .context import Call

__all__ = ["customer_to_customer", "patience"]


PATIENT_S = 1.0  # a mean pause this long before answering is patient (the index's benchmark)
# Start times alone (plain-text stamps: each utterance is taken to last until the next
# one starts) or captions cut back to back hold no pause at all: a mean of 0 s would be
# made up, so the metric is null.
NO_PAUSES_NOTE = ("patience_s: not computed, every utterance ends exactly where the next "
                  "begins (start times only), so no pause can be measured")


def _answers(call: Call) -> list[tuple[float, int]] | None:
    """Each time the selling side speaks right after a customer: the pause before it and
    the utterance (None when no utterance leaves any pause before the next)."""
    utterances, sides = call.utterances, call.sides
    if all(u.start == before.end for before, u in pairwise(utterances)):
        return None
    return [
        (max(0.0, utterances[index].start - utterances[index - 1].end), index)  # type: ignore[operator]
        for index in range(1, len(utterances))
        if sides[index - 1] == CUSTOMER and sides[index] != CUSTOMER
    ]


@analyzer("patience", version="3", requires=("seller", "customer", "timestamps"),
          behaviours=("B4",), produces=("patience_s",))
def patience(call: Call) -> Result:
    """Mean pause before the seller speaks after a customer finishes."""
    answers = call.once("patience.answers", lambda: _answers(call))
    if answers is None:
        return Result({"patience_s": None}, {}, (NO_PAUSES_NOTE,))
    sides = call.sides
    gaps = [(gap, index) for gap, index in answers if sides[index] == SELLER]
    if not gaps:
        return Result({"patience_s": None}, {}, ("patience_s: the seller never speaks right "
                                                 "after a customer",))
    mean = sum(g for g, _ in gaps) / len(gaps)
    # Evidence: the three quickest answers and the three after the longest pauses, labelled,
    # so coaching can quote either; the quickest first unless the mean reaches a second.
    ordered = sorted(gaps)
    split = min(3, (len(ordered) + 1) // 2)  # no answer in both lists
    quickest = [call.evidence(i, label="quickest") for _, i in ordered[:split]]
    longest = [call.evidence(i, label="longest pause")
               for _, i in ordered[max(split, len(ordered) - 3):][::-1]]
    return Result(
        {"patience_s": round(mean, 2)},
        {"patience_s": tuple(quickest + longest if mean < PATIENT_S else longest + quickest)},
    )


@analyzer("customer_to_customer", version="3", requires=("customer",), behaviours=("B4",),
          produces=("customer_to_customer_turns",))
def customer_to_customer(call: Call) -> Result:
    """Customer turns that answer another customer rather than the seller."""
    sides, utterances, backchannel = call.sides, call.utterances, call.backchannel
    found = [
        index for index in range(1, len(utterances))
        if sides[index] == CUSTOMER and sides[index - 1] == CUSTOMER
        and utterances[index].speaker != utterances[index - 1].speaker
        and not backchannel[index]
    ]
    return Result(
        {"customer_to_customer_turns": len(found)},
        {"customer_to_customer_turns": tuple(call.evidence(i) for i in found[:5])},
    )
