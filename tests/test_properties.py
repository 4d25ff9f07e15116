"""Properties that hold for any conversation, checked on generated ones (hypothesis).

The fixed-call tests pin behaviour; these look for the inputs nobody thought of: speech
with stutters, fillers, stray punctuation, odd casing, empty turns, one speaker or
four, timestamps or none. For each: the analysis finishes, every number is in its
range and has the utterances behind it, every quote points at a real utterance, and the
same call gives the same report.
"""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from salesleader.analysis import CALL_METRICS, analyze_conversation
from salesleader.errors import EmptyInputError
from salesleader.evaluation import strip_punctuation

from .conftest import conversation

WORDS = ("what how why do you we our your the team claims backlog pricing is it "
         "so uh um like you know I mean right okay yeah sure because imagine "
         "next year would that help tell me about walk through sounds like "
         "don't isn't can't we're you've probably maybe sign today offer expires "
         "customers theirs other companies in your experience what would you "
         "recommend").split()
TOKENS = st.one_of(st.sampled_from(WORDS), st.sampled_from(list(",.?!;:-…'\"\n")),
                   st.text(alphabet=string.ascii_letters, min_size=1, max_size=8),
                   st.text(min_size=1, max_size=6),  # any Unicode: accents, emoji, CJK
                   st.integers(min_value=0, max_value=10**6).map(str))
TEXT = st.lists(TOKENS, min_size=0, max_size=40).map(" ".join).map(
    lambda text: text.upper() if len(text) % 7 == 0 else text)
SPEAKERS = st.sampled_from(["Sam", "Cat", "Dee", "Eli"])


@st.composite
def calls(draw) -> list[tuple]:
    turns = draw(st.lists(st.tuples(SPEAKERS, TEXT), min_size=1, max_size=14))
    if not draw(st.booleans()):
        return turns
    timed, clock = [], 0.0
    for speaker, text in turns:  # increasing starts; ends may overlap the next start
        length = draw(st.floats(min_value=0.0, max_value=20.0))
        timed.append((speaker, text, clock, clock + length))
        clock += draw(st.floats(min_value=0.0, max_value=length + 2.0))
    return timed


