"""Lexicons: phrase matching (plain and wildcard), sections, extensions, cue labels."""

from __future__ import annotations

from importlib import resources

import pytest

from salesleader.language.lexicons import CueIndex, Lexicon, lexicon_names, load_lexicon
from salesleader.language.text import words_of

SECTIONS = {
    "pressure": ["you need to", "you need to decide today", "act now", "limited time"],
    "empowering": ["it's your call", "you decide", "up to you"],
    "overlap": ["decide today"],
}
WILD = {**SECTIONS, "wild": ["you * to", "* in stock"]}


def tokens(text: str) -> tuple[str, ...]:
    return tuple(words_of(text))


@pytest.fixture(params=["plain", "wildcards"])
def lexicon(request) -> Lexicon:
    # The same phrases with and without wildcard phrases beside them: the general scan
    # that wildcards need must agree with the fast index on every plain phrase.
    return Lexicon("stance", SECTIONS if request.param == "plain" else WILD)


def test_lexicons_longest_phrase_wins_and_matches_do_not_overlap(lexicon):
    found = lexicon.find_all(tokens("Honestly, you need to decide today, act now."),
                             ("pressure", "overlap"))
    assert [(m.phrase, m.start, m.end) for m in found] == [
        ("you need to decide today", 1, 6), ("act now", 6, 8)]


def test_lexicons_first_and_starts(lexicon):
    words = tokens("So it's your call, really, up to you")
    assert lexicon.first(words, ("empowering",)).phrase == "it's your call"
    assert lexicon.starts(words, ("empowering",)) is None  # "so" opens the sentence
    assert lexicon.starts(words[1:], ("empowering",)).end == 3
    assert lexicon.first(tokens("we can wait"), ("empowering",)) is None
    assert lexicon.first(tokens("you need to"), ("empowering",)) is None  # other section


def test_lexicons_sections_in_allows_overlaps(lexicon):
    found = lexicon.sections_in(tokens("you need to decide today"))
    assert {"pressure", "overlap"} <= found
    assert "empowering" not in found
    assert lexicon.has(tokens("you decide"), "empowering")
    assert not lexicon.has(tokens("you decide"), "pressure")
    assert not lexicon.has(tokens("nothing here at all"))


def test_lexicons_wildcard_matches_any_one_word():
    lexicon = Lexicon("x", WILD)
    assert lexicon.has(tokens("you want to try it"), "wild")
    assert lexicon.has(tokens("all sizes in stock"), "wild")
    assert not lexicon.has(tokens("you to"), "wild")  # '*' is exactly one word
    assert lexicon.first_words(("wild",)) is None  # a phrase starting with '*'
    assert lexicon.first_words(("pressure",)) == frozenset({"you", "act", "limited"})


def test_lexicons_extended_adds_phrases_and_is_built_once():
    base = Lexicon("stance", SECTIONS)
    more = base.extended({"pressure": ["sign by friday"], "": ["per our policy"]})
    assert more.has(tokens("please sign by friday"), "pressure")
    assert more.has(tokens("per our policy"), "empowering")  # "" adds to every section
    assert not base.has(tokens("please sign by friday"))
    assert base.extended({"pressure": ["sign by friday"], "": ["per our policy"]}) is more


def _every_phrase_everywhere(lexicon: Lexicon, words: tuple[str, ...]) -> set[str]:
    """The sections with a phrase in ``words``, the slow obvious way: an oracle."""
    found = set()
    for section, phrases in lexicon.sections.items():
        for phrase in phrases:
            parts = [part if part == "*" else words_of(part)[0] for part in phrase.split()]
            for start in range(len(words) - len(parts) + 1):
                if all(p in ("*", w) for p, w in zip(parts, words[start:], strict=False)):
                    found.add(section)
    return found


def test_lexicons_cue_index_labels_every_lexicon_and_section_in_one_pass():
    stance = Lexicon("stance", SECTIONS)
    other = Lexicon("vision", {"vision": ["imagine"], "wild": ["a * from now"]})
    index = CueIndex({"stance": stance, "vision": other})
    labels = index.labels(tokens("Imagine a year from now: you need to decide today."))
    assert labels == {"stance", "stance.pressure", "stance.overlap", "vision",
                      "vision.vision", "vision.wild"}
    assert index.labels(tokens("nothing to see")) == frozenset()
    # One label set agrees with trying every phrase at every position, sentence by sentence.
    for text in ("It's your call.", "act now or lose it", "in a year from now",
                 "limited time, you decide", "you said you need to decide today",
                 "you you need to", "a year, a year from now", "decide decide today"):
        words = tokens(text)
        expected = {f"{name}.{s}" for name, lex in (("stance", stance), ("vision", other))
                    for s in _every_phrase_everywhere(lex, words)}
        assert {label for label in index.labels(words) if "." in label} == expected


