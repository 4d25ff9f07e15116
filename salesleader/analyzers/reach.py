"""B12 — leaders open doors: the people the customer names who can decide or stop it.

A mention is a customer sentence that names a role as the customer's own (lexicon
``people.txt [roles]`` with "our" or "my" up to ``OWNER_BEFORE`` words before it: "our
COO", "my boss", "our claims director"), unless someone on the call holds that title.
``people_mentioned`` counts the distinct roles; its evidence quotes the first mention of
each, labelled with the role as said ("claims director"). The next-call plan lists the
roles nobody on the account's calls holds (``team.plan``).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..language.lexicons import Lexicon
from ..language.text import words_of
from ..model import CUSTOMER
from .base import Evidence, Result, analyzer
from .context import Call

__all__ = ["OWNER_BEFORE", "held", "people_mentioned", "roles_in"]

OWNER_BEFORE = 2  # "our claims director": a word may stand between the owner and the role
_OWNERS = frozenset({"our", "my"})


def roles_in(words: tuple[str, ...], lexicon: Lexicon) -> list[str]:
    """The roles a customer sentence names as theirs, each as said with the words between
    the owner and it ("claims director", "coo"). Looked for only right after "our"/"my"
    (few in a sentence), and only where a role's first word stands."""
    firsts = lexicon.first_words(("roles",)) or frozenset()
    found = []
    done = 0  # words before this are read
    for owner in [i for i, word in enumerate(words) if word in _OWNERS]:
        if owner < done:
            continue
        for start in range(owner + 1, min(owner + 1 + OWNER_BEFORE, len(words))):
            if words[start] not in firsts:
                continue  # most owners: "our team", "my side"
            match = lexicon.starts(words[start:], ("roles",))
            if match is None:
                continue
            end = start + match.end
            found.append(" ".join(words[owner + 1:end]))
            while end + 1 < len(words) and words[end] in _JOINED:  # "our COO and legal"
                more = lexicon.starts(words[end + 1:], ("roles",))
                if more is None:
                    break
                found.append(" ".join(words[end + 1:end + 1 + more.end]))
                end += 1 + more.end
            done = end
            break
    return found


_JOINED = frozenset({"and", "or"})


def held(role: str, titles: Iterable[str]) -> bool:
    """Whether a participant's title holds the role: its words in a row in the title
    ("CFO" holds "cfo", "Claims Director" holds "claims director", "Director of Claims"
    does not)."""
    wanted = f" {role} "
    return any(wanted in f" {' '.join(words_of(title))} " for title in titles)


def _as_written(role: str, text: str) -> str:
    """The role with the customer's own capitals ("COO", "claims director")."""
    at = text.lower().find(role)
    return text[at:at + len(role)] if at >= 0 else role


@analyzer("people_mentioned", version="2", requires=("customer",), behaviours=("B12",),
          produces=("people_mentioned",))
def people_mentioned(call: Call) -> Result:
    """The roles the customer names as theirs that nobody on this call holds."""
    lexicon = call.lexicon("people")
    titles = [p.title for p in call.conversation.participants if p.title]
    first: dict[str, Evidence] = {}
    firsts = lexicon.first_words(("roles",)) or frozenset()
    for sentence in call.sentences(CUSTOMER):
        words = sentence.words
        if _OWNERS.isdisjoint(words) or firsts.isdisjoint(words):
            continue  # most sentences: no "our"/"my", or no word a role starts with
        for role in roles_in(words, lexicon):
            if role not in first and not held(role, titles):
                first[role] = call.evidence_for(sentence, _as_written(role, sentence.text))
    return Result({"people_mentioned": len(first)},
                  {"people_mentioned": tuple(first.values())})
