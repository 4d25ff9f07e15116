"""The syntax of questions: word classes, token preparation and the forms a question
takes, as plain functions over lower-case tokens (``questions.parse_question`` combines
them with the cue lists).

Each form function returns the words that show the form ("do you", "isn't it") or None.
"""

from __future__ import annotations

from itertools import pairwise
from operator import eq

WH = frozenset("what why how where when who whom whose which whereabouts".split())
WH_CONTRACTED = frozenset(
    "what's why's how's where's when's who's what're who're how're where're what'll "
    "who'll what'd how'd where'd who'd why'd what've "
    "whatcha whaddya whaddaya whadda".split()  # speech spelled as said: "whatcha using"
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
# An auxiliary and its subject said as one word: "d'you use…", "didja try…".
FUSED_AUX = frozenset("d'you d'ya didja didya".split())
PRONOUNS = frozenset("i you he she it we they y'all".split())
PRONOUN_FORMS = PRONOUNS | frozenset(
    "i'm i've i'd i'll you're you've you'd you'll he's he'd he'll she's she'd she'll it's it'd "
    "it'll we're we've we'd we'll they're they've they'd they'll that's there's".split()
)
# Verbs and nouns after which a wh-word opens an embedded clause, not a question.
EMBEDDING_WORDS = frozenset(
    "know knew wonder wondering understand tell told ask asked see saw sure remember matter "
    "explain show share hear decide figure learn idea about is was on of that".split()
)
CLAUSE_WORDS = frozenset("if as because since although though while whether than to".split())
NEGATIONS = frozenset({"not", "never", "no", "nobody", "nothing"}) | AUX_NEGATIVE
SUBJECTS = PRONOUNS | frozenset(
    "that this there these those the a an your my his her our their its any some all each "
    "every one anyone anybody someone somebody everyone everybody people anything something "
    "everything nobody no ya other most".split()
    # "ya": "do ya use it", as speech-to-text spells it; "other", "most": "how do other
    # carriers handle it", "what do most teams do"
)
FILLERS = frozenset(
    "uh um uhm er erm ah oh well so and but okay ok alright now yeah yes no like see anyway "
    "hmm hm then also plus actually basically honestly right".split()
)
FILLER_PAIRS = frozenset({("i", "mean"), ("you", "know"), ("and", "then"), ("all", "right")})
HESITATIONS = frozenset("uh um uhm er erm".split())
INNER_FILLERS = frozenset({("you", "know"), ("i", "mean")})
INNER_SECOND = frozenset(second for _, second in INNER_FILLERS)
KEEP_INNER = AUX | WH | {"if", "whether"}  # "do you know", "what I mean": not fillers
HAS_NOISE = HESITATIONS | INNER_SECOND
# First words that prepare_tokens may strip or rewrite: the statement shortcut needs none.
NOT_FIRST_OF_PLAIN = (FILLERS | HESITATIONS | RESTART_AUX | {"or"}
                      | frozenset(first for first, _ in FILLER_PAIRS))
# Reactive forms: listeners react with these; they do not ask for information.
BACKCHANNEL_QUESTIONS = frozenset({
    ("really",), ("right",), ("yeah",), ("huh",), ("what",), ("pardon",), ("sorry",),
    ("i'm", "sorry"), ("excuse", "me"), ("pardon", "me"), ("is", "that", "right"),
    ("is", "that", "so"), ("is", "that", "true"), ("is", "it"), ("no", "kidding"),
    ("seriously",), ("you", "know"), ("you", "think"), ("oh", "yeah"), ("isn't", "it"),
    ("don't", "you", "think"), ("are", "you", "serious"), ("hello",), ("what", "was", "that"),
    ("say", "again"), ("come", "again"), ("you're", "kidding"),
    ("you're", "joking"), ("no", "way"), ("say", "what"), ("is", "that", "a", "fact"),
    ("do", "you", "think"), ("you", "think", "so"), ("do", "you", "think", "so"),
})
# Never questions, wherever they stand: "…, you know?", "you know what I mean?" (this
# list and the one above hold no entry longer than five words: ``questions._parse``
# relies on it)
NEVER_QUESTIONS = frozenset({
    ("you", "know"), ("you", "know", "what", "i", "mean"), ("know", "what", "i", "mean"),
    ("you", "see"), ("what", "i", "mean"), ("i'm", "sorry"), ("sorry",), ("pardon",), ("huh",),
    ("really",), ("what",),
    ("is", "that", "right"), ("is", "that", "so"), ("or",),
})
# Asking the other to say more about what they just said: open questions that can only
# build on the last turn ("How so?", "Like what?", "For example?"). Read only with '?':
# without one, "for example" opens a statement.
ELABORATION_PROMPTS = frozenset({
    ("how", "so"), ("like", "what"), ("meaning", "what"), ("such", "as"), ("such", "as", "what"),
    ("for", "example"), ("for", "instance"), ("in", "what", "way"), ("in", "what", "sense"),
    ("like", "how"), ("how", "do", "you", "mean"), ("what", "do", "you", "mean"),
})
# Announcing what the speaker is about to say: rhetorical, said with '?' ("You know
# what? We…"). Without one, "you know what." is a statement too.
ANNOUNCING_PROMPTS = frozenset({("you", "know", "what"), ("you", "know", "why"),
                                ("guess", "what"), ("you", "know", "something")})
# "Any questions?", "is there anything else I can show you": "any" needs a question (or a
# negation) around it.
POLARITY_ANY = frozenset({"any", "anything", "anybody", "anyone"})
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
    ("what", "i'm", "hearing"), ("what", "i", "heard"),
    ("if", "i", "heard"), ("correct", "me", "if"), ("let", "me", "make", "sure"),
    ("just", "to", "confirm"), ("just", "to", "clarify"), ("just", "so", "i", "understand"),
    ("to", "make", "sure", "i"),
)
CONFIRMATION_FIRST = frozenset(start[0] for start in CONFIRMATION_STARTS)
# The starts by their first word: a sentence is compared with those it could begin with.
CONFIRMATION_BY_FIRST = {first: tuple(s for s in CONFIRMATION_STARTS if s[0] == first)
                         for first in CONFIRMATION_FIRST}
