"""Coaching for one call: the three strongest and three weakest behaviours, each with the
moments that show it and, for a weakness, better questions from the question bank.

Strengths are the index parts scoring at least ``STRENGTH_AT``; improvements the
parts scoring below ``IMPROVE_BELOW``, weakest first. Better questions for a weak part
come from ``data/question_bank.toml``: for discovery, one question from each area not yet
explored; for other parts, the part's own list, with ``{topic}`` filled with words the
customer used (the content words of their longest story).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import cache
from importlib import resources
from itertools import chain, pairwise
from typing import Any

from .analyzers.base import Evidence
from .analyzers.discovery import AREAS
from .language.lexicons import load_lexicon
from .language.text import NUMBER_WORDS as SPOKEN_NUMBERS
from .scoring import QUESTION_WEIGHTS, TALK_SHARE_IDEAL, Part

__all__ = ["IMPROVE_BELOW", "STRENGTH_AT", "as_written", "coach", "customer_topic",
           "question_bank", "with_determiner"]

STRENGTH_AT = 0.7
IMPROVE_BELOW = 0.7
PRAISED_QUESTIONS_DEPTH = 0.4  # below it (mostly closed or leading) volume is no strength
# Among equally weak parts, coach first what the seeds stress most: "show up and throw
# up", pressure, shallow or too few questions.
PRIORITY = ("talk_share", "pitch_timing", "empowerment", "question_depth", "question_volume",
            "discovery", "follow_ups", "monologue", "self_answered", "customer_story",
            "advice_requests", "insight", "grounded_vision", "customer_focus",
            "reflective_listening", "concerns", "reasoning", "patience")
TITLES: dict[str, tuple[str, str]] = {
    # part: (strength wording, weakness wording)
    "question_volume": ("Asks plenty of questions", "Asks few questions"),
    "question_depth": ("Asks questions nobody can answer from a brochure",
                       "Questions stay closed or factual"),
    "follow_ups": ("Digs deeper with follow-ups", "Moves on instead of digging deeper"),
    "discovery": ("Explores the customer's world widely", "Leaves discovery areas unexplored"),
    "talk_share": ("Lets the customer do the talking", "Talks more than the customer"),
    "monologue": ("Keeps turns short", "Long monologues"),
    "customer_story": ("Draws out the customer's story", "Customer stories stay short"),
    "self_answered": ("Waits for answers", "Answers own questions"),
    "patience": ("Leaves space before answering", "Jumps in as soon as the customer stops"),
    "pitch_timing": ("No feature dumps", "Feature dump before understanding"),
    "advice_requests": ("The customer asks for advice", "Few requests for your advice"),
    "insight": ("Brings insight beyond the product", "No insight beyond the product"),
    "empowerment": ("Empowers the customer to decide", "Pressures the customer"),
    "grounded_vision": ("Builds a vision from the customer's present",
                        "No shared vision grounded in the customer's words"),
    "reasoning": ("Shows the reasoning", "Asserts without showing the reasoning"),
    "concerns": ("Names the customer's concerns", "Does not acknowledge concerns"),
    "reflective_listening": ("Plays back what the customer said", "Little reflective listening"),
    "customer_focus": ("Talks about the customer, not about us", "Talks about us, not the customer"),
}


def _some(value: Any, key: str) -> bool:
    return isinstance(value, Mapping) and bool(value.get(key))


def _mostly_leading(part: Part) -> bool:
    """Two or more leading questions, a quarter or more of the seller's questions."""
    value = part.value if isinstance(part.value, Mapping) else {}
    leading = value.get("leading") or 0
    return leading >= 2 and leading * 4 >= sum(v for v in value.values() if v)


# A weakness is named by what its number shows, not only by its part: a part can score
# low with some of the behaviour present ("No insight" said of a call with one insight was
# false), or for the opposite reason (a seller who talks 15 % of the call does not "talk
# more than the customer"). Each entry: when this wording applies instead of TITLES'.
WEAK_TITLES_WHEN: dict[str, tuple[Callable[[Part], bool], str]] = {
    "question_volume": (lambda p: p.value == 0, "Asks no questions"),
    "question_depth": (_mostly_leading, "Questions push the answer instead of asking"),
    "talk_share": (lambda p: p.value is not None and p.value < TALK_SHARE_IDEAL[0],
                   "Says too little to lead the conversation"),
    "pitch_timing": (lambda p: (p.score or 0.0) > 0.0,  # a dump, but after discovery
                     "Pitches in a feature dump"),
    "empowerment": (lambda p: not _some(p.value, "pressure"),
                    "Leaves the decision unframed: no options or criteria offered"),
    "insight": (lambda p: bool(p.value), "Little insight beyond the product"),
    "grounded_vision": (lambda p: _some(p.value, "grounded"),
                        "Little shared vision grounded in the customer's words"),
    "reasoning": (lambda p: bool(p.value), "Rarely shows the reasoning"),
}
# Better questions for a weakness worded by WEAK_TITLES_WHEN, where the part's own bank
# entry would coach the opposite: the bank key to use instead.
WEAK_BANK_WHEN = {"talk_share": "talk_share_low"}


