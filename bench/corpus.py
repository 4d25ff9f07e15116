"""A reproducible corpus of realistic one-hour sales calls for benchmarks.

Each call: about 9,000 words in about 600 utterances, a seller, a sales engineer and two
customers, with timestamps. Sentences come from the bundled demo calls (real-looking
speech of both good and bad selling), shuffled by a seeded generator, so every run of
the benchmark analyses the same text.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from functools import cache
from importlib import resources

from salesleader.importers.common import ParsedFile, RawTurn, build_conversation
from salesleader.language.questions import split_sentences
from salesleader.model import Conversation
from salesleader.roles import assign_sellers

VOCABULARY = (
    "backlog renewals claims onboarding pipeline forecast churn margin headcount budget "
    "warehouse shipments invoices patients franchise rollout integration dashboard quota "
    "territory procurement compliance audit escalation latency uptime inventory pricing "
    "contract pilot launch retention upsell region partner vendor timeline roadmap"
).split()
SELLERS = ("Maya Chen", "Lena Park")
CUSTOMERS = ("Daniel Ortiz", "Rachel Ames")


@cache  # read the samples once per process, not once per generated call
def _sentences() -> tuple[list[str], list[str]]:
    from salesleader.importers import load

    seller, customer = [], []
    samples = resources.files("salesleader").joinpath("samples")
    for name in ("discovery_well_led.vtt", "feature_dump_pitch.srt",
                 "multiparty_no_timestamps.txt"):
        conversation = assign_sellers(load(str(samples.joinpath(name))))
        for utterance in conversation.utterances:
            target = seller if conversation.side_of(utterance.speaker) == "seller" else customer
            target.extend(split_sentences(utterance.text))
    return seller, customer


def _vary(sentence: str, rnd: random.Random) -> str:
    """Swap a couple of longer words and sometimes add a number, so a sentence of more
    than three words does not come back verbatim: real calls repeat their short reactions
    ("Okay.", "Sure.", "Mm-hm."), not their questions, and no cache may see more
    repetition here than in real speech."""
    words = sentence.split()
    changed = False
    for _ in range(2):
        position = rnd.randrange(len(words))
        if len(words[position]) > 5 and words[position].isalpha():
            words[position] = rnd.choice(VOCABULARY)
            changed = True
    if rnd.random() < 0.3:
        words.insert(rnd.randrange(len(words) + 1), str(rnd.randint(2, 990)))
    elif not changed and len(words) > 3:
        words.insert(rnd.randrange(1, len(words)), rnd.choice(VOCABULARY))
    return " ".join(words)


def one_hour_call(seed: int, words_target: int = 9000) -> Conversation:
    rnd = random.Random(seed)
    seller_lines, customer_lines = _sentences()
    turns: list[RawTurn] = []
    clock, words = 0.0, 0
    while words < words_target:
        seller_turn = len(turns) % 2 == 0
        pool = seller_lines if seller_turn else customer_lines
        speaker = rnd.choice(SELLERS if seller_turn else CUSTOMERS)
        text = " ".join(_vary(rnd.choice(pool), rnd) for _ in range(rnd.choice((1, 1, 1, 2))))
        count = len(text.split())
        length = count / 2.6
        turns.append(RawTurn(speaker, text, round(clock, 2), round(clock + length, 2)))
        clock += length + rnd.choice((0.2, 0.4, 0.7, 1.1))
        words += count
    digest = hashlib.sha256(f"bench-call-{seed}".encode()).hexdigest()
    conversation = build_conversation(ParsedFile(turns, {"title": f"bench call {seed}"}),
                                      path=f"bench-{seed}", format_name="bench",
                                      encoding="utf-8", sha256=digest)
    return assign_sellers(conversation, sellers=list(SELLERS))


def corpus(calls: int, seed: int = 2026) -> Iterator[Conversation]:
    for number in range(calls):
        yield one_hour_call(seed + number)