DECLARATIVE_STARTS = (
    ("you", "mean"), ("so", "you"), ("so", "you're"), ("so", "your"), ("so", "it's"),
    ("so", "that's"), ("so", "they"), ("so", "we're"), ("you're", "saying"), ("i", "take", "it"),
    ("i", "assume"), ("i", "guess", "you"), ("i", "gather"),
    # a statement offered back after announcing it: "just to recap, you need it by Q3?"
    ("just", "to", "recap"), ("to", "recap"), ("so", "to", "recap"), ("to", "summarize"),
    ("let", "me", "recap"),
)
# Conversation drops the auxiliary of a yes/no question to "you": "[do] you want blue?",
# "[have] you ever seen it?", "[are] you ready?". The verb after "you" (past any adverbs
# here) is then bare or an adjective, where a declarative question has a tensed verb
# or a contracted one: "you did?", "you moved there?", "you're married?".
_ELLIPSIS_ADVERBS = frozenset("ever still really just only also actually all both guys two "
                              "even already usually".split())
_PAST_IRREGULAR = frozenset(
    "went got had was were did said saw came took made knew thought bought brought found gave "
    "told felt left kept held heard meant met paid ran sat sent spent stood understood won wrote "
    "grew drove ate fell forgot lost sold taught caught built chose began broke spoke became "
    "liked used lived moved".split())


def aux_dropped(tokens: list[str]) -> bool:
    """A yes/no question to "you" with its auxiliary left out (see above)."""
    if len(tokens) < 2 or tokens[0] != "you":
        return False
    for word in tokens[1:4]:
        if word in _ELLIPSIS_ADVERBS:
            if word == "ever":
                return True  # "you ever been…": only "have"/"did" can precede it
            continue
        return not (word in AUX or word in _PAST_IRREGULAR or word.endswith(("ed", "'s"))
                    or word in ("mean", "know", "not", "never"))
    return False


_NOT_PROGRESSIVE = frozenset(
    "being having bring brings string spring thing things nothing something anything "
    "everything during morning evening ceiling king sing ring swing sting wing".split())


