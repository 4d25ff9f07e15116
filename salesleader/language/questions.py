"""Is this sentence a question, and what kind? Rules over words, with or without '?'.

Speech-to-text often has no reliable punctuation, so a question is recognised by its
syntax first and its question mark second:

- **wh-questions**: a wh-word followed by an auxiliary ("what do you…", "how's…"), a
  quantity ("how many…"), a noun ("which vendor…") or a subject verb ("who decides…");
  but not a clause ("when I was there…", "what I mean is…");
- **yes/no questions**: an auxiliary before its subject ("do you…", "is there…",
  "have they…"), and "or" choices;
- **indirect requests**: "walk me through…", "help me understand…", "tell me about…",
  "I'm curious…" (lexicon ``question_cues.txt``);
- **tag and declarative questions**: "…, isn't it", "…, right?", "so you're on X?";
  a yes/no question with its auxiliary left out is closed ("you ever tried it?", "any
  questions?"); prompts to say more are open ("How so?", "Like what?");
- **not questions**: reactive backchannels in question form ("really?", "is that
  right?", "do you?"), requests to repeat ("pardon?", "what?"), a trailing "you
  know?", a condition put by inversion ("should you need anything, let me know") and
  an auxiliary that does not agree with the pronoun after it ("…, is we got one").

Leading fillers and stutters ("uh, well, so do, do you…") are skipped first. Types
follow SPEC.md B2: exploratory, open, factual, closed, confirmation, leading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from .inner_forms import (
    BARE_SUBJECT_FIRST,
    INVITATION_FIRST,
    do_with_bare_subject,
    invitation_at,
    mid_sentence_wh,
    mid_sentence_yes_no,
)
from .lexicons import WILDCARD, Lexicon, PhraseMatch, load_extended, load_lexicon
from .question_forms import (
    ANNOUNCING_PROMPTS,
    AUX,
    AUX_NEGATIVE,
    AUX_POSITIVE,
    BACKCHANNEL_QUESTIONS,
    CONFIRMATION_BY_FIRST,
    CONFIRMATION_STARTS,
    DECLARATIVE_STARTS,
    ELABORATION_PROMPTS,
    ELLIPTICAL_STARTS,
    FILLER_PAIRS,
    FILLERS,
    FUSED_AUX,
    HAS_NOISE,
    INNER_FILLERS,
    INNER_SECOND,
    NEVER_QUESTIONS,
    NOT_FIRST_OF_PLAIN,
    PERSONAL_TAG_SUBJECTS,
    POLARITY_ANY,
    PRONOUN_FORMS,
    PRONOUNS,
    QUANTITY,
    REPORTING,
    STRONG_TAG_TEXTS,
    STRONG_TAGS,
    SUBJECTS,
    WEAK_TAGS,
    WH,
    WH_CONTRACTED,
    aux_dropped,
    clause_yes_no,
    conditional_inversion,
    evaluative_cleft,
    prepare_tokens,
    progressive_without_aux,
    strong_wh,
    tag_form,
    unmarked_tag,
    wh_form,
    yes_no_form,
)
from .runs import NOT_BEFORE_REQUEST, requests_to_me
from .text import WORD

if TYPE_CHECKING:
    from .document import Sentence

__all__ = ["BACKCHANNEL_QUESTIONS", "NEVER_QUESTIONS", "NOT_A_QUESTION", "QUESTION_TYPES",
           "QuestionLexicons", "QuestionParse", "clause_words", "parse_question",
           "prepare_tokens", "sentence_words", "split_sentences"]

QUESTION_TYPES = ("exploratory", "open", "factual", "closed", "confirmation", "leading")

# Abbreviations whose period ends no sentence when more follows in the utterance: titles
# before a name, and "vs.", "e.g.", "i.e." (lower-case, without the final period). The
# undotted ones are left out by the scan itself (a look-behind per length, any case);
# initials and dotted ones ("John F.", "U.S.", "e.g.") by ``_abbreviation_before``.
ABBREVIATIONS = frozenset("dr mr mrs ms mx prof st mt jr sr rev gen capt lt sgt vs e.g i.e "
                          "approx dept".split())
_BY_LENGTH: dict[int, list[str]] = {}
for _word in sorted(ABBREVIATIONS):
    if "." not in _word:
        _BY_LENGTH.setdefault(len(_word), []).append(_word)
# One look-behind per length (alternatives in one must be as long as each other).
_NOT_AFTER = "".join(f"(?<!\\b(?i:{'|'.join(words)})\\.)" for words in _BY_LENGTH.values())
# The set first, so the scan for candidates runs in C; the look-behinds only at each one.
_SENTENCE_END = re.compile(r"[.!?]" + _NOT_AFTER + r"(?:\s+|(?<=\?)(?=\S))")
_WORD = WORD


class QuestionParse(NamedTuple):
    """What a sentence asks, if anything: ``kind`` is one of ``QUESTION_TYPES``
    (immutable; a named tuple because every sentence of a call gets one)."""

    is_question: bool
    kind: str | None = None
    form: str = ""  # wh, yes_no, choice, indirect, tag, declarative, fragment, reactive,
    # preface (no question: it announces the check the next sentence makes)
    cue: str = ""

    @property
    def coarse(self) -> str:
        """The eval's classes: open, closed, confirmation, rhetorical, none."""
        if not self.is_question:
            return "none"
        return {"exploratory": "open", "open": "open", "factual": "open", "closed": "closed",
                "confirmation": "confirmation", "leading": "rhetorical"}[self.kind or "open"]