def test_lexicons_cue_index_agrees_with_the_oracle_on_the_bundled_lists():
    # Two-word phrases ("you said") and longer ones sharing their first pair ("you said
    # that") are found apart: every bundled cue list, on every sentence of the samples
    # and a bench call, against trying every phrase at every position.
    from bench.corpus import one_hour_call
    from salesleader.analyzers.context import CUE_LEXICONS
    from salesleader.importers import load
    from salesleader.language.document import LanguageView

    lexicons = {name: load_lexicon(name) for name in CUE_LEXICONS}
    index = CueIndex(lexicons)
    sentences = {s.words for group in LanguageView(one_hour_call(3).utterances).sentences
                 for s in group}
    for name in ("discovery_well_led.vtt", "feature_dump_pitch.srt",
                 "multiparty_no_timestamps.txt"):
        path = resources.files("salesleader").joinpath("samples", name)
        sentences |= {s.words for group in LanguageView(load(str(path)).utterances).sentences
                      for s in group}
    # A two-word phrase that begins a longer one: both count where the longer stands.
    nested = CueIndex({"n": Lexicon("n", {"short": ["you said"], "long": ["you said that"]})})
    assert nested.labels(tokens("So you said that.")) == {"n", "n.short", "n.long"}
    assert nested.labels(tokens("You said it.")) == {"n", "n.short"}

    assert len(sentences) > 300
    phrases = [(f"{name}.{section}", tuple(words_of(phrase)))  # the oracle's phrases, once
               for name, lexicon in lexicons.items()
               for section, listed in lexicon.sections.items() for phrase in listed]
    assert any(len(words) == 2 for _, words in phrases)
    for words in sentences:
        expected = {label for label, phrase in phrases
                    if any(words[start:start + len(phrase)] == phrase
                           for start in range(len(words) - len(phrase) + 1))}
        assert {label for label in index.labels(words) if "." in label} == expected, words


def test_lexicons_cue_index_skips_word_lists_and_keeps_single_hits_whole():
    stance = Lexicon("stance", SECTIONS)
    words = Lexicon("listening", {"you_words": ["you", "your"], "reflective": ["sounds like"]})
    index = CueIndex({"stance": stance, "listening": words},
                     skip=frozenset({"listening.you_words"}))
    assert index.labels(tokens("you could try it")) == frozenset()  # a counted word only
    assert index.labels(tokens("sounds like your team")) == {"listening",
                                                             "listening.reflective"}
    insight = CueIndex({"insight": Lexicon("insight", {"data": ["benchmark"],
                                                       "trend": ["benchmark", "trend"]})})
    # One one-word phrase in two sections: both, and the lexicon.
    assert insight.labels(tokens("our benchmark")) == {"insight", "insight.data",
                                                       "insight.trend"}
    assert insight.labels(tokens("a benchmark and a trend")) == {"insight", "insight.data",
                                                                 "insight.trend"}
    # A skipped section of a wildcard lexicon is left out of its scan too.
    wild = Lexicon("vision", {"vision": ["a * from now"], "counted": ["year"]})
    index = CueIndex({"vision": wild}, skip=frozenset({"vision.counted"}))
    assert index.labels(tokens("in a year from now")) == {"vision", "vision.vision"}
    assert index.labels(tokens("next year")) == frozenset()


@pytest.mark.parametrize("name", lexicon_names())
def test_lexicons_bundled_files_parse_with_commented_sections(name):
    lexicon = load_lexicon(name)
    assert len(lexicon) > 0
    assert all(phrase == phrase.strip() and "#" not in phrase for phrase in lexicon.phrases())


def test_content_words_stems_new_words_and_stays_bounded(monkeypatch):
    from salesleader.language import document

    expected = frozenset({"customer", "delay", "shipment", "renewal"})
    words = ("the", "customers", "delays", "shipments", "renewals", "and", "42")
    assert document.content_words(words) == expected
    # A small table forces a clear in the middle of an open vocabulary: the answers for
    # words seen before the clear must not change, and the table never passes the bound.
    monkeypatch.setattr(document, "_CONTENT_LIMIT", 8)
    for n in range(40):
        assert document.content_words((f"vendor{n}s", "about")) == {f"vendor{n}"}
        assert len(document._CONTENT) <= 8
    assert document.content_words(words) == expected


def test_stem_matches_a_verb_with_its_ed_and_ing_forms():
    from salesleader.language.document import stem

    for forms in (("hate", "hated", "hates", "hating"), ("make", "making", "makes"),
                  ("plan", "planned", "planning", "plans"), ("stop", "stopped", "stopping"),
                  ("change", "changed", "changes", "changing"), ("queue", "queues"),
                  ("delay", "delayed", "delays", "delaying"), ("call", "called", "calling")):
        assert len({stem(word) for word in forms}) == 1, forms
    # Kept apart: a double "l", "s" or "z" is the word's own; "ee" is no silent "e".
    assert stem("missed") == "miss" and stem("billed") == "bill" and stem("free") == "free"
    assert stem("customers") == "customer" and stem("companies") == "company"
