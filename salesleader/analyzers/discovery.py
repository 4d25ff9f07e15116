"""B5 — discovery of the customer's world, over nine areas (lexicon ``discovery.txt``).

``discovery_coverage[area]`` counts the seller's questions in the area (with a short
statement that narrows the question right after it: "What does that cost you? I'm
thinking of your customers."; ``NARROWING_WORDS``). The people the customer called
their own ("our distributors") are theirs when the seller names them afterwards with no
owner ("How are the distributors doing?"). An area is
covered when the seller asked at least one question in it, or the customer talked about
it in at least ``CUSTOMER_SENTENCES_TO_COVER`` sentences without being asked.
"""

from __future__ import annotations

from ..language.document import Sentence, stopwords
from ..language.lexicons import Lexicon
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


# Who the people named are: the customer's ("your customers" asked by the seller, "our
# customers" told by the customer) or the seller's ("our customers" from the seller).
_OWNERS = {SELLER: frozenset({"your", "yours", "their", "those", "these", "that"}),
           CUSTOMER: frozenset({"our", "ours", "my", "their", "those", "these"})}
_NOT_OWNERS = {SELLER: frozenset({"our", "ours", "my", "other", "we", "us"}),
               CUSTOMER: frozenset({"your", "yours", "other", "you"})}
_PASSED = frozenset({"own"})  # "their own customers": a function word that keeps the owner
_NOT_PEOPLE = frozenset({"success", "support", "service", "services", "care", "team", "teams",
                         "ops", "operations", "experience", "facing"})  # "your customer success"
_NOT_THEIRS_AFTER = frozenset({"like", "of"})  # "customers like you", "clients of ours"
_LOOK_BACK = 3  # an owner up to two words before the noun ("your two biggest customers")


def question_areas(call: Call, words: tuple[str, ...]) -> list[str]:
    """The areas a seller question ``words`` asks about."""
    return _areas(words, call.cues(words), SELLER, _nouns(call))


_Nouns = tuple[frozenset[str], frozenset[str], frozenset[str], Lexicon]


def _areas(words: tuple[str, ...], cues: frozenset[str], side: str, nouns: _Nouns
           ) -> list[str]:
    served, loose, stop, lexicon = nouns
    if ("discovery.customer_nouns" in cues and "discovery.customers_customer" not in cues
            and _names_their_customers(words, side, served, loose, stop)):
        cues = cues | {"discovery.customers_customer"}
    elif "discovery" not in cues:  # most sentences: no area to look for
        return []
    if ("discovery.success_criteria" in cues and "success" in words
            and _success_only_a_team(words, lexicon)):
        cues = cues - {"discovery.success_criteria"}  # "our customer success team"
    return [area for area, label in _LABELS if label in cues]


_TEAM_AFTER_SUCCESS = frozenset("team teams manager managers org function department lead "
                                "leads rep reps".split())


