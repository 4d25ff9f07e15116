"""Sentence breaks inside a run of speech-to-text with no punctuation at all.

Without '.', '?' or ',' a turn comes as one run of words. It is cut where a question
starts (wh + auxiliary + subject, a check such as "does that make sense", an imperative
request such as "walk me through", a closing "is that okay with you") and where a
statement opens (the phrases of ``sentence_openers.txt``), so that each sentence is parsed,
counted and quoted on its own. Guards keep embedded clauses whole ("it depends on what
matters", "is that what you said").
"""

from __future__ import annotations

from functools import lru_cache

from .inner_forms import (
    YES_NO_FIRST,
    closing_check_at,
    invitation_cut,
    wh_question_starts_at,
    yes_no_starts_at,
)
from .lexicons import Lexicon, load_lexicon
from .question_forms import (
    AUX,
    AUX_POSITIVE,
    CLAUSE_WORDS,
    DETERMINERS,
    EMBEDDING_WORDS,
    HESITATIONS,
    MID_WH,
    PRONOUN_FORMS,
    PRONOUNS,
    SUBJECTS,
    WH,
)
from .text import with_apostrophes

__all__ = ["NOT_BEFORE_REQUEST", "UNPUNCTUATED_SPLIT_MIN_WORDS", "requests_to_me", "split_run"]

UNPUNCTUATED_SPLIT_MIN_WORDS = 8  # shorter runs are parsed whole (the parser looks inside)
_SOFT_BREAK = frozenset("so and but okay ok well now".split())
# A contracted wh-word before a determiner opens a question mid-run ("…how's your week").
_WH_OPENING = frozenset("what's how's where's".split())


def split_run(run: str, openers: Lexicon, cues: Lexicon | None = None,
              restore: bool = False) -> list[str]:
    """``run`` (text with no '.', '?', '!' or ',') as sentences: whole when short, else cut
    where a question starts (among them the "verb + me" requests of ``cues``, the
    indirect-request list: bundled unless given) or a sentence opener of ``openers``
    opens a statement. ``restore``: read "dont" as "don't" (the text is kept as written)."""
    words = run.split()
    if len(words) < UNPUNCTUATED_SPLIT_MIN_WORDS:
        return [run]
    lowered = run.lower().split()  # one C pass: the same words, lower-cased
    if restore:
        lowered = with_apostrophes(lowered)
    cues = load_lexicon("question_cues") if cues is None else cues
    found = {c for c in _split_unpunctuated(lowered, cues) if c > 0}
    found.update(_opener_cuts(lowered, openers))
    if "any" in lowered:  # most runs: one C pass ("…the pricing any questions")
        found.update(_invitation_cuts(lowered))
    opening = _ack_words()
    acknowledged = (_acknowledgement_cut(lowered)
                    if opening is None or lowered[0] in opening else None)
    if acknowledged:
        found.add(acknowledged)
    cuts = sorted(found)
    out = []
    start = 0
    for cut in cuts:
        if cut - start >= 2 or cut == acknowledged:  # "perfect | what's the timeline"
            out.append(" ".join(words[start:cut]))
            start = cut
    out.append(" ".join(words[start:]))
    return out


_ACK_MAX_WORDS = 3  # "got it", "wow okay", "love that": a listener's response, then a turn


def _ack_words() -> frozenset[str] | None:
    """The words an acknowledgement can open with (most runs open with none of them);
    None when a phrase starts with the wildcard."""
    return load_lexicon("backchannels").first_words()


