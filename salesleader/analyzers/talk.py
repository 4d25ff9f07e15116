"""B1 — the customer controls the conversation: talk share, monologues, interactivity.

Definitions (SPEC.md, "Definitions that tests rely on"):

- talk time of an utterance is end − start; one side's overlapping speech counts once;
  without timestamps talk is measured in words and every ``*_s`` metric is null;
- a monologue (seller) or story (customer) is a run of one side's speech that the
  other side does not interrupt; the other side's backchannels ("mm-hm", "right",
  at most 3 words) do not interrupt it; its length in seconds is from the start of its
  first utterance to the end of its last;
- interactivity is the number of changes of side (backchannels do not count) per
  minute of call;
- in one seller's view (``Call.for_seller``) the talk share is that seller's part of all
  the talk (the sellers' shares add up to the side's), and their monologues are their
  own turns; the customer's stories and the side switches stay the call's.
"""

from __future__ import annotations

from collections.abc import Iterable
from heapq import nlargest
from operator import attrgetter

from ..model import CUSTOMER
from .base import Evidence, Result, analyzer
from .context import Call, Run

__all__ = ["talk", "talk_seconds", "utterance_seconds"]

NO_TIMESTAMPS = "no timestamps: talk measured in words; time-based (_s, per-minute) metrics are null"


def talk_seconds(intervals: Iterable[tuple[float, float]]) -> float:
    """Length of the union of intervals: overlapping speech counts once."""
    total = 0.0
    current_start: float | None = None
    current_end = 0.0
    for start, end in sorted(intervals):
        if current_start is None or start > current_end:
            if current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None:
        total += current_end - current_start
    return total


def utterance_seconds(call: Call, indexes: Iterable[int]) -> float:
    """Talk time of the utterances at ``indexes`` (a side's, a speaker's), overlaps once;
    the call must have timestamps."""
    utterances = call.utterances
    return talk_seconds([(utterances[i].start, utterances[i].end)  # type: ignore[misc]
                         for i in indexes])


_WORDS = attrgetter("words")


def _longest(runs: list[Run]) -> Run | None:
    """The first run with the most seconds (``Run.seconds``); untimed runs are left out."""
    best: Run | None = None
    best_value = -1.0
    for run in runs:  # Run.seconds, inline: hundreds of runs a call
        start, end = run.start, run.end
        if start is not None and end is not None:
            value = end - start if end - start > 0.0 else 0.0
            if value > best_value:
                best, best_value = run, value
    return best


def _run_evidence(call: Call, run: Run | None) -> tuple[Evidence, ...]:
    if run is None:
        return ()
    first = run.utterances[0]
    text = " ".join(call.utterances[i].text for i in run.utterances)
    return (call.evidence(first, text),)


def _customer_talk(call: Call) -> tuple[int, float]:
    """The customer side's words and (with timestamps) seconds of talk."""
    indexes = call.customer_indexes()
    words = sum(map(len, map(call.words.__getitem__, indexes)))
    return words, utterance_seconds(call, indexes) if call.has_timestamps else 0.0


def _shape(call: Call) -> tuple[Run | None, Run | None, int, list[int]]:
    """The call's longest customer story (in seconds, in words), its side switches and
    where they happen: the call's, with all sellers one side (``Call.call_runs``)."""
    runs = call.call_runs()
    customer_runs = [r for r in runs if r.side == CUSTOMER]
    story_s = _longest(customer_runs) if call.has_timestamps else None
    story_w = max(customer_runs, key=_WORDS, default=None)
    return story_s, story_w, max(0, len(runs) - 1), [r.utterances[0] for r in runs[1:]]


@analyzer(
    "talk", version="4", requires=("seller", "customer"), behaviours=("B1",),
    produces=(
        "seller_talk_share", "longest_seller_monologue_s", "longest_seller_monologue_words",
        "longest_customer_story_s", "longest_customer_story_words", "interactivity_per_min",
        "seller_words_per_min", "side_switches",
    ),
)
def talk(call: Call) -> Result:
    """Who holds the floor: talk share, longest monologue and story, side switches."""
    timed = call.has_timestamps
    notes: list[str] = []
    words = call.words
    # In one seller's view the other sellers' talk is neither side's but still the call's:
    # the share is this seller's part of all the talk.
    colleague = call.colleague_indexes()
    customer_words, customer_s = call.once("talk.customer", lambda: _customer_talk(call))
    seller_words = sum(map(len, map(words.__getitem__, call.seller_indexes())))
    others_words = customer_words
    if colleague:
        others_words += sum(map(len, map(words.__getitem__, colleague)))
    if timed:
        seller_s = utterance_seconds(call, call.seller_indexes())
        others_s = customer_s + (utterance_seconds(call, colleague) if colleague else 0.0)
        share = seller_s / (seller_s + others_s) if seller_s + others_s else None
    else:
        notes.append(NO_TIMESTAMPS)
        seller_s = 0.0
        total = seller_words + others_words
        share = seller_words / total if total else None

    seller_runs = call.seller_runs()
    mono_s = _longest(seller_runs) if timed else None
    mono_w = max(seller_runs, key=_WORDS, default=None)
    story_s, story_w, switches, switch_points = call.once("talk.shape",
                                                          lambda: _shape(call))
    duration = call.duration_s
    # Multiplied first: dividing by a tiny duration / 60 underflows to 0 (found by hypothesis).
    interactivity = switches * 60 / duration if timed and duration else None
    wpm = seller_words * 60 / seller_s if timed and seller_s else None

    # The three longest seller utterances, earliest first among equals (nlargest is stable).
    seller_by_length = nlargest(3, call.seller_indexes(), key=lambda i: len(words[i]))
    step = max(1, len(switch_points) // 5)
    fastest: list[int] = []
    if timed:
        utterances = call.utterances
        # The fastest utterance of five words or more (a "Yes." in half a second is no
        # pace); of any length when the seller never said five words at once.
        rated = [(len(words[i]) / (utterances[i].duration or 1e9), len(words[i]) >= 5, i)
                 for i in call.seller_indexes() if words[i]]
        fastest = [max(rated, key=lambda r: (r[1], r[0], r[2]))[2]] if rated else []

    return Result(
        metrics={
            "seller_talk_share": round(share, 4) if share is not None else None,
            "longest_seller_monologue_s": round(mono_s.seconds, 1) if mono_s else None,
            "longest_seller_monologue_words": mono_w.words if mono_w else 0,
            "longest_customer_story_s": round(story_s.seconds, 1) if story_s else None,
            "longest_customer_story_words": story_w.words if story_w else 0,
            "interactivity_per_min": round(interactivity, 2) if interactivity is not None
            else None,
            "seller_words_per_min": round(wpm, 1) if wpm is not None else None,
            "side_switches": switches,
        },
        evidence={
            "seller_talk_share": tuple(call.evidence(i) for i in seller_by_length),
            "longest_seller_monologue_s": _run_evidence(call, mono_s),
            "longest_seller_monologue_words": _run_evidence(call, mono_w),
            "longest_customer_story_s": _run_evidence(call, story_s),
            "longest_customer_story_words": _run_evidence(call, story_w),
            "interactivity_per_min": tuple(call.evidence(i) for i in switch_points[::step][:5])
            if timed else (),
            "side_switches": tuple(call.evidence(i) for i in switch_points[::step][:5]),
            "seller_words_per_min": tuple(call.evidence(i) for i in fastest),
        },
        notes=tuple(notes),
    )