def progressive_without_aux(tokens: list[str]) -> bool:
    """ "you talking to me", "you guys using Zendesk": "are" left out before an -ing verb
    (a statement would keep it: "you're using Zendesk")."""
    if len(tokens) < 3 or tokens[0] != "you":
        return False
    verb = tokens[2] if tokens[1] in ("guys", "all") else tokens[1]
    return len(verb) > 4 and verb.endswith("ing") and verb not in _NOT_PROGRESSIVE


def collapse(words: list[str]) -> list[str]:
    """Drop hesitations and inner fillers; collapse stutters of one to three words."""
    out: list[str] = []
    for word in words:
        if word in HESITATIONS:
            continue
        if out:
            last = out[-1]
            if last == word:
                continue  # "do do you"
            if (word in INNER_SECOND and (last, word) in INNER_FILLERS
                    and (len(out) < 2 or out[-2] not in KEEP_INNER)):
                out.pop()  # "people who have, you know, gotten": drop the inner "you know"
                continue
        out.append(word)
        n = len(out)
        if n >= 4 and out[-1] == out[-3] and out[-2] == out[-4]:
            del out[-2:]  # "do you do you"
        elif n >= 6 and out[-1] == out[-4] and out[-2] == out[-5] and out[-3] == out[-6]:
            del out[-3:]  # "what do you what do you"
    return out


DETERMINERS = frozenset("the a an this that these those my your our their his her its".split())
# Words that open a subject after a repeated auxiliary: the question begun again about
# someone else ("are they, are those two married"), not "was, I was the first".
_NEW_SUBJECT = (PRONOUNS | DETERMINERS) - {"the", "a", "an"}


def prepare_tokens(words: list[str]) -> list[str]:
    """Drop leading fillers and collapse stutters ("do do you", "do you, do you")."""
    # No hesitation or inner filler, and no word repeated one to three places later
    # (C-level checks; the second only when some word repeats): no stutter to collapse.
    clean = HAS_NOISE.isdisjoint(words) and (len(set(words)) == len(words) or not (
        any(map(eq, words, words[1:])) or any(map(eq, words, words[2:]))
        or any(map(eq, words, words[3:]))))
    out = list(words) if clean else collapse(words)
    start = 0
    while start < len(out):
        # A restart: "was I, I was …" / "are, these are …" abandons the inverted order
        # (not do/have: "do you do…" is a question with do as the main verb).
        if out[start] in RESTART_AUX and start + 1 < len(out) and any(
                out[k] == out[start] and out[k + 1:k + 2] != [out[start + 1]]
                and (out[k - 1] == out[start + 1] or out[start + 1] in DETERMINERS)
                and (k > start + 2 or _NEW_SUBJECT.isdisjoint(out[k + 1:k + 2]))
                for k in range(start + 2, min(start + 5, len(out)))):
            # the subject moved before the auxiliary: a statement after all ("was I, I
            # was…", "was, the whole thing was…"), unlike a question said twice ("is she
            # spry, is she…"), one with a clause in it ("are you sure they are…") or one
            # begun again with another subject ("are they, are those two married")
            start += 1
            continue
        if out[start] in WH and start + 1 < len(out) and (
                out[start + 1] in WH or out[start + 1] in WH_CONTRACTED):
            start += 1  # "what, uh, what's of interest to you": the first wh abandoned
            continue
        if (out[start] in WH and start + 3 < len(out) and out[start + 1] in AUX
                and out[start + 2] in WH and out[start + 3] in AUX):
            start += 2  # "how do, what do you think": the first start abandoned
            continue
        if tuple(out[start:start + 2]) in FILLER_PAIRS and start + 2 < len(out):
            start += 2
        elif out[start] in FILLERS and start + 1 < len(out):
            start += 1
        else:
            break
    return out[start:]


def inverts(tokens: list[str]) -> bool:
    """An auxiliary right before its pronoun subject: "… are you", "… did they"."""
    return any(a in AUX and b in PRONOUNS for a, b in pairwise(tokens))


def pseudo_cleft(tokens: list[str]) -> bool:
    """ "what's scary is…", "what happened was…", "what frightens me is…": statements that
    put something in focus. "what color is yours" (a noun after what) stays a question."""
    if len(tokens) < 5 or (len(tokens) > 1 and tokens[1] in AUX):
        return False
    head = tokens[1]
    for k in range(2, min(len(tokens) - 2, 9)):  # "what other firms your size tell us is…"
        if tokens[k] not in ("is", "was"):
            continue
        if tokens[0] == "what's" and k == 2:
            return True
        if tokens[k - 1] in ("me", "us", "him", "them", "you"):
            return True
        if k == 2 and head.endswith(("ed", "s")) and not head.endswith("ss"):
            return True
    return False


