"""The per-call pipeline: load → assign sides → run analyzers → index → coaching.

``analyze_conversation`` is a pure function of its inputs (no files, no clock); it is
what every engine (in-process, process pool, Spark) runs per call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .analyzers import Call, registered
from .analyzers.base import REQUIREMENTS, AnalyzerSpec, Evidence, MetricValue
from .analyzers.talk import utterance_seconds
from .coaching import as_written, coach, customer_topic, with_determiner
from .config import Config
from .importers import IMPORTERS_VERSION, load
from .language import LANGUAGE_VERSION
from .language.document import stopwords
from .model import CUSTOMER, SELLER, Conversation
from .report import CallReport, ParticipantStats
from .roles import ROLES_VERSION, assign_sellers
from .scoring import INDEX_VERSION, index_of, score_parts

__all__ = ["analyze", "analyze_conversation", "analyzer_versions", "run_analyzers"]


def analyzer_versions(analyzers: Sequence[AnalyzerSpec] | None = None) -> dict[str, str]:
    """What a report records as ``analyzers``: the importers' version, the language
    layer's, the index's (scoring and coaching), the seller inference's (``roles``) and
    each analyzer's (all registered ones unless given); a stored call recorded with others
    is recomputed."""
    specs = analyzers if analyzers is not None else registered()
    return {"importers": IMPORTERS_VERSION, "language": LANGUAGE_VERSION, "index": INDEX_VERSION,
            "roles": ROLES_VERSION, **{spec.name: spec.version for spec in specs}}


def run_analyzers(
    call: Call, analyzers: Sequence[AnalyzerSpec] | None = None
) -> tuple[dict[str, MetricValue], dict[str, tuple[Evidence, ...]], list[str], dict[str, str]]:
    """Run analyzers whose requirements the call meets; the others yield nulls and a note."""
    metrics: dict[str, MetricValue] = {}
    evidence: dict[str, tuple[Evidence, ...]] = {}
    notes: list[str] = []
    specs = analyzers if analyzers is not None else registered()
    versions = analyzer_versions(specs)
    available = call.available()
    for spec in specs:
        missing = sorted(spec.requires - available)
        if missing:
            needs = "; ".join(REQUIREMENTS[m] for m in missing)
            notes.append(f"{', '.join(spec.produces)}: not computed, needs {needs}")
            for name in spec.produces:
                metrics[name] = None
                evidence[name] = ()
            continue
        result = spec(call)
        for name in spec.produces:
            metrics[name] = result.metrics.get(name)
            evidence[name] = tuple(result.evidence.get(name, ()))
        notes.extend(result.notes)
    return metrics, evidence, notes, versions


def _questions_to(call: Call) -> dict[str, int]:
    """Seller questions each customer was asked: named in the question, or the next to speak
    when the question ends the seller's turn."""
    from .language.text import words_of

    asked: dict[str, int] = {}
    customers = [p.name for p in call.conversation.participants if p.side == "customer"]
    first_names = {name: (words_of(name)[:1] or [""])[0] for name in customers}
    for question in call.questions("seller"):
        named = [n for n, first in first_names.items() if first and first in question.words]
        if named:
            for name in named:
                asked[name] = asked.get(name, 0) + 1
            continue
        last_of_turn = call.language.sentences[question.utterance][-1] is question
        following = question.utterance + 1
        if last_of_turn and following < len(call.utterances) and \
                call.sides[following] == "customer":
            speaker = call.utterances[following].speaker
            asked[speaker] = asked.get(speaker, 0) + 1
    return asked


# Metrics of the call as a whole (the customer's side, the conversation's shape), not of
# any one seller; every other metric is computed for each seller as well.
CALL_METRICS = frozenset({
    "longest_customer_story_s", "longest_customer_story_words", "interactivity_per_min",
    "side_switches", "customer_questions", "customer_to_customer_turns", "people_mentioned",
    "discovery_customer_mentions",
})