NOT_A_QUESTION = QuestionParse(False)


_NAMES = ("question_cues", "question_types", "sentence_openers")


@dataclass(frozen=True)
class QuestionLexicons:
    """The cue lists the language layer reads: indirect requests, question types, and the
    phrases that open a sentence inside a run without punctuation."""

    cues: Lexicon
    types: Lexicon
    openers: Lexicon

    @cached_property
    def unmarked_gate(self) -> tuple[frozenset[str], frozenset[str]] | None:
        """For sentences without '?' in a punctuated transcript: the first words that can
        open a question there (wh-words, auxiliaries, checks of understanding, indirect
        requests) and the words that start an indirect request anywhere in the first eight
        (and "me", of a request after a preamble);
        None when a cue list starts with the wildcard (then no word can be ruled out). The
        opening words are those of ``word_gate``, without what must follow them."""
        gate = self.word_gate
        anywhere = self.cues.first_words(("anywhere",))
        if gate is None or anywhere is None:
            return None
        return frozenset(gate[0]), anywhere | {"me"}  # "me": "…, tell me about…"

    @cached_property
    def word_gate(self) -> tuple[dict[str, frozenset[str] | None], frozenset[str],
                                 tuple[frozenset[str], ...]] | None:
        """For the statement shortcut on words: each word that can open a question without
        '?' mapped to the words that must come next for it to (None: it opens one alone,
        as wh-words and auxiliaries do); the words whose presence needs a closer look (a
        negative auxiliary, "huh", "me" of a request after a preamble, the last word of
        each indirect request that may stand anywhere); and the words of each such
        request. None when a cue begins with the wildcard."""
        openers: dict[str, set[str] | None] = dict.fromkeys(WH | WH_CONTRACTED | AUX | FUSED_AUX)
        for words in (*CONFIRMATION_STARTS, *ELLIPTICAL_STARTS, *_APPROXIMATE_STARTS,
                      *self.cues.phrase_words(("start", "whether"))):
            first = words[0]
            if first == WILDCARD:
                return None
            if first in openers and openers[first] is None:
                continue
            if len(words) == 1 or words[1] == WILDCARD:
                openers[first] = None
            else:
                openers.setdefault(first, set()).add(words[1])  # type: ignore[union-attr]
        phrases = self.cues.phrase_words(("anywhere",))
        anywhere = tuple(frozenset(words) - {WILDCARD} for words in phrases)
        if not all(anywhere):
            return None
        # One word of each phrase (its last plain one) stands for it in the quick test.
        keys = {next(w for w in reversed(words) if w != WILDCARD) for words in phrases}
        return ({word: None if after is None else frozenset(after)
                 for word, after in openers.items()},
                AUX_NEGATIVE | {"huh", "me"} | keys, anywhere)  # "me": "…, tell me about…"

    @cached_property
    def sentence_memo(self) -> dict[tuple[bool, bool], tuple[dict[str, Sentence], ...]]:
        """Sentences that ``LanguageView`` keeps across calls, for these lexicons: per
        kind of transcript (punctuated or not; with apostrophes or without), one dict per
        dialogue context, keyed by the sentence's text."""
        return {}

    @staticmethod
    @cache
    def default() -> QuestionLexicons:
        return QuestionLexicons(*map(load_lexicon, _NAMES))

    @classmethod
    def from_config(cls, extra: Mapping[str, Sequence[str]]) -> QuestionLexicons:
        """Bundled lists plus ``[lexicons]`` entries named ``question_cues[.section]``,
        ``question_types[.section]`` or ``sentence_openers[.section]`` in salesleader.toml."""
        lists = [load_extended(name, extra) for name in _NAMES]
        if all(a is b for a, b in zip(lists, map(load_lexicon, _NAMES), strict=True)):
            return cls.default()
        return cls(*lists)


def split_sentences(text: str) -> list[str]:
    """Sentences of an utterance: split after '.', '!' or '?' and a space, and after a '?'
    run into the next word ("What?No")."""
    text = text.strip()
    inner = text[:-1]
    if "." not in inner and "?" not in inner and "!" not in inner:
        return [text] if text else []  # one sentence, the common case: no regex scan
    out = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        stop = end.start()
        if text[stop] == "." and (text[stop - 1].isupper() or text[stop - 2:stop - 1] == ".") and (
                _abbreviation_before(text, start, stop)):
            continue  # "with Dr. Okafor this week", "the U.S. market": one sentence
        piece = text[start:stop + 1]
        if piece.strip():
            out.append(piece)
        start = end.end()
    piece = text[start:]
    if piece.strip():
        out.append(piece)
    return out


def _abbreviation_before(text: str, start: int, stop: int) -> bool:
    """Whether the period at ``stop`` closes an initial ("John F. Kennedy") or a dotted
    abbreviation ("U.S.", "e.g."); the listed undotted ones never reach here (the scan
    left them out)."""
    space = text.rfind(" ", start, stop)
    word = text[max(space, start - 1) + 1:stop].lstrip("(\"'")
    if len(word) == 1:  # an initial after a name ("John F."), not "plan B."
        return word.isupper() and space > start and text[
            text.rfind(" ", start, space) + 1:space][:1].isupper()
    return len(word) > 2 and word[-2] == "." and word.replace(".", "").isalpha()