def _worded_by_value(part: Part, table: Mapping[str, tuple[Callable[[Part], bool], str]]
                     = WEAK_TITLES_WHEN) -> str | None:
    """The wording ``table`` (``WEAK_TITLES_WHEN`` unless given) gives this part's
    number, if any."""
    when = table.get(part.name)
    return when[1] if when and when[0](part) else None


# A strength named by its number too: a rate reached with few questions (a short call)
# is a good pace, not "plenty".
FEW_QUESTIONS = 5
STRONG_TITLES_WHEN: dict[str, tuple[Callable[[Part], bool], str]] = {
    "question_volume": (lambda p: isinstance(p.value, int) and p.value < FEW_QUESTIONS,
                        "Asks questions at a good pace"),
}


def _title(part: Part, strong: bool) -> str:
    if strong:
        return _worded_by_value(part, STRONG_TITLES_WHEN) or TITLES[part.name][0]
    return _worded_by_value(part) or TITLES[part.name][1]


def _bank_key(part: Part) -> str:
    if part.name in WEAK_BANK_WHEN and _worded_by_value(part):
        return WEAK_BANK_WHEN[part.name]
    return part.name


@cache
def question_bank() -> dict[str, Any]:
    source = resources.files("salesleader").joinpath("data", "question_bank.toml")
    return tomllib.loads(source.read_text(encoding="utf-8"))


def _detail(part: Part) -> str:
    value = part.value
    if isinstance(value, float):
        shown = f"{value:.0%}" if part.metric.endswith(("_share", "_ratio")) else f"{value:.1f}"
    elif isinstance(value, Mapping):
        shown = ", ".join(f"{k} {v}" for k, v in value.items() if v)
        shown = shown or "none"
    else:
        shown = str(value)
    return f"{part.metric} = {shown} (score {part.score:.2f}; {part.benchmark})"


def _questions(part: Part, metrics: Mapping[str, Any], topic: str | None) -> list[str]:
    """Every bank question for a weak part, best first (``coach`` keeps three)."""
    bank = question_bank()
    coverage: Mapping[str, int] = metrics.get("discovery_coverage") or {}
    missing = [a for a in AREAS if not coverage.get(a)]
    if part.name == "discovery":
        # The first question of each unexplored area, then each area's second.
        questions = [bank["areas"][area][rank] for rank in (0, 1) for area in missing]
    else:
        questions = list(bank["behaviours"].get(_bank_key(part), []))
        if part.name == "question_volume":
            questions += [bank["areas"][area][0] for area in missing]
    if topic:
        return [q.replace("{topic}", topic) for q in questions]
    return ([q for q in questions if "{topic}" not in q]
            + list(bank["without_topic"].get(part.name, [])))


BETTER_QUESTIONS = 3  # per weakness, at most
MIN_BETTER_QUESTIONS = 2  # a question already offered above is repeated only to reach this


def _better_questions(candidates: Sequence[str], offered: set[str]) -> list[str]:
    """Up to three questions not offered for an earlier weakness ("Asks no questions" and
    "Leaves discovery areas unexplored" drew the same first questions from the bank)."""
    fresh = [q for q in candidates if q not in offered]
    chosen = fresh[:BETTER_QUESTIONS]
    if len(chosen) < MIN_BETTER_QUESTIONS:
        chosen += [q for q in candidates if q not in chosen][:MIN_BETTER_QUESTIONS - len(chosen)]
    offered.update(chosen)
    return chosen


# Figures said in words are no topic to ask about ("You mentioned spent eight.").
NUMBER_WORDS = SPOKEN_NUMBERS | {"millions", "billion"}
# Nor is a stretch of time counted back or forward ("the real issue is last year"): when
# something happened is no subject of its own ("peak season", "quarter close" are).
_RELATIVE_TIME = frozenset("last next past previous coming every each per".split())
_TIME_UNITS = frozenset("day days week weeks month months year years quarter quarters "
                        "season seasons summer winter spring fall autumn".split())
