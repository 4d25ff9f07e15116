"""Who is selling: ``--seller`` names, then sides given in the file, then the roster,
then an inference that the report marks as inferred."""

from __future__ import annotations

from collections.abc import Sequence

from .config import Config
from .errors import SellerError
from .language.lexicons import load_lexicon
from .language.text import words_of
from .model import CUSTOMER, SELLER, Conversation, SellerAssignment, Side

__all__ = ["assign_sellers", "match_speaker", "names_match"]


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
    """The speaker who sounds most like a seller; the first speaker breaks ties."""
    cues = load_lexicon("seller_markers")
    scores: dict[str, int] = dict.fromkeys(conversation.speakers, 0)
    for utterance in conversation.utterances:
        for match in cues.find_all(words_of(utterance.text)):
            scores[utterance.speaker] += -1 if match.section == "buyer" else 1
    if not scores:
        return [], "no speakers"
    order = list(conversation.speakers)
    best = max(order, key=lambda s: (scores[s], -order.index(s)))
    top = scores[best]
    chosen = [best] + [s for s in order
                       if s != best and top > 0 and scores[s] >= max(3, top // 2)]
    if top > 0:
        reason = f"inferred from selling phrases ({', '.join(f'{s}: {scores[s]}' for s in chosen)})"
    elif best == order[0]:
        reason = f"inferred: no selling phrases found, '{best}' opened the call"
    else:
        reason = (f"inferred: no selling phrases found, '{best}' is the first speaker who "
                  "does not sound like the buyer")
    return chosen, reason


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