_FACTUAL_HEADS = frozenset({"when", "who", "whom", "whose", "which", "where"})
# "Where did it land with your team?", "Where do you stand?", "Where does that leave you?":
# a position or a consequence asked for, not a place ("Where did you leave the keys?").
_POSITION_VERBS = frozenset("land lands landed stand stands".split())
_LEFT_WHERE = frozenset("you us me them things everyone".split())


def _asks_a_position(tokens: list[str]) -> bool:
    """ "Where did it land…", "where does that leave you", "where are you with it": where
    things stand, not a place ("where are you located")."""
    if len(tokens) >= 5 and tokens[1] in ("are", "is") and tokens[3] in _STATUS_AFTER:
        return True  # "where are you with the plan", "where are we on budget" (not "where
        # are you at?", a place)
    return not _POSITION_VERBS.isdisjoint(tokens) or any(
        word in ("leave", "leaves") and tokens[i + 1:i + 2] and tokens[i + 1] in _LEFT_WHERE
        for i, word in enumerate(tokens))


_STATUS_AFTER = frozenset({"with", "on", "at"})
_QUANTITY_WH = frozenset(f"how {q}" for q in QUANTITY)


def _subtype(tokens: list[str], wh: str | None, found: frozenset[str] | None,
             lex: QuestionLexicons) -> str:
    """exploratory, factual or open for an information question (``found``: its
    ``_type_sections`` when already matched)."""
    if found is None:
        found = _type_sections(tokens, lex)
    if "exploratory" in found or (wh is None and "why" in tokens):
        return "exploratory"
    if wh:
        head = wh.split()[0].rstrip("'sdl").removesuffix("'")
        if head.startswith("why"):
            return "exploratory"
        if (head in _FACTUAL_HEADS or wh in _QUANTITY_WH) and "open" not in found and not (
                head == "where" and _asks_a_position(tokens)):
            return "factual"  # not "where is it still falling short?" (a gap: ``[open]``)
    if "factual" in found:
        return "factual"
    return "open"


def _type_sections(tokens: list[str], lex: QuestionLexicons) -> frozenset[str]:
    """Which question-type cue lists occur in the sentence: one memoised pass for all."""
    return lex.types.sections_in(tuple(tokens))


def _framed(words: list[str], reacting: bool) -> bool:
    """A question framed inside the speaker's own argument: "…, I mean, what can you do"
    (read for wh-questions only)."""
    if reacting:
        return False
    start = 0
    while start < len(words) and words[start] in ("and", "but", "so", "well", "oh", "uh", "um"):
        start += 1
    return tuple(words[start:start + 2]) in (("i", "mean"), ("you", "know"))


def _leading(tokens: list[str], found: frozenset[str], lex: QuestionLexicons) -> str | None:
    if "leading" not in found:
        return None
    match = lex.types.first(tokens, ("leading",))
    return match.phrase if match else None


def parse_question(
    words: list[str],
    *,
    question_mark: bool = False,
    comma_tail: list[str] | None = None,
    continues_question: bool = False,
    reacting: bool = True,
    open_end: bool = False,
    punctuated: bool = False,
    clauses: list[list[str]] | None = None,
    lexicons: QuestionLexicons | None = None,
) -> QuestionParse:
    """Classify one sentence given its words (lower-case, see ``words_of``).

    ``question_mark``: the sentence ends with '?' (pass False for unpunctuated text).
    ``comma_tail``: the words after the last comma, when the text has commas.
    ``continues_question``: the same speaker's previous sentence was a question
    (so "or weekly" continues a choice).
    ``reacting``: the sentence opens a turn after another speaker (so "is it?" reacts to
    them); after the speaker's own statement "is it?" is a tag.
    ``open_end``: the sentence trails off with a comma (an unfinished thought).
    ``clauses``: the words of each comma-delimited clause, when the text has commas.
    ``lexicons``: the cue lists to use (default: the bundled ones; ``salesleader.toml`` can
    extend them through ``QuestionLexicons.from_config``).
    ``punctuated``: the transcript marks its questions with '?', so a missing '?' is
    evidence too: then only strong forms count without one (inversion "do you…",
    wh + auxiliary + subject "what do you…", indirect requests, negative tags).
    """
    if len(words) <= 5 and len(words) >= 3 and words[-3] in ("so", "neither", "nor") and (
            words[-2] in AUX and words[-1] in PRONOUNS):
        return NOT_A_QUESTION  # "(oh,) so do I": agreement
    lex = lexicons or QuestionLexicons.default()
    if (punctuated and not question_mark and clauses is None
            and _plain_by_words(words, comma_tail, lex)):
        return NOT_A_QUESTION
    tokens = prepare_tokens(words)
    if not tokens:
        return NOT_A_QUESTION
    parse = _parse(words, tokens, question_mark, comma_tail, continues_question, reacting,
                   open_end, punctuated, clauses, lex)
    if parse.is_question:  # phrase lists are consulted only for candidates: the hot path
        found = _type_sections(tokens, lex)
        if "not_questions" in found:
            return QuestionParse(False, None, "not_question", "")
        if "not_questions_whole" in found:
            whole = lex.types.starts(tokens, ("not_questions_whole",))
            if whole and len(tokens) - whole.end <= 2:
                return QuestionParse(False, None, "not_question", "")
    return parse


_NEGATIVE_TAG_STARTS = tuple(AUX_NEGATIVE)


