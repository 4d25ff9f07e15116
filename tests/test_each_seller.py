"""Each seller's own behaviours on a call with several (SPEC: "for the seller side and for
each seller"): the analyzers run on the call seen as one seller's (``Call.for_seller``)."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import salesleader
from salesleader.analysis import CALL_METRICS, analyze_conversation, run_analyzers
from salesleader.analyzers import Call
from salesleader.cli import app
from salesleader.model import Participant
from salesleader.reports.csv_rows import CSV_COLUMNS
from salesleader.reports.html import call_page

from .conftest import conversation

DUMP = ("Let me show you our platform. It has AI scheduling, route optimization, real-time "
        "tracking, automated dispatch, a customer portal, mobile apps, an API with ERP "
        "integrations, analytics dashboards, custom reports, alerts, single sign-on and role "
        "based permissions, so every team gets the features they need from day one, and our "
        "onboarding team configures the dashboards and integrations for you in the first week "
        "so that dispatch, tracking and reporting all run in one place.")

TURNS = [
    ("Ann", "Thanks for joining, Bo. What made you look at scheduling this quarter?", 0, 6),
    ("Bo", "Our dispatchers rebuild the routes by hand every morning after call-outs.", 7, 13),
    ("Ann", "Those call-outs, how often do they happen in a typical week?", 14, 18),
    ("Bo", "Three or four times a week, and each one costs the dispatchers a morning.", 19, 25),
    ("Ann", "Who else feels it when a morning goes like that?", 26, 29),
    ("Bo", "The drivers, and our own customers, who wait for a technician all day.", 30, 36),
    ("Ann", "How do you decide which customers get a technician first?", 37, 41),
    ("Bo", "Whoever shouts loudest, honestly.", 42, 45),
    ("Raj", DUMP, 46, 100),
    ("Bo", "What would you recommend for a team our size?", 101, 104),
    ("Ann", "It depends on what matters most to you. Many teams start with one depot, because "
            "the call-outs you described hit one depot hardest.", 105, 113),
    ("Raj", "Does that work for you? We could set up a pilot in two weeks and cover the whole "
            "fleet of one region with the routing engine and the portal.", 114, 124),
    ("Bo", "That could work.", 125, 127),
]


@pytest.fixture(scope="module")
def report():
    return analyze_conversation(conversation(TURNS, sellers=("Ann", "Raj")))


def own(report, name):
    return next(p for p in report.participants if p.name == name)


def test_each_seller_counts_their_own_questions_and_talk(report):
    ann, raj = own(report, "Ann"), own(report, "Raj")
    assert ann.metrics["seller_questions"] == ann.questions == 4
    assert raj.metrics["seller_questions"] == raj.questions == 1
    assert ann.metrics["seller_questions"] + raj.metrics["seller_questions"] == \
        report.metrics["seller_questions"]
    assert ann.metrics["follow_up_questions"] >= 1
    assert raj.metrics["follow_up_questions"] == 0
    # Talk share: each one's part of all the talk; together the side's.
    assert raj.metrics["seller_talk_share"] > ann.metrics["seller_talk_share"] > 0
    assert ann.metrics["seller_talk_share"] + raj.metrics["seller_talk_share"] == \
        pytest.approx(report.metrics["seller_talk_share"], abs=1e-3)
    # The longest monologue is the seller's own, not the side's run across both.
    assert raj.metrics["longest_seller_monologue_s"] == 54.0
    assert ann.metrics["longest_seller_monologue_s"] == 8.0


def test_each_seller_pitch_is_theirs_and_discovery_is_the_sides(report):
    ann, raj = own(report, "Ann"), own(report, "Raj")
    assert (raj.metrics["feature_dumps"], ann.metrics["feature_dumps"]) == (1, 0)
    # Ann's four discovery questions came before Raj's pitch: not premature, for him
    # either (his own questions alone would make it so).
    assert raj.metrics["premature_pitch"] is False
    assert report.metrics["premature_pitch"] is False
    # Raj asks and answers himself; Ann's questions were left to the customer.
    assert raj.metrics["self_answered_questions"] == 1
    assert ann.metrics["self_answered_questions"] == 0


def test_each_seller_gets_the_advice_requests_they_answer(report):
    ann, raj = own(report, "Ann"), own(report, "Raj")
    assert report.metrics["advice_requests"] == 1
    assert (ann.metrics["advice_requests"], raj.metrics["advice_requests"]) == (1, 0)
    assert ann.metrics["reasoning_statements"] >= 1
    assert ann.metrics["empowering_statements"] >= 1 > raj.metrics["empowering_statements"]


def test_each_seller_evidence_never_quotes_a_colleague(report):
    for name, colleague in (("Ann", "Raj"), ("Raj", "Ann")):
        seller = own(report, name)
        quoted = {e.speaker for items in seller.evidence.values() for e in items}
        assert name in quoted and colleague not in quoted
        # Every number has evidence or is zero/null/false, as on the call.
        for metric, value in seller.metrics.items():
            if isinstance(value, int | float) and not isinstance(value, bool) and value:
                assert seller.evidence[metric], metric


def test_each_seller_index_scores_their_own_behaviour(report):
    ann, raj = own(report, "Ann"), own(report, "Raj")
    assert ann.index["score"] > report.index["score"] > raj.index["score"]
    assert ann.index["pillars"]["curiosity"] > raj.index["pillars"]["curiosity"]
    assert set(ann.index["parts"]) == set(report.index["parts"])


def test_each_seller_coaching_quotes_their_own_moments(report):
    ann, raj = own(report, "Ann"), own(report, "Raj")
    for seller, colleague in ((ann, "Raj"), (raj, "Ann")):
        moments = [m for group in ("strengths", "improvements")
                   for item in seller.coaching[group] for m in item["moments"]]
        assert moments and colleague not in {m["speaker"] for m in moments}
    assert "question_volume" in [i["part"] for i in ann.coaching["strengths"]]
    assert "question_volume" not in [i["part"] for i in raj.coaching["strengths"]]
    # Talk share is scored on the side's share (the customer's airtime is the call's):
    # Ann's own 22 % is no "says too little".
    (talk,) = [p for p in ann.index["parts"]["customer_control"] if p["name"] == "talk_share"]
    assert talk["value"] == report.metrics["seller_talk_share"] != ann.metrics["seller_talk_share"]


def test_each_seller_metrics_leave_out_what_belongs_to_the_call(report):
    ann = own(report, "Ann")
    assert set(ann.metrics) == set(report.metrics) - CALL_METRICS
    assert "customer_questions" in report.metrics and "customer_questions" not in ann.metrics
    customer = own(report, "Bo")
    assert customer.metrics is None and customer.index is None
    data = json.loads(json.dumps(report.to_dict()))
    (bo,) = [p for p in data["participants"] if p["name"] == "Bo"]
    (raj,) = [p for p in data["participants"] if p["name"] == "Raj"]
    assert bo["metrics"] is None and bo["evidence"] is None
    assert raj["metrics"]["feature_dumps"] == 1
    assert raj["evidence"]["feature_dumps"][0]["speaker"] == "Raj"
    assert raj["index"]["score"] == own(report, "Raj").index["score"]


def test_each_seller_alone_on_a_call_is_the_call_not_repeated():
    # One seller: the call's figures are theirs; the report does not carry them twice.
    turns = [(speaker, text, start, end) for speaker, text, start, end in TURNS
             if speaker != "Raj"]
    report = analyze_conversation(conversation(turns, sellers=("Ann",)))
    ann = own(report, "Ann")
    assert (ann.metrics, ann.evidence, ann.index, ann.coaching) == (None, None, None, None)
    assert report.metrics["seller_questions"] == ann.questions == 4
    data = report.to_dict()
    (entry,) = [p for p in data["participants"] if p["name"] == "Ann"]
    assert entry["metrics"] is None and entry["evidence"] is None and entry["index"] is None
    assert len(json.dumps(data)) < 1.2 * len(json.dumps({**data, "participants": []}))


def test_each_seller_silent_on_the_call_gets_nulls_and_a_note():
    turns = [*TURNS[:8]]
    call = conversation(turns, sellers=("Ann",))
    call = replace(call, participants=(*call.participants, Participant("Raj", "seller")))
    report = analyze_conversation(call)
    raj = own(report, "Raj")
    assert raj.metrics["seller_questions"] is None
    assert any("needs" in note for note in raj.notes)
    assert own(report, "Ann").metrics["seller_questions"] == 4


def test_each_seller_table_in_the_text_and_html_call_reports(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("".join(f"[00:{start // 60:02d}:{start % 60:02d}] {speaker}: {text}\n"
                            for speaker, text, start, _ in TURNS))
    runner = CliRunner()
    shared = runner.invoke(app, ["analyze", str(path), "--seller", "Ann", "--seller", "Raj"],
                           terminal_width=200)
    assert shared.exit_code == 0, shared.output
    lines = shared.stdout.splitlines()
    title = next(i for i, line in enumerate(lines) if "Each seller" in line)
    dumps = next(line for line in lines[title:] if "Feature dumps" in line)
    assert [c.strip() for c in dumps.split("│") if c.strip()][-3:] == ["Feature dumps", "0", "1"]
    assert any("To improve first" in line for line in lines[title:])
    alone = runner.invoke(app, ["analyze", str(path), "--seller", "Ann"], terminal_width=200)
    assert alone.exit_code == 0 and "Each seller" not in alone.stdout
    data = json.loads(runner.invoke(app, ["analyze", str(path), "--seller", "Ann", "--seller",
                                          "Raj", "--format", "json"]).stdout)
    page = call_page(data)
    assert "<h2>Each seller</h2>" in page and "<th class='n'>Raj</th>" in page


def test_each_seller_view_runs_are_the_calls_runs_regathered():
    # Sellers taking turns inside one run of the side (the customer only says "mm-hm"),
    # a colleague's backchannel inside a seller's run, the call opening with a seller.
    turns = [("Raj", "Okay."), ("Ann", "So tell me how dispatch works today at your depots?"),
             ("Bo", "Mm-hm."), ("Raj", "And which tools does the team use for routing now?"),
             ("Bo", "We use spreadsheets for most of it and a whiteboard for the rest."),
             ("Ann", "Those spreadsheets, who keeps them up to date every morning?"),
             ("Raj", "Right."), ("Ann", "And how long does that take them on a bad day?"),
             ("Bo", "Two hours, sometimes three."),
             ("Raj", "Our routing engine rebuilds the plan in a minute."), ("Bo", "Mm-hm."),
             ("Ann", "What would you do with those two hours?")]
    call = Call(conversation([(s, t, 5 * n, 5 * n + 4) for n, (s, t) in enumerate(turns)],
                             sellers=("Ann", "Raj")))
    run_analyzers(call)
    mixed = [run for run, owner in call.once("runs.owners", call._run_owners) if owner is None]
    assert mixed  # the case the views regather
    for name in ("Ann", "Raj"):
        view = call.for_seller(name)
        fresh = view._gather(range(len(view.utterances)), None)
        assert view.runs == tuple(fresh)
        assert view.seller_runs() == [run for run in fresh if run.side == "seller"]
        assert all(call.utterances[i].speaker == name
                   for run in view.seller_runs() for i in run.utterances)
    # A view asked for another seller's view gives the call's view of that seller.
    assert call.for_seller("Ann").for_seller("Raj").sides == call.for_seller("Raj").sides


def test_each_seller_readme_figures_are_the_bundled_calls():
    root = Path(__file__).parent.parent
    text = " ".join((root / "README.md").read_text().split())
    ae, se, whole = map(int, re.search(
        r"the AE scores (\d+) and the SE (\d+) \(the call (\d+)\)", text).groups())
    report = salesleader.analyze(root / "salesleader" / "samples" / "multiparty_no_timestamps.txt")
    scores = {p.name: round(p.index["score"]) for p in report.participants if p.index}
    assert (scores["Sam Rivera"], scores["Lena Park"], round(report.index["score"])) == \
        (ae, se, whole)


def test_each_seller_csv_export_has_a_row_per_call_and_per_seller(tmp_path):
    shared = tmp_path / "shared.txt"
    shared.write_text("".join(f"[00:{start // 60:02d}:{start % 60:02d}] {speaker}: {text}\n"
                              for speaker, text, start, _ in TURNS))
    alone = tmp_path / "alone" / "alone.txt"
    alone.parent.mkdir()
    alone.write_text("Ann: What made you look at scheduling now?\nBo: Call-outs, mostly.\n")
    broken = tmp_path / "broken.vtt"
    broken.write_text("WEBVTT\n\n00:00:05.000 --> 00:00:0x.500\n<v Ann>Hi\n")
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(shared), str(broken), "--seller", "Ann",
                                 "--seller", "Raj", "--format", "csv"])
    assert result.exit_code == 1  # the broken file: one line on stderr, the others written
    assert "broken.vtt" in result.stderr and "broken.vtt" not in result.stdout
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert list(rows[0]) == CSV_COLUMNS and CSV_COLUMNS[:2] == ["id", "seller"]
    by_source = {}
    for row in rows:
        by_source.setdefault(Path(row["source"]).name, []).append(row)
    one = runner.invoke(app, ["analyze", str(alone), "--seller", "Ann", "--format", "csv"])
    assert [r["seller"] for r in csv.DictReader(one.stdout.splitlines())] == [""]  # the call
    side, ann, raj = by_source["shared.txt"]
    assert (side["seller"], ann["seller"], raj["seller"]) == ("", "Ann", "Raj")
    report = json.loads(runner.invoke(app, ["analyze", str(shared), "--seller", "Ann",
                                            "--seller", "Raj", "--format", "json"]).stdout)
    sellers = {p["name"]: p for p in report["participants"]}
    assert float(side["index_score"]) == report["index"]["score"]
    assert float(raj["index_score"]) == sellers["Raj"]["index"]["score"]
    assert (int(ann["feature_dumps"]), int(raj["feature_dumps"])) == (0, 1)
    assert int(side["seller_questions"]) == int(ann["seller_questions"]) + int(
        raj["seller_questions"])
    assert side["premature_pitch"] == raj["premature_pitch"] == "0"
    assert int(ann["questions_by_type_open"]) == \
        sellers["Ann"]["metrics"]["questions_by_type"]["open"]
    # What belongs to the call is on the call's row only.
    assert side["customer_questions"] != "" and ann["customer_questions"] == ""


def test_each_seller_views_leave_no_reference_cycle():
    # A call and its sellers' views are freed as soon as the analysis drops them, not at
    # the next garbage collection: batch runs hold only the call at hand.
    import gc
    import weakref

    enabled = gc.isenabled()
    gc.disable()
    try:
        call = Call(conversation(TURNS, sellers=("Ann", "Raj")))
        run_analyzers(call)
        view = call.for_seller("Raj")
        run_analyzers(view)
        refs = [weakref.ref(call), weakref.ref(view), weakref.ref(call.language)]
        del call, view
        assert [ref() for ref in refs] == [None, None, None]
    finally:
        if enabled:
            gc.enable()
