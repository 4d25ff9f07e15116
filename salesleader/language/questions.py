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
- **not questions**: reactive backchannels in question form ("really?", "is that
  right?", "do you?"), requests to repeat ("pardon?", "what?"), and a trailing
  "you know?".

Leading fillers and stutters ("uh, well, so do, do you…") are skipped first. Types
follow SPEC.md B2: exploratory, open, factual, closed, confirmation, leading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from operator import eq
from typing import NamedTuple

from .lexicons import Lexicon, load_lexicon

__all__ = ["NOT_A_QUESTION", "QUESTION_TYPES", "QuestionLexicons", "QuestionParse",
           "parse_question",
           "prepare_tokens"]

QUESTION_TYPES = ("exploratory", "open", "factual", "closed", "confirmation", "leading")

WH = frozenset("what why how where when who whom whose which whereabouts".split())
WH_CONTRACTED = frozenset(
    "what's why's how's where's when's who's what're who're how're where're what'll "
    "who'll what'd how'd where'd who'd why'd what've".split()
)
AUX_POSITIVE = frozenset(
    "do does did is are was were am can could would will should shall may might must have "
    "has had".split()
)
AUX_NEGATIVE = frozenset(
    "don't doesn't didn't isn't aren't wasn't weren't can't couldn't wouldn't won't shouldn't "
    "haven't hasn't hadn't ain't mightn't mustn't shan't".split()
)
AUX = AUX_POSITIVE | AUX_NEGATIVE
RESTART_AUX = frozenset("is are was were am can could would will should".split())
HAVE = frozenset("have has had haven't hasn't hadn't".split())
PRONOUNS = frozenset("i you he she it we they y'all".split())
PRONOUN_FORMS = PRONOUNS | frozenset(
    "i'm i've i'd i'll you're you've you'd you'll he's he'd he'll she's she'd she'll it's it'd "
    "it'll we're we've we'd we'll they're they've they'd they'll that's there's".split()
)
# Verbs and nouns after which a wh-word opens an embedded clause, not a question.
EMBEDDING_WORDS = frozenset(
    "know knew wonder wondering understand tell told ask asked see saw sure remember matter "
    "explain show decide figure learn idea about is was on of that".split()
)
CLAUSE_WORDS = frozenset("if as because since although though while whether than to".split())
NEGATIONS = frozenset({"not", "never", "no", "nobody", "nothing"}) | AUX_NEGATIVE
SUBJECTS = PRONOUNS | frozenset(
    "that this there these those the a an your my his her our their its any some all each "
    "every one anyone anybody someone somebody everyone everybody people anything something "
    "everything nobody no".split()
)
FILLERS = frozenset(
    "uh um uhm er erm ah oh well so and but okay ok alright now yeah yes no like see anyway "
    "hmm hm then also plus actually basically honestly right".split()
)
FILLER_PAIRS = frozenset({("i", "mean"), ("you", "know"), ("and", "then"), ("all", "right")})
HESITATIONS = frozenset("uh um uhm er erm".split())
INNER_FILLERS = frozenset({("you", "know"), ("i", "mean")})
_INNER_SECOND = frozenset(second for _, second in INNER_FILLERS)
_KEEP_INNER = AUX | WH | {"if", "whether"}  # "do you know", "what I mean": not fillers
_HAS_NOISE = HESITATIONS | _INNER_SECOND
# First words that prepare_tokens may strip or rewrite: the statement shortcut needs none.
_NOT_FIRST_OF_PLAIN = (FILLERS | HESITATIONS | RESTART_AUX | {"or"}
                       | frozenset(first for first, _ in FILLER_PAIRS))
# Reactive forms: listeners react with these; they do not ask for information.
BACKCHANNEL_QUESTIONS = frozenset({
    ("really",), ("right",), ("yeah",), ("huh",), ("what",), ("pardon",), ("sorry",),
    ("i'm", "sorry"), ("excuse", "me"), ("pardon", "me"), ("is", "that", "right"),
    ("is", "that", "so"), ("is", "that", "true"), ("is", "it"), ("no", "kidding"),
    ("seriously",), ("you", "know"), ("you", "think"), ("oh", "yeah"), ("isn't", "it"),
    ("don't", "you", "think"), ("are", "you", "serious"), ("hello",), ("what", "was", "that"),
    ("say", "again"), ("come", "again"), ("how", "so"), ("you're", "kidding"),
    ("you're", "joking"), ("no", "way"), ("say", "what"), ("is", "that", "a", "fact"),
    ("do", "you", "think"), ("you", "think", "so"), ("do", "you", "think", "so"),
})
# Never questions, wherever they stand: "…, you know?", "you know what I mean?" (this
# list and the one above hold no entry longer than five words: ``_parse`` relies on it)
NEVER_QUESTIONS = frozenset({
    ("you", "know"), ("you", "know", "what", "i", "mean"), ("know", "what", "i", "mean"),
    ("you", "see"), ("what", "i", "mean"), ("i'm", "sorry"), ("sorry",), ("pardon",), ("huh",),
    ("really",), ("what",),
    ("is", "that", "right"), ("is", "that", "so"), ("or",),
})
REPORTING = frozenset("said says say asked asks goes went like thought think told tells".split())
WORD_SEARCHES = frozenset({("what", "was", "it"), ("when", "was", "it"), ("what", "is", "it"),
                           ("what's", "it", "called")})
MID_WH = frozenset("what why how where when".split())  # who/which mid-sentence are relatives
QUANTITY = frozenset("many much long often old far big soon large early late frequently".split())
# "so you're …", "you mean …": the speaker checks an understanding (declarative questions).
# Checks of understanding that need no question mark.
CONFIRMATION_STARTS = (
    ("i", "take", "it"), ("you", "mean"), ("so", "you're", "saying"), ("so", "what", "you're"),
    ("i", "assume", "you"), ("i", "gather"), ("if", "i", "understand"), ("if", "i'm", "hearing"),
    ("if", "i", "heard"), ("correct", "me", "if"),
)
_CONFIRMATION_FIRST = frozenset(start[0] for start in CONFIRMATION_STARTS)
DECLARATIVE_STARTS = (
    ("you", "mean"), ("so", "you"), ("so", "you're"), ("so", "your"), ("so", "it's"),
    ("so", "that's"), ("so", "they"), ("so", "we're"), ("you're", "saying"), ("i", "take", "it"),
    ("i", "assume"), ("i", "guess", "you"), ("i", "gather"),
)
_SENTENCE_END = re.compile(r"[.!?]\s+|\?(?=\S)")  # a literal first: the scan runs in C
_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


class QuestionParse(NamedTuple):
    """What a sentence asks, if anything: ``kind`` is one of ``QUESTION_TYPES``
    (immutable; a named tuple because every sentence of a call gets one)."""

    is_question: bool
    kind: str | None = None
    form: str = ""  # wh, yes_no, choice, indirect, tag, declarative, fragment, reactive
    cue: str = ""

    @property
    def coarse(self) -> str:
        """The eval's classes: open, closed, confirmation, rhetorical, none."""
        if not self.is_question:
            return "none"
        return {"exploratory": "open", "open": "open", "factual": "open", "closed": "closed",
                "confirmation": "confirmation", "leading": "rhetorical"}[self.kind or "open"]


NOT_A_QUESTION = QuestionParse(False)


@dataclass(frozen=True)
class QuestionLexicons:
    """The cue lists the parser reads: indirect requests and question types."""

    cues: Lexicon
    types: Lexicon

    @cached_property
    def unmarked_gate(self) -> tuple[frozenset[str], frozenset[str]] | None:
        """For sentences without '?' in a punctuated transcript: the first words that can
        open a question there (wh-words, auxiliaries, checks of understanding, indirect
        requests) and the words that start an indirect request anywhere in the first eight;
        None when a cue list starts with the wildcard (then no word can be ruled out)."""
        starting = self.cues.first_words(("start", "whether"))
        anywhere = self.cues.first_words(("anywhere",))
        if starting is None or anywhere is None:
            return None
        return WH | WH_CONTRACTED | AUX | _CONFIRMATION_FIRST | starting, anywhere

    @staticmethod
    @cache
    def default() -> QuestionLexicons:
        return QuestionLexicons(load_lexicon("question_cues"), load_lexicon("question_types"))

    @classmethod
    def from_config(cls, extra: Mapping[str, Sequence[str]]) -> QuestionLexicons:
        """Bundled lists plus ``[lexicons]`` entries named ``question_cues[.section]`` or
        ``question_types[.section]`` in salesleader.toml."""
        lists = []
        for name in ("question_cues", "question_types"):
            more = {("" if key == name else key.split(".", 1)[1]): tuple(phrases)
                    for key, phrases in extra.items()
                    if key == name or key.startswith(name + ".")}
            base = load_lexicon(name)
            lists.append(base.extended(more) if more else base)
        if all(a is b for a, b in zip(lists, (load_lexicon("question_cues"),
                                              load_lexicon("question_types")), strict=True)):
            return cls.default()
        return cls(*lists)


def split_sentences(text: str) -> list[str]:
    """Sentences of an utterance: split after '.', '!' or '?' and a space, and after a '?'
    run into the next word ("What?No")."""
    text = text.strip()
    out = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        piece = text[start:end.start() + 1]
        if piece.strip():
            out.append(piece)
        start = end.end()
    piece = text[start:]
    if piece.strip():
        out.append(piece)
    return out


def _collapse(words: list[str]) -> list[str]:
    """Drop hesitations and inner fillers; collapse stutters of one to three words."""
    out: list[str] = []
    for word in words:
        if word in HESITATIONS:
            continue
        if out:
            last = out[-1]
            if last == word:
                continue  # "do do you"
            if (word in _INNER_SECOND and (last, word) in INNER_FILLERS
                    and (len(out) < 2 or out[-2] not in _KEEP_INNER)):
                out.pop()  # "people who have, you know, gotten": drop the inner "you know"
                continue
        out.append(word)
        n = len(out)
        if n >= 4 and out[-1] == out[-3] and out[-2] == out[-4]:
            del out[-2:]  # "do you do you"
        elif n >= 6 and out[-1] == out[-4] and out[-2] == out[-5] and out[-3] == out[-6]:
            del out[-3:]  # "what do you what do you"
    return out


def prepare_tokens(words: list[str]) -> list[str]:
    """Drop leading fillers and collapse stutters ("do do you", "do you, do you")."""
    # No hesitation or inner filler, and no word repeated one to three places later
    # (C-level checks; the second only when some word repeats): no stutter to collapse.
    clean = _HAS_NOISE.isdisjoint(words) and (len(set(words)) == len(words) or not (
        any(map(eq, words, words[1:])) or any(map(eq, words, words[2:]))
        or any(map(eq, words, words[3:]))))
    out = list(words) if clean else _collapse(words)
    start = 0
    while start < len(out):
        # A restart: "was I, I was …" / "are, these are …" abandons the inverted order
        # (not do/have: "do you do…" is a question with do as the main verb).
        if out[start] in RESTART_AUX and out[start] in out[start + 2:start + 5]:
            start += 1
            continue
        if tuple(out[start:start + 2]) in FILLER_PAIRS and start + 2 < len(out):
            start += 2
        elif out[start] in FILLERS and start + 1 < len(out):
            start += 1
        else:
            break
    return out[start:]


def _inverts(tokens: list[str]) -> bool:
    """An auxiliary right before its pronoun subject: "… are you", "… did they"."""
    return any(a in AUX and b in PRONOUNS for a, b in pairwise(tokens))


def _pseudo_cleft(tokens: list[str]) -> bool:
    """ "what's scary is…", "what happened was…", "what frightens me is…": statements that
    put something in focus. "what color is yours" (a noun after what) stays a question."""
    if len(tokens) < 5 or (len(tokens) > 1 and tokens[1] in AUX):
        return False
    head = tokens[1]
    for k in range(2, min(len(tokens) - 2, 6)):
        if tokens[k] not in ("is", "was"):
            continue
        if tokens[0] == "what's" and k == 2:
            return True
        if tokens[k - 1] in ("me", "us", "him", "them", "you"):
            return True
        if k == 2 and head.endswith(("ed", "s")) and not head.endswith("ss"):
            return True
    return False


def _is_wh_question(tokens: list[str], question_mark: bool = False) -> str | None:
    """The wh-form of a clause-initial wh-word, or None when it opens a plain clause."""
    first = tokens[0]
    if (first in WH_CONTRACTED or first == "what") and not question_mark and _pseudo_cleft(tokens):
        return None  # "what's scary is that…", "what happened was…"
    if first in WH_CONTRACTED:
        return first
    if first not in WH:
        return None
    if len(tokens) == 1:
        return first if first != "what" else None
    second = tokens[1]
    if second in AUX:
        if first == "which" and not question_mark:
            return None  # "…, which is great": a relative clause
        return f"{first} {second}"
    if first == "what" and second in ("if", "about"):
        return f"what {second}"
    if second in CLAUSE_WORDS:
        return None  # "where if they'd had a class"
    if first == "how" and (second in QUANTITY or second in ("about", "come")):
        return f"how {second}"
    if first == "what" and second in ("about", "if", "else", "kind", "type", "sort", "other"):
        return f"what {second}"
    if first == "why" and second == "not":
        return "why not"
    if first in ("what", "which", "whose") and second in ("a", "an"):
        return None  # "what a day"
    if second in PRONOUN_FORMS or (second in SUBJECTS and not question_mark):
        # "when I was there", "what I mean is": a clause, not a question — unless the
        # subject has a dropped auxiliary: "how you doing", "what you going to do".
        if second in PRONOUNS and len(tokens) > 2 and tokens[2].endswith("ing"):
            return f"{first} {second}"
        return None
    if first in ("who", "what", "which", "whose"):
        return f"{first} {second}"  # "who decides", "which vendor", "what size"
    if first in ("when", "where") and not question_mark and not _inverts(tokens[2:6]):
        return None  # "when another group steps in…": a clause; "where in Dallas are you" inverts
    if second not in SUBJECTS and (question_mark or any(t in AUX for t in tokens[2:])):
        return f"{first} {second}"  # "how important is it", "where else did you"
    return None  # "when the meeting ended", "how nice."


def _strong_wh(tokens: list[str]) -> bool:
    """wh + auxiliary + subject ("what do you…", "how is the…") or a contracted wh-word."""
    if tokens[0] in WH_CONTRACTED:
        return True
    if len(tokens) >= 2 and tokens[0] == "how" and tokens[1] in QUANTITY:
        return True
    if len(tokens) >= 3 and tokens[0] == "what" and tokens[1] in ("kind", "type", "sort"):
        return True
    return len(tokens) >= 3 and tokens[1] in AUX and tokens[2] in SUBJECTS | PRONOUN_FORMS


def _is_yes_no(tokens: list[str]) -> str | None:
    if len(tokens) < 2 or tokens[0] not in AUX:
        return None
    first, second = tokens[0], tokens[1]
    if first in HAVE:
        ok = second in PRONOUNS or second in ("there", "anyone", "anybody", "any", "your", "the")
    else:
        ok = second in SUBJECTS
    if not ok:
        return None
    if second in ("a", "an", "the", "some", "all", "no") and len(tokens) == 2:
        return None
    return f"{first} {second}"


# After a final comma these make a statement a question; the weak ones only with '?'.
STRONG_TAGS = frozenset({("right",), ("eh",), ("correct",), ("isn't", "that", "right"),
                         ("am", "i", "right"), ("is", "that", "fair"), ("is", "that", "correct"),
                         ("is", "that", "right"), ("right", "or", "wrong")})
STRONG_TAG_TEXTS = frozenset(", ".join(t) for t in STRONG_TAGS)
WEAK_TAGS = frozenset({("huh",), ("yeah",), ("no",), ("ok",), ("okay",), ("true",), ("yes",), ("or", "not"),
                       ("you", "think"), ("do", "you", "think")})


def _clause_yes_no(clauses: list[list[str]] | None) -> str | None:
    """A yes/no question after a comma-delimited false start: "now it's, um, is it far"."""
    for clause in (clauses or [])[1:]:
        words = [w for w in clause if w not in HESITATIONS and w not in ("or", "and", "so")]
        if (len(words) >= 3 and words[0] in AUX_POSITIVE and words[1] in PRONOUNS - {"i"}
                and words[2] not in AUX and words[0] not in HAVE):
            return f"{words[0]} {words[1]}"
    return None


def _mid_sentence_question(tokens: list[str], question_mark: bool) -> str | None:
    """A wh-question after a preamble: "from your point of view, how would you feel…"."""
    for i in range(1, len(tokens) - 1):
        if tokens[i - 1] in EMBEDDING_WORDS or tokens[i - 1] in PRONOUN_FORMS:
            continue
        if tuple(tokens[i:i + 3]) in WORD_SEARCHES or tokens[i:] == ["what", "have", "you"]:
            continue  # "the polls are open, what was it, a couple of weeks", "…and what have you"
        if i + 2 < len(tokens) and tokens[i] in MID_WH and (
                (tokens[i + 1] in AUX and tokens[i + 2] in SUBJECTS)
                or (tokens[i] == "how" and tokens[i + 1] in QUANTITY and tokens[i + 2] in AUX)):
            return " ".join(tokens[i:i + 2])
        if (question_mark and i >= 2 and tokens[i] in WH_CONTRACTED
                and tokens[i][:3] in ("wha", "how", "why")):
            return tokens[i]  # "imagine it's a year from now, what's different"
    return None


# Not "is"/"was": "the problem is they…" puts a clause in focus; not a copula's subject.
_MID_AUX = frozenset("do did does have has are were can could would will should".split())
_MID_SUBJECTS = frozenset("you they we he she".split())
_NOT_BEFORE_MID_AUX = (EMBEDDING_WORDS | CLAUSE_WORDS | WH | WH_CONTRACTED | AUX | PRONOUN_FORMS
                       | frozenset("than as so neither nor that what how if whether not "
                                   "where when who which why there here seldom rarely never only "
                                   "a an the this my your his her our their".split())
                       | REPORTING)


def _mid_sentence_yes_no(tokens: list[str]) -> str | None:
    """In speech-to-text without punctuation, a yes/no question after a preamble with no
    comma to mark it: "and the show did you see it", "martin do you exercise"."""
    for i in range(1, len(tokens) - 2):
        if (tokens[i] in _MID_AUX and tokens[i + 1] in _MID_SUBJECTS
                and tokens[i - 1] not in _NOT_BEFORE_MID_AUX
                and tokens[i + 2] not in AUX and tokens[i + 2] != "know"):
            return " ".join(tokens[i:i + 2])
    return None


# A positive tag answers its statement's negation: "they don't…, do they".
_NEGATED_BY = {"do": ("don't",), "does": ("doesn't",), "did": ("didn't",),
               "is": ("isn't", "not"), "are": ("aren't", "not"), "was": ("wasn't",),
               "were": ("weren't",), "have": ("haven't",), "has": ("hasn't",),
               "had": ("hadn't",), "can": ("can't", "cannot"), "will": ("won't",),
               "would": ("wouldn't",), "could": ("couldn't",), "should": ("shouldn't",)}
# Before a final "right" these make it a word of the clause ("that's right", "get it
# right", "it didn't work right"), not a tag asking for agreement.
_RIGHT_AS_WORD = frozenset(
    "that's you're they're we're i'm he's she's it's what's all is exactly alright right "
    "that a not absolutely much quite so very really too just was be are were am work works "
    "worked working get got turn make do done went go goes come comes came put fit fits look "
    "looks feel feels seem seems sound sounds doing write the your my their our his her them "
    "him me us".split())


def _unmarked_tag(tokens: list[str]) -> str | None:
    """Tags that speech-to-text leaves without the comma before them: "senators serve six
    years right", "they don't let you take guns to work do they"."""
    if len(tokens) < 4:
        return None
    last, before = tokens[-1], tokens[-2]
    if last == "right" and before not in _RIGHT_AS_WORD and not (
            before == "it" and tokens[-3] in ("get", "got", "do", "did", "does", "make")):
        return "right"
    negations = _NEGATED_BY.get(before)
    if (negations and last in PRONOUNS and not (before == "do" and last == "it")
            and any(word in negations for word in tokens[:-2])):
        return f"{before} {last}"
    return None


def _tag(tokens: list[str], comma_tail: list[str] | None, question_mark: bool,
         open_end: bool) -> str | None:
    """A closing tag: "…, isn't it", "…, right?", "… don't you think"; a positive tag
    ("do you") only closes a negative statement ("you don't ski, do you")."""
    if len(tokens) >= 4:
        last_two = tokens[-2:]
        if last_two[0] in AUX_NEGATIVE and last_two[1] in PRONOUNS | {"there", "that"}:
            return " ".join(last_two)
        if (question_mark and last_two[0] in AUX_POSITIVE and last_two[1] in PRONOUNS
                and any(t in NEGATIONS for t in tokens[:-2])
                and tokens[-3] not in CLAUSE_WORDS | WH | {"that", "what"}):
            return " ".join(last_two)
        if tokens[-3:-1] in (["don't", "you"], ["wouldn't", "you"]) and tokens[-1] in (
            "think", "agree", "say", "feel"
        ):
            return " ".join(tokens[-3:])
    if comma_tail and 1 <= len(comma_tail) <= 3:
        tail = tuple(comma_tail)
        if tail in STRONG_TAGS or (question_mark and tail in WEAK_TAGS):
            return ", ".join(comma_tail)
        if question_mark and len(tail) == 2 and tail[0] in AUX and tail[1] in PRONOUNS | {
                "there", "that"}:
            return " ".join(tail)
    if (question_mark or not comma_tail) and len(tokens) >= 3 and tokens[-1] == "huh" and (
            tokens[-2] != "uh"):
        return "huh"
    return None


def _subtype(tokens: list[str], wh: str | None, lex: QuestionLexicons) -> str:
    """exploratory, factual or open for an information question."""
    found = _type_sections(tokens, lex)
    if "exploratory" in found or (wh is None and "why" in tokens):
        return "exploratory"
    if wh:
        head = wh.split()[0].rstrip("'sdl").removesuffix("'")
        if head.startswith("why"):
            return "exploratory"
        if head in ("when", "who", "whom", "whose", "which", "where") or wh in {
            f"how {q}" for q in QUANTITY
        }:
            return "factual"
    if "factual" in found:
        return "factual"
    return "open"


def _type_sections(tokens: list[str], lex: QuestionLexicons) -> frozenset[str]:
    """Which question-type cue lists occur in the sentence: one memoised pass for all."""
    return lex.types.sections_in(tuple(tokens))


def _framed(words: list[str], reacting: bool) -> bool:
    """A question framed inside the speaker's own argument: "…, I mean, what can you do"."""
    if reacting:
        return False
    start = 0
    while start < len(words) and words[start] in ("and", "but", "so", "well", "oh", "uh", "um"):
        start += 1
    return tuple(words[start:start + 2]) in (("i", "mean"), ("you", "know"))


def _leading(tokens: list[str], lex: QuestionLexicons) -> str | None:
    if "leading" not in _type_sections(tokens, lex):
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
    if (punctuated and not question_mark and comma_tail is None and len(words) >= 6
            and _plain_clean_statement(words, lex)):
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
    tag = _tag(tokens, comma_tail, False, open_end)
    return not (tag and (tag.startswith(tuple(AUX_NEGATIVE)) or tag in STRONG_TAG_TEXTS))


_REPORTERS = PRONOUNS | frozenset("was were is who he's she's i'm they're we're you're".split())


def _reported(words: list[str], tokens: list[str], tail: int) -> bool:
    """A quoted question after a reporting verb: "she said, what?", "I was like, really?".
    Not a question that contains one ("do you think, our investment was worth it?") nor
    a filler ("like, like are you talking about…")."""
    verb = len(words) - tail - 1
    return (verb >= 1 and words[verb] in REPORTING and _is_yes_no(tokens) is None
            and (words[verb - 1] in _REPORTERS or words[verb - 1].endswith("'s")))


def _plain_clean_statement(words: list[str], lex: QuestionLexicons) -> bool:
    """The statement shortcut before any token work: a sentence of six words or more,
    without '?' or comma in a punctuated transcript, with no filler, stutter or repeated
    word (so its tokens are its words), no word a question form starts with, no negative
    auxiliary and no indirect-request cue, is not a question: every rule of ``_parse``
    would say so (tested against the full parse)."""
    gate = lex.unmarked_gate
    return (gate is not None and words[0] not in _NOT_FIRST_OF_PLAIN
            and words[0] not in gate[0] and gate[1].isdisjoint(words)
            and AUX_NEGATIVE.isdisjoint(words) and _HAS_NOISE.isdisjoint(words)
            and len(set(words)) == len(words))


def _parse(words: list[str], tokens: list[str], question_mark: bool,
           comma_tail: list[str] | None, continues_question: bool, reacting: bool,
           open_end: bool, punctuated: bool, clauses: list[list[str]] | None,
           lex: QuestionLexicons) -> QuestionParse:
    """Syntax first; lexicons only where syntax has found a candidate."""
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
        if not question_mark:
            return NOT_A_QUESTION  # "do they." said flatly, or "have you," abandoned
        return QuestionParse(True, "confirmation", "tag", " ".join(tokens))
    if question_mark and tokens[-2:] == ["you", "know"] and len(tokens) > 3:
        return NOT_A_QUESTION  # "…, you know?" asks nothing

    if punctuated and not question_mark and clauses is None and _plain_statement(
            tokens, comma_tail, open_end, continues_question, lex):
        return NOT_A_QUESTION
    cues = lex.cues
    indirect = (cues.starts(tokens, ("start", "whether"))
                or cues.first(tokens[:8], ("anywhere",)))
    wh = _is_wh_question(tokens, question_mark)
    if wh and not question_mark and len(tokens) < 3 and wh not in ("why", "why not", "how come") and (
            punctuated or open_end or len(tokens) < 2 or tokens[1] in AUX or tokens[1] in FILLERS):
        # "so how," "how did,": a start, abandoned. Without punctuation a whole short
        # wh-turn ("what kind", "where's that") still asks.
        wh = None
    yes_no = _is_yes_no(tokens) if wh is None else None
    tag = (_tag(tokens, comma_tail, question_mark, open_end) or (
        None if punctuated else _unmarked_tag(tokens))
           if wh is None and yes_no is None else None)
    confirming = None
    if tokens[0] in _CONFIRMATION_FIRST:
        confirming = next((s for s in CONFIRMATION_STARTS if tuple(tokens[:len(s)]) == s), None)

    if punctuated and not question_mark:
        if wh and not _strong_wh(tokens):
            wh = None
        if tag and not tag.startswith(tuple(AUX_NEGATIVE)) and tag not in STRONG_TAG_TEXTS:
            tag = None
    leading = _leading(tokens, lex) if (question_mark or wh or yes_no or tag) else None
    if leading and leading.startswith(("isn't that", "isn't it", "wasn't that")) and not question_mark:
        leading = None
    if leading:
        return QuestionParse(True, "leading", "leading", leading)
    if (wh or yes_no) and (_framed(words, reacting) or "rhetorical" in _type_sections(tokens, lex)):
        return QuestionParse(True, "leading", "rhetorical", wh or yes_no or "")
    if wh:
        return QuestionParse(True, _subtype(tokens, wh, lex), "wh", wh)
    if yes_no:
        if " or " in f" {' '.join(tokens)} ":
            return QuestionParse(True, "closed", "choice", yes_no)
        kind = "exploratory" if "exploratory_yes_no" in _type_sections(tokens, lex) else "closed"
        return QuestionParse(True, kind, "yes_no", yes_no)
    if indirect:
        if indirect.section == "whether":
            return QuestionParse(True, "confirmation", "indirect", indirect.phrase)
        return QuestionParse(True, _subtype(tokens, None, lex), "indirect", indirect.phrase)
    if tag:
        return QuestionParse(True, "confirmation", "tag", tag)
    if confirming:
        return QuestionParse(True, "confirmation", "declarative", " ".join(confirming))
    if (continues_question and tokens[0] == "or" and len(tokens) > 1) or (
            (question_mark or not punctuated) and tokens[-2:] in (["or", "what"], ["or", "not"])
            and not {"if", "whether"} & set(tokens)):  # "I don't know if X or not": embedded
        return QuestionParse(True, "closed", "choice", "or")
    inner = (_mid_sentence_question(tokens, question_mark) if question_mark or not punctuated
             else None)
    if inner:
        return QuestionParse(True, _subtype(tokens, inner, lex), "wh", inner)
    inner = _clause_yes_no(clauses) or (
        _mid_sentence_yes_no(tokens) if question_mark or not punctuated else None)
    if inner:
        return QuestionParse(True, "closed", "yes_no", inner)
    if question_mark:
        if tokens[0] == "or" or tokens[-1] == "or" or tokens[-2:] == ["or", "what"]:
            return QuestionParse(True, "closed", "choice", "or")
        declarative = next((s for s in DECLARATIVE_STARTS if tuple(tokens[:len(s)]) == s), None)
        if declarative or tokens[0] in SUBJECTS | PRONOUN_FORMS:
            # "so you're on X?", "you did?": a statement offered for confirmation.
            return QuestionParse(True, "confirmation", "declarative", " ".join(tokens[:3]))
        # "remember that?", "just sun exposure?": a yes/no question with its auxiliary and
        # subject left out ("[do you] remember that?").
        return QuestionParse(True, "closed", "elliptical", " ".join(tokens[:3]))
    return NOT_A_QUESTION


_CLAUSE_START = re.compile(
    r",\s*(?:(?:uh|um|or|and|so),?\s*)*(?:is|are|was|were|do|does|did|can|could|would|will|"
    r"should|shall|may|might|must)\b", re.IGNORECASE)


def clause_words(sentence: str) -> list[list[str]] | None:
    """The words of each comma-delimited clause, or None when no clause could open a
    yes/no question (a cheap regex decides before anything is split)."""
    if "," not in sentence or not _CLAUSE_START.search(sentence):
        return None
    return [_WORD.findall(part) for part in sentence.lower().replace("’", "'").split(",")]


def sentence_words(sentence: str) -> tuple[list[str], bool, list[str] | None, bool]:
    """Words, whether it ends with '?', the words after its last comma, and whether it
    trails off with a comma."""
    lowered = sentence.lower().replace("’", "'").rstrip()
    question_mark = lowered.endswith("?")
    open_end = lowered.endswith(",")
    comma_tail = None
    body = lowered.rstrip(",")
    if "," in body:
        comma_tail = _WORD.findall(body.rsplit(",", 1)[1])
    return _WORD.findall(lowered), question_mark, comma_tail, open_end