def _tag_without_mark(tag: str | None) -> bool:
    """Whether a tag asks even without '?' in a punctuated transcript: a negative one
    ("…, isn't it"), a strong one ("…, right") or "huh" (``tag_form`` finds it only after
    a statement of three words or more: "they just snap it right up, huh.", not "oh, I
    see, huh")."""
    if not tag:
        return False
    if tag.startswith(_NEGATIVE_TAG_STARTS) or tag in STRONG_TAG_TEXTS or tag == "huh":
        return True
    aux, _, subject = tag.partition(" ")  # a positive tag: ``tag_form`` saw the negation
    return aux in AUX_POSITIVE and subject in PERSONAL_TAG_SUBJECTS


def _plain_statement(tokens: list[str], comma_tail: list[str] | None, open_end: bool,
                     continues_question: bool, lex: QuestionLexicons) -> bool:
    """True when a sentence without '?' in a punctuated transcript cannot be a question:
    it opens with no word a question form needs, has no indirect request in its first
    words and no strong tag. Most sentences are statements; this spares them the rest of
    the parse (``_parse`` would reach the same answer, rule by rule)."""
    gate = lex.unmarked_gate
    if gate is None or tokens[0] in gate[0] or not gate[1].isdisjoint(tokens[:8]):
        return False
    if continues_question and tokens[0] == "or":
        return False
    return not _tag_without_mark(tag_form(tokens, comma_tail, False, open_end))


_REPORTERS = PRONOUNS | frozenset("was were is who he's she's i'm they're we're you're".split())


def _reported(words: list[str], tokens: list[str], tail: int) -> bool:
    """A quoted question after a reporting verb: "she said, what?", "I was like, really?".
    Not a question that contains one ("do you think, our investment was worth it?") nor
    a filler ("like, like are you talking about…")."""
    verb = len(words) - tail - 1
    return (verb >= 1 and words[verb] in REPORTING and yes_no_form(tokens) is None
            and (words[verb - 1] in _REPORTERS or words[verb - 1].endswith("'s")))


_INNER_FIRST = frozenset(first for first, _ in INNER_FILLERS)
# Every word ``prepare_tokens`` can drop before its first token.
_STRIPPABLE = NOT_FIRST_OF_PLAIN | INNER_SECOND | frozenset(
    word for pair in FILLER_PAIRS for word in pair)


def _next_token_among(words: list[str], position: int, candidates: frozenset[str]) -> bool:
    """Whether the token after ``words[position]`` could be one of ``candidates``: looks
    past the words ``prepare_tokens`` may drop (hesitations, inner "you know", repeats)."""
    for later in range(position + 1, len(words)):
        word = words[later]
        if word in candidates:
            return True
        if not (word in HAS_NOISE or word in _INNER_FIRST
                or word in words[max(0, later - 3):later]):
            return False
    return False


_REACTIVE = NEVER_QUESTIONS | BACKCHANNEL_QUESTIONS
# The last token of a tag a negative auxiliary opens: "…, isn't it", "… don't you think".
_TAG_LAST = PRONOUNS | frozenset({"there", "that", "think", "agree", "say", "feel"})


def _may_end_in_tag(words: list[str]) -> bool:
    """Whether the sentence's last token could close a negative tag. Its last word is its
    last token unless ``prepare_tokens`` may drop it (a hesitation, an inner filler, a
    repeat of one of the three words before it); then anything could be."""
    last = words[-1]
    return (last in _TAG_LAST or last in HAS_NOISE or last in _INNER_FIRST
            or last in words[-4:-1])


def _plain_by_words(words: list[str], comma_tail: list[str] | None,
                    lex: QuestionLexicons) -> bool:
    """The statement shortcut before any token work, for a sentence without '?' (and no
    clause that could open a yes/no question) in a punctuated transcript. A sentence of
    five words or fewer qualifies only when its tokens are its words (nothing
    ``prepare_tokens`` could drop) and no reactive list holds them ("of course", "is it"),
    since those lists decide short sentences first. No word that ``prepare_tokens``
    could keep as its first token opens a question form there with the word that could
    follow it (looking past leading fillers: "so, we moved…"; "I think…" opens none,
    "I take it…" does), no indirect request has all its words in it, and it holds no
    "huh" and no negative auxiliary that could open a tag at its end (so no tag a
    missing '?' allows), no strong tag after its last comma and no reporting verb
    before it: then ``_parse`` would return ``NOT_A_QUESTION`` (tokens only ever drop
    words, so what holds for the words holds for them; tested against the full parse)."""
    gate = lex.word_gate
    if gate is None:
        return False
    if len(words) <= 5 and (words[0] in _STRIPPABLE or not HAS_NOISE.isdisjoint(words)
                            or len(set(words)) < len(words) or tuple(words) in _REACTIVE):
        return False
    openers, closer_look, anywhere = gate
    first = words[0]
    if first in openers or first in _STRIPPABLE:
        # ``prepare_tokens`` may strip leading words: its first token is one of them, or
        # the first word it can never strip. A filler it strips whenever a word follows.
        for position, word in enumerate(words):
            if word == "or":
                return False
            if word not in FILLERS and word in openers:
                after = openers[word]
                if after is None or _next_token_among(words, position, after):
                    return False
            if word not in _STRIPPABLE:
                break
        else:
            return False
    if not closer_look.isdisjoint(words):
        if "huh" in words or (not AUX_NEGATIVE.isdisjoint(words) and _may_end_in_tag(words)):
            return False
        present = set(words)
        if any(cue <= present for cue in anywhere):
            return False
        if "me" in present and not requests_to_me(lex.cues).isdisjoint(pairwise(words)):
            return False  # a request to the listener after a preamble (``_request_inside``)
    if comma_tail:  # without '?' only a strong tag ("…, right") asks after the comma
        return (words[len(words) - len(comma_tail) - 1] not in REPORTING
                and (len(comma_tail) > 3 or tuple(comma_tail) not in STRONG_TAGS))
    return True