_EVALUATIVE = frozenset(
    "funny interesting nice scary sad great neat strange weird odd amazing bad good important "
    "hard frustrating worse better ironic surprising crazy awful terrible cool exciting "
    "fascinating worrying tricky".split())
_DEGREE = frozenset("so really even most more also".split())


def evaluative_cleft(tokens: list[str]) -> bool:
    """ "what's so funny, …", "what's even worse, they…": a comment that opens a statement
    (read only where a missing '?' is evidence: "what's important to you" asks)."""
    if len(tokens) < 2 or tokens[0] != "what's":
        return False
    second = tokens[2] if tokens[1] in _DEGREE and len(tokens) > 2 else tokens[1]
    return second in _EVALUATIVE


def wh_form(tokens: list[str], question_mark: bool = False) -> str | None:
    """The wh-form of a clause-initial wh-word, or None when it opens a plain clause."""
    first = tokens[0]
    if (first in WH_CONTRACTED or first == "what") and not question_mark and pseudo_cleft(tokens):
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
    if first == "why" and (second == "not" or question_mark):
        return f"why {second}"  # "why not", and with '?' "why that vendor?", "why me?"
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
    if first in ("when", "where") and not question_mark and not inverts(tokens[2:6]):
        return None  # "when another group steps in…": a clause; "where in Dallas are you" inverts
    if second not in SUBJECTS and (question_mark or any(t in AUX for t in tokens[2:])):
        return f"{first} {second}"  # "how important is it", "where else did you"
    return None  # "when the meeting ended", "how nice."


_EXCLAIMED_SUBJECTS = frozenset("the our my their his her this that these those we they he "
                                "she i".split())


def strong_wh(tokens: list[str]) -> bool:
    """wh + auxiliary + subject ("what do you…", "how is the…"), a contracted wh-word, or
    "what/how about" + a noun phrase."""
    if tokens[0] in WH_CONTRACTED:
        return True
    if len(tokens) >= 2 and tokens[0] == "how" and tokens[1] in QUANTITY:
        # not "how much the front desk changed.": a noun phrase's subject, no inversion,
        # marvels at an amount
        return len(tokens) < 3 or tokens[2] not in _EXCLAIMED_SUBJECTS
    if len(tokens) >= 3 and tokens[0] == "what" and tokens[1] in ("kind", "type", "sort"):
        return True
    if (len(tokens) >= 4 and tokens[0] in ("what", "which", "whose") and tokens[2] in AUX
            and tokens[3] in PRONOUNS and agrees(tokens[2], tokens[3])):
        return True  # "which vendor did you pick.": wh + noun, then the inversion
    if tokens[0] in ("what", "how") and tokens[1:2] == ["about"]:
        # "what about your finance team.": it asks with no inversion to miss, unless only a
        # demonstrative follows ("how about that." marvels).
        return len(tokens) >= 3 and tokens[2:] not in (["that"], ["this"], ["it"])
    return len(tokens) >= 3 and tokens[1] in AUX and tokens[2] in SUBJECTS | PRONOUN_FORMS


# Yes/no questions whose auxiliary speech drops and that need no '?' to ask: "ever" after
# a sentence-initial "you" needs a "have" or "did" before it ("you ever been to Austin").
# So does an adjective after it, where a statement would need "are": "you ready for
# this", "you all set".
ELLIPTICAL_STARTS = (("you", "ever"), ("y'all", "ever"), ("you", "guys", "ever"),
                     ("you", "all", "ever"), ("you", "ready"), ("you", "guys", "ready"),
                     ("you", "all", "ready"), ("you", "all", "set"), ("you", "done"))


