"""Where a question starts inside a sentence, or inside a run of speech-to-text that has
no punctuation at all: after a preamble ("from your side, what…", "in your experience
what…"), mid-run ("…for a week what happens to the shipper", "…per seat does that make
sense"), and the forms that need no '?' there ("any questions so far", "does procurement
need to sign off"). Plain functions over lower-case tokens, like ``question_forms``,
whose word classes they use.
"""

from __future__ import annotations

from collections.abc import Sequence

from .question_forms import (
    AUX,
    CLAUSE_WORDS,
    DETERMINERS,
    EMBEDDING_WORDS,
    FILLERS,
    HESITATIONS,
    MID_WH,
    NEGATIONS,
    POLARITY_ANY,
    PRONOUN_FORMS,
    PRONOUNS,
    QUANTITY,
    REPORTING,
    SUBJECTS,
    WH,
    WH_CONTRACTED,
    agrees,
    not_asking_at,
)

_MID_WH_ANY = MID_WH | WH_CONTRACTED


def mid_sentence_wh(tokens: list[str], question_mark: bool) -> str | None:
    """A wh-question after a preamble: "from your point of view, how would you feel…"
    (after the preambles of ``question_cues.txt`` see ``questions._after_preamble``)."""
    if _MID_WH_ANY.isdisjoint(tokens):
        return None  # most sentences: one C pass
    for i in range(1, len(tokens) - 1):
        if tokens[i] not in _MID_WH_ANY:
            continue
        if tokens[i - 1] in EMBEDDING_WORDS or tokens[i - 1] in PRONOUN_FORMS:
            continue
        if not_asking_at(tokens, i):
            continue  # "the polls are open, what was it, a couple of weeks", "…and what have you"
        if i + 2 < len(tokens) and tokens[i] in MID_WH and (
                (tokens[i + 1] in AUX and tokens[i + 2] in SUBJECTS)
                or (tokens[i] == "how" and tokens[i + 1] in QUANTITY and tokens[i + 2] in AUX)
                or wh_question_starts_at(tokens, i)):  # "great, and what made you call"
            return " ".join(tokens[i:i + 2])
        if (question_mark and i >= 2 and tokens[i] in WH_CONTRACTED
                and tokens[i][:3] in ("wha", "how", "why")):
            return tokens[i]  # "imagine it's a year from now, what's different"
    return None


# Not "is"/"was": "the problem is they…" puts a clause in focus; not a copula's subject.
_MID_AUX = frozenset("do did does have has are were can could would will should shall don't "
                     "didn't doesn't haven't hasn't aren't weren't can't couldn't wouldn't "
                     "won't shouldn't".split())
_MID_SUBJECTS = frozenset("you they we he she".split())
_NOT_BEFORE_MID_AUX = (EMBEDDING_WORDS | CLAUSE_WORDS | WH | WH_CONTRACTED | AUX | PRONOUN_FORMS
                       | frozenset("than as so neither nor that what how if whether not "
                                   "where when who which why there here seldom rarely never only "
                                   "a an the this my your his her our their".split())
                       | REPORTING)


# "…does that make sense", "…would that work for you": a check after the speaker's own
# statement, its subject the statement itself and its verb one that asks whether it fits
# (not "is"/"was": "the point is that…"; not "did it before", "do that down here").
_CHECK_AUX = frozenset("does did would will could can should".split())  # not "do": "do this work"
_CHECK_SUBJECTS = frozenset("that it this".split())
_CHECK_VERBS = frozenset(
    "make makes sound work help fit answer cover match align seem look feel mean change "
    "matter solve address resonate suit be".split())
# Before the check's auxiliary, these make its order something else: an embedded clause
# ("if that would work"), a wh-question, an inversion ("not only does that help").
_NOT_BEFORE_CHECK = CLAUSE_WORDS | WH | WH_CONTRACTED | frozenset("only nor neither".split())


def mid_sentence_yes_no(tokens: list[str]) -> str | None:
    """In speech-to-text without punctuation, a yes/no question after a preamble with no
    comma to mark it: "and the show did you see it", "martin do you exercise", "…the price
    is per seat does that make sense"."""
    if YES_NO_FIRST.isdisjoint(tokens):
        return None
    for i in range(1, len(tokens) - 2):
        if tokens[i] in YES_NO_FIRST and yes_no_starts_at(tokens, i):
            return " ".join(tokens[i:i + 2])
    return None


