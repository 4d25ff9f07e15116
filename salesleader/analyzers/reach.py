"""B12 — leaders open doors: the people the customer names who can decide or stop it.

A mention is a customer sentence that names a role as the customer's own (lexicon
``people.txt [roles]`` with "our" or "my" up to ``OWNER_BEFORE`` words before it: "our
COO", "my boss", "our claims director"; or with "the" when it decides right after: "The
CFO will want to see it"), unless someone on the call holds that title.
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

__all__ = ["DECIDING", "OWNER_BEFORE", "held", "people_mentioned", "roles_in"]

OWNER_BEFORE = 3  # "our family engagement director": two words may stand between the owner and the role
_OWNERS = frozenset({"our", "my"})


def roles_in(words: tuple[str, ...], lexicon: Lexicon) -> list[str]:
    """The roles a customer sentence names as theirs, each as said with the words between
    the owner and it ("claims director", "coo"): after "our"/"my", or after "the" when
    the role decides something right after ("The CFO will want to see the numbers", "the
    board signs off": ``DECIDING``). Looked for only right after those words (few in a
    sentence), and only where a role's first word stands."""
    firsts = lexicon.first_words(("roles",)) or frozenset()
    found: list[str] = []
    done = 0  # words before this are read
    # From each place a role can start (few: "director", "coo"), back to its owner.
    for start in [i for i, word in enumerate(words) if word in firsts]:
        if start < done:
            continue
        owner = next((j for j in range(start - 1, max(done, start - OWNER_BEFORE) - 1, -1)
                      if words[j] in _OWNERS or words[j] == "the"), None)
        if owner is None or (start and words[start - 1] in _VENDOR_SIDE):
            continue  # most role words: "the director of the museum", "our team"; and
            # "our account manager", "our customer success manager": a vendor's people
        match = lexicon.starts(words[start:], ("roles",))
        if match is None:
            continue
        end = start + match.end
        if words[end - 1] == "of" and end < len(words):
            end += 1  # "our head of procurement": the role is named with what it heads
        if words[owner] == "the" and DECIDING.isdisjoint(words[end:end + _DECIDING_WITHIN]):
            continue  # "the CEO of a big retailer", "like the board said": no one of theirs
        found.append(" ".join(words[owner + 1:end]))
        while end + 1 < len(words) and words[end] in _JOINED:  # "our COO and legal"
            more = lexicon.starts(words[end + 1:], ("roles",))
            if more is None:
                break
            found.append(" ".join(words[end + 1:end + 1 + more.end]))
            end += 1 + more.end
        done = end
    return found


_JOINED = frozenset({"and", "or"})
_VENDOR_SIDE = frozenset({"account", "success"})  # "our account manager": the vendor's
# After "the" + a role, a word of deciding within ``_DECIDING_WITHIN`` words makes the role
# the customer's own: "The CFO will want…", "the board has to approve", "the VP signs off".
DECIDING = frozenset("will would 'll has have needs need wants want must should signs sign "
                     "approves approve decides decide owns own insists approved decided signed "
                     "asked wanted insisted".split())
_DECIDING_WITHIN = 2


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


@analyzer("people_mentioned", version="5", requires=("customer",), behaviours=("B12",),
          produces=("people_mentioned",))
def people_mentioned(call: Call) -> Result:
    """The roles the customer names as theirs that nobody on this call holds."""
    lexicon = call.lexicon("people")
    titles = [p.title for p in call.conversation.participants if p.title]
    first: dict[str, Evidence] = {}
    firsts = lexicon.first_words(("roles",)) or frozenset()
    for sentence in call.sentences(CUSTOMER):
        words = sentence.words
        if firsts.isdisjoint(words) or (_OWNERS.isdisjoint(words) and (
                "the" not in words or DECIDING.isdisjoint(words))):
            continue  # most sentences: no word a role starts with, or no owner (with "the",
            # no word of deciding either)
        for role in roles_in(words, lexicon):
            if role not in first and not held(role, titles):
                first[role] = call.evidence_for(sentence, _as_written(role, sentence.text))
    return Result({"people_mentioned": len(first)},
                  {"people_mentioned": tuple(first.values())})