def _success_only_a_team(words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Whether the sentence's only success-criteria cue is "success" naming a team
    ("customer success", "the success team"), not what good looks like."""
    for match in lexicon.find_all(words, ("success_criteria",)):
        if match.phrase != "success":
            return False
        before = words[match.start - 1] if match.start else ""
        after = words[match.end] if match.end < len(words) else ""
        if before != "customer" and after not in _TEAM_AFTER_SUCCESS:
            return False
    return True


def _nouns(call: Call) -> _Nouns:
    """The words for the people a customer serves (``[customer_nouns]``, the loose ones),
    the stop-words an owner may not stand behind, and the discovery lexicon itself:
    found once per call."""
    def found() -> _Nouns:
        lexicon = call.lexicon("discovery")
        return (frozenset(lexicon.phrases("customer_nouns")),
                frozenset(lexicon.phrases("customer_nouns_loose")), stopwords(), lexicon)

    return call.once("discovery.nouns", found)


def _names_their_customers(words: tuple[str, ...], side: str, nouns: frozenset[str],
                           loose: frozenset[str], stop: frozenset[str]) -> bool:
    """Whether ``words`` (said by ``side``) name the customer's own customers: a word of
    ``[customer_nouns]`` owned by the customer, or a loose one with nobody else owning it."""
    for noun in nouns.intersection(words):  # found in C; usually one
        position = words.index(noun)
        while True:
            if _theirs(words, position, side, noun in loose, stop):
                return True
            if noun not in words[position + 1:]:
                break
            position = words.index(noun, position + 1)
    return False


def _theirs(words: tuple[str, ...], position: int, side: str, loose: bool,
            stop: frozenset[str], bare: bool = False) -> bool:
    """Whether the people named at ``position`` are the customer's (see ``_OWNERS``);
    ``bare``: a singular with no owner counts too ("a policyholder" after "our
    policyholders")."""
    word = words[position]
    following = words[position + 1] if position + 1 < len(words) else ""
    if following in _NOT_THEIRS_AFTER or (not word.endswith("s") and following in _NOT_PEOPLE):
        return False  # "customers like you", "your customer success team"
    owners, not_owners = _OWNERS[side], _NOT_OWNERS[side]
    owner, between, back = None, 0, position - 1
    while back >= 0 and between < _LOOK_BACK:
        before = words[back]
        if before in owners or before in not_owners:
            owner = before
            break
        if before in stop and before not in _PASSED:
            break
        between += 1
        back -= 1
    if owner is None:
        return loose and (bare or word.endswith("s"))  # "do customers complain?"
    return owner in owners and (between == 0 or loose)


def _question_areas(call: Call) -> list[tuple[Sentence, list[str]]]:
    """The selling side's questions that ask about an area, with their areas, in call
    order: decided once for the call and every seller's view of it."""
    nouns = _nouns(call)
    # (utterance, noun): the people the customer called their own, in call order
    claims = call.once("discovery.customer", lambda: _customer_areas(call))[2]
    claimed = 0
    singular: frozenset[str] = frozenset()
    found: list[tuple[Sentence, list[str]]] = []
    asked: Sentence | None = None  # the question just before, in the same utterance
    for sentence, cues in zip(*call.selling_side(), strict=True):
        before = claimed
        while claimed < len(claims) and claims[claimed][0] < sentence.utterance:
            claimed += 1
        if claimed != before:
            # "Two of our distributors…" - "How are the distributors doing now?": the
            # people the customer called theirs need no owner from the seller any more.
            served, loose, stop, lexicon = nouns
            new = {noun for _, noun in claims[before:claimed]}
            nouns = (served, loose | new, stop, lexicon)
            # "…our policyholders" - "What happens with a policyholder who waits?"
            singular |= frozenset(noun[:-1] for noun in new if noun.endswith("s")) - served
        if sentence.question.is_question:
            asked = sentence
            areas = _areas(sentence.words, cues, SELLER, nouns)
            if (singular and not singular.isdisjoint(sentence.words)
                    and "customers_customer" not in areas
                    and _one_of_theirs(sentence.words, singular, nouns[2])):
                areas = [*areas, "customers_customer"]
            if areas:
                found.append((sentence, areas))
        elif asked is not None and "discovery.narrowing" in cues and _narrows(
                sentence, asked, nouns[3]):
            # "What does that cost you downstream? I'm thinking of your customers, the
            # shippers.": the statement says what the question is about.
            more = _areas(sentence.words, cues, SELLER, nouns)
            if more:
                if found and found[-1][0] is asked:
                    found[-1][1].extend(a for a in more if a not in found[-1][1])
                else:
                    found.append((asked, more))
            asked = None
        else:
            asked = None
    return found


def _one_of_theirs(words: tuple[str, ...], singular: frozenset[str], stop: frozenset[str]
                   ) -> bool:
    """Whether a seller's ``words`` name one of the people the customer called their own,
    in the singular and owned by nobody else ("a policyholder", "the distributor")."""
    for noun in singular.intersection(words):
        if _theirs(words, words.index(noun), SELLER, True, stop, bare=True):
            return True
    return False


NARROWING_WORDS = 12  # a short statement right after a question, about the customer


def _narrows(sentence: Sentence, asked: Sentence, lexicon: Lexicon) -> bool:
    """Whether ``sentence`` narrows the question ``asked`` just before it in the same
    utterance: short, opened by a narrowing phrase (``discovery.txt`` [narrowing]) and
    about the customer's side ("I mean for your team.")."""
    words = sentence.words
    return (sentence.utterance == asked.utterance and len(words) <= NARROWING_WORDS
            and not {"you", "your"}.isdisjoint(words)
            and lexicon.starts(words, ("narrowing",)) is not None)


def _customer_areas(call: Call) -> tuple[dict[str, int], dict[str, Sentence],
                                          list[tuple[int, str]]]:
    """How many customer sentences talk about each area, the first of each, and the words
    for the people served that the customer said as their own ("our distributors", "my
    patients"), each with the utterance it was first said in (call order)."""
    mentioned = dict.fromkeys(AREAS, 0)
    first_told: dict[str, Sentence] = {}
    nouns = _nouns(call)
    served, stop = nouns[0], nouns[2]
    claimed: dict[str, int] = {}
    for sentence, cues in zip(call.sentences(CUSTOMER), call.sentence_cues(CUSTOMER),
                              strict=True):
        if "discovery" not in cues:
            continue  # most sentences: no area to look for
        words = sentence.words
        if "discovery.customer_nouns" in cues:
            for noun in served.intersection(words).difference(claimed):
                if _theirs(words, words.index(noun), CUSTOMER, False, stop):
                    claimed[noun] = sentence.utterance
        for area in _areas(words, cues, CUSTOMER, nouns):
            mentioned[area] += 1
            first_told.setdefault(area, sentence)
    return mentioned, first_told, sorted((index, noun) for noun, index in claimed.items())


@analyzer("discovery", version="8", requires=("seller",), behaviours=("B5",),
          produces=("discovery_coverage", "discovery_areas_covered", "discovery_customer_mentions"))
def discovery(call: Call) -> Result:
    """Which of the nine discovery areas the seller asked about or the customer opened up."""
    asked = dict.fromkeys(AREAS, 0)
    first_asked: dict[str, Sentence] = {}  # the moment to quote: the first of each area
    sides = call.sides
    for question, areas in call.once("discovery.questions", lambda: _question_areas(call)):
        if sides[question.utterance] != SELLER:
            continue  # another seller's, in one seller's view
        for area in areas:
            asked[area] += 1
            first_asked.setdefault(area, question)
    mentioned, first_told, _ = call.once("discovery.customer", lambda: _customer_areas(call))
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