# Every word ``yes_no_starts_at`` can accept first: a cheap test before the call.
YES_NO_FIRST = _CHECK_AUX | _MID_AUX | frozenset({"is", "are"})


_DO = frozenset({"do", "did", "does"})
BARE_SUBJECT_FIRST = _DO  # the words ``do_with_bare_subject`` can start with
_CONTRACTED_BE = {"is": "'s", "are": "'re"}  # "it's, is it…": the statement begun again
_RESTARTED_SUBJECTS = _MID_SUBJECTS | _CHECK_SUBJECTS | {"there"}
_DO_HAVE = frozenset({"do", "have"})  # main verbs: "martin do you do any exercise"


# "does procurement need to sign off", "did legal review it", "do customers ask for it":
# do-support before a bare noun subject and a bare verb. Read only without punctuation (a
# '?' marks the rest) and only with "do": after a modal or "is" the same words are as
# often a statement that dropped its subject ("could make sense", "is fun too").
_PREPOSITIONS = frozenset(
    "to of for with in at by from on about into over under after before around through "
    "between like than as off out up down".split())
_FUNCTION_WORDS = (PRONOUN_FORMS | SUBJECTS | DETERMINERS | WH | WH_CONTRACTED | AUX
                   | CLAUSE_WORDS | FILLERS | HESITATIONS | _PREPOSITIONS | NEGATIONS
                   | frozenset("me him us them either neither both each every kind sort more "
                               "most much little lot bit".split()))
_ADVERBS = frozenset(
    "just really pretty very so too quite well only even still always also ever already "
    "never maybe probably definitely sure good great fine okay better worse".split())
# Emphatic "do" before a verb ("do make sure", "does sound good", "did get better"): its
# second word is a verb, not a subject.
_COMMON_VERBS = frozenset(
    "make take get sound seem look feel keep help come go know think want need like have "
    "use work try see say tell give find mean matter care mind love hate hope wish believe "
    "remember understand agree happen put let show call ask run start stop pay buy".split())
_NOT_BARE_SUBJECT = _FUNCTION_WORDS | _ADVERBS | _COMMON_VERBS
_NOT_BARE_VERB = _FUNCTION_WORDS | _ADVERBS


_BASE_LOOKALIKES = ("eed", "bring", "sing", "ring", "ply", "fly", "rely", "ss", "us")


def _inflected(word: str) -> bool:
    """Not a bare verb by its ending: "reviewed", "asking", "quickly", "owns" (but
    "need", "bring", "apply", "discuss" are)."""
    if word.endswith(_BASE_LOOKALIKES):
        return False
    return word.endswith(("ed", "ing", "ly", "n't", "s"))


def do_with_bare_subject(tokens: Sequence[str]) -> str | None:
    """"do/does/did" + a noun subject without a determiner + a bare verb, opening the
    sentence: "does procurement need…", "did jerry talk to you…"."""
    if len(tokens) < 3 or tokens[0] not in _DO:
        return None
    subject, verb = tokens[1], tokens[2]
    if (subject in _NOT_BARE_SUBJECT or verb in _NOT_BARE_VERB
            or subject.endswith(("ed", "ing", "ly", "n't", "'s")) or _inflected(verb)):
        return None
    return f"{tokens[0]} {subject}"