def _acknowledgement_cut(words: list[str]) -> int | None:
    """Where a run that opens with an acknowledgement ("love that", "got it", "perfect":
    the backchannel list) goes on to ask: "love that | um is that something your
    leadership has talked about", "got it | and what would…". Only before a question,
    so a statement after "yeah" stays whole."""
    lexicon = load_lexicon("backchannels")
    end = 0
    while end < _ACK_MAX_WORDS:
        found = lexicon.starts(words[end:])
        if found is None:
            break
        end += found.end
    if not end or end > _ACK_MAX_WORDS:
        return None
    rest = end
    while rest < len(words) and (words[rest] in HESITATIONS or words[rest] in _SOFT_BREAK):
        rest += 1  # "um", "and", "so"
    if rest + 2 >= len(words):
        return None
    first, second = words[rest], words[rest + 1]
    asks = ((first in AUX_POSITIVE and (second in SUBJECTS or second in PRONOUNS))
            or (first in WH and (second in AUX or second in SUBJECTS))
            or (first in ("which", "who") and second == "of")  # "fair | which of those…"
            or (first in _WH_OPENING and second in DETERMINERS))  # "what's the timeline"
    return rest if asks else None  # "perfect so | what's…": the soft break goes with it


@lru_cache(maxsize=16)  # one entry per list of cues (bundled, or a salesleader.toml's)
def requests_to_me(cues: Lexicon) -> frozenset[tuple[str, str]]:
    """The openings of the indirect requests in ``cues`` said to the seller's listener as
    an imperative: "walk me…", "tell me…", "help me…" (a verb, then "me"), with those
    salesleader.toml adds ("sketch me…")."""
    phrases = cues.phrase_words(("start",))
    return frozenset((words[0], words[1]) for words in phrases
                     if len(words) >= 2 and words[1] == "me")


# Before a sentence opener these bind it to what precedes ("is that what you said", "the
# way i see it", "to imagine"): no cut there. A pronoun does not ("…matters most to you
# you could start with…").
_NOT_BEFORE_OPENER = (EMBEDDING_WORDS | AUX | WH | CLAUSE_WORDS | frozenset(
    "the a an to of for with in at by from my your our their his her "
    "can't don't".split()))
_OPENER_MIN_WORDS = 3  # a cut leaves at least this many words before it


def _opener_cuts(words: list[str], openers: Lexicon) -> list[int]:
    """Word positions where a sentence opener (``sentence_openers.txt`` and what
    salesleader.toml adds to it) starts a new statement inside a run with no punctuation."""
    matches = openers.find_all(words)
    return [m.start for m in matches
            if m.start >= _OPENER_MIN_WORDS and words[m.start - 1] not in _NOT_BEFORE_OPENER]


def _invitation_cuts(words: list[str]) -> list[int]:
    """Where an invitation to speak closes the run: "…that's the pricing any questions"."""
    # Not at "anything else": "than anything else", "do anything else".
    return [i for i in range(_OPENER_MIN_WORDS, len(words) - 1)
            if words[i] == "any" and invitation_cut(words, i)]


# Before a "verb + me" request these make it a statement: "they tell me about it".
NOT_BEFORE_REQUEST = PRONOUN_FORMS | SUBJECTS | AUX | frozenset({"to", "not", "never"})


@lru_cache(maxsize=16)
def _split_first_words(cues: Lexicon) -> frozenset[str]:
    """Every word a cut of ``_split_unpunctuated`` can start with (or, after a soft break
    such as "so", be second in)."""
    return (MID_WH | AUX_POSITIVE | YES_NO_FIRST | _WH_OPENING | _LEADING_NEGATIVE
            | frozenset(verb for verb, _ in requests_to_me(cues)) | {"which", "who"})


