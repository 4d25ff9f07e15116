"""The Sales Leadership Index: five pillars, each explained by its parts.

Every part maps one metric to 0–1 with a written benchmark; a pillar is the mean of its
parts that the call can support (×100); the index is the weighted mean of the pillars
that have a score. Relationship reach (B12) is an account-level pillar: a single call
has no score for it and its weight is shared among the others (the report says so).

Benchmarks behind the mappings (published field studies of recorded sales calls):

- top performers talk about 40–50 % of the time on discovery calls; far more is
  "show up and throw up", far less is an interrogation;
- they ask roughly 11–14 questions in a discovery call (about 15 an hour);
- seller monologues over about 2 minutes (≈ 150 s; 375 words at 150 words a minute)
  go with lost deals, while long customer stories go with won ones;
- a pause of about a second before answering shows the seller is listening.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULT_WEIGHTS", "INDEX_VERSION", "PILLARS", "TALK_SHARE_IDEAL", "Part", "index_of",
           "score_parts"]

PILLARS = ("curiosity", "customer_control", "trusted_advisor", "shared_vision",
           "relationship_reach")
DEFAULT_WEIGHTS: dict[str, float] = {
    "curiosity": 0.25, "customer_control": 0.25, "trusted_advisor": 0.20,
    "shared_vision": 0.20, "relationship_reach": 0.10,
}
WORDS_PER_MINUTE = 150


@dataclass(frozen=True, slots=True)
class Part:
    """One explained ingredient of a pillar."""

    name: str
    pillar: str
    behaviour: str
    metric: str
    value: Any
    score: float | None
    benchmark: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "behaviour": self.behaviour, "metric": self.metric,
                "value": self.value,
                "score": None if self.score is None else round(self.score, 3),
                "benchmark": self.benchmark}


# What each question type is worth to question depth (B2): the questions nobody can answer
# from a brochure most, a leading question nothing.
QUESTION_WEIGHTS = {"exploratory": 1.0, "open": 0.8, "factual": 0.5, "confirmation": 0.5,
                    "closed": 0.3, "leading": 0.0}


# The index and its coaching are recomputed like an analyzer's output when they change
# (``"index"`` in a report's ``analyzers``; ingest and reanalyze compare it). History: 1
# up to 2026-11-22; 2 (2026-11-23): follow-ups unscored when the seller asked nothing,
# weaknesses worded by their number, quotable strengths first, no bank question twice,
# no index for a call in which no customer speaks, a single question is no rate.
# 3 (2026-11-23): each seller's own index and metrics on a call with several sellers.
# 4 (2026-11-24): shallow questions named by why (leading or closed).
# 5 (2026-11-24): the coaching topic keeps to one sentence and says names as written; no
# strength quotes only moments a weakness faults; a topic needs a word said twice; a
# strength is worded by its number ("at a good pace").
# 6 (2026-11-24, later): the coaching topic is no time counted back ("last year") and no
# pair ending in "last"/"next"; adverbs such as "mostly" are no content words; many
# questions that are mostly closed or leading are no strength; a noun then an irregular
# past ("sync broke") is no topic, nor "every year".
# 7 (2026-11-24, a new round): no verb that is seldom a noun, nor a word of order, is part
# of the coaching topic (``not_topics.txt``: "split shifts", not "handle split").
INDEX_VERSION = "7"
RATE_MIN_QUESTIONS = 2  # questions a rate needs before it can score 1 (one is no rate)
# Top performers talk 40-50 % of a discovery call; the band scores 1 from 30 %, below which
# the seller is too passive to lead (coaching then says so, not "talks more").
TALK_SHARE_IDEAL = (0.30, 0.50)


def ramp(value: float | None, low: float, high: float) -> float | None:
    """0 at ``low`` or below, 1 at ``high`` or above, linear between (reversed if low > high)."""
    if value is None:
        return None
    if low < high:
        return min(1.0, max(0.0, (value - low) / (high - low)))
    return min(1.0, max(0.0, (low - value) / (low - high)))


def band(value: float | None, zero_low: float, ideal_low: float, ideal_high: float,
         zero_high: float) -> float | None:
    """1 inside [ideal_low, ideal_high], falling linearly to 0 at the zero bounds."""
    if value is None:
        return None
    if value < ideal_low:
        return ramp(value, zero_low, ideal_low)
    if value > ideal_high:
        return ramp(value, zero_high, ideal_high)
    return 1.0


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _parts(m: Mapping[str, Any], ctx: Mapping[str, Any]) -> list[Part]:
    timed = ctx["duration_s"] is not None
    words = ctx["words_total"] or 0
    questions = m.get("seller_questions") or 0
    types: Mapping[str, int] = m.get("questions_by_type") or {}
    parts: list[Part] = []

    def add(name: str, pillar: str, behaviour: str, metric: str, value: Any,
            score: float | None, benchmark: str) -> None:
        parts.append(Part(name, pillar, behaviour, metric, value, score, benchmark))

    # Curiosity — B2, B3, B5. A rate from a single question says nothing (one question in
    # a two-minute snippet is "30 an hour"): under RATE_MIN_QUESTIONS the count caps it.
    count_cap = ramp(questions, 0, RATE_MIN_QUESTIONS) or 0.0
    if timed and m.get("seller_questions_per_hour") is not None:
        add("question_volume", "curiosity", "B2", "seller_questions", questions,
            min(ramp(m["seller_questions_per_hour"], 3, 15) or 0.0, count_cap),
            "about 15 seller questions an hour (11–14 in a discovery call) scores 1; "
            f"fewer than {RATE_MIN_QUESTIONS} questions cap it")
    else:
        per_thousand = questions / (words / 1000) if words else None
        rate = ramp(per_thousand, 0.4, 1.8)
        add("question_volume", "curiosity", "B2", "seller_questions", questions,
            None if rate is None else min(rate, count_cap),
            "no timestamps: about 1.8 seller questions per 1,000 words scores 1; "
            f"fewer than {RATE_MIN_QUESTIONS} questions cap it")
    quality = None
    if questions:
        quality = sum(w * types.get(k, 0) for k, w in QUESTION_WEIGHTS.items()) / questions
    add("question_depth", "curiosity", "B2", "questions_by_type", dict(types), quality,
        "exploratory questions score 1, open 0.8, factual and confirmation 0.5, closed 0.3, "
        "leading 0; the mean over the seller's questions")
    follow_share = _share(m.get("follow_up_questions") or 0, questions)
    add("follow_ups", "curiosity", "B3", "follow_up_questions", m.get("follow_up_questions"),
        ramp(follow_share, 0.0, 0.25) if questions else None,  # no question to build
        "a quarter or more of the seller's questions build on the customer's last turn")
    add("discovery", "curiosity", "B5", "discovery_areas_covered",
        m.get("discovery_areas_covered"), ramp(m.get("discovery_areas_covered"), 1, 6),
        "six or more of the nine discovery areas explored scores 1")

    # Customer in control — B1, B4, B6
    add("talk_share", "customer_control", "B1", "seller_talk_share", m.get("seller_talk_share"),
        band(m.get("seller_talk_share"), 0.10, *TALK_SHARE_IDEAL, 0.80),
        "seller talk share of 30–50 % scores 1, falling to 0 at 80 % (and at 10 %)")
    if timed:
        add("monologue", "customer_control", "B1", "longest_seller_monologue_s",
            m.get("longest_seller_monologue_s"), ramp(m.get("longest_seller_monologue_s"), 150, 60),
            "longest seller monologue of 60 s or less scores 1, 150 s or more scores 0")
        add("customer_story", "customer_control", "B1", "longest_customer_story_s",
            m.get("longest_customer_story_s"), ramp(m.get("longest_customer_story_s"), 10, 60),
            "a customer story of a minute or more scores 1")
    else:
        add("monologue", "customer_control", "B1", "longest_seller_monologue_words",
            m.get("longest_seller_monologue_words"),
            ramp(m.get("longest_seller_monologue_words"), 375, 150),
            "no timestamps: 150 words or less scores 1, 375 or more 0 (150 words a minute)")
        add("customer_story", "customer_control", "B1", "longest_customer_story_words",
            m.get("longest_customer_story_words"),
            ramp(m.get("longest_customer_story_words"), 25, 150),
            "no timestamps: a customer story of 150 words (a minute) or more scores 1")
    add("self_answered", "customer_control", "B4", "self_answered_questions",
        m.get("self_answered_questions"), ramp(m.get("self_answered_questions"), 3, 0),
        "no self-answered question scores 1, three or more score 0")
    add("patience", "customer_control", "B4", "patience_s", m.get("patience_s"),
        ramp(m.get("patience_s"), 0.2, 1.0),
        "a mean pause of a second before answering scores 1, 0.2 s or less scores 0")
    dumps = m.get("feature_dumps")
    pitch = None if dumps is None else (
        1.0 if dumps == 0 else 0.0 if m.get("premature_pitch") else 0.4)
    add("pitch_timing", "customer_control", "B6", "feature_dumps", dumps, pitch,
        "no feature dump scores 1; a dump after discovery 0.4; a premature pitch 0")

    # Trusted advisor — B7, B8, B9
    add("advice_requests", "trusted_advisor", "B7", "advice_requests", m.get("advice_requests"),
        ramp(m.get("advice_requests"), 0, 2),
        "two or more customer requests for the seller's advice score 1")
    add("insight", "trusted_advisor", "B9", "insight_statements", m.get("insight_statements"),
        ramp(m.get("insight_statements"), 0, 2),
        "two or more insight statements beyond the product score 1")
    empowering = m.get("empowering_statements")
    pressure = m.get("pressure_statements")
    stance = None
    if empowering is not None and pressure is not None:
        stance = min(1.0, max(0.0, 0.5 + 0.25 * empowering - 0.35 * pressure))
    add("empowerment", "trusted_advisor", "B8", "pressure_statements" if pressure else
        "empowering_statements", {"empowering": empowering, "pressure": pressure}, stance,
        "starts at 0.5; +0.25 per empowering statement, −0.35 per pressure statement")

    # Shared vision — B10, B11
    grounded = m.get("grounded_vision_statements")
    ungrounded = m.get("ungrounded_vision_statements") or 0
    vision = None
    if grounded is not None:
        vision = 0.0 if grounded == 0 else (
            (ramp(grounded, 0, 2) or 0.0) * grounded / (grounded + ungrounded))
    add("grounded_vision", "shared_vision", "B10", "ungrounded_vision_statements"
        if ungrounded and not grounded else "grounded_vision_statements",  # what to quote
        {"grounded": grounded, "ungrounded": ungrounded}, vision,
        "two grounded vision statements score 1, scaled by the grounded share")
    add("reasoning", "shared_vision", "B10", "reasoning_statements",
        m.get("reasoning_statements"), ramp(m.get("reasoning_statements"), 0, 2),
        "two or more statements that show the reasoning score 1")
    add("concerns", "shared_vision", "B10", "acknowledged_concerns",
        m.get("acknowledged_concerns"), ramp(m.get("acknowledged_concerns"), 0, 1),
        "naming the customer's concern at least once scores 1")
    add("reflective_listening", "shared_vision", "B11", "reflective_statements",
        m.get("reflective_statements"), ramp(m.get("reflective_statements"), 0, 2),
        "two or more reflective statements score 1")
    add("customer_focus", "shared_vision", "B11", "customer_focus_ratio",
        m.get("customer_focus_ratio"), ramp(m.get("customer_focus_ratio"), 0.3, 0.6),
        "you-words at 60 % or more of you + I/we words score 1, 30 % or less 0")
    return parts


def score_parts(metrics: Mapping[str, Any], *, duration_s: float | None,
                words_total: int) -> list[Part]:
    """All index parts for one call's metrics."""
    return _parts(metrics, {"duration_s": duration_s, "words_total": words_total})


