"""salesleader eval: schema, scoring arithmetic, bad input, and the shared dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from salesleader.cli import app
from salesleader.evaluation import score

runner = CliRunner()
DEV = Path(__file__).parents[2] / "shared" / "eval" / "swda_dev.jsonl"


def write(tmp_path, rows):
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_evaluation_json_schema_and_both_conditions(tmp_path):
    path = write(tmp_path, [
        {"dialogue_id": "1", "speaker": "A", "text": "How many people are on your team?", "label": "open"},
        {"dialogue_id": "1", "speaker": "B", "text": "About forty.", "label": "none"},
        {"dialogue_id": "1", "speaker": "A", "text": "Do you use a help desk?", "label": "closed"},
        {"dialogue_id": "1", "speaker": "B", "text": "Yes we do.", "label": "none"},
        {"dialogue_id": "1", "speaker": "A", "text": "So you're on Zendesk?", "label": "confirmation"},
        {"dialogue_id": "1", "speaker": "B", "text": "Who knows, right?", "label": "rhetorical"},
    ])
    result = runner.invoke(app, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "salesleader.eval/1" and data["n"] == 6
    for mode in ("punctuated", "unpunctuated"):
        # The issue's shape, plus (additive) each F1's 95 % bootstrap interval.
        assert set(data[mode]["question"]) == {"precision", "recall", "f1", "f1_ci95"}
        assert set(data[mode]["types"]) == {"macro_f1", "per_class", "confusion",
                                            "macro_f1_ci95"}
        assert set(data[mode]["types"]["per_class"]) == {"open", "closed", "confirmation",
                                                         "rhetorical"}
    assert data["punctuated"]["question"]["recall"] == 1.0
    assert data["punctuated"]["types"]["confusion"]["open"]["open"] == 1
    text = runner.invoke(app, ["eval", str(path)])
    assert "macro-F1" in text.stdout and "Confusion" in text.stdout


def test_evaluation_intervals_resample_whole_dialogues_and_hold_the_estimate(tmp_path):
    from salesleader.evaluation import confidence, read_jsonl

    # Dialogue 1 is read perfectly, dialogue 2 not at all: resampling dialogues whole
    # makes F1 swing between them, where a perfect file has no room to move.
    rows = []
    for dialogue, asks in (("1", True), ("2", False)):
        for n in range(6):
            rows.append({"dialogue_id": dialogue, "speaker": "AB"[n % 2],
                         "text": "How many agents do you have?" if asks else "we moved.",
                         "label": "open"})
    items = read_jsonl(write(tmp_path, rows))
    gold = [i.label for i in items]
    perfect, about = confidence(items, gold, gold)
    assert perfect == {"question_f1": [1.0, 1.0], "macro_f1": [0.25, 0.25]}
    assert about == {"resamples": 1000, "unit": "dialogue", "units": 2}
    half = ["open"] * 6 + ["none"] * 6
    intervals, _ = confidence(items, gold, half)
    assert intervals["question_f1"] == [0.0, 1.0]  # a sample can draw either dialogue twice
    assert confidence(items, gold, half) == (intervals, _)  # seeded: the same every run
    # Without dialogue ids, lines are drawn in blocks of consecutive lines.
    alone = read_jsonl(write(tmp_path, [{"text": r["text"], "label": r["label"]} for r in rows]))
    assert confidence(alone, gold, half)[1] == {"resamples": 1000, "unit": "block",
                                                "block_lines": 1, "units": 12}
    data = json.loads(runner.invoke(app, ["eval", str(write(tmp_path, rows)), "--format",
                                          "json"]).stdout)
    low, high = data["punctuated"]["question"]["f1_ci95"]
    assert low <= data["punctuated"]["question"]["f1"] <= high


def test_evaluation_lists_disagreements_with_their_lines(tmp_path):
    rows = [
        {"text": "How many people are on your team?", "label": "open"},
        {"text": "About forty.", "label": "closed"},              # wrong on purpose
        {"text": "Do you use a help desk?", "label": "closed"},
        {"text": "Tell me about your week.", "label": "none"},    # an indirect request
        {"text": "Is it weekly?", "label": "open"},               # a yes/no question
    ]
    path = write(tmp_path, rows)
    plain = json.loads(runner.invoke(app, ["eval", str(path), "--format", "json"]).stdout)
    assert "errors" not in plain["punctuated"]
    result = runner.invoke(app, ["eval", str(path), "--format", "json", "--errors", "2"])
    data = json.loads(result.stdout)
    listed = data["punctuated"]["errors"]
    assert [(e["line"], e["gold"], e["predicted"]) for e in listed] == [
        (2, "closed", "none"), (4, "none", "open")]
    assert listed[1]["text"] == "Tell me about your week."
    assert data["unpunctuated"]["errors"][1]["text"] == "tell me about your week"
    every = json.loads(runner.invoke(app, ["eval", str(path), "--format", "json",
                                           "--errors", "99"]).stdout)["punctuated"]["errors"]
    wrong = sum(n for gold, row in data["punctuated"]["types"]["confusion"].items()
                for predicted, n in row.items() if predicted != gold)
    assert len(every) == wrong == 3 and every[2]["line"] == 5
    text = runner.invoke(app, ["eval", str(path), "--errors", "1"]).stdout
    assert "Disagreements (punctuated)" in text and "About forty." in text
    assert runner.invoke(app, ["eval", str(path), "--errors", "-1"]).exit_code == 2


def test_evaluation_score_counts_a_missed_question_against_its_class():
    gold = ["open", "closed", "none", "confirmation"]
    predicted = ["open", "none", "closed", "confirmation"]
    result = score(gold, predicted)
    assert result["question"] == {"precision": round(2 / 3, 4), "recall": round(2 / 3, 4),
                                  "f1": round(2 / 3, 4)}
    assert result["types"]["per_class"]["closed"]["f1"] == 0.0
    assert result["types"]["per_class"]["open"]["f1"] == 1.0
    assert result["types"]["macro_f1"] == pytest.approx((1 + 0 + 1 + 0) / 4)


@pytest.mark.parametrize("line,message", [
    ('{"text": "hi"', ":1: invalid JSON"),
    ('{"text": "hi", "label": "question"}', ":1: label 'question'; expected one of"),
    ('{"label": "none"}', ':1: no "text" string'),
])
def test_evaluation_bad_lines_are_one_line_errors(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n")
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 1
    assert message in result.stderr and str(path) in result.stderr


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval is not beside this checkout")
def test_evaluation_swda_dev_does_not_regress():
    """Floors a little under the figures in the README: a regression guard, not a target."""
    result = runner.invoke(app, ["eval", str(DEV), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["punctuated"]["question"]["f1"] >= 0.85  # the target
    assert data["unpunctuated"]["question"]["f1"] >= 0.76
    assert data["punctuated"]["types"]["macro_f1"] >= 0.51


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval is not beside this checkout")
def test_evaluation_readme_table_is_what_eval_prints():
    """The README's figures for the dev set are the command's own, to the third decimal."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    data = json.loads(runner.invoke(app, ["eval", str(DEV), "--format", "json"]).stdout)

    def row(label: str) -> list[str]:
        line = next(x for x in readme.splitlines() if x.startswith(f"| {label}"))
        return [cell.strip().split()[0].strip("*") for cell in line.split("|")[2:4]]

    def shown(value: float) -> str:
        return f"{value:.3f}"

    modes = ("punctuated", "unpunctuated")
    for key in ("precision", "recall"):
        assert row(f"is a question: {key}") == [shown(data[m]["question"][key]) for m in modes]
    assert row("**is a question: F1**") == [shown(data[m]["question"]["f1"]) for m in modes]
    assert row("types: macro-F1 (") == [shown(data[m]["types"]["macro_f1"]) for m in modes]

    def interval(values: list[float]) -> str:
        return "–".join(map(shown, values))

    assert row("is a question: F1, 95 % interval") == [
        interval(data[m]["question"]["f1_ci95"]) for m in modes]
    assert row("types: macro-F1, 95 % interval") == [
        interval(data[m]["types"]["macro_f1_ci95"]) for m in modes]
    for pair in (("open", "closed"), ("confirmation", "rhetorical")):
        line = next(x for x in readme.splitlines()
                    if x.startswith(f"| types: F1 {pair[0]} / {pair[1]}"))
        cells = [c.strip() for c in line.split("|")[2:4]]
        assert cells == [" / ".join(shown(data[m]["types"]["per_class"][c]["f1"]) for c in pair)
                         for m in modes]