def yes_no_starts_at(tokens: Sequence[str], i: int) -> bool:
    """Whether a yes/no question starts at ``tokens[i]`` (0 < i < len - 2), after a
    preamble: a check on the statement before it ("…does that make sense") or an
    auxiliary before its subject ("…did you see it")."""
    if (tokens[i] in _CHECK_AUX and tokens[i + 1] in _CHECK_SUBJECTS
            and tokens[i + 2] in _CHECK_VERBS and tokens[i - 1] not in _NOT_BEFORE_CHECK
            and (i < 2 or tokens[i - 2] not in WH)):  # "which one could that be"
        return True
    contracted = _CONTRACTED_BE.get(tokens[i])
    if (contracted and tokens[i - 1] == tokens[i + 1] + contracted
            and tokens[i + 1] in _RESTARTED_SUBJECTS):
        return True  # "now it's, um, is it very wooded": the statement begun again inverted
    if (tokens[i] in ("is", "was") and tokens[i + 1] == "that" and tokens[i + 2] == "what"
            and tokens[i + 3:i + 4] in (["you"], ["you're"])
            and len(tokens) - (i + 4) <= _CLOSING_CHECK_TAIL
            and tokens[i - 1] not in _NOT_BEFORE_MID_AUX):
        # "…or last christmas is that what you're talking about": a check that closes the
        # run, not "the problem is that what you said never reached legal"
        return True
    if (tokens[i] in ("is", "are") and tokens[i + 1] == "there"
            and tokens[i + 2] in POLARITY_ANY and tokens[i - 1] not in _NOT_BEFORE_MID_AUX):
        return True
    return (tokens[i] in _MID_AUX and tokens[i + 1] in _MID_SUBJECTS
            and agrees(tokens[i], tokens[i + 1])
            and tokens[i - 1] not in _NOT_BEFORE_MID_AUX
            and (tokens[i + 2] not in AUX or (tokens[i] in _DO and tokens[i + 2] in _DO_HAVE))
            and tokens[i + 2] != "know"
            and (tokens[i] != "shall" or tokens[i + 2] != "say"))  # "…, shall we say, …"


# Inside a run without punctuation, after these a wh-word opens a clause, not a question:
# "it depends on what matters", "that's what happens", "I know what works".
_NOT_BEFORE_MID_WH = EMBEDDING_WORDS | PRONOUN_FORMS | CLAUSE_WORDS | AUX | frozenset(
    "that's it's this here's exactly just for from with in at by into like what".split())
# Modal auxiliaries: "what would change", "what could go wrong" (the wh-word the subject),
# with the verbs that then follow (a noun there is the subject: "what can society do").
_MODALS = frozenset("would will could can should might".split())
_SUBJECT_WH_VERBS = frozenset(
    "change happen help matter stop go be make get break need work improve mean".split())


# "what would X look like", "what does X look like": a discovery question whatever the
# subject ("day one", "success", "a good quarter"), up to three words of it.
_LOOK_AUX = _MODALS | frozenset("do does did".split())
_LOOK_SUBJECT_WORDS = 3


def _looks_like(tokens: Sequence[str], start: int) -> bool:
    """Whether one to three words from ``start`` are followed by "look(s) like"."""
    for k in range(start + 1, min(start + _LOOK_SUBJECT_WORDS + 1, len(tokens) - 1)):
        if tokens[k] in ("look", "looks") and tokens[k + 1] == "like":
            return not any(w in AUX or w in WH for w in tokens[start:k])
    return False


# Before "like", these make it a word of the clause ("it's like what you said", "looks
# like what you need"), not the filler of speech ("…right now like what made you call").
_LIKE_AS_WORD = frozenset("it's that's is was be feels feel felt looks look looked sounds "
                          "sound seems seem just something anything exactly more much "
                          "kind sort".split())
# "what are new clients asking", "what were your reps doing": wh + are/were + a subject
# of one or two words that are no pronoun or adverb + a verb in -ing.
_BE_PLURAL = frozenset({"are", "were"})
_NOT_A_SUBJECT = frozenset("really actually still just always now then also even going "
                           "there here".split())


def _progressive_after(tokens: Sequence[str], start: int) -> bool:
    """Whether one or two subject words from ``start`` are followed by a verb in -ing."""
    for k in (start + 1, start + 2):
        if k >= len(tokens):
            return False
        if tokens[k].endswith("ing") and len(tokens[k]) > 4:
            return not any(w in AUX or w in WH or w in PRONOUN_FORMS or w in _NOT_A_SUBJECT
                           for w in tokens[start:k])
    return False


# "what made you call", and with a verb of causing also "what made this worth an hour",
# "what drove that decision".
_MADE_WHOM = frozenset({"you", "your", "this", "that", "it"})
_CAUSE_VERBS = frozenset("made makes drove drives prompted prompts brought brings "
                         "triggered triggers".split())