# Without punctuation a whole "why" + one of these asks: "why now", "why that".
_WHY_ALONE = frozenset("now so that this them me here there today".split())
# The first words of two forms read only without punctuation: "does finance own it",
# "any questions so far".
_DO_OR_ANY = BARE_SUBJECT_FIRST | INVITATION_FIRST
# After "I take it" these make "take" a phrasal verb: "I take it in for service".
_PARTICLES = frozenset("in out back off over up down home apart easy away on".split())
# Indirect requests that need what they ask about after them ("I'm curious" alone asks
# nothing), unlike "tell me more" or "help me understand".
_OPEN_CUE_ENDS = ("curious", "wondering", "wonder", "know", "hear")
_PROMPT_ENDS = frozenset(prompt[-1] for prompt in ELABORATION_PROMPTS | ANNOUNCING_PROMPTS)


def _only_fillers(words: Sequence[str]) -> bool:
    """Nothing but fillers and hesitations ("oh, uh, like…"; true of no words at all)."""
    return all(word in FILLERS or word in HAS_NOISE for word in words)


def _prompt(words: list[str], prompts: frozenset[tuple[str, ...]]) -> str | None:
    """ "How so?", "oh, like what?", "and you know what?": one of ``prompts`` after nothing
    but fillers (read on words: "like", "so" and "you know" are fillers to
    ``prepare_tokens``)."""
    for size in (2, 3, 4):
        prompt = tuple(words[-size:])
        if prompt in prompts and _only_fillers(words[:-size]):
            return " ".join(prompt)
    return None


# What can follow a check's opening and still say nothing to check: "let me make sure I
# understand", "correct me if I'm wrong", "just so I'm following you".
PREFACE_WORDS = frozenset("i i'm i've understand understood get got it this that you correctly "
                          "right wrong heard hear am following follow we're on the same page "
                          "here".split())
_PROPOSALS = (["why", "don't", "you"], ["why", "don't", "we"])
_APPROXIMATELY = frozenset({"about", "roughly", "approximately", "around"})
_APPROXIMATE_STARTS = tuple((word, "how") for word in sorted(_APPROXIMATELY))


# "Can I ask what drove it?", "mind if I ask who signs?": asking leave to put a wh-question.
_ASKING_MODALS = frozenset({"can", "could", "would", "will"})
_PERMISSIONS = (("do", "you", "have", "a", "sense", "of"), ("do", "you", "have", "any", "idea"),
                ("do", "you", "happen", "to", "know"),  # "…of what it cost you": it asks what
                ("can", "i", "ask"), ("could", "i", "ask"), ("may", "i", "ask"),
                ("mind", "if", "i", "ask"), ("do", "you", "mind", "if", "i", "ask"),
                ("would", "you", "mind", "if", "i", "ask"),
                ("would", "you", "mind", "if", "i", "asked"))


_PERMISSIONS_BY_START: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
for _permission in _PERMISSIONS:  # looked up by their first two words: one dict lookup
    _PERMISSIONS_BY_START.setdefault(_permission[:2], []).append(_permission)


def _after_preamble(tokens: list[str], lex: QuestionLexicons) -> str | None:
    """The wh-question right after a phrase that frames it (``question_cues.txt``
    [preamble]): "in your experience what actually works", with no comma to mark it."""
    framed = lex.cues.starts(tokens, ("preamble",))
    if framed is None or len(tokens) <= framed.end + 1:
        return None
    word = tokens[framed.end]
    return " ".join(tokens[framed.end:framed.end + 2]) if word in WH or word in WH_CONTRACTED else None


# Words of preamble before a request to the listener, so that its "me" stands within the
# first eight words, where the statement shortcut looks (``unmarked_gate``).
_REQUEST_WITHIN = 7
_SERIAL_VERBS = frozenset("come go gonna wanna let's".split())  # "…come tell me about it"


def _request_inside(tokens: list[str], lex: QuestionLexicons) -> PhraseMatch | None:
    """An imperative request to the listener after a short preamble: "before we go
    further, tell me about the dispatch process", "so just walk me through it" (a verb
    and "me" of the [start] list; not "they tell me about it", "she said tell me")."""
    requests = requests_to_me(lex.cues)
    for i in range(1, min(len(tokens) - 2, _REQUEST_WITHIN)):
        if ((tokens[i], tokens[i + 1]) in requests and tokens[i - 1] not in NOT_BEFORE_REQUEST
                and tokens[i - 1] not in REPORTING and tokens[i - 1] not in _SERIAL_VERBS):
            found = lex.cues.starts(tokens[i:], ("start",))
            if found is not None:
                return found
    return None