def test_evaluation_lines_without_a_dialogue_stand_alone_in_a_file_that_marks_questions(
        tmp_path):
    rows = [{"text": "How many agents do you have?", "label": "open"},
            {"text": "We moved everything to the cloud last year.", "label": "none"},
            {"text": "Didn't we?", "label": "none"},
            {"text": "who decides.", "label": "none"}]
    alone = json.loads(runner.invoke(app, ["eval", str(write(tmp_path, rows)), "--format",
                                           "json", "--errors", "9"]).stdout)
    # No context: "Didn't we?" closes no claim of the same speaker; and the file marks its
    # questions with "?", so "who decides." said flatly is no question either.
    assert alone["punctuated"]["errors"] == []
    in_dialogue = [{**row, "dialogue_id": "7", "speaker": "A"} for row in rows]
    data = json.loads(runner.invoke(app, ["eval", str(write(tmp_path, in_dialogue)),
                                          "--format", "json", "--errors", "9"]).stdout)
    assert [(e["line"], e["predicted"]) for e in data["punctuated"]["errors"]] == [
        (3, "confirmation")]  # the same speaker's claim before it: a tag


def test_evaluation_reads_labels_in_any_case_and_null_ids_as_none(tmp_path):
    from salesleader.evaluation import read_jsonl

    rows = [{"text": "How many agents do you have?", "label": "Open"},
            {"text": "We moved everything to the cloud last year.", "label": " NONE"},
            {"text": "Didn't we?", "label": "none"}]
    nulls = [{**row, "dialogue_id": None, "speaker": None} for row in rows]
    read = read_jsonl(write(tmp_path, nulls))
    assert [(i.label, i.dialogue, i.speaker) for i in read] == [
        ("open", "", "?"), ("none", "", "?"), ("none", "", "?")]
    # A null dialogue is no dialogue: "Didn't we?" stands alone, no tag on the line before.
    data = json.loads(runner.invoke(app, ["eval", str(write(tmp_path, nulls)), "--format",
                                          "json", "--errors", "9"]).stdout)
    assert data["punctuated"]["errors"] == []