# A noun then one of these verbs in the past is a clause, as "claims rejected" is (the
# "-ed" forms are caught by their ending): "the sync broke", "the vendor went".
_IRREGULAR_PAST = frozenset(
    "broke went came took made got gave left lost fell ran said told found thought began "
    "knew saw sent spent kept held brought bought built paid sold grew drove wrote chose "
    "became felt meant stood understood".split())
TOPIC_HOT_WORDS = 5  # the most repeated words whose utterances are searched first
TOPIC_MIN_REPEATS = 2  # a topic holds a word the customer said at least twice


@cache
def not_topics() -> frozenset[str]:
    """The words of ``not_topics.txt``: its [words] and [forms] as listed, its [verbs]
    with their -s, -ed and -ing forms ("chase": chases, chased, chasing; "quit":
    quitting; "try": tries, tried)."""
    lexicon = load_lexicon("not_topics")
    found = {*lexicon.phrases("words"), *lexicon.phrases("forms")}
    for verb in lexicon.phrases("verbs"):
        if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
            found.update({verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"})  # "try"
            continue
        stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
        doubled = verb + verb[-1] if (len(verb) <= 4 and verb[-1] not in "aeiouwxy"
                                      and verb[-2] in "aeiou") else verb
        found.update({verb, verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s"),
                      stem + "ed", stem + "ing", doubled + "ed", doubled + "ing"})
    return frozenset(found)


def customer_topic(utterances: Sequence[Sequence[str]], stopwords: frozenset[str]) -> str | None:
    """The customer's own words to reuse in a question: a two-word phrase of two different
    content words ("claims queue", "new customers"; never a stutter such as "claims
    claims") around their most repeated content word; none when no content word was said
    ``TOPIC_MIN_REPEATS`` times (a pair from a short call's single mentions is a guess:
    "vendor promising").

    The phrase is the adjacent pair with the highest sum of its words' counts (then the
    most frequent pair, then one not ending in "-ed", then the one whose second word is the
    more repeated, then the first said). Every pair that scores at least twice the
    count of the ``TOPIC_HOT_WORDS``-th most repeated word holds a word counted at least
    that often, so those words' utterances are searched first; only when no pair there
    scores that high are all pairs counted."""
    words: Counter[str] = Counter(chain.from_iterable(utterances))  # counted in C
    never = not_topics()
    content = {w for w in words if w not in stopwords and len(w) > 2 and not w.isdigit()
               and w not in NUMBER_WORDS  # "we spent eight months": no "spent eight"
               and w not in never}  # "can handle split shifts": no "handle split"
    counts = Counter({w: n for w, n in words.items() if len(w) > 3 and w in content})
    if not counts or counts.most_common(1)[0][1] < TOPIC_MIN_REPEATS:
        return None  # nothing the customer came back to: any pair would be a guess
    floor = counts.most_common(TOPIC_HOT_WORDS)[-1][1]
    hot = {w for w, n in counts.items() if n >= floor}
    best = _best_pair([spoken for spoken in utterances if not hot.isdisjoint(spoken)],
                      content, counts, hot)
    if best is None or counts[best[0]] + counts[best[1]] < 2 * floor:
        best = _best_pair(utterances, content, counts, counts.keys())
    if best is not None:
        return " ".join(best)
    return counts.most_common(1)[0][0]


# The customer's determiner before the topic, as the seller says it back: "our onboarding
# team" -> "your onboarding team".
_SAID_BACK = {"our": "your", "my": "your", "the": "the", "this": "this", "that": "that",
              "a": "the", "an": "the"}  # "an audit finding" -> "the audit finding"
_SAID_BACK_WORDS = frozenset(_SAID_BACK.values())
_PREPOSITIONS = frozenset("during in for of on at with about from after before through into by "
                          "over since until around".split())


def with_determiner(topic: str | None, utterances: Sequence[Sequence[str]]) -> str | None:
    """``topic`` with the determiner the customer put before it most of the time ("our
    onboarding team" -> "your onboarding team", "the claims queue"), else with "the" when
    it is a singular pair ("a 40-person accounting firm" -> "the accounting firm"), else
    as it is: a bank question then reads "the last time your onboarding team came up",
    not "…onboarding team came up"."""
    if not topic:
        return topic
    words = tuple(topic.split())
    first, size = words[0], len(words)
    before: Counter[str] = Counter(
        spoken[i - 1] if i else "" for spoken in utterances if first in spoken  # C scan
        for i, word in enumerate(spoken) if word == first and tuple(spoken[i:i + size]) == words)
    word, count = before.most_common(1)[0] if before else ("", 0)
    said = _SAID_BACK.get(word)
    if said and 2 * count > sum(before.values()):
        return f"{said} {topic}"
    # None said most of the time: a singular pair of common words reads as a thing with
    # "the" ("the accounting firm came up", not "accounting firm came up"); a plural
    # ("split shifts") or a single word (a name: "Zendesk") stands alone.
    last = words[-1]
    bare = sum(n for w, n in before.items() if not w or w in _PREPOSITIONS)  # "during tax season"
    if size > 1 and last.isalpha() and not last.endswith("s") and not bare * 2 > sum(
            before.values()):
        return f"the {topic}"
    return topic


def as_written(topic: str | None, texts: Sequence[str]) -> str | None:
    """``topic`` (lower-case words, as ``with_determiner`` gives it) with each word as the
    customer wrote it where they always capitalised it inside a sentence: a name
    ("Priya", "Zendesk", "SLA") is said back as a name, while a word capitalised only to
    open a sentence stays lower-case."""
    if not topic:
        return topic
    joined = "\n" + "\n".join(texts)  # one string: each word is looked for in one C scan
    written = []
    for word in topic.split():
        if (word in _SAID_BACK_WORDS or not word.isalpha()  # "your"; "o'brien", "24x7"
                or re.search(rf"\s{word}(?![\w'])", joined)):  # lower-case somewhere: most
            written.append(word)
            continue
        forms: Counter[str] = Counter()
        for match in re.finditer(rf"(?<![\w'])({re.escape(word)})(?![\w'])", joined,
                                 re.IGNORECASE):
            opening = joined[joined.rfind("\n", 0, match.start()) + 1:match.start()]
            if opening.strip(" \t\"'([-"):  # not the sentence's first word
                forms[match.group(1)] += 1
        as_lower = forms.pop(word, 0)
        written.append(forms.most_common(1)[0][0] if forms and not as_lower else word)
    return " ".join(written)


def _past(word: str) -> bool:
    """A past form by its ending ("dropped", "rejected"; not "speed", "need")."""
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def _best_pair(utterances: Sequence[Sequence[str]], content: set[str],
               counts: Counter[str], anchors: Collection[str]) -> tuple[str, str] | None:
    """The best adjacent pair of two different content words, one of them in ``anchors``."""
    pairs = Counter([pair for spoken in utterances for pair in pairwise(spoken)
                     if pair[0] in content and pair[1] in content and pair[0] != pair[1]
                     and (pair[0] in anchors or pair[1] in anchors)
                     and pair[1] not in _RELATIVE_TIME  # "tooling last": a clause's end
                     and not _past(pair[1])  # "Germany dropped", "claims rejected": a clause
                     and pair[1] not in _IRREGULAR_PAST  # "sync broke": a clause
                     and not (pair[0] in _RELATIVE_TIME and pair[1] in _TIME_UNITS)])
    # On a tie, a pair not ending in a past tense ("claims rejected", "hospitals handled"
    # are clauses), then the one whose second word is the repeated one: a noun phrase's
    # head comes last ("late refunds"), where a repeated noun then a verb is a clause.
    while pairs:
        best = max(pairs, key=lambda pair: (counts[pair[0]] + counts[pair[1]], pairs[pair],
                                            not pair[1].endswith("ed"),
                                            counts[pair[1]] >= counts[pair[0]]))
        if not _takes_an_object(best, utterances):
            return best
        del pairs[best]
    return None


# A noun phrase is not followed by an object pronoun; a subject and its verb can be:
# "our customers hate it" makes "customers hate" a clause, no topic to ask about.
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "us", "me"})


