"""B13 — insight, not spam, in follow-ups: per email, per thread, and a rewrite.

Per seller-written email, with evidence quotes: "checking in" patterns
(``checking_in.txt``), questions (the shared question parser), insight statements
(``insight.txt``, product talk excluded), customer focus (you vs I/we), personalisation
(the customer's names, company and earlier words from the thread, and their words reported
back: "you said…", ``listening.txt [reported]``), pressure statements
(``stance.txt``), length and Flesch reading ease. The email leadership score starts at
50 and moves for each of these; every move is listed in ``reasons``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from .analyzers.listening import focus_moments
from .analyzers.pitch import names_own_product, with_product_terms
from .config import Config
from .language.document import LanguageView, content_words
from .language.lexicons import Lexicon, load_lexicon
from .language.text import words_of
from .model import Email, Utterance
from .roles import match_speaker

__all__ = ["SCHEMA", "analyze_emails", "assign_email_sides", "build_threads", "reading_ease"]

SCHEMA = "salesleader.email-report/1"
LONG_EMAIL_WORDS = 150
PRODUCT_PHRASES_FOR_PITCH = 3


@cache
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def reading_ease(sentences: Sequence[Sequence[str]]) -> float | None:
    """Flesch reading ease (higher is easier; 60–70 is plain English)."""
    words = [w for s in sentences for w in s if w.isalpha() or "'" in w]
    if not words or not sentences:
        return None
    hyphenator = _hyphenator()
    syllables = sum(hyphenator.inserted(w).count("-") + 1 for w in words)
    score = 206.835 - 1.015 * len(words) / len(sentences) - 84.6 * syllables / len(words)
    return round(score, 1)


def _normalise_subject(subject: str) -> str:
    import re

    return re.sub(r"^(?:\s*(?:re|fw|fwd|aw|sv|tr)\s*(?:\[\d+\])?:\s*)+", "", subject,
                  flags=re.IGNORECASE).strip().casefold()


def build_threads(emails: Sequence[Email]) -> dict[str, str]:
    """Thread id (the root Message-ID) of every email: References/In-Reply-To first,
    the normalised subject as a fallback."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    ordered = sorted(emails, key=lambda e: e.date.timestamp() if e.date else 0.0)
    for item in ordered:
        parent.setdefault(item.message_id, item.message_id)
        for reference in (*item.references, *([item.in_reply_to] if item.in_reply_to else [])):
            parent.setdefault(reference, reference)
            union(reference, item.message_id)
    by_subject: dict[str, str] = {}
    for item in ordered:
        linked = bool(item.references or item.in_reply_to)
        key = _normalise_subject(item.subject)
        if key and not linked and key in by_subject:
            union(by_subject[key], item.message_id)
        by_subject.setdefault(key, item.message_id)
    # Thread id: the earliest message of each group.
    first_of: dict[str, str] = {}
    for item in ordered:
        first_of.setdefault(find(item.message_id), item.message_id)
    return {item.message_id: first_of[find(item.message_id)] for item in emails}


def assign_email_sides(emails: Sequence[Email], config: Config) -> tuple[dict[str, str], str]:
    """Side of every sender address, and how it was decided (roster or inferred)."""
    team = config.team
    sides: dict[str, str] = {}
    for item in emails:
        address = (item.sender.email or "").lower()
        domain = address.rpartition("@")[2]
        if (address in team.emails or domain in team.domains
                or any(match_speaker(n, [item.sender.name]) for n in team.sellers)):
            sides[address] = "seller"
    if sides:
        for item in emails:
            sides.setdefault((item.sender.email or "").lower(), "customer")
        return sides, "roster"
    # No roster: the domain that opens the most threads is taken to be the seller's.
    threads = build_threads(emails)
    openers = [e for e in emails if threads[e.message_id] == e.message_id]
    domains: dict[str, int] = {}
    for item in openers:
        domain = (item.sender.email or "").rpartition("@")[2]
        domains[domain] = domains.get(domain, 0) + 1
    seller_domain = max(domains, key=lambda d: domains[d]) if domains else ""
    for item in emails:
        address = (item.sender.email or "").lower()
        sides[address] = "seller" if address.rpartition("@")[2] == seller_domain else "customer"
    return sides, "inferred"


@dataclass(frozen=True)
class _Read:
    view: LanguageView
    sentences: list[Any]
    words: list[str]


def _read(item: Email) -> _Read:
    """The body through the language layer, one paragraph per utterance (so a greeting line
    like "Hi Tom," does not run into the next sentence)."""
    paragraphs = [" ".join(p.split()) for p in item.body.split("\n\n") if p.strip()]
    view = LanguageView([Utterance(i, item.sender.name, text)
                         for i, text in enumerate(paragraphs)])
    sentences = [s for group in view.sentences for s in group]
    return _Read(view, sentences, [w for s in sentences for w in s.words])


def _quote(sentence: Any) -> dict[str, str]:
    return {"quote": sentence.text}