def _split_unpunctuated(words: list[str], cues: Lexicon) -> list[int]:
    """Word positions where a question starts inside a run with no punctuation."""
    cuts = []
    requests = requests_to_me(cues)
    first_words = _split_first_words(cues)
    for i in range(3, len(words) - 2):
        word = words[i]
        if word not in first_words:
            continue  # most words: one set lookup
        following = words[i + 1]
        if word in MID_WH or word == "which":
            if wh_question_starts_at(words, i) or (
                    word == "what" and following == "if" and words[i - 1] not in _NAMING
                    and words[i - 2:i] != ["tell", "you"]):  # "i'll tell you what, if…"
                # never at "who": mid-sentence it opens a relative clause; a filler "like"
                # goes with the question it opens ("…right now | like what prompted you")
                cuts.append(i - 1 if words[i - 1] == "like" else i)
            continue  # "…a fair concern what if the small ones rotated weekly"
        if word == "who":
            # …but "who else" opens no relative clause: "…the tracking and who else
            # should we talk to" (not after a verb of knowing: "I don't know who else"),
            # nor "who on your team would…": "…if we went ahead who on your team would
            # own this".
            if (words[i - 1] not in EMBEDDING_WORDS or (
                    words[i - 1] == "that" and following == "else" and words[i + 2] in AUX)) and (
                    following == "else" or (
                    following in _WHO_PLACES and words[i + 2] in _WHOSE_SIDE
                    and not _MODAL_AFTER.isdisjoint(words[i + 3:i + 6]))):
                cuts.append(i)
            continue
        if following == "me" and (word, following) in requests and (
                words[i - 1] not in NOT_BEFORE_REQUEST):
            cuts.append(i)  # "…skip the demo for now walk me through your week"
            continue
        if (word in _LEADING_NEGATIVE and following == "you" and words[i + 2] in _LEADING_VERBS
                and words[i - 1] not in PRONOUNS):
            cuts.append(i)  # "…everybody does wouldn't you agree that reminders are the fix"
            continue
        if (following == "i" and words[i + 2] == "ask" and word in _LEAVE_MODALS
                and words[i - 1] not in NOT_BEFORE_REQUEST and words[i - 1] not in WH):
            cuts.append(i)  # "…before we talk about the number can i ask what it was built on"
            continue
        if words[i - 1] in EMBEDDING_WORDS or words[i - 1] == "else" or (
                cuts and i - cuts[-1] <= _WH_INVERSION_WITHIN and words[cuts[-1]] in MID_WH):
            continue  # "…who else should we…", "…how many providers do you have": the
            # inversion of the wh-question just cut
        if word in ("is", "was") and closing_check_at(words, i):
            cuts.append(i)  # "…rather than our slides is that okay with you"
        elif (words[i - 1] in _SOFT_BREAK and word in AUX_POSITIVE
              and following in PRONOUNS and following != "i"):
            cuts.append(i - 1)
        elif (i + 3 < len(words) and yes_no_starts_at(words, i)
              and words[i - 1] not in HESITATIONS and word not in words[max(0, i - 4):i]):
            cuts.append(i)  # "…who churn do you track churn by size": not a tag, a stutter
        elif word in _WH_OPENING and following in DETERMINERS:
            cuts.append(i)  # "thanks for joining how's your week going"
        elif word == "what's" and following in _SINCE_THEN and words[i - 1] not in _NAMING:
            cuts.append(i)  # "…nine days to close what's changed since then"
    return cuts


_LEAVE_MODALS = frozenset({"can", "could", "may"})  # "can i ask": leave to ask, mid-run
_WH_INVERSION_WITHIN = 3  # "how many providers | do you": the wh-word's own auxiliary
# A leading question opening mid-run: "wouldn't you agree", "don't you think".
_LEADING_NEGATIVE = frozenset("wouldn't don't doesn't isn't aren't won't shouldn't".split())
_LEADING_VERBS = frozenset("agree think say feel want".split())
_WHO_PLACES = frozenset({"on", "in", "at", "from"})  # "who on your team would…"
_WHOSE_SIDE = frozenset({"your", "the", "our", "their"})
_MODAL_AFTER = frozenset("would will should could can does do is".split())


# "what's" + a past participle asks what has happened: "what's changed", "what's been
# hardest"; after these words the clause is named, not asked ("that's what's changed",
# "i wonder what if").
_SINCE_THEN = frozenset("changed happened been gone worked helped stopped moved slipped "
                        "improved driven made kept".split())
_NAMING = EMBEDDING_WORDS | frozenset({"that's", "it's", "here's", "what's", "and", "or"})