_TIME_SUBJECTS = frozenset({"next", "last"})


# Words that cannot be the named subject of "what does/did X…" mid-run (pronouns,
# determiners, fillers, negations), nor the verb after it.
_NOT_A_NAMED_SUBJECT = SUBJECTS | FILLERS | NEGATIONS | HESITATIONS | frozenset(
    "to for of in on at with and or but so".split())


# Before a wh-word these make its clause a complement ("…translates to how much it
# takes", "…a question of how many we need"), not a question of its own.
_EMBEDDING_PREPOSITIONS = frozenset("to of about on in at for".split())
_BE_SINGULAR = frozenset("is isn't was wasn't".split())
_OBJECT_PRONOUNS = frozenset("him her them me us you".split())


def wh_question_starts_at(tokens: Sequence[str], i: int) -> bool:
    """Whether a wh-question starts at ``tokens[i]`` (0 < i < len - 2) inside a run of
    speech-to-text without punctuation: wh + auxiliary + subject ("…this year what do
    you expect"; after "is" or "that" too, which cannot embed an inversion: "…the
    question is what do you think", "…handles that how would that help you"),
    "what"/"which" + noun + auxiliary + subject ("…what constraints should I know
    about"), or "what" as the subject ("…for a week what happens to the shipper", "…what
    would change for you")."""
    word, following = tokens[i], tokens[i + 1]
    if word not in MID_WH and word != "which":
        return False
    before = tokens[i - 1]
    if (word == "how" and following in ("many", "much") and i + 4 < len(tokens)
            and before not in EMBEDDING_WORDS and before not in _EMBEDDING_PREPOSITIONS
            and tokens[i + 3] in AUX
            and tokens[i + 4] in PRONOUNS and agrees(tokens[i + 3], tokens[i + 4])):
        return True  # "…and a patient portal how many providers do you have"
    if following in AUX and (tokens[i + 2] in SUBJECTS or tokens[i + 2] in _TIME_SUBJECTS) and (
            word != "which"):  # "…on their own how would next march feel for carla"
        return ((before not in EMBEDDING_WORDS or before in ("is", "was", "that")
                 # "…matches what i see what do the teams do": the verb's object was the
                 # "what" before it, so this wh-word starts a sentence of its own
                 or (i >= 3 and tokens[i - 3] == "what" and tokens[i - 2] in PRONOUNS))
                and not not_asking_at(tokens, i)
                # "…what was, you know, the name": a filler where "you" cannot be the
                # auxiliary's subject; "…how would you know it worked" asks
                and (tuple(tokens[i + 2:i + 4]) != ("you", "know") or agrees(following, "you")))
    if (before == "like" and word == "what" and tokens[i - 2] not in _LIKE_AS_WORD
            and tokens[i + 2] in ("you", "your") and following not in AUX
            and following not in PRONOUN_FORMS and following not in FILLERS):
        return True  # "…right now like what prompted you to reach out": "like" a filler
    if word not in ("what", "which") or before in _NOT_BEFORE_MID_WH:
        return False  # (an embedding word before included: the checks below need not)
    if (word == "what" and following in _BE_SINGULAR and tokens[i + 2].endswith("ing")
            and len(tokens[i + 2]) > 4
            and before not in _OBJECT_PRONOUNS):  # not "…asked him what was missing"
        return True  # "…let's start there what isn't working": "what" the subject
    if word == "what" and following in _LOOK_AUX and _looks_like(tokens, i + 2):
        return True  # "…last week what would day one look like": a noun subject
    if following in _BE_PLURAL and _progressive_after(tokens, i + 2):
        return True  # "…those five questions what are new clients asking": a noun subject
    if (i + 3 < len(tokens) and following not in AUX and following not in SUBJECTS
            and following not in FILLERS and tokens[i + 2] in AUX
            and tokens[i + 3] in PRONOUNS and agrees(tokens[i + 2], tokens[i + 3])):
        return True  # "what constraints should I", "which vendors did you"
    if (following in ("does", "did") and i + 3 < len(tokens) and len(tokens[i + 2]) > 2
            and tokens[i + 2] not in _NOT_A_NAMED_SUBJECT and tokens[i + 3] not in AUX
            and tokens[i + 3] not in _NOT_A_NAMED_SUBJECT):
        return True  # "…hear it now what does dana spend most of her week on": a name or a
        # noun for a subject ("what did sales say"), not "what does it", "what did happen was"
    # "what happens when…", "what would change": "what" the subject. Not any tensed verb:
    # after a verb of knowing or saying the clause is embedded ("…knowing what goes on",
    # "…care what happened"), and those verbs are too many to list.
    return word == "what" and (following == "happens" or (
        following in _MODALS and tokens[i + 2] in _SUBJECT_WH_VERBS) or (
        tokens[i + 2] in _MADE_WHOM and following not in AUX  # "what made you call"
        and following not in PRONOUN_FORMS and following not in FILLERS
        and (tokens[i + 2] in ("you", "your") or (
            following in _CAUSE_VERBS  # not a pseudo-cleft: "…what drove it was price"
            and "was" not in tokens[i + 3:] and "is" not in tokens[i + 3:]))))


