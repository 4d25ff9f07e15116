"""B1 and B4 metrics on small hand-built calls, against SPEC.md's definitions."""

from __future__ import annotations

import pytest

from salesleader.analysis import analyze_conversation
from salesleader.analyzers.talk import talk_seconds

from .conftest import conversation


def metrics_of(turns, sellers=("Sam",)):
    return analyze_conversation(conversation(turns, sellers))


def test_talk_share_uses_time_and_counts_one_sides_overlap_once():
    report = metrics_of([
        ("Sam", "one two three", 0.0, 10.0),
        ("Sam", "overlapping words", 5.0, 12.0),  # overlaps Sam's own speech: counted once
        ("Cat", "four five", 12.0, 20.0),
    ])
    assert report.metrics["seller_talk_share"] == pytest.approx(12 / 20)
    assert talk_seconds([(0, 10), (5, 12), (20, 21)]) == pytest.approx(13)


def test_talk_share_without_timestamps_uses_words_and_nulls_time_metrics():
    report = metrics_of([("Sam", "one two three"), ("Cat", "four")])
    m = report.metrics
    assert m["seller_talk_share"] == pytest.approx(0.75)
    for name in ("longest_seller_monologue_s", "longest_customer_story_s", "interactivity_per_min",
                 "seller_words_per_min", "patience_s"):
        assert m[name] is None, name
    assert any(n.startswith("no timestamps: talk measured in words") for n in report.notes)
    assert any("patience_s: not computed, needs start and end times" in n for n in report.notes)


def test_talk_backchannels_do_not_interrupt_a_monologue():
    report = metrics_of([
        ("Sam", "a b c d e", 0.0, 5.0),
        ("Cat", "mm-hm", 5.0, 5.5),
        ("Sam", "f g h i j", 5.5, 10.0),
        ("Cat", "yeah, right", 10.0, 10.5),
        ("Sam", "k l m n o", 10.5, 15.0),
        ("Cat", "Well, here is my real question", 15.5, 18.0),
    ])
    m = report.metrics
    assert m["longest_seller_monologue_words"] == 15
    assert m["longest_seller_monologue_s"] == pytest.approx(15.0)
    # One change of side (backchannels do not count) in 18 s.
    assert m["side_switches"] == 1
    assert m["interactivity_per_min"] == pytest.approx(1 / (18 / 60), abs=0.01)
    evidence = report.evidence["longest_seller_monologue_words"][0]
    assert evidence.utterance == 0 and evidence.speaker == "Sam"


def test_talk_a_four_word_reply_is_not_a_backchannel():
    m = metrics_of([
        ("Sam", "a b c d e", 0.0, 5.0),
        ("Cat", "yeah right okay sure", 5.0, 6.0),
        ("Sam", "f g h i j", 6.0, 10.0),
    ]).metrics
    assert m["longest_seller_monologue_words"] == 5
    assert m["side_switches"] == 2


def test_talk_longest_customer_story_and_words_per_minute():
    m = metrics_of([
        ("Sam", "What happened next?", 0.0, 2.0),
        ("Cat", "We lost the account after two months of delays", 2.5, 8.0),
        ("Dee", "and then the second one too", 8.0, 12.0),
        ("Sam", "That sounds painful", 13.0, 14.0),
    ]).metrics
    assert m["longest_customer_story_words"] == 15
    assert m["longest_customer_story_s"] == pytest.approx(9.5)
    assert m["seller_words_per_min"] == pytest.approx(6 / (3 / 60))


def test_patience_is_mean_gap_after_customers_negative_as_zero():
    m = metrics_of([
        ("Cat", "first", 0.0, 2.0),
        ("Sam", "reply after two seconds", 4.0, 6.0),
        ("Cat", "second", 6.5, 8.0),
        ("Sam", "barged in early", 7.5, 9.0),
    ]).metrics
    assert m["patience_s"] == pytest.approx((2.0 + 0.0) / 2)