Analysed = tuple[dict[str, MetricValue], dict[str, tuple[Evidence, ...]], list[str]]


def _each_seller(call: Call) -> dict[str, Analysed]:
    """Each seller's own metrics, evidence and notes on a call with several: the analyzers
    run on the call seen as that seller's (``Call.for_seller``). None with one seller:
    that view is the call itself, whose figures are theirs (not repeated)."""
    names = [p.name for p in call.conversation.participants if p.side == SELLER]
    if len(names) < 2:
        return {}
    # Analyzers of the call alone (customer_to_customer) are not run again.
    specs = [spec for spec in registered() if not set(spec.produces) <= CALL_METRICS]
    runs = {name: run_analyzers(call.for_seller(name), specs)[:3] for name in names}
    return {name: ({k: v for k, v in metrics.items() if k not in CALL_METRICS},
                   {k: v for k, v in evidence.items() if k not in CALL_METRICS}, notes)
            for name, (metrics, evidence, notes) in runs.items()}


def _participant_stats(call: Call, own: dict[str, Analysed]) -> tuple[ParticipantStats, ...]:
    stats = []
    asked = _questions_to(call)
    speakers = call.speakers
    by_speaker: dict[str, list[int]] = {name: [] for name in speakers}
    for i, speaker in enumerate(speakers):
        by_speaker[speaker].append(i)
    # Every question is a seller's or a customer's (the lists are the analyzers').
    asking = Counter(speakers[q.utterance]
                     for side in (SELLER, CUSTOMER) for q in call.questions(side))
    for participant in call.conversation.participants:
        indexes = by_speaker.get(participant.name, [])
        words = sum(map(len, map(call.words.__getitem__, indexes)))
        talk_s = None
        if call.has_timestamps:
            talk_s = round(utterance_seconds(call, indexes), 1)
        questions = asking[participant.name]
        metrics, evidence, notes = own.get(participant.name, (None, None, []))
        stats.append(ParticipantStats(participant.name, participant.side or "customer", words,
                                      talk_s, participant.email, participant.title,
                                      asked.get(participant.name, 0), questions,
                                      metrics, evidence, tuple(dict.fromkeys(notes))))
    return tuple(stats)


def analyze_conversation(
    conversation: Conversation, config: Config | None = None, sellers: Sequence[str] = ()
) -> CallReport:
    """Analyse one conversation into a ``CallReport``."""
    config = config or Config()
    if conversation.seller is None or sellers:
        conversation = assign_sellers(conversation, config, sellers)
    call = Call(conversation, config)
    metrics, evidence, notes, versions = run_analyzers(call)
    own = _each_seller(call)
    seller = conversation.seller
    head_notes = list(conversation.notes)
    if seller is not None and seller.how == "inferred":
        head_notes.append(
            f"seller inferred ({', '.join(seller.names)}): pass --seller NAME or list the "
            "team in salesleader.toml to be sure"
        )
    if not call.language.punctuated and any(u.text.strip() for u in conversation.utterances):
        head_notes.append(UNPUNCTUATED_NOTE)
    english = _english_share(call)
    if english is not None and english < ENGLISH_MIN_SHARE:
        head_notes.append(
            f"few English words ({english:.0%} of the words are common English ones, against "
            "about half in English speech): salesleader reads English, so this call's "
            "figures may not mean much")
    report = CallReport(
        conversation=conversation,
        participants=_participant_stats(call, own),
        metrics=metrics,
        evidence=evidence,
        notes=tuple(dict.fromkeys([*head_notes, *notes])),
        analyzers=versions,
    )
    return _finish(report, call)


ENGLISH_MIN_SHARE = 0.25  # English speech: 40–60 % of words are on the stop-word list
ENGLISH_MIN_WORDS = 40  # fewer words say too little about the language
ENGLISH_SAMPLE_WORDS = 600  # the call's first words are enough to tell its language


