"""Who is selling: ``--seller`` names, then sides given in the file, then the roster,
then an inference that the report marks as inferred."""

from __future__ import annotations

from collections.abc import Sequence

from .config import Config
from .errors import SellerError
from .language.lexicons import load_lexicon
from .language.text import words_of
from .model import CUSTOMER, SELLER, Conversation, SellerAssignment, Side

__all__ = ["ROLES_VERSION", "assign_sellers", "match_speaker", "names_match"]

# Raised when the inference of who sells changes, so stored calls are analysed again
# (``analysis.analyzer_versions``). 2: a colleague a seller introduces, or who introduces
# one, sells too; "account exec", "if you sign", "thanks for reaching out" are selling
# phrases, "our customers", "our clients", "we work with" count only beside another
# (a buyer's customers are theirs too) (2026-11-24).
ROLES_VERSION = "2"


def names_match(query: str, name: str) -> bool:
    """Whether ``query`` designates ``name``: the same name, or its first name(s)."""
    wanted, candidate = query.strip().casefold(), name.casefold()
    return candidate == wanted or candidate.startswith(wanted + " ")


def match_speaker(name: str, speakers: Sequence[str]) -> list[str]:
    """Speakers that ``name`` designates: the same name, or its first name(s)."""
    wanted = name.strip().casefold()
    exact = [s for s in speakers if s.casefold() == wanted]
    if exact:
        return exact
    return [s for s in speakers if s.casefold().startswith(wanted + " ")]


def _apply(conversation: Conversation, sellers: Sequence[str], how, reason: str) -> Conversation:
    sides: dict[str, Side] = {p.name: (SELLER if p.name in sellers else CUSTOMER)
                              for p in conversation.participants}
    return conversation.with_sides(sides, SellerAssignment(tuple(sellers), how, reason))


def _from_roster(conversation: Conversation, config: Config) -> list[str]:
    team = config.team
    names = {n.casefold() for n in team.sellers}
    found = []
    for participant in conversation.participants:
        email = (participant.email or "").lower()
        if (
            participant.name.casefold() in names
            or any(match_speaker(n, [participant.name]) for n in team.sellers)
            or (email and email in team.emails)
            or (email and email.rpartition("@")[2] in team.domains)
        ):
            found.append(participant.name)
    return found


def _inferred(conversation: Conversation) -> tuple[list[str], str]:
    """The speaker who sounds most like a seller (the first speaker breaks ties), those
    who sound nearly as much like one, and the colleagues they introduce or who introduce
    them ("I'm Ana, and Ben is our solutions engineer")."""
    cues = load_lexicon("seller_markers")
    scores: dict[str, int] = dict.fromkeys(conversation.speakers, 0)
    weak: dict[str, int] = dict.fromkeys(conversation.speakers, 0)
    selling: set[str] = set()  # speakers with a phrase that only the selling side says
    for utterance in conversation.utterances:
        for match in cues.find_all(words_of(utterance.text)):
            if match.section == "weak":  # "our customers": the buyer's are theirs too
                weak[utterance.speaker] += 1
                continue
            scores[utterance.speaker] += -1 if match.section == "buyer" else 1
            if match.section != "buyer":
                selling.add(utterance.speaker)
    for speaker in selling:
        scores[speaker] += weak[speaker]
    if not scores:
        return [], "no speakers"
    order = list(conversation.speakers)
    best = max(order, key=lambda s: (scores[s], -order.index(s)))
    top = scores[best]
    chosen = [best] + [s for s in order
                       if s != best and top > 0 and scores[s] >= max(3, top // 2)]
    said = [f"{s}: {scores[s]}" for s in chosen]
    introduced = []  # a colleague introduced by a seller, or who introduces one, sells too
    for speaker, colleague in _introductions(conversation):
        for one, other in ((speaker, colleague), (colleague, speaker)):
            if one in chosen and other not in chosen and scores[other] >= 0:
                chosen.append(other)
                introduced.append(f"{other}: introduced with {one}")
    if top > 0:
        reason = f"inferred from selling phrases ({', '.join(said + introduced)})"
    elif best == order[0]:
        reason = f"inferred: no selling phrases found, '{best}' opened the call"
    else:
        reason = (f"inferred: no selling phrases found, '{best}' is the first speaker who "
                  "does not sound like the buyer")
    if introduced and top <= 0:
        reason += f" ({', '.join(introduced)})"
    return chosen, reason


# "Ben is our solutions engineer", "this is Jess, our solutions engineer", "my colleague
# Ben", "I'm here with Ben", "joined by Ben": a speaker introducing another of the call
# as their own puts them on one side.
_INTRODUCING_BEFORE = (("my", "colleague"), ("this", "is"), ("here", "with"), ("joined", "by"),
                       ("with", "me"))


def _introductions(conversation: Conversation) -> list[tuple[str, str]]:
    """(speaker, colleague) for each speaker who introduces another speaker of the call as
    one of their own, in call order."""
    by_first: dict[str, list[str]] = {}
    for speaker in conversation.speakers:
        first = words_of(speaker)[:1]
        if first:
            by_first.setdefault(first[0], []).append(speaker)
    names = {first: found[0] for first, found in by_first.items() if len(found) == 1}
    pairs: list[tuple[str, str]] = []
    for utterance in conversation.utterances:
        words = words_of(utterance.text)
        if names.keys().isdisjoint(words) and not any(w.endswith("'s") and w[:-2] in names
                                                      for w in words):
            continue  # most utterances name nobody of the call
        for i, word in enumerate(words):
            name = word[:-2] if word.endswith("'s") and word[:-2] in names else word
            colleague = names.get(name)
            if colleague is None or colleague == utterance.speaker:
                continue
            ours = (words[i + 1:i + 3] in (["is", "our"], ["is", "my"]) if name == word
                    else words[i + 1:i + 2] in (["our"], ["my"]))  # "ben's our SE"
            if ours or tuple(words[max(0, i - 2):i]) in _INTRODUCING_BEFORE:
                pairs.append((utterance.speaker, colleague))
    return pairs


def assign_sellers(
    conversation: Conversation, config: Config | None = None, sellers: Sequence[str] = ()
) -> Conversation:
    """Return the conversation with every participant's side set and the way it was decided.

    Raises ``SellerError`` when a ``--seller`` name matches nobody in the call.
    """
    config = config or Config()
    speakers = [p.name for p in conversation.participants]
    if sellers:
        chosen: list[str] = []
        for name in sellers:
            matches = match_speaker(name, speakers)
            if not matches:
                raise SellerError(
                    f"{conversation.source.path}: --seller {name!r} matches no speaker; "
                    f"speakers are: {', '.join(conversation.speakers)}"
                )
            chosen.extend(m for m in matches if m not in chosen)
        return _apply(conversation, chosen, "flag", "named with --seller")
    given = [p.name for p in conversation.participants if p.side == SELLER]
    if given:
        return _apply(conversation, given, "metadata", "sides given in the file's metadata")
    roster = _from_roster(conversation, config)
    if roster:
        return _apply(conversation, roster, "roster", f"matched {config.source or 'the roster'}")
    chosen, reason = _inferred(conversation)
    return _apply(conversation, chosen, "inferred", reason)