def _polite_request(tokens: list[str], lex: QuestionLexicons) -> QuestionParse | None:
    """A yes/no question in form that asks for information in function: an indirect
    request put as a polite yes/no ("could you walk me through…", "can you tell me how…")
    or leave asked for a wh-question ("can I ask what…"). Typed by what it asks for, as
    the request or the wh-question would be (an embedded "how" is open, "who" factual)."""
    cue = lex.cues.starts(tokens, ("start",))
    if cue is None and tokens[1:2] == ["you"] and tokens[0] in _ASKING_MODALS:
        # "can you" + any request of the list: "could you give me a sense of…"
        cue = lex.cues.starts(tokens[2:], ("start",))
        if cue is not None:
            return QuestionParse(True, _subtype(tokens, None, None, lex), "indirect",
                                 f"{tokens[0]} you {cue.phrase}")
    if cue is not None and tokens[0] in AUX:
        rest, phrase = tokens[cue.end:], cue.phrase
    else:
        if tokens[1:2] not in (["i"], ["you"], ["if"]):
            return None  # no leave asked: "is it…", "are they…", "does that…"
        permission = next((p for p in _PERMISSIONS_BY_START.get(tuple(tokens[:2]), ())
                           if tuple(tokens[:len(p)]) == p), None)
        if permission is None:
            return None
        rest, phrase = tokens[len(permission):], " ".join(permission)
    if rest[:1] in (["me"], ["you"], ["us"]):
        rest = rest[1:]  # "would you mind telling me who…", "can I ask you what…"
    asked = rest[0] if rest and rest[0] in WH else None
    if asked is None and cue is None:
        return None  # "can I ask you something?", "could I ask you to hold?"
    return QuestionParse(True, _subtype(tokens, asked, None, lex), "indirect", phrase)


def _inner_request(tokens: list[str], inner: str,
                   lex: QuestionLexicons) -> QuestionParse | None:
    """The yes/no question ``inner`` found inside the sentence as the polite request it
    may be: "Before we dive in, can you walk me through your process?" asks for the
    process, as "can you walk me through…" alone would."""
    asked = inner.split()
    if len(asked) != 2 or asked[0] not in _ASKING_MODALS:
        return None
    for k in range(1, len(tokens) - 2):
        if tokens[k] == asked[0] and tokens[k + 1] == asked[1]:
            return _polite_request(tokens[k:], lex)
    return None


