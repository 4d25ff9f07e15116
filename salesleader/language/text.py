"""Tokens: the one tokenizer every analyzer shares."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CONTRACTIONS", "NUMBER_WORDS", "WORD", "has_apostrophes", "with_apostrophes",
           "words_of"]

# A word: letters/digits, with inner apostrophes (don't, customer's) and hyphens (mm-hm).
# Possessive quantifiers: nothing after a word ever needs the regex to give letters back,
# and not saving backtracking points makes the scan a third faster (same matches).
WORD = re.compile(r"[a-z0-9]++(?:['\-][a-z0-9]++)*+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Figures said in words ("forty", "a dozen", "half"): the coaching topic leaves them out,
# and the self-answer check reads a question answered by a guessed figure.
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million half dozen dozens".split())


def words_of(text: str) -> list[str]:
    """Lower-cased words of ``text``; curly apostrophes are folded to ``'``."""
    return WORD.findall(text.lower().translate(_APOSTROPHES))


# Speech-to-text without any punctuation drops apostrophes too: "dont", "youre". These
# spellings are no English word, so each is read as its contraction when a transcript has
# no apostrophe at all. Left out, as words of their own: its (it's), were (we're), well
# (we'll), id, ill, wed, hell, shell, shed (i'd, i'll, we'd, he'll, she'll, she'd), lets
# (let's). "cant" and "wont" are words too, but seldom said: read as can't, won't.
CONTRACTIONS = {
    word.replace("'", ""): word for word in (
        "don't doesn't didn't isn't aren't wasn't weren't couldn't wouldn't shouldn't "
        "haven't hasn't hadn't mustn't needn't ain't i'm i've you're you've you'd you'll "
        "we've they're they've they'd they'll he's she's he'd it'll that's that'll there's "
        "here's what's how's where's who's why's when's what're y'all can't won't").split()
}


def has_apostrophes(texts: Iterable[str]) -> bool:
    """Whether any of ``texts`` writes an apostrophe (straight or curly)."""
    return any("'" in text or "’" in text for text in texts)


def with_apostrophes(words: Iterable[str]) -> list[str]:
    """The words with their apostrophes put back ("dont" -> "don't"; ``CONTRACTIONS``)."""
    return [CONTRACTIONS.get(word, word) for word in words]