def test_patience_is_null_when_start_times_alone_leave_no_pause_to_measure(tmp_path):
    from salesleader.importers import load

    # Plain-text stamps give starts only: each utterance lasts until the next starts, so
    # every pause would read 0 s. A made-up "jumps in at once" is worse than no number.
    path = tmp_path / "call.txt"
    path.write_text("[00:00:00] Sam: How do you route tickets today?\n"
                    "[00:00:04] Cat: By hand, from a shared inbox, and it is slow.\n"
                    "[00:00:12] Sam: What happens when someone is out?\n"
                    "[00:00:15] Cat: Chaos.\n"
                    "[00:00:17] Sam: Tell me more.\n", encoding="utf-8")
    report = analyze_conversation(load(path), sellers=["Sam"])
    assert report.metrics["seller_talk_share"] is not None  # time is still measured
    assert report.metrics["patience_s"] is None
    assert report.evidence["patience_s"] == ()
    assert any(n.startswith("patience_s: not computed") and "no pause" in n
               for n in report.notes)
    # The same call with one real pause is measured.
    turns = [("Sam", "How do you route tickets?", 0.0, 4.0), ("Cat", "By hand.", 4.0, 12.0),
             ("Sam", "What happens then?", 12.5, 15.0)]
    assert metrics_of(turns).metrics["patience_s"] == pytest.approx(0.5)


def test_patience_evidence_quotes_the_quickest_and_the_longest_pauses():
    turns = []
    for n, gap in enumerate((0.1, 3.5, 0.0, 1.5, 0.4)):
        start = 10.0 * n
        turns += [("Cat", f"point {n}", start, start + 2.0),
                  ("Sam", f"answer {n}", start + 2.0 + gap, start + 4.0 + gap)]
    report = metrics_of(turns)
    assert report.metrics["patience_s"] == pytest.approx(1.1)  # patient: the longest first
    labelled = [(e.quote, e.label) for e in report.evidence["patience_s"]]
    assert labelled == [("answer 1", "longest pause"), ("answer 3", "longest pause"),
                        ("answer 2", "quickest"), ("answer 0", "quickest"),
                        ("answer 4", "quickest")]
    from dataclasses import replace

    from salesleader.coaching import coach
    from salesleader.scoring import score_parts

    part = next(p for p in score_parts(report.metrics, duration_s=48.0, words_total=20)
                if p.name == "patience")
    weak = coach((replace(part, score=0.3),), report.metrics, report.evidence,
                 None)["improvements"][0]
    assert weak["title"] == "Jumps in as soon as the customer stops"
    assert [m["quote"] for m in weak["moments"]] == ["answer 2", "answer 0", "answer 4"]
    strong = coach((part,), report.metrics, report.evidence, None)["strengths"][0]
    assert [m["quote"] for m in strong["moments"]] == ["answer 1", "answer 3"]


def test_customer_to_customer_turns_count_customers_answering_each_other():
    report = metrics_of([
        ("Sam", "What slows onboarding down?"),
        ("Cat", "Mostly data access."),
        ("Dee", "I'd disagree, it's the contracts."),
        ("Cat", "mm-hm"),
        ("Eve", "Both, honestly."),
        ("Sam", "Tell me more."),
    ])
    assert report.metrics["customer_to_customer_turns"] == 2
    assert [e.speaker for e in report.evidence["customer_to_customer_turns"]] == ["Dee", "Eve"]


def test_talk_single_speaker_call_reports_missing_customer():
    report = analyze_conversation(conversation([("Sam", "hello"), ("Sam", "anyone?")]))
    assert report.metrics["seller_talk_share"] is None
    assert any("needs at least one utterance from the customer side" in n for n in report.notes)


def test_talk_every_figure_points_at_utterances_even_on_a_call_of_short_replies():
    """Evidence for every number: a seller who never says five words at once still has
    a pace, so it quotes the fastest of what they said; a seller whose every sentence says
    "you" as often as "we" still has a focus ratio, so it quotes those sentences."""
    short = metrics_of([("Sam", "Hi there.", 0.0, 1.0), ("Cat", "Hello, how are you?", 1.0, 3.0),
                        ("Sam", "Good, thanks.", 3.0, 3.5)])
    assert short.metrics["seller_words_per_min"] is not None
    assert [e.quote for e in short.evidence["seller_words_per_min"]] == ["Good, thanks."]
    even = metrics_of([("Sam", "We can help you with that."), ("Cat", "Okay."),
                       ("Sam", "I think you will like it.")])
    assert even.metrics["customer_focus_ratio"] == 0.5
    assert [e.quote for e in even.evidence["customer_focus_ratio"]] == [
        "We can help you with that.", "I think you will like it."]