def _english_share(call: Call) -> float | None:
    """The share of the call's first ``ENGLISH_SAMPLE_WORDS`` words that are on the English
    stop-word list (None: too few words)."""
    stop = stopwords()
    total = common = 0
    for words in call.words:
        total += len(words)
        common += sum(map(stop.__contains__, words))
        if total >= ENGLISH_SAMPLE_WORDS:
            break
    return common / total if total >= ENGLISH_MIN_WORDS else None


NO_CUSTOMER_INDEX_NOTE = ("index: not computed, no one on the customer side speaks; its "
                          "pillars and coaching are shown for the seller's words alone")
UNPUNCTUATED_NOTE = ("no question marks: read as speech-to-text without punctuation "
                     "(questions and sentence breaks found from the words alone)")


def _finish(report: CallReport, call: Call) -> CallReport:
    """Add the index and coaching (kept apart so the analyzers stay independent of them)."""
    words_total = sum(p.words for p in report.participants)
    # Sentence by sentence: a topic is two words said together, not the last word of one
    # sentence and the first of the next ("...from Priya. Product listens to her.").
    told = call.sentences(CUSTOMER)
    spoken = [sentence.words for sentence in told]
    topic = as_written(with_determiner(customer_topic(spoken, stopwords()), spoken),
                       [sentence.text for sentence in told])
    index, index_notes, coaching = _scored(report.metrics, report.evidence, call, words_total,
                                           topic)
    if not call.customer_indexes() and index.get("score") is not None:
        # One side only (a recorded pitch, undiarized speech): the index measures a
        # conversation, so its number would rest on the parts a monologue can fill.
        index = {**index, "score": None}
        index_notes.append(NO_CUSTOMER_INDEX_NOTE)
    participants = tuple(
        p if p.metrics is None else _seller_finish(p, report, call, words_total, index, topic)
        for p in report.participants)
    return replace(report, index=index, coaching=coaching, participants=participants,
                   notes=tuple(dict.fromkeys([*report.notes, *index_notes])))


# Scored on the side's figure in a seller's own index: the talk share benchmark (30–50 %)
# is the customer's share of the airtime, which the sellers hold together (an AE and an
# SE at 25 % each are one side at 50 %, not two who say too little).
SIDE_SCORED = ("seller_talk_share",)


def _seller_finish(seller: ParticipantStats, report: CallReport, call: Call, words_total: int,
                   call_index: dict[str, Any], topic: str | None) -> ParticipantStats:
    """One seller's index and coaching on a call with several sellers: scored on their
    own metrics (the call's customer-side ones and ``SIDE_SCORED`` kept), quoting that
    seller's own moments; no score when the call has none."""
    own = {k: v for k, v in (seller.metrics or {}).items() if k not in SIDE_SCORED}
    evidence = {**report.evidence, **(seller.evidence or {})}  # their own moments, always
    index, _, coaching = _scored({**report.metrics, **own}, evidence, call, words_total, topic)
    if call_index.get("score") is None:
        index = {**index, "score": None}
    return replace(seller, index=index, coaching=coaching)


def _scored(metrics: Mapping[str, MetricValue], evidence: Mapping[str, tuple[Evidence, ...]],
            call: Call, words_total: int, topic: str | None
            ) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
    """The index (with its notes) and the coaching for a set of metrics: the call's, or one
    seller's own."""
    parts = score_parts(metrics, duration_s=call.duration_s, words_total=words_total)
    index, notes = index_of(parts, call.config.index.weights)
    return index, notes, coach(parts, metrics, evidence, topic)


def analyze(
    source: str | Path | Conversation,
    *,
    config: Config | None = None,
    sellers: Sequence[str] = (),
    format: str | None = None,
) -> CallReport:
    """Analyse a transcript file (or a ``Conversation``) into a ``CallReport``.

    >>> report = analyze("call.vtt", sellers=["Ann Lee"])    # doctest: +SKIP
    >>> report.metrics["seller_talk_share"]                   # doctest: +SKIP
    """
    conversation = source if isinstance(source, Conversation) else load(source, format)
    return analyze_conversation(conversation, config, sellers)
