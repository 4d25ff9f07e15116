"""The command line: JSON shape, text output, demo, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from salesleader.cli import app

runner = CliRunner()


# The metrics whose evidence says which part of a mix each quote counts toward.
LABELLED = ("questions_by_type", "customer_focus_ratio", "follow_up_questions", "patience_s",
            "discovery_coverage", "discovery_areas_covered", "discovery_customer_mentions")


def test_cli_analyze_json_is_the_call_report(data):
    result = runner.invoke(app, ["analyze", str(data / "srt" / "named_cues.srt"), "--seller",
                                 "Nadia Hassan", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema"] == "salesleader.call-report/1"
    assert set(report) >= {"call", "participants", "metrics", "evidence", "index", "coaching", "notes"}
    assert report["call"]["seller"] == {"names": ["Nadia Hassan"], "how": "flag",
                                        "reason": "named with --seller"}
    assert set(report["call"]) >= {"id", "title", "source", "format", "started_at", "duration_s",
                                   "has_timestamps"}
    assert {p["name"]: p["side"] for p in report["participants"]} == {
        "Nadia Hassan": "seller", "Ken Walsh": "customer"}
    assert 0 < report["metrics"]["seller_talk_share"] < 1
    for name, items in report["evidence"].items():
        for item in items:
            assert set(item) - {"label"} == {"utterance", "start", "speaker", "quote"}
            assert ("label" in item) is (name in LABELLED), name


def test_cli_analyze_several_files_reports_bad_ones_and_keeps_going(data):
    good = str(data / "srt" / "named_cues.srt")
    bad = str(data / "bad" / "broken_timestamp.vtt")
    empty = str(data / "bad" / "empty.vtt")
    result = runner.invoke(app, ["analyze", good, bad, empty, "--format", "json"])
    assert result.exit_code == 1
    reports = json.loads(result.stdout)
    assert [r["call"]["source"] for r in reports] == [good]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {bad}:6: broken cue timing '00:00:05.000 --> 00:00:0x.500'; expected a cue timing "
        "like 00:01:02.500 --> 00:01:05.000",
        f"error: {empty}: the file is empty; expected a transcript",
    ]
    assert "2 of 3 file(s) could not be analysed" in result.stderr


def test_cli_analyze_unknown_seller_is_a_one_line_error(data):
    result = runner.invoke(app, ["analyze", str(data / "srt" / "named_cues.srt"), "--seller", "Zed"])
    assert result.exit_code == 1
    assert "--seller 'Zed' matches no speaker" in result.stderr


def test_cli_analyze_text_output_shows_metrics_and_notes(data):
    result = runner.invoke(app, ["analyze", str(data / "text" / "plain_no_timestamps.txt")])
    assert result.exit_code == 0
    assert "Seller talk share" in result.stdout
    assert "seller inferred" in result.stdout
    assert "no timestamps" in result.stdout


def test_cli_each_participants_questions_add_up_to_their_sides_count():
    reports = json.loads(runner.invoke(app, ["demo", "--format", "json"]).stdout)
    for report in reports:
        for side, metric in (("seller", "seller_questions"), ("customer", "customer_questions")):
            assert sum(p["questions"] for p in report["participants"] if p["side"] == side) \
                == report["metrics"][metric]
    multiparty = next(r for r in reports if r["call"]["format"] == "text")
    by_name = {p["name"]: p["questions"] for p in multiparty["participants"]}
    assert by_name["Sam Rivera"] > 0 and "Lena Park" in by_name  # two sellers, apart


def test_cli_text_report_names_every_metric_in_words():
    from salesleader.reports.text import METRIC_LABELS

    reports = json.loads(runner.invoke(app, ["demo", "--format", "json"]).stdout)
    shown = {name for report in reports for name in report["metrics"]}
    assert shown - set(METRIC_LABELS) == set()  # a metric name is no label for a reader


def test_cli_analyze_a_folder_reads_its_transcripts_recursively(tmp_path, data):
    import shutil

    (tmp_path / "calls" / "q3").mkdir(parents=True)
    shutil.copy(data / "srt" / "named_cues.srt", tmp_path / "calls" / "a.srt")
    shutil.copy(data / "text" / "plain_no_timestamps.txt", tmp_path / "calls" / "q3" / "b.txt")
    (tmp_path / "calls" / "notes.md").write_text("not a transcript")
    result = runner.invoke(app, ["analyze", str(tmp_path / "calls"), "--format", "json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [r["call"]["format"] for r in reports] == ["srt", "text"]  # a list, sorted
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(app, ["analyze", str(tmp_path / "empty")])
    assert empty.exit_code == 1
    assert empty.stderr.strip() == (f"error: {tmp_path / 'empty'}: no transcript files "
                                    "(.vtt .srt .json .txt) found")


def test_cli_analyze_html_and_out(tmp_path, data):
    """A page per call without a store: printed for one file, a folder of pages for many;
    ``--out`` writes any format to a file (what would have been printed)."""
    srt, txt = data / "srt" / "named_cues.srt", data / "text" / "plain_no_timestamps.txt"
    one = runner.invoke(app, ["analyze", str(srt), "--format", "html"])
    assert one.exit_code == 0, one.output
    assert one.stdout.startswith("<!doctype html>") and one.stdout.count("<html") == 1
    report = json.loads(runner.invoke(app, ["analyze", str(srt), "--format", "json"]).stdout)
    assert f"Sales Leadership Index: {report['index']['score']:.0f}</h2>" in one.stdout

    calls = tmp_path / "calls"
    (calls / "q3").mkdir(parents=True)
    for folder in (calls, calls / "q3"):  # two inputs of one name
        (folder / "a.srt").write_bytes(srt.read_bytes())
    (calls / "b.txt").write_bytes(txt.read_bytes())
    many = runner.invoke(app, ["analyze", str(calls), "--format", "html"])
    assert many.exit_code == 1 and many.stderr.strip() == (
        "error: --format html for 3 file(s): give --out FOLDER for their pages")
    pages = runner.invoke(app, ["analyze", str(calls), "--format", "html", "--out",
                                str(tmp_path / "pages")])
    assert pages.exit_code == 0, pages.output
    written = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert written == sorted(["a.srt.html", f"a.srt-{report['call']['id'][:12]}.html",
                              "b.txt.html"])
    assert all((tmp_path / "pages" / name).read_text().startswith("<!doctype html>")
               for name in written)
    assert runner.invoke(app, ["analyze", str(calls), "--format", "html", "--out",
                               str(tmp_path / "pages" / "b.txt.html")]).exit_code == 1

    for output in ("json", "csv", "text"):
        target = tmp_path / f"one.{output}"
        written_out = runner.invoke(app, ["analyze", str(srt), "--format", output,
                                          "--out", str(target)])
        assert written_out.exit_code == 0 and written_out.stdout == ""
        printed = runner.invoke(app, ["analyze", str(srt), "--format", output]).stdout
        if output == "text":  # the same report, at the file's fixed width
            assert "Sales Leadership Index" in target.read_text()
        else:
            assert target.read_text() == printed
    folder_out = runner.invoke(app, ["analyze", str(srt), "--format", "json", "--out",
                                     str(tmp_path / "pages")])
    assert folder_out.exit_code == 1 and "expected a file, not a folder" in folder_out.stderr


def test_cli_analyze_reads_standard_input(data, monkeypatch):
    """``analyze -``: a transcript piped in, its format found from its content, with the
    one-line errors of a file (named <stdin>) and the size limit of one."""
    from salesleader import importers

    srt = data / "srt" / "named_cues.srt"
    piped = runner.invoke(app, ["analyze", "-", "--format", "json"], input=srt.read_bytes())
    assert piped.exit_code == 0, piped.output
    report, from_file = json.loads(piped.stdout), json.loads(runner.invoke(
        app, ["analyze", str(srt), "--format", "json"]).stdout)
    assert report["call"]["source"] == "<stdin>" and report["call"]["format"] == "srt"
    assert report["call"]["id"] == from_file["call"]["id"]  # the same bytes: the same call
    assert report["metrics"] == from_file["metrics"] and report["index"] == from_file["index"]
    empty = runner.invoke(app, ["analyze", "-"], input=b"")
    assert empty.exit_code == 1 and empty.stderr.splitlines()[0] == (
        "error: <stdin>: the file is empty; expected a transcript")
    monkeypatch.setattr(importers, "MAX_TRANSCRIPT_BYTES", 100)
    huge = runner.invoke(app, ["analyze", "-"], input=b"Ann: hello there\n" * 10)
    assert huge.exit_code == 1 and "error: <stdin>: larger than" in huge.stderr


def test_html_call_page_names_and_shows_metrics_as_the_text_report_does():
    from salesleader.reports.html import call_page

    report = json.loads(runner.invoke(app, ["demo", "--format", "json"]).stdout)[0]
    page = call_page(report)
    assert "<td class=''>Seller talk share</td><td class=''>54%</td>" in page
    assert ">seller_talk_share<" not in page and ">False<" not in page  # not raw
    # In the text report's order: the talk metrics, then the questions, then discovery.
    order = [page.index(f">{label}<") for label in ("Seller talk share", "Seller questions",
                                                    "Follow-up questions",
                                                    "Discovery areas covered (of 9)")]
    assert order == sorted(order)


def test_cli_bad_config_is_one_line_and_exit_2(tmp_path, data):
    config = tmp_path / "salesleader.toml"
    config.write_text("[team]\nsellers = 'Ann'\n")
    result = runner.invoke(app, ["analyze", str(data / "srt" / "named_cues.srt"), "--config",
                                 str(config)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {config}: [team.sellers]")
    config.write_text("[team\n")
    result = runner.invoke(app, ["analyze", str(data / "srt" / "named_cues.srt"), "--config",
                                 str(config)])
    assert result.exit_code == 2 and "invalid TOML" in result.stderr


def test_cli_demo_compares_the_bundled_calls():
    result = runner.invoke(app, ["demo", "--format", "json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    formats = {r["call"]["format"] for r in reports}
    assert formats == {"vtt", "srt", "text"}
    multiparty = next(r for r in reports if r["call"]["format"] == "text")
    assert multiparty["call"]["has_timestamps"] is False
    assert len([p for p in multiparty["participants"] if p["side"] == "customer"]) == 3
    text = runner.invoke(app, ["demo"])
    assert text.exit_code == 0 and "Calls compared" in text.stdout


def test_cli_console_script_runs_as_module():
    result = subprocess.run([sys.executable, "-m", "salesleader", "--help"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0
    for command in ("analyze", "demo"):
        assert command in result.stdout


def test_cli_text_output_keeps_brackets_in_quotes(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("Sam: Our platform [laughs] is great, let me show you.\nCat: [inaudible] okay then.\n")
    result = runner.invoke(app, ["analyze", str(path), "--seller", "Sam"])
    assert result.exit_code == 0
    assert "[laughs]" in result.stdout


def test_cli_every_command_summarises_itself_in_one_line():
    """The list of commands shows each help's first paragraph: one sentence, one line."""
    import typer

    def commands(group, prefix=""):
        for name, command in getattr(group, "commands", {}).items():
            yield prefix + name, command
            yield from commands(command, f"{prefix}{name} ")

    found = dict(commands(typer.main.get_command(app)))
    assert {"analyze", "serve", "users add", "report team", "deals import"} <= set(found)
    for name, command in found.items():
        summary = (command.help or "").strip().split("\n\n")[0]
        assert summary and "\n" not in summary, f"{name}: {summary!r}"
