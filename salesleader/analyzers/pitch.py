"""B6 — no feature dumping; the pitch comes after understanding.

A feature dump is a seller run (a monologue the customer does not interrupt) of at
least ``thresholds.feature_dump_words`` words in which product and feature phrases
(``features.txt`` plus ``[product] terms``) make up at least
``thresholds.feature_dump_density`` of the words; or a run of half as many words that is
``BURST_DENSITY_FACTOR`` times as dense (a list of features rattled off in twenty
seconds: "AI scheduling, route optimization, real-time tracking, a portal…"). The pitch
is premature when the first
feature dump comes before the seller has asked ``thresholds.premature_pitch_questions``
information questions (exploratory, open or factual).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..language.lexicons import Lexicon
from ..model import SELLER
from .base import Result, analyzer
from .context import COLLEAGUE, Call, Run

__all__ = ["OWN_PRODUCT", "PRODUCT_TERMS", "asks_about_the_product", "dumps_of", "feature_dumps",
           "names_own_product", "product_lexicon", "with_product_terms"]

INFORMATION_TYPES = frozenset({"exploratory", "open", "factual"})
BURST_DENSITY_FACTOR = 3


OWN_PRODUCT = "own"  # the section of features.txt that names the seller's own product
PRODUCT_TERMS = "terms"  # the section salesleader.toml's [product] terms are added as
_OWNERS = frozenset({"our", "my"})
_THEIRS = frozenset({"your"})  # the seller's product, as the customer says it


def with_product_terms(features: Lexicon, terms: Sequence[str]) -> Lexicon:
    """Feature phrases plus salesleader.toml's ``[product] terms``, which name the
    seller's own product."""
    return features.extended({PRODUCT_TERMS: tuple(terms)}) if terms else features


def product_lexicon(call: Call) -> Lexicon:
    """Generic feature phrases plus the roster's product terms (built once per call)."""
    cache = call.__dict__.setdefault("_lexicons", {})
    if "product" not in cache:
        cache["product"] = with_product_terms(call.lexicon("features"),
                                              call.config.product.terms)
    return cache["product"]


def names_own_product(words: Sequence[str], product: Lexicon) -> bool:
    """Whether a sentence names the seller's own product: a phrase of the ``[own]``
    section or a product term ("our platform", "Pipeline Pro"), or a feature phrase said
    right after "our"/"my" ("our analytics"). A feature word alone ("pricing",
    "automation") is as often the customer's world: "teams that automate their scheduling
    cut overtime" is insight, not a pitch."""
    return _names_product(words, product, (OWN_PRODUCT, PRODUCT_TERMS), _OWNERS)


def _names_product(words: Sequence[str], product: Lexicon, sections: tuple[str, ...],
                   owners: frozenset[str]) -> bool:
    """A product phrase of one of ``sections``, or any feature phrase right after one of
    ``owners`` ("our analytics" said by the seller, "your dashboard" by the customer)."""
    return any(match.section in sections or (match.start and words[match.start - 1] in owners)
               for match in product.find_all(words))


# What a customer calls the seller's product, and the choices it is sold in.
_VENDOR_NOUNS = frozenset("platform product tool software solution app".split())
_OFFERINGS = frozenset("plan plans tier tiers package packages edition editions".split())


def asks_about_the_product(words: Sequence[str], product: Lexicon) -> bool:
    """Whether a customer's question is about the seller's product: a product term, "your"
    before a feature phrase or a product noun ("your dashboard", "your platform"), or
    which/what before a plan, tier, package or edition ("which tier would you
    recommend?"). "What pricing works for teams like ours?" asks beyond the product."""
    for position, word in enumerate(words[:-1]):
        following = words[position + 1]
        if (word in _THEIRS and following in _VENDOR_NOUNS) or (
                word in ("which", "what") and following in _OFFERINGS):
            return True
    return _names_product(words, product, (PRODUCT_TERMS,), _THEIRS)


def dumps_of(call: Call) -> list[tuple[Run, int]]:
    """Dumping runs, each with its densest utterance (the moment to quote); found once for
    each seller's view (the insight analyzer asks too)."""
    return call.once(f"pitch.dumps.{call.seller_name}", lambda: _dumps(call))


def _dumps(call: Call) -> list[tuple[Run, int]]:
    thresholds = call.config.thresholds
    lexicon = product_lexicon(call)
    found = []
    for run in call.seller_runs():
        if 2 * run.words < thresholds.feature_dump_words:
            continue
        hits = {i: len(lexicon.find_all(call.words[i])) for i in run.utterances}
        density = sum(hits.values()) / run.words
        if density >= thresholds.feature_dump_density * (
                1 if run.words >= thresholds.feature_dump_words else BURST_DENSITY_FACTOR):
            found.append((run, max(run.utterances, key=lambda i: (hits[i], -i))))
    return found


@analyzer("feature_dump", version="2", requires=("seller",), behaviours=("B6",),
          produces=("feature_dumps", "premature_pitch"))
def feature_dumps(call: Call) -> Result:
    """Long seller monologues dense in product talk, and whether one came before discovery."""
    dumps = dumps_of(call)
    premature = False
    notes = []
    evidence_premature = ()
    if dumps:
        first_run, densest = dumps[0]
        # Discovery is the selling side's: in one seller's view the other sellers'
        # questions before this seller's pitch count too.
        asked_before = sum(
            1 for q in (*call.questions(SELLER), *call.questions(COLLEAGUE))
            if q.utterance < first_run.utterances[0] and q.question.kind in INFORMATION_TYPES
        )
        needed = call.config.thresholds.premature_pitch_questions
        premature = asked_before < needed
        if premature:
            notes.append(f"premature_pitch: the first feature dump came after {asked_before} "
                         f"discovery question(s); {needed} expected before pitching")
            evidence_premature = (call.evidence(densest),)
    evidence = tuple(call.evidence(densest) for _, densest in dumps[:5])
    return Result(
        {"feature_dumps": len(dumps), "premature_pitch": premature},
        {"feature_dumps": evidence, "premature_pitch": evidence_premature},
        tuple(notes),
    )