def _checked(turns: list[tuple]) -> dict | None:
    try:
        call = conversation(turns, sellers=())  # the seller inferred, as for any file
    except EmptyInputError:  # nothing said at all: a one-line error, not a report
        assert not any(text.strip() for _, text, *_ in turns)
        return None
    report = analyze_conversation(call).to_dict()
    json.dumps(report)  # serialisable as the CLI prints it
    count = len(report["participants"]) and len(turns)
    for name, items in report["evidence"].items():
        for item in items:
            assert 0 <= item["utterance"] < count, name
            assert item["quote"].strip(), name
    for name, value in report["metrics"].items():
        counted = value not in (None, 0, False) and not (isinstance(value, dict)
                                                         and not any(value.values()))
        assert not counted or report["evidence"].get(name), (name, value)  # evidence for it
        if name.endswith(("_share", "_ratio")) and value is not None:
            assert 0.0 <= value <= 1.0, (name, value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            assert value >= 0, (name, value)
    index = report["index"]
    assert index["score"] is None or 0.0 <= index["score"] <= 100.0
    assert all(v is None or 0.0 <= v <= 100.0 for v in index["pillars"].values())
    for group in ("strengths", "improvements"):
        assert len(report["coaching"][group]) <= 3
    return report


# Derandomized: CI runs the same examples every time (a red CI must mean a real change);
# a run with random seeds and many more examples is how new inputs are hunted.
@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@example([("Sam", "what", 0.0, 5e-324)])  # a call too short to divide by (found in CI)
@given(calls())
def test_any_call_is_analysed_with_numbers_in_range_and_quotes_that_exist(turns):
    first = _checked(turns)
    assert _checked(turns) == first  # the same call, the same report


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(calls())
def test_any_call_without_punctuation_is_analysed_too(turns):
    stripped = [(t[0], strip_punctuation(t[1]), *t[2:]) for t in turns]
    _checked(stripped)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(calls())
def test_any_call_with_two_sellers_gives_each_their_own_figures(turns):
    # Sam and Cat sell (those of them who speak), Dee and Eli buy.
    selling = tuple(name for name in ("Sam", "Cat")
                    if any(s == name and t.strip() for s, t, *_ in turns))
    if not selling or not any(text.strip() for _, text, *_ in turns):
        return
    report = analyze_conversation(conversation(turns, sellers=selling)).to_dict()
    json.dumps(report)
    call_level = CALL_METRICS
    sellers = [p for p in report["participants"] if p["side"] == "seller"]
    for seller in sellers:
        if len(sellers) == 1:  # sold alone: the call's figures are theirs, not repeated
            assert seller["metrics"] is seller["evidence"] is seller["index"] is None
            continue
        colleagues = {p["name"] for p in sellers} - {seller["name"]}
        quoted = [item for items in seller["evidence"].values() for item in items]
        quoted += [m for group in seller["coaching"].values() for item in group
                   for m in item["moments"]]
        assert not colleagues & {item["speaker"] for item in quoted}
        assert set(seller["metrics"]) == set(report["metrics"]) - call_level
        for name, value in seller["metrics"].items():
            if name.endswith(("_share", "_ratio")) and value is not None:
                assert 0.0 <= value <= 1.0, (name, value)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                assert value >= 0, (name, value)
        score = seller["index"]["score"]
        assert score is None or 0.0 <= score <= 100.0
    if len(sellers) == 2:
        own = [s["metrics"]["seller_questions"] for s in sellers]
        if None not in own:
            assert sum(own) == report["metrics"]["seller_questions"]
        shares = [s["metrics"]["seller_talk_share"] for s in sellers]
        if not report["call"]["has_timestamps"] and None not in shares:  # words: additive
            assert abs(sum(shares) - report["metrics"]["seller_talk_share"]) <= 2e-4


VTT_TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(list("<>&?.,'\"")),
                              st.text(alphabet=string.ascii_letters + "éüß", min_size=1,
                                      max_size=8)),
                    min_size=1, max_size=20).map(" ".join)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.tuples(SPEAKERS, VTT_TEXT), min_size=1, max_size=8))
def test_webvtt_round_trip_keeps_speakers_and_words_escapes_included(turns):
    from html import escape

    from salesleader import parse_bytes

    cues = []
    for n, (speaker, text) in enumerate(turns):
        cues.append(f"00:00:{n:02d}.000 --> 00:00:{n:02d}.900\n<v {speaker}>{escape(text)}</v>")
    parsed = parse_bytes(("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode(), "gen.vtt")
    assert [(u.speaker, " ".join(u.text.split())) for u in parsed.utterances] == [
        (speaker, " ".join(text.split())) for speaker, text in turns]


FILE_LINE = st.lists(st.one_of(
    st.sampled_from("what how do you Ann: Bo: ? . , -- --> [ ] ( ) 00:01 12:30:45 WEBVTT "
                    "NOTE 1 00:00:01,000 {\"segments\": Dr.".split()),
    st.text(min_size=1, max_size=6)), max_size=12).map(" ".join)


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["t.txt", "t.vtt", "t.srt", "t.json"]),
       st.one_of(st.lists(FILE_LINE, max_size=12).map("\n".join).map(str.encode),
                 st.binary(max_size=120)))
def test_any_file_is_a_call_or_one_line_error_naming_it(name, data):
    from salesleader import parse_bytes
    from salesleader.errors import InputError

    try:
        call = parse_bytes(data, name)
    except InputError as error:
        assert str(error).startswith(name) and "\n" not in str(error), str(error)
        return
    analyze_conversation(call).to_dict()