_GREETINGS = frozenset("hi hello hey dear morning afternoon evening good greetings".split())
_SIGN_OFFS = frozenset("thanks thank best regards cheers sincerely talk speak".split())
SALUTATION_WORDS = 4  # "Hi Kim,", "Good morning Kim", "Thanks, Sam": no more words than this


def _salutation(words: Sequence[str]) -> bool:
    return (0 < len(words) <= SALUTATION_WORDS
            and (words[0] in _GREETINGS or words[0] in _SIGN_OFFS))


def _personal_terms(item: Email, earlier_customer_words: Iterable[str]) -> set[str]:
    terms: set[str] = set()
    for person in item.recipients:
        first = words_of(person.name)[:1]
        if first and first[0] not in ("info", "sales", "support", "team"):
            terms.add(first[0])
        domain = (person.email or "").rpartition("@")[2].split(".")[0]
        if len(domain) > 3:
            terms.add(domain)
    terms |= set(earlier_customer_words)
    return terms


def _analyze_one(item: Email, side: str, earlier_customer_words: set[str],
                 product: Lexicon) -> dict[str, Any]:
    read = _read(item)
    checking = load_lexicon("checking_in")
    insight_cues = load_lexicon("insight")
    stance = load_lexicon("stance")
    listening = load_lexicon("listening")

    questions = [s for s in read.sentences if s.question.is_question]
    checking_hits = [s for s in read.sentences if checking.first(s.words)]
    insights = [s for s in read.sentences if not s.question.is_question
                and insight_cues.first(s.words) and not names_own_product(s.words, product)]
    pressure = [s for s in read.sentences if stance.first(s.words, ("pressure",))]
    product_talk = sum(len(product.find_all(s.words)) for s in read.sentences)
    you_words = frozenset(listening.phrases("you_words"))
    self_words = frozenset(listening.phrases("self_words"))
    leaning, you, me = [], 0, 0  # as a call's: sentence by sentence, then the sums
    for sentence in read.sentences:
        y = sum(1 for w in sentence.words if w in you_words)
        m = sum(1 for w in sentence.words if w in self_words)
        you, me = you + y, me + m
        if y or m:
            leaning.append((y - m, sentence))
    focus = round(you / (you + me), 3) if you + me else None
    focus_quotes = [{"quote": s.text, "label": label}
                    for label, s in focus_moments(leaning, focus)]

    terms = _personal_terms(item, earlier_customer_words)
    # "Hi Kim," is in every email: a name counts where the body uses it.
    body = [s for s in read.sentences if not _salutation(s.words)]
    said = [w for s in body for w in s.words]
    joined = {a + b for a, b in pairwise(said)}
    # The customer's own words reported back ("You said your dispatchers…") are personal
    # too, whether or not the thread holds them (a call may).
    reported = {s.text: match.phrase for s in body
                if (match := listening.first(s.words, ("reported",))) is not None}
    mentions = sorted({w for w in said if w in terms} | (joined & terms)
                      | (content_words(said) & earlier_customer_words) | set(reported.values()))
    personal_sentences = [s for s in body if s.text in reported
                          or set(s.words) & set(mentions) or content_words(s.words) & set(mentions)]
    words = len(read.words)
    ease = reading_ease([s.words for s in read.sentences])

    score = reasons = None
    if side == "seller":
        score, reasons = _score(questions, checking_hits, insights, pressure, focus, mentions,
                                words, ease, product_talk)
    return {
        "message_id": item.message_id,
        "from": {"name": item.sender.name, "email": item.sender.email},
        "side": side,
        "date": item.date.isoformat() if item.date else None,
        "subject": item.subject,
        "checking_in": bool(checking_hits),
        "questions": len(questions),
        "insight_statements": len(insights),
        "customer_focus_ratio": focus,
        "personalisation": len(mentions),
        "pressure_statements": len(pressure),
        "words": words,
        "reading_ease": ease,
        "score": score,
        "reasons": reasons or [],
        "evidence": {
            "checking_in": [_quote(s) for s in checking_hits[:3]],
            "questions": [_quote(s) for s in questions[:3]],
            "insight_statements": [_quote(s) for s in insights[:3]],
            "personalisation": [{"quote": s.text} for s in personal_sentences[:3]],
            "personal_terms": mentions[:10],
            "customer_focus_ratio": focus_quotes,
            "pressure_statements": [_quote(s) for s in pressure[:3]],
        },
        "source": item.source,
        "html_only": item.html_only,
        "notes": list(item.notes),
    }