# An auxiliary and a pronoun that do not agree are not an inversion: "…, is we got a
# mobile home", "do it that way", "is they promote them".
_DISAGREE = {
    "is": frozenset({"i", "we", "they", "you", "y'all", "these", "those"}),
    "was": frozenset({"we", "they", "you", "y'all", "these", "those"}),
    "are": frozenset({"i", "he", "she", "it", "this"}),
    "were": frozenset({"i", "he", "she", "it", "this"}),
    "am": frozenset({"we", "they", "you", "y'all", "he", "she", "it"}),
    "does": frozenset({"i", "we", "they", "you", "y'all", "these", "those"}),
    "has": frozenset({"i", "we", "they", "you", "y'all", "these", "those"}),
    # "do this in perl.", "have that ready by friday": an imperative, not "does this…"
    "do": frozenset({"he", "she", "it", "this", "that"}),
    "have": frozenset({"he", "she", "it", "this", "that"}),
}


def agrees(aux: str, subject: str) -> bool:
    """Whether an auxiliary can invert with a pronoun subject ("is it", "are you")."""
    disagreeing = _DISAGREE.get(aux)
    return disagreeing is None or subject not in disagreeing


_LEADING_CONJUNCTIONS = frozenset({"or", "but", "because", "cause"})


def yes_no_form(tokens: list[str], *, restarts: bool = False) -> str | None:
    """An auxiliary before its subject: "do you…", "have there been…". ``restarts``: also
    after a conjunction or an abandoned auxiliary ("or is it…", "because isn't it…",
    "did, were you…"), for text where no '?' or comma marks the clause."""
    if restarts and len(tokens) > 3 and (tokens[0] in _LEADING_CONJUNCTIONS or (
            tokens[0] in AUX_POSITIVE and tokens[1] in AUX and tokens[2] in PRONOUNS)):
        inner = _yes_no_first(tokens[1:])
        if inner:
            return inner
    return _yes_no_first(tokens)


def _yes_no_first(tokens: list[str]) -> str | None:
    if len(tokens) < 2 or tokens[0] not in AUX:
        if len(tokens) >= 2 and tokens[0] in FUSED_AUX:
            return tokens[0]
        if tokens and tokens[0] in ("you", "y'all") and len(tokens) > 2:
            return next((" ".join(start) for start in ELLIPTICAL_STARTS
                         if tuple(tokens[:len(start)]) == start), None)
        return None
    first, second = tokens[0], tokens[1]
    if first in HAVE:
        ok = second in PRONOUNS or second in ("there", "anyone", "anybody", "any", "your", "the")
    else:
        ok = second in SUBJECTS
    if not ok or not agrees(first, second):
        return None
    if second in ("a", "an", "the", "some", "all", "no") and len(tokens) == 2:
        return None
    return f"{first} {second}"


_CONDITIONAL_AUX = frozenset({"should", "had", "were"})
# What opens a request after a condition: "…, let me know", "…, please call".
_REQUEST_OPENERS = frozenset(
    "let please feel call email reach just don't do give drop ping contact get send".split())
_REQUESTS = ("let me know", "let us know", "feel free", "please")


def conditional_inversion(tokens: list[str], comma_tail: list[str] | None) -> bool:
    """A condition put by inversion, not a question: "should you need anything, let me
    know", "had she not worked there I'd…" (a question contracts: "hadn't she…")."""
    if len(tokens) < 3 or tokens[0] not in _CONDITIONAL_AUX or tokens[1] not in PRONOUNS:
        return False
    if tokens[2] == "not" or (comma_tail and comma_tail[0] in _REQUEST_OPENERS
                              and len(comma_tail) < len(tokens) - 2):
        return True
    # Without commas (speech-to-text), the usual requests themselves: "…let me know".
    later = " ".join(tokens[3:])
    return any(f" {request} " in f" {later} " for request in _REQUESTS)


# After a final comma these make a statement a question; the weak ones only with '?'.
STRONG_TAGS = frozenset({("right",), ("eh",), ("correct",), ("isn't", "that", "right"),
                         ("am", "i", "right"), ("is", "that", "fair"), ("is", "that", "correct"),
                         ("is", "that", "right"), ("right", "or", "wrong")})
STRONG_TAG_TEXTS = frozenset(", ".join(t) for t in STRONG_TAGS)
WEAK_TAGS = frozenset({("huh",), ("yeah",), ("no",), ("ok",), ("okay",), ("true",), ("yes",), ("or", "not"),
                       ("you", "think"), ("do", "you", "think")})