def index_of(
    parts: list[Part],
    weights: Mapping[str, float] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """The index object of the call report, and notes on what it could not use."""
    configured = {**DEFAULT_WEIGHTS, **(weights or {})}
    pillars: dict[str, float | None] = {}
    for pillar in PILLARS:
        scores = [p.score for p in parts if p.pillar == pillar and p.score is not None]
        pillars[pillar] = round(100 * sum(scores) / len(scores), 1) if scores else None
    notes = []
    if pillars["relationship_reach"] is None:
        notes.append("relationship_reach: an account-level pillar (B12); a single call's "
                     "index uses the other four pillars, re-weighted")
    usable = {p: w for p, w in configured.items() if pillars.get(p) is not None and w > 0}
    total = sum(usable.values())
    effective = {p: round(usable.get(p, 0.0) / total, 4) if total else 0.0 for p in PILLARS}
    score = (sum(pillars[p] * effective[p] for p in usable)  # type: ignore[operator]
             if total else None)
    return {
        "score": round(score, 1) if score is not None else None,
        "pillars": pillars,
        "weights": effective,
        "configured_weights": {p: configured[p] for p in PILLARS},
        "parts": {pillar: [p.to_dict() for p in parts if p.pillar == pillar]
                  for pillar in PILLARS},
    }, notes