def _score(questions, checking, insights, pressure, focus, mentions, words, ease, product_talk):
    score = 50
    reasons: list[str] = []

    def move(points: int, why: str) -> None:
        nonlocal score
        score += points
        reasons.append(f"{points:+d} {why}")

    information = [q for q in questions if q.question.kind in ("exploratory", "open", "factual")]
    if information:
        move(15, f"asks {len(information)} open question(s) the customer can think about")
    elif questions:
        move(5, "asks only yes/no questions")
    if insights:
        move(20, "brings insight beyond the product")
    if mentions:
        reported = [m for m in mentions if " " in m]  # a phrase: "you said" (terms are words)
        named = [m for m in mentions if m not in reported]
        said = [f"mentions {', '.join(named[:3])}"] if named else []
        said += [f'reports their words ("{reported[0]}")'] if reported else []
        move(10, f"personal: {'; '.join(said)}")
    else:
        move(-10, "generic: nothing about this customer")
    if checking and not insights and not information:
        move(-25, "checking in without bringing anything new")
    elif checking:
        move(-5, "opens with a checking-in phrase")
    if pressure:
        move(-15, f"{len(pressure)} pressure statement(s)")
    if product_talk >= PRODUCT_PHRASES_FOR_PITCH and not insights:
        move(-10, f"a product pitch ({product_talk} product phrases) with nothing for the customer")
    if focus is not None and focus >= 0.5:
        move(5, "about the customer more than about us")
    elif focus is not None and focus < 0.3:
        move(-5, "about us more than about the customer")
    if words > LONG_EMAIL_WORDS:
        move(-10, f"long: {words} words (aim for under {LONG_EMAIL_WORDS})")
    if ease is not None and ease < 30:
        move(-5, f"hard to read (Flesch reading ease {ease:.0f})")
    return max(0, min(100, score)), reasons


def _kind(entry: dict[str, Any]) -> str:
    if entry["insight_statements"]:
        return "insight"
    if entry["checking_in"]:
        return "checking_in"
    if entry["questions"]:
        return "question"
    return "other"


def _rewrite(entry: dict[str, Any], item: Email) -> dict[str, Any]:
    from .coaching import question_bank

    read = _read(item)
    checking = load_lexicon("checking_in")
    stance = load_lexicon("stance")
    cut = [s.text for s in read.sentences
           if checking.first(s.words) or stance.first(s.words, ("pressure",))]
    bank = question_bank()
    return {
        "message_id": entry["message_id"],
        "score": entry["score"],
        "cut": cut,
        "lead_with_question": bank["areas"]["customers_customer"][0] if not entry["questions"]
        else bank["areas"]["success_criteria"][0],
        "lead_with_insight": bank["behaviours"]["insight"][0],
        "why": entry["reasons"],
    }


def analyze_emails(emails: Sequence[Email], config: Config | None = None) -> dict[str, Any]:
    """The ``salesleader.email-report/1`` object for a set of emails."""
    config = config or Config()
    threads = build_threads(emails)
    sides, how = assign_email_sides(emails, config)

    def when(e: Email) -> float:
        return e.date.timestamp() if e.date else 0.0

    ordered = sorted(emails, key=when)
    product = with_product_terms(load_lexicon("features"), config.product.terms)
    seen_customer_words: dict[str, set[str]] = {}
    entries: dict[str, dict[str, Any]] = {}
    for item in ordered:
        thread = threads[item.message_id]
        side = sides.get((item.sender.email or "").lower(), "customer")
        earlier = seen_customer_words.setdefault(thread, set())
        entry = _analyze_one(item, side, set(earlier), product)
        entry["thread_id"] = thread
        entries[item.message_id] = entry
        if side == "customer":
            earlier |= content_words(_read(item).words)

    thread_reports = []
    by_id = {e.message_id: e for e in emails}
    for thread in dict.fromkeys(threads[e.message_id] for e in ordered):
        members = [e for e in ordered if threads[e.message_id] == thread]
        first_seller = next((e for e in members if entries[e.message_id]["side"] == "seller"),
                            None)
        reply = None
        if first_seller is not None:
            reply = next((e for e in members if entries[e.message_id]["side"] == "customer"
                          and when(e) >= when(first_seller)), None)
        reply_hours = None
        after = None
        if reply is not None and first_seller is not None:
            if reply.date and first_seller.date:
                reply_hours = round((when(reply) - when(first_seller)) / 3600, 1)
            before = [e for e in members if entries[e.message_id]["side"] == "seller"
                      and when(e) <= when(reply)]
            after = _kind(entries[before[-1].message_id]) if before else None
        seller_entries = [entries[e.message_id] for e in members
                          if entries[e.message_id]["side"] == "seller"]
        weakest = min(seller_entries, key=lambda e: e["score"]) if seller_entries else None
        thread_reports.append({
            "thread_id": thread,
            "subject": members[0].subject,
            "emails": [e.message_id for e in members],
            "customer_replied": reply is not None,
            "reply_hours": reply_hours,
            "replied_after": after,
            "rewrite": _rewrite(weakest, by_id[weakest["message_id"]]) if weakest else None,
        })
    return {
        "schema": SCHEMA,
        "seller": {"how": how,
                   "addresses": sorted(a for a, s in sides.items() if s == "seller")},
        "emails": [entries[e.message_id] for e in ordered],
        "threads": thread_reports,
    }