# A check that closes a run: "…rather than our slides is that okay with you". Only near
# the run's end: "the answer is that fine print matters" states.
_CLOSING_CHECK_WORDS = frozenset("okay ok alright fine fair right correct true accurate".split())
_CLOSING_CHECK_TAIL = 3  # words after the adjective at most: "with you", "for everyone"


_STILL_WHAT = frozenset("the a an your true happening relevant valid on".split())


def closing_check_at(tokens: Sequence[str], i: int) -> bool:
    """Whether "is/was that" + okay, fair, right… at ``tokens[i]`` closes the run as a
    check on what was just said."""
    if tokens[i] not in ("is", "was") or tokens[i + 1] != "that":
        return False
    if tokens[i + 2] in _CLOSING_CHECK_WORDS:
        return len(tokens) - (i + 3) <= _CLOSING_CHECK_TAIL
    # "…another failed implementation is that still the main worry": what was said, asked
    # again; not "the problem is that still nobody owns it" (a clause after "still")
    rest = tokens[i + 3:]
    return (tokens[i + 2] == "still" and 0 < len(rest) <= _CLOSING_CHECK_TAIL + 1
            and (rest[0] in _STILL_WHAT or rest[0] in _CLOSING_CHECK_WORDS))


# "Any questions", "any thoughts on that", "anything else": an invitation to speak, a
# yes/no question with its "do you have" left out. Without punctuation it needs no '?'
# to ask, as long as nothing makes it a clause ("any feedback is welcome", "if you have
# any questions").
INVITATION_FIRST = frozenset({"any", "anything"})
INVITED = frozenset(
    "questions question thoughts comments concerns objections feedback reactions ideas "
    "suggestions".split())
_INVITATION_TAIL = 4  # "any questions so far", "any thoughts on that before we move on"
_NOT_BEFORE_INVITATION = frozenset(
    "have has had got get gets there are is were was no without for with of about if ask "
    "asked answer take raise any".split())


def invitation_at(tokens: Sequence[str], i: int) -> int:
    """The length of an invitation to speak starting at ``tokens[i]`` ("any questions",
    "any other thoughts", "anything else") that closes its clause, else 0."""
    first = tokens[i]
    if first not in INVITATION_FIRST:
        return 0
    if first == "anything":
        length = 2 if tokens[i + 1:i + 2] == ["else"] else 0
    elif tokens[i + 1:i + 2] and tokens[i + 1] in INVITED:
        length = 2
    else:
        length = 3 if (tokens[i + 1:i + 2] and tokens[i + 1] in ("other", "more", "further")
                       and tokens[i + 2:i + 3] and tokens[i + 2] in INVITED) else 0
    rest = len(tokens) - (i + length)
    if not length or rest > _INVITATION_TAIL or (rest and tokens[i + length] in AUX):
        return 0
    return length


def invitation_cut(tokens: Sequence[str], i: int) -> bool:
    """Whether a run of speech-to-text is cut before an invitation at ``tokens[i]``
    ("…that's the pricing any questions")."""
    return tokens[i - 1] not in _NOT_BEFORE_INVITATION and invitation_at(tokens, i) > 0
