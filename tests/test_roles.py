"""Who is selling: flag, metadata, roster, inference — and saying which."""

from __future__ import annotations

import pytest

from salesleader import load
from salesleader.config import Config, Team
from salesleader.errors import SellerError
from salesleader.roles import assign_sellers, match_speaker

from .conftest import conversation


def test_roles_flag_matches_full_or_first_name(data):
    c = assign_sellers(load(data / "srt" / "named_cues.srt"), sellers=["nadia"])
    assert c.seller.names == ("Nadia Hassan",) and c.seller.how == "flag"
    assert c.participant("Ken Walsh").side == "customer"


def test_roles_flag_naming_nobody_is_an_error_listing_speakers(data):
    with pytest.raises(SellerError, match="matches no speaker; speakers are: Nadia Hassan, Ken Walsh"):
        assign_sellers(load(data / "srt" / "named_cues.srt"), sellers=["Bob"])


def test_roles_roster_by_name_email_and_domain(data):
    c = load(data / "generic_json" / "call_with_metadata.json")
    # Metadata sides win over inference.
    assert assign_sellers(c).seller.how == "metadata"
    plain = load(data / "srt" / "named_cues.srt")
    by_name = assign_sellers(plain, Config(team=Team(sellers=("Ken Walsh",))))
    assert by_name.seller.names == ("Ken Walsh",) and by_name.seller.how == "roster"


def test_roles_roster_by_email_domain():
    from dataclasses import replace

    from salesleader.model import Participant

    c = conversation([("Ann", "hello"), ("Bo", "hi")], sellers=())
    c = replace(c, participants=(Participant("Ann", email="ann@client.example"),
                                 Participant("Bo", email="bo@vendor.example")))
    found = assign_sellers(c, Config(team=Team(domains=("@Vendor.example",))))
    assert found.seller.names == ("Bo",) and found.seller.how == "roster"


def test_roles_inference_picks_the_speaker_who_sells_and_says_so():
    c = conversation([
        ("Kim", "Thanks for having me. So what are you using today?"),
        ("Lou", "Mostly spreadsheets, honestly. Our team hates them."),
        ("Kim", "Let me show you our platform. Our customers usually start with the free trial."),
    ], sellers=())
    found = assign_sellers(c)
    assert found.seller.names == ("Kim",)
    assert found.seller.how == "inferred"
    # thanks for having me, let me show you, our platform, our customers, free trial
    assert "Kim: 5" in found.seller.reason


def test_roles_inference_takes_the_colleague_a_seller_introduces_or_who_introduces_one():
    # The AE introduces the SE, who alone says selling phrases: both sell. The customer
    # introducing her own colleague ("Lars from IT") puts nobody on the selling side.
    c = conversation([
        ("Ana Ruiz", "Hi, I'm Ana, and Ben is our solutions engineer."),
        ("Greta Holm", "Hi. Lars from IT is here too."),
        ("Lars Berg", "Hello."),
        ("Ana Ruiz", "What's driving the backlog?"),
        ("Greta Holm", "Volume."),
        ("Ben Ortiz", "Our platform runs in the EU, and our product translates tickets."),
    ], sellers=())
    found = assign_sellers(c)
    assert found.seller.names == ("Ben Ortiz", "Ana Ruiz")
    assert "Ana Ruiz: introduced with Ben Ortiz" in found.seller.reason
    assert found.participant("Lars Berg").side == "customer"
    # "this is Jess, our…", "my colleague Jess": the introducer sells with her.
    for intro in ("Thanks all. I'm Omar, and this is Jess, our solutions engineer.",
                  "Thanks all, my colleague Jess is with me."):
        c = conversation([
            ("Omar Haddad", intro),
            ("Kenji Sato", "Hi."),
            ("Jess Nguyen", "Let me show you our platform, our customers love it."),
        ], sellers=())
        assert set(assign_sellers(c).seller.names) == {"Omar Haddad", "Jess Nguyen"}


def test_roles_inference_does_not_take_a_buyer_talking_about_their_own_clients():
    # "our clients" is said by both sides (the buyer's clients are theirs too): alone it
    # makes nobody a seller; "thanks for reaching out" is the seller's.
    c = conversation([
        ("Jordan", "Thanks for reaching out, Priya. What's going on?"),
        ("Priya", "Half our clients pick us because we're cheaper. Our clients are small."),
        ("Jordan", "What have you tried so far?"),
    ], sellers=())
    assert assign_sellers(c).seller.names == ("Jordan",)
    c = conversation([
        ("Jordan", "Hi Priya, how was the weekend?"),
        ("Priya", "Busy. Our clients keep calling."),
        ("Jordan", "Let me show you our platform. Our clients use it daily."),
    ], sellers=())
    found = assign_sellers(c)
    assert found.seller.names == ("Jordan",) and "Jordan: 3" in found.seller.reason


def test_roles_inference_does_not_take_the_host_who_buys_for_the_seller():
    # No selling phrase at all: the buyer's "thanks for coming in" and "your pricing" move
    # the guess off the first speaker to the first who does not sound like the buyer.
    c = conversation([
        ("Rachel", "Thanks for coming in. I asked Tom to join."),
        ("Lena", "Great to meet you both. What would make this hour useful?"),
        ("Rachel", "Tell us how your pricing works."),
    ], sellers=())
    found = assign_sellers(c)
    assert found.seller.names == ("Lena",)
    assert "does not sound like the buyer" in found.seller.reason


def test_roles_inference_without_cues_falls_to_first_speaker_and_says_so():
    found = assign_sellers(conversation([("Ada", "Hi."), ("Bea", "Hello.")], sellers=()))
    assert found.seller.names == ("Ada",)
    assert "no selling phrases" in found.seller.reason


def test_roles_match_speaker_does_not_match_partial_words():
    assert match_speaker("Ann", ["Anna Berg", "Ann Lee"]) == ["Ann Lee"]
    assert match_speaker("ann lee", ["Ann Lee"]) == ["Ann Lee"]