def _parse(words: list[str], tokens: list[str], question_mark: bool,
           comma_tail: list[str] | None, continues_question: bool, reacting: bool,
           open_end: bool, punctuated: bool, clauses: list[list[str]] | None,
           lex: QuestionLexicons) -> QuestionParse:
    """Syntax first; lexicons only where syntax has found a candidate."""
    if question_mark and len(words) <= 6 and words[-1] in _PROMPT_ENDS:
        prompt = _prompt(words, ELABORATION_PROMPTS)
        if prompt:
            return QuestionParse(True, "open", "elaboration", prompt)
        prompt = _prompt(words, ANNOUNCING_PROMPTS)
        if prompt:
            return QuestionParse(True, "leading", "rhetorical", prompt)
    short = tuple(tokens) if len(tokens) <= 5 else ()  # the reactive lists: five words at most
    if short in NEVER_QUESTIONS:
        return QuestionParse(False, None, "reactive", " ".join(tokens))
    if (question_mark and tokens[-1] == "what" and len(tokens) <= 5 and tokens[0] != "what"
            and tokens[-2:] != ["or", "what"]):
        return QuestionParse(False, None, "reactive", "… what?")  # "a what?": say again
    if question_mark and reacting and len(tokens) == 2 and tokens[0] in PRONOUN_FORMS and (
            tokens[1] in AUX or tokens[1] in ("not", "kidding")):
        return QuestionParse(False, None, "reactive", " ".join(tokens))  # "oh, you do?"
    if comma_tail and _reported(words, tokens, len(comma_tail)):
        return QuestionParse(False, None, "reported", "")  # "she said, what?"
    short_inverted = (2 <= len(tokens) <= 3 and tokens[0] in AUX and tokens[1] in PRONOUNS
                      | {"that", "there"} and tokens[2:] in ([], ["really"], ["not"]))
    if reacting and (short in BACKCHANNEL_QUESTIONS or (short_inverted and (
            question_mark or len(tokens) == 2))):
        return QuestionParse(False, None, "reactive", " ".join(tokens))
    if not reacting and short_inverted:
        if punctuated and not question_mark:
            return NOT_A_QUESTION  # "do they." said flatly, or "have you," abandoned
        return QuestionParse(True, "confirmation", "tag", " ".join(tokens))
    if not reacting and question_mark and (short in STRONG_TAGS or short in WEAK_TAGS
                                           or short == ("fair",)):
        return QuestionParse(True, "confirmation", "tag", " ".join(tokens))  # "…. Right?"
    if not reacting and not punctuated and len(short) > 1 and short in STRONG_TAGS:
        # "…are the bottlenecks | is that fair": a check cut off the speaker's own claim
        # (one word, "right", said alone without '?' mostly agrees)
        return QuestionParse(True, "confirmation", "tag", " ".join(tokens))
    if question_mark and tokens[-2:] == ["you", "know"] and len(tokens) > 3:
        return NOT_A_QUESTION  # "…, you know?" asks nothing

    if punctuated and not question_mark and clauses is None and _plain_statement(
            tokens, comma_tail, open_end, continues_question, lex):
        return NOT_A_QUESTION
    if (len(tokens) > 3 and tokens[0] in _APPROXIMATELY and tokens[1] == "how"
            and tokens[2] in QUANTITY):
        tokens = tokens[1:]  # "about how many agents do you have": the estimate asked for
    wh = wh_form(tokens, question_mark)
    if tokens[0] == "why" and (question_mark or not punctuated):
        bare = lex.types.starts(tokens, ("rhetorical_start",))
        if bare:  # "why wait?": argues that there is no reason
            return QuestionParse(True, "leading", "rhetorical", bare.phrase)
    if wh and not question_mark and len(tokens) < 3 and wh not in ("why", "why not", "how come") and (
            punctuated or open_end or len(tokens) < 2 or tokens[1] in AUX or tokens[1] in FILLERS):
        # "so how," "how did,": a start, abandoned. Without punctuation a whole short
        # wh-turn ("what kind", "where's that") still asks.
        wh = None
    if (not punctuated and wh is None and len(tokens) == 2 and tokens[0] == "why"
            and tokens[1] in _WHY_ALONE):
        wh = f"why {tokens[1]}"  # a whole "why now" asks ("why sure" is an interjection)
    yes_no = (yes_no_form(tokens, restarts=question_mark or not punctuated)
              if wh is None else None)
    if yes_no and not question_mark and conditional_inversion(tokens, comma_tail):
        yes_no = None  # "should you need anything, let me know": a condition, then a request
    tag = (tag_form(tokens, comma_tail, question_mark, open_end) or (
        None if punctuated else unmarked_tag(tokens))
           if wh is None and yes_no is None else None)
    confirming = None
    starts = CONFIRMATION_BY_FIRST.get(tokens[0])
    if starts:
        # Not "let me make sure," alone (abandoned) nor "I take it in…" (a phrasal verb).
        confirming = next((s for s in starts
                           if len(tokens) > len(s) and tuple(tokens[:len(s)]) == s
                           and (s[-1] != "it" or tokens[len(s)] not in _PARTICLES)), None)

    if wh and not question_mark and tokens[:3] in _PROPOSALS:
        wh = None  # "why don't we start" proposes (with '?' it may ask for a reason)
    if punctuated and not question_mark:
        if wh and (not strong_wh(tokens) or evaluative_cleft(tokens)):
            wh = None  # "what's so funny," comments
        if not _tag_without_mark(tag):
            tag = None
    # The type cue lists are matched once, and only for a candidate question.
    types = _type_sections(tokens, lex) if (question_mark or wh or yes_no or tag) else None
    leading = _leading(tokens, types, lex) if types is not None else None
    if (leading and leading.startswith(("isn't that", "isn't it", "wasn't that"))
            and punctuated and not question_mark):
        leading = None  # "Isn't it true." said flatly; without punctuation it may ask
    if leading:
        return QuestionParse(True, "leading", "leading", leading)
    # Framed by "I mean"/"you know", a wh-question argues ("I mean, what can you do?");
    # a yes/no question still asks ("I mean, is it pretty easy?").
    if types is not None and (wh or yes_no) and ((wh and _framed(words, reacting))
                                                 or "rhetorical" in types):
        return QuestionParse(True, "leading", "rhetorical", wh or yes_no or "")
    if wh:
        return QuestionParse(True, _subtype(tokens, wh, types, lex), "wh", wh)
    if yes_no:
        polite = _polite_request(tokens, lex)
        if polite:
            return polite
        if " or " in f" {' '.join(tokens)} ":
            return QuestionParse(True, "closed", "choice", yes_no)
        found = types or ()
        kind = ("exploratory" if "exploratory_yes_no" in found and "offer" not in found
                else "confirmation" if "confirmation_yes_no" in found else "closed")
        return QuestionParse(True, kind, "yes_no", yes_no)
    # Indirect requests ("walk me through…") are looked up only when no direct form asks.
    if tokens[0] == "mind" and (question_mark or not punctuated):
        polite = _polite_request(tokens, lex)  # "mind if I ask who signs?"
        if polite:
            return polite
    indirect = (lex.cues.starts(tokens, ("start", "whether"))
                or lex.cues.first(tokens[:8], ("anywhere",)))
    if (indirect and indirect.phrase.endswith(_OPEN_CUE_ENDS)
            and _only_fillers(tokens[indirect.end:])):
        indirect = None  # "I'm, I'm curious." / "I was wondering, like…": curious of nothing
    if indirect is None and len(tokens) > 3 and "me" in tokens:  # most sentences: no "me"
        indirect = _request_inside(tokens, lex)  # "Before we go further, tell me about…"
    if indirect:
        if indirect.section == "whether":
            return QuestionParse(True, "confirmation", "indirect", indirect.phrase)
        return QuestionParse(True, _subtype(tokens, None, types, lex), "indirect",
                             indirect.phrase)
    if tag:  # checks a fact, unless the statement sells ("you'd want that, wouldn't you?")
        return QuestionParse(True, "leading" if types and "leading_tag" in types
                             else "confirmation", "tag", tag)
    if confirming:
        if not question_mark and PREFACE_WORDS.issuperset(tokens[len(confirming):]):
            # "Let me make sure I understand." announces the check that follows; the view
            # reads the speaker's next statement as that check.
            return QuestionParse(False, None, "preface", " ".join(confirming))
        return QuestionParse(True, "confirmation", "declarative", " ".join(confirming))
    if (continues_question and tokens[0] == "or" and len(tokens) > 1) or (
            (question_mark or not punctuated) and tokens[-2:] in (["or", "what"], ["or", "not"])
            and not {"if", "whether"} & set(tokens)):  # "I don't know if X or not": embedded
        return QuestionParse(True, "closed", "choice", "or")
    inner = (_after_preamble(tokens, lex) or mid_sentence_wh(tokens, question_mark)
             if question_mark or not punctuated else None)
    if inner:
        return QuestionParse(True, _subtype(tokens, inner, types, lex), "wh", inner)
    if question_mark and comma_tail and len(comma_tail) >= 2:
        # "quick question, who owns the budget?", "from your side, what does success look
        # like?": the clause after the comma asks (a noun subject, so not caught above).
        clause = prepare_tokens(comma_tail)
        inner = wh_form(clause, True) if clause else None
        if inner:
            return QuestionParse(True, _subtype(tokens, inner, types, lex), "wh", inner)
    if question_mark and clauses and len(clauses) > 2:
        # "Raj, if we went ahead, who on your team would own it, not just during
        # rollout?": the question is a middle clause, the last one adds to it.
        for clause in clauses[1:-1]:
            words_of_clause = prepare_tokens(clause)
            inner = wh_form(words_of_clause) if len(words_of_clause) >= 3 else None
            if inner:
                return QuestionParse(True, _subtype(tokens, inner, types, lex), "wh", inner)
    if question_mark and clauses:
        # "Before we talk about the number, can I ask what the ninety was built on?": leave
        # asked after a preamble puts its wh-question as it would alone.
        for clause in clauses[1:]:
            asking = prepare_tokens(clause)
            if (len(asking) > 3 and asking[1] == "i" and tuple(asking[:2]) in _PERMISSIONS_BY_START
                    and (asked := _polite_request(asking, lex)) is not None):
                return asked
    inner = clause_yes_no(clauses) or (
        mid_sentence_yes_no(tokens) if question_mark or not punctuated else None)
    if inner:
        return _inner_request(tokens, inner, lex) or QuestionParse(
            True, "closed", "yes_no", inner)
    if not punctuated and tokens[0] in _DO_OR_ANY:
        if bare := do_with_bare_subject(tokens):  # "does finance own the budget"
            return QuestionParse(True, "closed", "yes_no", bare)
        if invited := invitation_at(tokens, 0):  # "any questions so far"
            return QuestionParse(True, "closed", "elliptical", " ".join(tokens[:invited]))
    if not punctuated and progressive_without_aux(tokens):  # with '?': aux_dropped below
        return QuestionParse(True, "closed", "elliptical", " ".join(tokens[:3]))
    if question_mark:
        if tokens[0] == "or" or tokens[-1] == "or" or tokens[-2:] == ["or", "what"]:
            return QuestionParse(True, "closed", "choice", "or")
        # "Any questions?", "anything else I should know?": a yes/no question with its "is
        # there"/"do you have" left out, never a statement offered for confirmation.
        if aux_dropped(tokens) or tokens[0] in POLARITY_ANY or (
                comma_tail and comma_tail[0] in POLARITY_ANY):  # "…, any questions?"
            return QuestionParse(True, "closed", "elliptical", " ".join(tokens[:3]))
        declarative = next((s for s in DECLARATIVE_STARTS if tuple(tokens[:len(s)]) == s), None)
        if declarative or tokens[0] in SUBJECTS | PRONOUN_FORMS:
            # "so you're on X?", "you did?": a statement offered for confirmation.
            return QuestionParse(True, "confirmation", "declarative", " ".join(tokens[:3]))
        # "remember that?", "just sun exposure?": a yes/no question with its auxiliary and
        # subject left out ("[do you] remember that?").
        return QuestionParse(True, "closed", "elliptical", " ".join(tokens[:3]))
    return NOT_A_QUESTION