def _takes_an_object(pair: tuple[str, str], utterances: Sequence[Sequence[str]]) -> bool:
    first, second = pair
    for spoken in utterances:
        if second not in spoken:  # most utterances, decided in C
            continue
        for position in range(len(spoken) - 2):
            if (spoken[position + 1] == second and spoken[position] == first
                    and spoken[position + 2] in _OBJECT_PRONOUNS):
                return True
    return False


# For parts scored on a mix, what each evidence label is worth (0 to 1): question depth
# is the mean worth of the seller's questions; customer focus rises with the share of
# you-words over I/we-words.
LABEL_WORTH: dict[str, Mapping[str, float]] = {
    "question_depth": QUESTION_WEIGHTS,
    "customer_focus": {"you": 1.0, "i/we": 0.0},
    "follow_ups": {"follow-up": 1.0, "not a follow-up": 0.0},
    "patience": {"longest pause": 1.0, "quickest": 0.0},
}


# A strength whose own evidence is every question in call order ("How's your week
# going?" first) quotes instead the seller's questions worth most, from this metric's
# labelled evidence.
BEST_OF: dict[str, tuple[str, Mapping[str, float]]] = {
    "question_volume": ("questions_by_type", QUESTION_WEIGHTS),
}


def _best_of(part: Part, evidence: Mapping[str, Sequence[Evidence]]) -> list[Evidence] | None:
    if part.name not in BEST_OF:
        return None
    metric, worths = BEST_OF[part.name]
    found = sorted(dict.fromkeys(evidence.get(metric, ())),
                   key=lambda moment: -worths.get(moment.label or "", 0.0))
    return found[:3] or None