def clause_yes_no(clauses: list[list[str]] | None) -> str | None:
    """A yes/no question after a comma-delimited false start: "now it's, um, is it far"."""
    for clause in (clauses or [])[1:]:
        words = [w for w in clause if w not in HESITATIONS and w not in ("or", "and", "so", "but")]
        if (len(words) >= 3 and words[0] in AUX_POSITIVE and words[1] in PRONOUNS - {"i"}
                and words[2] not in AUX and words[0] not in HAVE and agrees(words[0], words[1])):
            return f"{words[0]} {words[1]}"
    return None


def not_asking_at(tokens: list[str], i: int) -> bool:
    """Whether a wh-word at ``i`` asks nothing: a word search ("…, what was it, …") or the
    closing idiom "…and what have you"."""
    return tuple(tokens[i:i + 3]) in WORD_SEARCHES or tokens[i:i + 4] == ["what", "have", "you"]



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


# Checks that close a statement like a tag: "…per seat per month make sense".
_CHECK_TAGS = frozenset({("make", "sense"), ("sound", "good"), ("sound", "right"),
                        ("sound", "fair"), ("sound", "okay"), ("sound", "ok")})
# Before one of them, these make it part of the clause: "it doesn't make sense", "tools
# that make sense".
_CHECK_TAG_IN_CLAUSE = AUX | PRONOUN_FORMS | CLAUSE_WORDS | WH | frozenset(
    "to not that which it this really totally just also kind sort ever never gonna "
    "of for with".split())


# Before a closing "is that fair", these make it part of the clause ("…the question is
# is that fair", "…whether is that right"); "of that | is that fair" is a tag.
_THREE_WORD_TAG_IN_CLAUSE = AUX | CLAUSE_WORDS | WH | EMBEDDING_WORDS - {"that", "of", "on"}


def unmarked_tag(tokens: list[str]) -> str | None:
    """Tags that speech-to-text leaves without the comma before them: "senators serve six
    years right", "they don't let you take guns to work do they", "…per seat make sense"."""
    if len(tokens) < 4:
        return None
    last, before = tokens[-1], tokens[-2]
    if (before, last) in _CHECK_TAGS and tokens[-3] not in _CHECK_TAG_IN_CLAUSE:
        return f"{before} {last}"
    if (len(tokens) >= 6 and tuple(tokens[-3:]) in STRONG_TAGS and tokens[-3] in AUX
            and tokens[-4] not in _THREE_WORD_TAG_IN_CLAUSE):
        return " ".join(tokens[-3:])  # "…and the weekends on top of that is that fair"
    if last == "right" and before not in _RIGHT_AS_WORD and not (
            before == "it" and tokens[-3] in ("get", "got", "do", "did", "does", "make")):
        return "right"
    negations = _NEGATED_BY.get(before)
    if (negations and last in PRONOUNS and not (before == "do" and last == "it")
            and any(word in negations for word in tokens[:-2])):
        return f"{before} {last}"
    return None


# A positive tag on a negated clause asks even without '?' when its subject is a person
# ("you haven't signed yet, have you"); "…don't do it" and "…can't I" are not tags.
PERSONAL_TAG_SUBJECTS = frozenset("you we they he she".split())


def tag_form(tokens: list[str], comma_tail: list[str] | None, question_mark: bool,
         open_end: bool) -> str | None:
    """A closing tag: "…, isn't it", "…, right?", "… don't you think"; a positive tag
    ("do you") only closes a negative statement ("you don't ski, do you")."""
    if len(tokens) >= 4:
        last_two = tokens[-2:]
        if last_two[0] in AUX_NEGATIVE and last_two[1] in PRONOUNS | {"there", "that"} and not (
                last_two[1] == "there" and tokens[-3] in PRONOUN_FORMS and comma_tail != last_two):
            return " ".join(last_two)  # not "…than pretend it isn't there": a place
        if ((question_mark or last_two[1] in PERSONAL_TAG_SUBJECTS)
                and last_two[0] in AUX_POSITIVE and last_two[1] in PRONOUNS
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
    if len(tokens) >= 4 and tokens[-1] == "huh" and tokens[-2] != "uh":
        return "huh"  # after three words or more: "oh, I see, huh" is a reaction
    return None