_CLAUSE_START = re.compile(
    r",\s*(?:(?:uh|um|or|and|so|but)\s*)*+(?:is|are|was|were|do|does|did|can|could|would|will|"
    r"should|shall|may|might|must)\b")  # on lower-case text: IGNORECASE scans 2x slower
# The fillers run to the next comma only: ", so, is it" is found from its last comma, and a
# scan from each comma of ", so, so, so…" over all the rest would be quadratic. Possessive
# ("*+"): no auxiliary starts with a filler, so giving one back never helps.


_WH_CLAUSE = re.compile(r",\s*(?:who|what|which|how|where|when|why)\b")


def clause_words(sentence: str, question_mark: bool = False) -> list[list[str]] | None:
    """The words of each comma-delimited clause, or None when no clause could open a
    yes/no question (a cheap regex decides before anything is split) nor, in a sentence
    ending with '?' (``question_mark``), a wh-question."""
    if "," not in sentence:
        return None
    lowered = sentence.lower()
    if not _CLAUSE_START.search(lowered) and not (
            question_mark and lowered.count(",") >= 2 and _WH_CLAUSE.search(lowered)):
        return None  # with '?', a middle clause may hold the wh-question
    return [_WORD.findall(part) for part in lowered.replace("’", "'").split(",")]


def sentence_words(sentence: str) -> tuple[list[str], bool, list[str] | None, bool]:
    """Words, whether it ends with '?', the words after its last comma, and whether it
    trails off with a comma. No word spans a comma, so the words before and after the
    last one are found apart and joined: the tail is tokenised once, not twice."""
    lowered = sentence.lower().replace("’", "'").rstrip()
    question_mark = lowered.endswith("?")
    open_end = lowered.endswith(",")
    body = lowered.rstrip(",") if open_end else lowered
    comma = body.rfind(",")
    if comma < 0:
        return _WORD.findall(lowered), question_mark, None, open_end
    comma_tail = _WORD.findall(body, comma + 1)
    return _WORD.findall(body, 0, comma) + comma_tail, question_mark, comma_tail, open_end