def _moments(part: Part, evidence: Sequence[Evidence], strong: bool) -> list[Evidence]:
    """Up to three moments that show the part as it is. For a part scored on a mix
    (``LABEL_WORTH``), a strength quotes what raised its score and a weakness what held
    it down, worst first ("Questions stay closed or factual" quotes the closed ones)."""
    moments = list(dict.fromkeys(evidence))
    worths = LABEL_WORTH.get(part.name)
    if worths is not None:
        def worth(moment: Evidence) -> float:
            return worths.get(moment.label or "", 0.5)

        # A moment worth no more than the score kept it there; one worth as much or more
        # raised it. Sorted stably, so in call order within a label.
        score = part.score or 0.0
        moments = sorted((m for m in moments
                          if (worth(m) >= score if strong else worth(m) <= score)),
                         key=worth, reverse=strong) or moments
    return moments[:3]


def coach(
    parts: Sequence[Part],
    metrics: Mapping[str, Any],
    evidence: Mapping[str, Sequence[Evidence]],
    topic: str | None,
) -> dict[str, list[dict[str, Any]]]:
    """The ``coaching`` object of the call report."""
    scored = [p for p in parts if p.score is not None]
    # Many questions that are mostly closed or leading are no strength to praise: the
    # depth weakness says what they lacked ("Are you using anything for recalls?", "Does
    # that make sense?", "Can we get something on the calendar?").
    depth = next((p.score for p in scored if p.name == "question_depth"), None)
    if depth is not None and depth < PRAISED_QUESTIONS_DEPTH:
        scored = [p for p in scored if p.name != "question_volume" or p.score < STRENGTH_AT]
    # A strength is quoted: one that rests on an absence (no feature dump, no question
    # answered by the seller) has no moment to show, so it comes after every strength
    # that can point at the call ("Pitches only after understanding" led calls that had
    # no pitch at all).
    strong = sorted((p for p in scored if p.score >= STRENGTH_AT),  # type: ignore[operator]
                    key=lambda p: (not evidence.get(p.metric), -p.score,  # type: ignore[operator]
                                   PRIORITY.index(p.name)))
    weak = sorted((p for p in scored if p.score < IMPROVE_BELOW),  # type: ignore[operator]
                  key=lambda p: (p.score, PRIORITY.index(p.name)))[:3]
    offered: set[str] = set()  # bank questions already offered, weakest part first

    def item(part: Part, strong: bool) -> dict[str, Any]:
        chosen = (_best_of(part, evidence) if strong else None) or _moments(
            part, evidence.get(part.metric, ()), strong)
        moments = [e.to_dict() for e in chosen]
        out: dict[str, Any] = {
            "behaviour": part.behaviour,
            "part": part.name,
            "pillar": part.pillar,
            "title": _title(part, strong),
            "detail": _detail(part),
            "metric": part.metric,
            "score": round(part.score or 0.0, 3),
            "moments": moments,
        }
        if not strong:
            out["better_questions"] = _better_questions(_questions(part, metrics, topic),
                                                        offered)
        return out

    improvements = [item(p, False) for p in weak]
    # A moment is not praised and faulted at once: a strength whose every quote is a
    # moment a weakness quotes ("Keeps turns short" quoting the feature dump that "Feature
    # dump before understanding" quotes) gives way to the next strength.
    faulted = {m["utterance"] for shown in improvements for m in shown["moments"]}
    strengths: list[dict[str, Any]] = []
    for part in strong:
        shown = item(part, True)
        if shown["moments"] and all(m["utterance"] in faulted for m in shown["moments"]):
            continue
        strengths.append(shown)
        if len(strengths) == 3:
            break
    return {"strengths": strengths, "improvements": improvements}
