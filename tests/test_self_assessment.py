"""The self-assessment: a rep's answers beside the same index parts of their calls."""

from __future__ import annotations

import json
from datetime import datetime
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from salesleader.cli import app
from salesleader.errors import InputError
from salesleader.self_assessment import answers_template, assess, items, read_answers

from .team_data import write_team

runner = CliRunner()


def call(day: int, seller: str, talk: float, insight: int) -> SimpleNamespace:
    parts = {"customer_control": [{"name": "talk_share", "metric": "seller_talk_share",
                                   "value": talk, "score": 1.0 if talk <= 0.5 else 0.2}],
             "trusted_advisor": [{"name": "insight", "metric": "insight_statements",
                                  "value": insight, "score": min(1.0, insight / 2)}]}
    return SimpleNamespace(id=f"c{day}", sellers=(seller,), when=datetime(2026, 1, day),
                           report={"index": {"parts": parts}})


def test_assess_sets_each_answer_beside_the_mean_part_score_of_the_last_calls():
    calls = [call(1, "Ann Lee", 0.4, 2), call(2, "Ann Lee", 0.7, 0), call(3, "Ann Lee", 0.8, 1),
             call(4, "Bo Grant", 0.3, 2)]
    result = assess(calls, "Ann", {"B1": 5, "B9": 2}, last=2)
    assert result["rep"] == "Ann Lee" and result["call_ids"] == ["c2", "c3"]  # the last two
    talk, insight = result["items"]  # the largest gap first
    assert (talk["behaviour"], talk["self"], talk["observed"], talk["gap"]) == ("B1", 5, 1.8, 3.2)
    assert talk["metric"] == "seller_talk_share" and talk["metric_mean"] == 0.75
    assert talk["calls"] == ["c2", "c3"]  # the calls behind the number
    assert (insight["observed"], insight["gap"]) == (2.0, 0.0)  # 1 + 4 * mean(0, 0.5)


def test_assess_reads_the_reps_own_index_on_a_call_shared_with_another_seller():
    def talk(value: float, score: float) -> dict:
        return {"customer_control": [{"name": "talk_share", "metric": "seller_talk_share",
                                      "value": value, "score": score}]}

    shared = SimpleNamespace(
        id="c1", sellers=("Ann Lee", "Raj Rao"), when=datetime(2026, 1, 1),
        report={"index": {"parts": talk(0.7, 0.2)}, "participants": [
            {"name": "Ann Lee", "metrics": {}, "index": {"parts": talk(0.2, 1.0)}},
            {"name": "Raj Rao", "metrics": {}, "index": {"parts": talk(0.5, 0.6)}},
            {"name": "Bo", "metrics": None, "index": None}]})
    (ann,) = assess([shared], "Ann", {"B1": 5})["items"]
    assert (ann["observed"], ann["metric_mean"]) == (5.0, 0.2)  # hers, not the side's 0.7
    (raj,) = assess([shared], "Raj", {"B1": 5})["items"]
    assert (raj["observed"], raj["metric_mean"]) == (3.4, 0.5)


def test_assess_answers_file_round_trips_from_the_template_and_errors_name_the_line(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text(answers_template())
    assert read_answers(path) == {item["behaviour"]: 3 for item in items()}
    for content, message in (("B1 = 4\nB99 = 2\n", r"answers.toml:2: unknown behaviour 'B99'"),
                             ("B1 = 4\n\nB2 = 7\n", r"answers.toml:3: B2 = 7; expected a whole"),
                             ("B1 = \n", "invalid TOML")):
        path.write_text(content)
        with pytest.raises(InputError, match=message):
            read_answers(path)
    with pytest.raises(InputError, match=r"missing.toml: cannot read answers"):
        read_answers(tmp_path / "missing.toml")
    path.write_bytes("B1 = 4 # café\n".encode("cp1252"))  # a traceback before
    with pytest.raises(InputError, match=r"answers.toml: not UTF-8 text; expected a TOML file"):
        read_answers(path)
    path.write_bytes(b"\xef\xbb\xbfB1 = 4\n")  # saved with a byte-order mark
    assert read_answers(path) == {"B1": 4}
    result = runner.invoke(app, ["assess", "Ann", "--answers", str(tmp_path / "missing.toml"),
                                 "--db", f"sqlite:///{tmp_path / 'empty.db'}"])
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1  # one line


def test_assess_command_over_a_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'team.db'}"
    write_team(tmp_path / "calls", calls_per_rep=3)
    assert runner.invoke(app, ["ingest", str(tmp_path / "calls"), "--db", url]).exit_code == 0
    answers = tmp_path / "answers.toml"
    answers.write_text(runner.invoke(app, ["assess", "--template"]).stdout.replace(
        "B1 = 3", "B1 = 5"))
    result = runner.invoke(app, ["assess", "Ann Lee", "--answers", str(answers), "--db", url,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "salesleader.self-assessment/1" and data["calls"] == 3
    assert {r["behaviour"] for r in data["items"]} == {i["behaviour"] for i in items()}
    talk = next(r for r in data["items"] if r["behaviour"] == "B1")
    assert talk["self"] == 5 and len(talk["calls"]) == 3 and talk["observed"] is not None
    text = runner.invoke(app, ["assess", "Ann Lee", "--answers", str(answers), "--db", url],
                         terminal_width=160)
    assert "You rate yourself" in text.stdout and "B1 Lets the customer do" in text.stdout
    nobody = runner.invoke(app, ["assess", "Nobody", "--answers", str(answers), "--db", url])
    assert nobody.exit_code == 1 and "no stored calls for rep 'Nobody'" in nobody.stderr
    no_tty = runner.invoke(app, ["assess", "Ann Lee", "--db", url])
    assert no_tty.exit_code == 2 and "pass --answers FILE" in no_tty.stderr
    # Asked one by one (answers piped in); an answer out of range is asked again.
    piped = "9\n" + "\n".join(["5"] + ["3"] * (len(items()) - 1)) + "\n"
    asked = runner.invoke(app, ["assess", "Ann Lee", "--ask", "--db", url, "--format", "json"],
                          input=piped)
    assert asked.exit_code == 0, asked.output
    assert "B1 I let the customer steer" in asked.stderr  # the questions: not on stdout
    answered = json.loads(asked.stdout[asked.stdout.index("{"):])  # after the runner's echo
    assert next(r for r in answered["items"] if r["behaviour"] == "B1")["self"] == 5
