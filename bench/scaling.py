"""Does the analysis stay linear on pathological transcripts? Time at N and 4N words
against the floor measured in the same run.

    python bench/scaling.py                # 20,000 and 80,000 words of each shape
    python bench/scaling.py --words 50000

A real call has hundreds of utterances of a few dozen words; the store accepts files up to
64 MiB, and speech-to-text without punctuation or speaker turns can put a whole meeting
into one utterance. Each shape below is one call whose seller says everything in one
utterance (or, for ``many_turns``, in short turns): random sales words without
punctuation; one sentence of them with a few commas and a '?'; one clause after another
(", is it, is it…"); stutters (", so, so, so…"); N/5 short turns. For each, the full
analysis at N and at 4N words is timed, and so is the floor (``re.findall(r"\\w+", text)``
over the same text). Linear work grows about 4x; a quadratic step about 16x.
The last line is ``worst_growth_vs_floor: X``: the
largest of the shapes' growth divided by the floor's (1 is linear).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from salesleader.analysis import analyze_conversation
from salesleader.importers import parse_bytes
from salesleader.model import Conversation
from salesleader.roles import assign_sellers

WORD = re.compile(r"\w+")
VOCABULARY = (
    "what do you think about the renewal and how would your team handle it so is there any "
    "budget we could look at next quarter right you know i mean because our platform helps "
    "customers like you cut costs why not if when who which did does can could would should "
    "maybe they said that this those your my our it's that's i'm you're uh um").split()


def _random_words(words: int) -> list[tuple[str, str]]:
    rng = random.Random(words)
    return [("Ann Lee", " ".join(rng.choice(VOCABULARY) for _ in range(words))),
            ("Bo Grant", "ok")]


def _long_sentence(words: int) -> list[tuple[str, str]]:
    rng = random.Random(words)
    said = " ".join(rng.choice(VOCABULARY) + ("," if rng.random() < 0.05 else "")
                    for _ in range(words))
    return [("Ann Lee", said + "?"), ("Bo Grant", "ok")]


def _clauses(words: int) -> list[tuple[str, str]]:
    return [("Ann Lee", "well" + ", is it" * (words // 2) + "?"), ("Bo Grant", "ok")]


def _stutters(words: int) -> list[tuple[str, str]]:
    return [("Ann Lee", ", ".join(["so"] * words) + "?"), ("Bo Grant", "ok")]


def _many_turns(words: int) -> list[tuple[str, str]]:
    turns = ("what about the budget", "our platform does it why not")
    return [("Bo Grant" if n % 2 else "Ann Lee", turns[n % 2]) for n in range(words // 5)]


SHAPES: dict[str, Callable[[int], list[tuple[str, str]]]] = {
    "one_unpunctuated_utterance": _random_words,
    "one_punctuated_sentence": _long_sentence,
    "one_sentence_of_clauses": _clauses,
    "one_sentence_of_stutters": _stutters,
    "many_turns": _many_turns,
}


def _call(turns: list[tuple[str, str]]) -> Conversation:
    """The turns as a plain-text transcript ("Name: text" lines), Ann Lee selling."""
    text = "".join(f"{speaker}: {words}\n" for speaker, words in turns)
    return assign_sellers(parse_bytes(text.encode(), "scaling.txt"), sellers=("Ann Lee",))


def _seconds(action: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=20_000, help="N: the smaller size")
    args = parser.parse_args()
    worst = 0.0
    for name, shape in SHAPES.items():
        growth = {}
        for side in ("analysis", "floor"):
            times = []
            for words in (args.words, 4 * args.words):
                call = _call(shape(words))
                text = [u.text for u in call.utterances]
                if side == "analysis":
                    times.append(_seconds(lambda c=call: analyze_conversation(c), 1))
                else:
                    times.append(_seconds(lambda t=text: [WORD.findall(s) for s in t], 5))
            growth[side] = times[1] / times[0]
            print(f"{name}: {side} {times[0] * 1000:.1f} ms -> {times[1] * 1000:.1f} ms "
                  f"(x{growth[side]:.1f})")
        ratio = growth["analysis"] / growth["floor"]
        worst = max(worst, ratio)
        print(f"{name}: growth_vs_floor {ratio:.2f}")
    print(f"worst_growth_vs_floor: {worst:.2f}")


if __name__ == "__main__":
    main()
