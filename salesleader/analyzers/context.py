"""``Call``: one conversation with sides assigned, and the derived data analyzers share.

Everything here is computed lazily, once per call, and never changes the conversation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache, partial
from itertools import chain
from typing import Any, NamedTuple, TypeVar

from ..config import Config
from ..language.document import BACKCHANNEL_WORDS, LanguageView, Sentence, backchannel_flags
from ..language.lexicons import CueIndex, Lexicon, load_extended
from ..language.questions import QuestionLexicons
from ..model import CUSTOMER, SELLER, Conversation, Utterance
from .base import Evidence

__all__ = ["COLLEAGUE", "Call", "Run", "quote"]

T = TypeVar("T")
_MISSING = object()

# In one seller's view of a call (``Call.for_seller``), the other sellers' side: neither
# the seller measured nor the customer, so their words count for neither.
COLLEAGUE = "colleague"

QUOTE_CHARS = 240


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


class Run(NamedTuple):
    """A stretch of one side's speech not interrupted by the other side.

    ``utterances`` are the indexes of that side's utterances in the run (the other side's
    backchannels inside it are skipped, not counted). Immutable; a named tuple because a
    call has hundreds.
    """

    side: str  # SELLER, CUSTOMER or, in one seller's view, COLLEAGUE
    utterances: tuple[int, ...]
    words: int
    start: float | None
    end: float | None

    @property
    def seconds(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)


# Hundreds of runs a call: built in C from a ready tuple, not through Run's Python __new__.
_new_run = partial(tuple.__new__, Run)

# The lexicons ``Call.cues`` matches, all in one pass per sentence; not the word lists
# that the listening analyzer counts word by word ("you", "we": nearly every sentence).
# Words for people ("discovery.customer_nouns", "insight.peer_nouns") are labels like the
# others; their analyzers then judge the frame around them.
CUE_LEXICONS = ("advice", "discovery", "insight", "listening", "stance", "vision")
NOT_CUES = frozenset({"listening.you_words", "listening.self_words",
                      "listening.reported",  # read in emails only (personal references)
                      "discovery.customer_nouns_loose",  # a subset of customer_nouns
                      # asked of a customer turn only after a soft acknowledgement
                      "vision.concern_words"})


@lru_cache(maxsize=16)  # one per distinct salesleader.toml in a process, not one per call
def _cue_index(lexicons: tuple[tuple[str, Lexicon], ...]) -> CueIndex:
    return CueIndex(dict(lexicons), skip=NOT_CUES)


class Call:
    """A conversation ready for analysis. Build it with ``Call(conversation, config)``."""

    def __init__(self, conversation: Conversation, config: Config | None = None) -> None:
        if conversation.seller is None:
            raise ValueError("assign sides first (salesleader.roles.assign_sellers)")
        self.conversation = conversation
        self.utterances: tuple[Utterance, ...] = conversation.utterances
        self.config = config or Config()
        self._cue_memo: dict[tuple[str, ...], frozenset[str]] = {}
        self.seller_name: str | None = None  # set in one seller's view (``for_seller``)
        self._once: dict[str, Any] = {}  # shared with the sellers' views (``once``)
        # The call a seller's view was made from (None on the call itself: a reference to
        # itself would be a cycle, keeping every call's data alive until the GC runs).
        self._whole: Call | None = None

    # Computed from the words alone: one seller's view shares them with the whole call.
    _SHARED = ("has_timestamps", "duration_s", "speakers", "language", "words", "backchannel",
               "_cue_index", "_lexicons")

    def for_seller(self, name: str) -> Call:
        """The call as one seller's own: their utterances are the seller side, the other
        sellers' are ``COLLEAGUE`` (theirs neither to count nor to answer), the customer's
        stay the customer's. Analyzers run on it unchanged give that seller's metrics; the
        language work is shared, not redone."""
        if self._whole is not None:  # asked of a view: the call's view of that seller
            return self._whole.for_seller(name)
        view = Call(self.conversation, self.config)
        view.seller_name = name
        view._whole = self
        view._cue_memo = self._cue_memo
        view._once = self._once
        view.__dict__["_selling"] = self.selling_side()
        for attribute in self._SHARED:
            if attribute in self.__dict__:
                view.__dict__[attribute] = self.__dict__[attribute]
        speakers = self.speakers
        side_of = dict(zip(speakers, self.sides, strict=True))  # a speaker has one side
        for speaker, side in side_of.items():
            if side == SELLER and speaker != name:
                side_of[speaker] = COLLEAGUE
        view.__dict__["sides"] = tuple(map(side_of.__getitem__, speakers))
        view.__dict__["_parent_runs"] = self.call_runs()
        sentences, cues, indexes = self.once("by_seller", self._by_seller)
        for cache, own in (("_sentences", sentences), ("_sentence_cues", cues),
                           ("_questions", None)):
            built = self.__dict__.get(cache, {})
            shared = {side: items for side, items in built.items() if side in (None, CUSTOMER)}
            if own is not None:
                shared[SELLER] = own.get(name, [])
            view.__dict__[cache] = shared
        others = [own for speaker, own in indexes.items() if speaker != name]
        view.__dict__["_indexes_by_side"] = (
            indexes.get(name, ()), self._indexes_by_side[1],
            others[0] if len(others) == 1 else tuple(sorted(chain(*others))))
        return view

    def _by_seller(self) -> tuple[dict[str, list[Sentence]], dict[str, list[frozenset[str]]],
                                  dict[str, tuple[int, ...]]]:
        """The selling side's sentences, their cues and its utterances, by seller."""
        speakers = self.speakers
        names = {speakers[i] for i in self._indexes_by_side[0]}
        sentences: dict[str, list[Sentence]] = {name: [] for name in names}
        cues: dict[str, list[frozenset[str]]] = {name: [] for name in names}
        for sentence, found in zip(*self.selling_side(), strict=True):
            speaker = speakers[sentence.utterance]
            sentences[speaker].append(sentence)
            cues[speaker].append(found)
        indexes: dict[str, list[int]] = {name: [] for name in names}
        for index in self._indexes_by_side[0]:
            indexes[speakers[index]].append(index)
        return sentences, cues, {speaker: tuple(own) for speaker, own in indexes.items()}

    @cached_property
    def has_timestamps(self) -> bool:
        return self.conversation.has_timestamps

    @cached_property
    def duration_s(self) -> float | None:
        """The conversation's length (``Conversation.duration_s``, a scan of every
        utterance), computed once for all analyzers."""
        return self.conversation.duration_s

    @cached_property
    def speakers(self) -> tuple[str, ...]:
        """Each utterance's speaker, in order."""
        return tuple(u.speaker for u in self.utterances)

    @cached_property
    def sides(self) -> tuple[str, ...]:
        """Each utterance's side: ``SELLER``, ``CUSTOMER`` or (in one seller's view)
        ``COLLEAGUE``."""
        side_by_speaker = {p.name: p.side or CUSTOMER for p in self.conversation.participants}
        return tuple(side_by_speaker.get(u.speaker, CUSTOMER) for u in self.utterances)

    @cached_property
    def words(self) -> tuple[tuple[str, ...], ...]:
        """Each utterance's words (the language view's tokens: one tokenizer for all)."""
        return self.language.words

    @cached_property
    def backchannel(self) -> tuple[bool, ...]:
        """True for short listener responses ("mm-hm", "yeah, right") that keep nobody's floor."""
        limit = self.config.thresholds.backchannel_max_words
        if limit == BACKCHANNEL_WORDS:
            return self.language.backchannel  # the language view's, found for the floor
        return backchannel_flags(self.words, limit)

    @cached_property
    def language(self) -> LanguageView:
        """Sentences, words and question parses: computed once, shared by every analyzer."""
        return LanguageView(self.utterances, QuestionLexicons.from_config(self.config.lexicons))

    @cached_property
    def _cue_index(self) -> CueIndex:
        from ..analyzers.pitch import product_lexicon

        lexicons = {name: self.lexicon(name) for name in CUE_LEXICONS}
        lexicons["product"] = product_lexicon(self)
        return _cue_index(tuple(lexicons.items()))

    def cues(self, words: tuple[str, ...]) -> frozenset[str]:
        """Every lexicon (``"insight"``) and lexicon section (``"stance.pressure"``) with a
        phrase in ``words`` (but not the word lists of ``NOT_CUES``), found in one pass and
        remembered for the call. ``"product"`` is ``features.txt`` plus the
        ``[product] terms`` of salesleader.toml."""
        memo = self._cue_memo
        found = memo.get(words)
        if found is None:
            found = memo[words] = self._cue_index.labels(words)
        return found

    def lexicon(self, name: str) -> Lexicon:
        """A bundled lexicon plus the phrases salesleader.toml adds under ``[lexicons]``."""
        cache = self.__dict__.setdefault("_lexicons", {})
        if name not in cache:
            cache[name] = load_extended(name, self.config.lexicons)
        return cache[name]

    def sentences(self, side: str | None = None) -> list[Sentence]:
        """Every sentence in order, optionally only one side's (built once per side)."""
        cache = self.__dict__.setdefault("_sentences", {})
        if side not in cache:
            cache[side] = [
                sentence
                for index, group in enumerate(self.language.sentences)
                if side is None or self.sides[index] == side
                for sentence in group
            ]
        return cache[side]

    def sentence_cues(self, side: str | None = None) -> list[frozenset[str]]:
        """The ``cues`` of every sentence of ``sentences(side)``, in the same order (built
        once per side): analyzers that look at every sentence zip the two lists instead
        of asking ``cues`` sentence by sentence."""
        cache = self.__dict__.setdefault("_sentence_cues", {})
        if side not in cache:
            cues = self.cues
            cache[side] = [cues(s.words) for s in self.sentences(side)]
        return cache[side]

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, remembered under ``key`` for this call and every seller's view
        of it: for what does not depend on which seller is measured (the customer's talk,
        a decision about one sentence of the selling side), so the views do not redo it."""
        found = self._once.get(key, _MISSING)
        if found is _MISSING:
            found = self._once[key] = compute()
        return found  # type: ignore[no-any-return]

    def selling_side(self) -> tuple[list[Sentence], list[frozenset[str]]]:
        """Every sentence of the selling side (all sellers, in a seller's view too), with
        its cues: what ``once`` decides about, sentence by sentence."""
        selling = self.__dict__.get("_selling")
        if selling is None:
            return self.sentences(SELLER), self.sentence_cues(SELLER)
        return selling  # type: ignore[no-any-return]

    def questions(self, side: str) -> list[Sentence]:
        cache = self.__dict__.setdefault("_questions", {})
        if side not in cache:
            cache[side] = [s for s in self.sentences(side) if s.question.is_question]
        return cache[side]

    def previous_turn(self, index: int, side: str) -> list[int]:
        """The utterances of ``side``'s most recent run before ``index`` (nearest first)."""
        found: list[int] = []
        position = index - 1
        while position >= 0 and (self.sides[position] != side or self.backchannel[position]):
            position -= 1
        while position >= 0 and (self.sides[position] == side or self.backchannel[position]):
            if self.sides[position] == side and not self.backchannel[position]:
                found.append(position)
            position -= 1
        return found

    def evidence_for(self, sentence: Sentence, label: str | None = None) -> Evidence:
        return self.evidence(sentence.utterance, sentence.text, label)

    def available(self) -> frozenset[str]:
        """Which analyzer requirements this call meets."""
        found = set()
        if SELLER in self.sides:
            found.add("seller")
        if CUSTOMER in self.sides:
            found.add("customer")
        if self.has_timestamps:
            found.add("timestamps")
        return frozenset(found)

    @cached_property
    def runs(self) -> tuple[Run, ...]:
        """Monologues and stories: runs of one side, backchannels of the other not breaking them."""
        parent = self.__dict__.get("_parent_runs")
        if parent is None:
            return tuple(self._gather(range(len(self.utterances)), None))
        # One seller's view: every boundary of the call's runs is one here too, so only
        # the selling side's runs are gathered again (split where a colleague takes over).
        runs: list[Run] = []
        owners = iter(self.once("runs.owners", self._run_owners))  # the selling runs, in order
        for run in parent:
            if run.side == CUSTOMER:
                runs.append(run)
                continue
            _, owner = next(owners)
            if owner == self.seller_name:
                runs.append(run)  # this seller's alone: the same run
            elif owner is not None:
                runs.append(_new_run((COLLEAGUE, *run[1:])))  # a colleague's alone
            else:  # several sellers in one run (or colleagues only: one colleague run)
                runs.extend(self._gather(run.utterances, runs[-1].side if runs else None))
        return tuple(runs)

    def seller_runs(self) -> list[Run]:
        """The seller's runs (monologues), in order; in one seller's view, that seller's,
        picked from the call's selling-side runs without gathering the whole call again."""
        cached = self.__dict__.get("_seller_runs")
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        if self.seller_name is None:
            found = [run for run in self.runs if run.side == SELLER]
        else:
            found = []
            name = self.seller_name
            for run, owner in self.once("runs.owners", self._run_owners):
                if owner == name:
                    found.append(run)
                elif owner is None:  # sellers taking turns within one run: gather it here
                    # After the customer's run: the call's runs alternate sides.
                    after = CUSTOMER if run.utterances[0] else None
                    found.extend(r for r in self._gather(run.utterances, after)
                                 if r.side == SELLER)
        self.__dict__["_seller_runs"] = found
        return found

    def _run_owners(self) -> list[tuple[Run, str | None]]:
        """The call's selling-side runs, each with its one speaker (None: several)."""
        speakers = self.speakers
        owners = []
        for run in self.call_runs():
            if run.side == CUSTOMER:
                continue
            indexes = run.utterances
            if len(indexes) == 1:
                owners.append((run, speakers[indexes[0]]))
                continue
            found = {speakers[i] for i in indexes}
            owners.append((run, found.pop() if len(found) == 1 else None))
        return owners

    def call_runs(self) -> tuple[Run, ...]:
        """The call's runs with all sellers one side: ``runs``, or in one seller's view the
        call's (its side switches, its customer stories)."""
        parent = self.__dict__.get("_parent_runs")
        return parent if parent is not None else self.runs

    def _gather(self, indexes: Iterable[int], current_side: str | None) -> list[Run]:
        """The runs over ``indexes`` in order, after a run of ``current_side``."""
        runs: list[Run] = []
        current: list[int] = []
        utterances, words, backchannel, sides = (self.utterances, self.words, self.backchannel,
                                                 self.sides)

        def close() -> None:
            if not current or current_side is None:
                return
            if len(current) == 1:  # the common case: one utterance, nothing to gather
                index = current[0]
                first = utterances[index]
                timed = first.start is not None and first.end is not None
                runs.append(_new_run((current_side, (index,), len(words[index]),
                                      first.start if timed else None,
                                      first.end if timed else None)))
                return
            starts = [utterances[i].start for i in current]
            ends = [utterances[i].end for i in current]
            timed = None not in starts and None not in ends
            runs.append(Run(
                side=current_side, utterances=tuple(current),
                words=sum(len(words[i]) for i in current),
                start=min(starts) if timed else None,  # type: ignore[type-var]
                end=max(ends) if timed else None,  # type: ignore[type-var]
            ))

        for index in indexes:
            side = sides[index]
            if side == current_side:
                current.append(index)
            elif current_side is not None and backchannel[index]:
                continue  # the listener's "mm-hm" does not take the floor
            else:
                close()
                current, current_side = [index], side
        close()
        return runs

    def evidence(self, index: int, text: str | None = None, label: str | None = None) -> Evidence:
        """The quote of an utterance (or of ``text`` in it), made once per call: the
        sellers' views quote the same moments (``Evidence`` is immutable)."""
        made = self._once.setdefault("evidence", {})
        key = (index, text, label)
        found = made.get(key)
        if found is None:
            utterance = self.utterances[index]
            found = made[key] = Evidence(index, utterance.start, utterance.speaker,
                                         quote(text or utterance.text), label)
        return found  # type: ignore[no-any-return]

    def seller_indexes(self) -> tuple[int, ...]:
        """Indexes of the seller's utterances, in order (computed once)."""
        return self._indexes_by_side[0]

    def customer_indexes(self) -> tuple[int, ...]:
        """Indexes of the customer's utterances, in order (computed once)."""
        return self._indexes_by_side[1]

    def colleague_indexes(self) -> tuple[int, ...]:
        """Indexes of the other sellers' utterances in one seller's view (else none)."""
        return self._indexes_by_side[2]

    def reply_from(self, start: int) -> list[int]:
        """The selling side's utterances from ``start`` until a customer takes the floor
        again, backchannels (theirs and the customer's) left out: its reply to a turn."""
        sides, backchannel = self.sides, self.backchannel
        found = []
        while start < len(sides) and (sides[start] != CUSTOMER or backchannel[start]):
            if not backchannel[start]:
                found.append(start)
            start += 1
        return found

    def next_seller_is_colleague(self, index: int) -> bool:
        """Whether, in one seller's view, the first utterance after ``index`` not on the
        customer side is another seller's: the customer's words were for them."""
        sides = self.sides
        for position in range(index + 1, len(sides)):
            if sides[position] != CUSTOMER:
                return sides[position] == COLLEAGUE
        return False

    @cached_property
    def _indexes_by_side(self) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        sides = self.sides
        return (tuple(i for i, side in enumerate(sides) if side == SELLER),
                tuple(i for i, side in enumerate(sides) if side == CUSTOMER),
                tuple(i for i, side in enumerate(sides) if side == COLLEAGUE))
