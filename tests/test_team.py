"""Team, rep and account views, the coaching queue, plans, outcomes; HTML in a real browser."""

from __future__ import annotations

import json
import math
import os
import random
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from salesleader.cli import app
from salesleader.outcomes import DealRow, associations, calibrate

from .team_data import write_team

runner = CliRunner()
DOCS = Path(__file__).parent.parent / "docs"


@pytest.fixture
def team_db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    team = write_team(tmp_path / "calls", calls_per_rep=4)
    assert runner.invoke(app, ["ingest", str(tmp_path / "calls"), "--db", url]).exit_code == 0
    assert runner.invoke(app, ["deals", "import", str(team["deals_csv"]), "--db", url]
                         ).exit_code == 0
    return url


def cli_json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_team_view_compares_reps_and_queues_departures(team_db):
    view = cli_json("report", "team", "--db", team_db)
    reps = {r["rep"]: r for r in view["reps"]}
    assert set(reps) == {"Ann Lee", "Bo Grant", "Cy Park"}
    assert reps["Ann Lee"]["index"] > reps["Bo Grant"]["index"]
    assert all(r["calls"] == 4 for r in reps.values())
    queue = view["coaching_queue"]
    assert queue and all(abs(queue[i]["z"]) >= abs(queue[i + 1]["z"]) for i in
                         range(len(queue) - 1))
    assert {"rep", "z", "baseline", "pillar", "direction"} <= set(queue[0])


def test_rep_view_trend_and_recurring_coaching(team_db):
    view = cli_json("report", "rep", "Bo", "--db", team_db)
    assert view["rep"] == "Bo Grant" and view["calls"] == 4
    assert [t["date"] for t in view["trend"]] == sorted(t["date"] for t in view["trend"])
    titles = [title for title, _ in view["recurring_improvements"]]
    assert "Pressures the customer" in titles
    missing = runner.invoke(app, ["report", "rep", "Nobody", "--db", team_db])
    assert missing.exit_code == 1 and "no stored calls for rep 'Nobody'" in missing.stderr


def test_account_view_multi_threading_and_plan(team_db):
    view = cli_json("report", "account", "Account 00", "--db", team_db)
    reach = view["multi_threading"]
    assert reach["customer_people_reached"] == 1
    assert reach["senior_titles_reached"] == ["VP Operations"]
    people = {p["name"]: p for p in reach["people"]}
    assert people["Silent 00"]["spoke"] is False
    plan = cli_json("plan", "Account 00", "--db", team_db)
    assert plan["people_not_reached"] == ["Silent 00"]
    assert plan["unexplored_areas"] and plan["suggested_questions"]
    assert set(plan["unexplored_areas"]) <= set(view["discovery_coverage"])


def test_plan_lists_only_the_customer_questions_left_open(tmp_path):
    call = tmp_path / "atlas.txt"
    call.write_text(
        "Marco Diaz: What prompted the call?\n"
        "Helen Park: Late pickups. How do other carriers handle the reporting?\n"
        "Marco Diaz: Good question. Most keep it to one page a week.\n"   # answered
        "Helen Park: And what does the planning module cost?\n"
        "Marco Diaz: Good question. Let me check and get back to you.\n"  # put off
        "Helen Park: Raj, remember the rebid date?\n"                     # to a colleague
        "Raj Patel: March.\n"
        "Helen Park: Does it work with our TMS?\n"
        "Marco Diaz: Great question.\n"                                   # no answer
        "Helen Park: Fine.\n"
        "Marco Diaz: Thanks, talk soon.\n", encoding="utf-8")
    (tmp_path / "atlas.txt.meta.json").write_text(json.dumps(
        {"account": "Atlas Freight", "seller": ["Marco Diaz"]}), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    assert runner.invoke(app, ["ingest", str(call), "--db", url,
                               "--seller", "Marco Diaz"]).exit_code == 0
    plan = cli_json("plan", "Atlas Freight", "--db", url)
    assert [q["quote"] for q in plan["open_customer_questions"]] == [
        "And what does the planning module cost?", "Does it work with our TMS?"]
    assert {q["label"] for q in plan["open_customer_questions"]} == {"open"}


def test_plan_lists_the_roles_named_that_no_one_on_a_call_holds(tmp_path):
    first = tmp_path / "first.txt"
    first.write_text("Marco Diaz: Who signs?\nRaj Patel: Our CFO, Helen. Also our COO will "
                     "have a say.\n", encoding="utf-8")
    (tmp_path / "first.txt.meta.json").write_text(json.dumps(
        {"account": "Atlas Freight", "started_at": "2026-11-03T15:00:00+00:00",
         "participants": [{"name": "Raj Patel", "title": "Director of Operations"}]}),
        encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("Marco Diaz: Thanks for joining, Helen.\nHelen Park: Our COO and "
                      "legal will want the data terms.\n", encoding="utf-8")
    (tmp_path / "second.txt.meta.json").write_text(json.dumps(
        {"account": "Atlas Freight", "started_at": "2026-11-17T15:00:00+00:00",
         "participants": [{"name": "Helen Park", "title": "CFO"}]}), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    assert runner.invoke(app, ["ingest", str(first), str(second), "--db", url,
                               "--seller", "Marco Diaz"]).exit_code == 0
    plan = cli_json("plan", "Atlas Freight", "--db", url)
    # The CFO spoke on the second call; the COO and legal never did.
    assert [(r["role"], r["speaker"], r["date"]) for r in plan["roles_named_not_reached"]] == [
        ("COO", "Raj Patel", "2026-11-03"), ("legal", "Helen Park", "2026-11-17")]
    assert [r["name"] for r in plan["roles_named_not_reached"]] == [None, None]
    assert "What would your COO need to see before this goes ahead?" in plan[
        "suggested_questions"]
    assert "What would your legal team need to see before this goes ahead?" in plan[
        "suggested_questions"]
    text = runner.invoke(app, ["plan", "Atlas Freight", "--db", url], terminal_width=200).stdout
    assert "Named by the customer, never on a call" in text and "COO (Raj Patel" in text


def test_plan_names_the_person_said_with_a_role(tmp_path):
    call = tmp_path / "claims.txt"
    call.write_text("Omar Haddad: Who else should be in the room?\n"
                    "Lucia Romero: Our claims director, Paul. He hasn't been on these calls.\n",
                    encoding="utf-8")
    (tmp_path / "claims.txt.meta.json").write_text(json.dumps({"account": "Keystone Mutual"}),
                                                   encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    assert runner.invoke(app, ["ingest", str(call), "--db", url,
                               "--seller", "Omar Haddad"]).exit_code == 0
    plan = cli_json("plan", "Keystone Mutual", "--db", url)
    assert [(r["role"], r["name"]) for r in plan["roles_named_not_reached"]] == [
        ("claims director", "Paul")]
    assert "What would Paul need to see before this goes ahead?" in plan["suggested_questions"]


def test_outcomes_cli_warns_on_small_samples(team_db):
    result = cli_json("outcomes", "--db", team_db)
    assert result["schema"] == "salesleader.outcomes/1"
    assert result["closed_deals"] == 12
    assert result["warnings"][0].startswith("only 12 closed deals")
    assert any("association, not proof of cause" in w for w in result["warnings"])
    for item in result["associations"]:
        assert set(item) >= {"measure", "outcome", "effect", "effect_kind", "ci_low", "ci_high",
                             "p", "n"}
        assert item["ci_low"] <= item["effect"] <= item["ci_high"]
    measures = {item["measure"] for item in result["associations"]}
    text = runner.invoke(app, ["outcomes", "--db", team_db], terminal_width=200).stdout
    assert "seller_talk_share" in measures and "shared_vision" in measures
    # named for a reader, as in the call report
    assert "Seller talk share" in text and "seller_talk_share" not in text
    assert "shared vision" in text and "shared_vision" not in text


def _synthetic(seed: int, slope: float) -> list[DealRow]:
    rnd = random.Random(seed)
    rows = []
    for i in range(150):
        index = rnd.gauss(60, 15)
        won = rnd.random() < 1 / (1 + math.exp(-slope * (index - 60)))
        rows.append(DealRow(str(i), "won" if won else "lost",
                            50000 + 300 * slope * 100 * (index - 60) / 15 + rnd.gauss(0, 5000),
                            None, rnd.randint(20, 120),
                            {"index": index, "seller_talk_share": rnd.uniform(0.2, 0.8),
                             "curiosity": rnd.gauss(50, 20)}))
    return rows


def test_outcomes_find_a_planted_effect():
    result = associations(_synthetic(1, 0.08))
    won = next(a for a in result["associations"]
               if a["measure"] == "index" and a["outcome"] == "won")
    assert won["effect_kind"] == "odds_ratio_per_sd"
    assert won["ci_low"] > 1.5 and won["significant"]
    assert math.exp(0.08 * 15) == pytest.approx(won["effect"], rel=0.5)
    assert not result["warnings"][0].startswith("only")


@pytest.mark.parametrize("seed", range(5))
def test_outcomes_claim_nothing_without_an_effect(seed):
    result = associations(_synthetic(100 + seed, 0.0))
    assert not [a for a in result["associations"] if a["significant"]]


def _pillar_deals(seed: int, slopes: dict[str, float], n: int = 200) -> list[DealRow]:
    """Deals whose winning depends on the pillars by ``slopes`` (per 10 points)."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        pillars = {p: rnd.gauss(60, 10) for p in ("curiosity", "customer_control",
                                                   "trusted_advisor", "shared_vision")}
        logit = sum(slopes.get(p, 0.0) * (v - 60) / 10 for p, v in pillars.items())
        won = rnd.random() < 1 / (1 + math.exp(-logit))
        rows.append(DealRow(str(i), "won" if won else "lost", None, None, None, pillars))
    return rows


def test_outcomes_calibration_weights_the_pillar_that_goes_with_winning():
    result = calibrate(_pillar_deals(3, {"trusted_advisor": 1.2}))
    assert result["schema"] == "salesleader.calibration/1" and result["closed_deals"] == 200
    weights, defaults = result["weights"], result["default_weights"]
    assert max(weights, key=weights.get) == "trusted_advisor"
    assert weights["trusted_advisor"] > 2 * defaults["trusted_advisor"]
    assert result["pillars"]["trusted_advisor"]["ci_low"] > 1.5  # its own odds ratio per SD
    assert weights["relationship_reach"] == defaults["relationship_reach"]  # account level
    assert sum(weights.values()) == pytest.approx(sum(defaults.values()), abs=0.01)
    assert any("association, not proof of cause" in w for w in result["warnings"])


@pytest.mark.parametrize("seed", range(3))
def test_outcomes_calibration_without_an_effect_stays_near_the_defaults(seed):
    result = calibrate(_pillar_deals(20 + seed, {}))
    for pillar, weight in result["weights"].items():
        assert weight == pytest.approx(result["default_weights"][pillar], abs=0.09)


def test_outcomes_calibration_refuses_too_few_deals_and_the_cli(team_db):
    small = calibrate(_pillar_deals(4, {"curiosity": 1.0}, n=29))
    assert small["weights"] is None and small["warnings"][0].startswith(
        "calibration needs at least 30 closed deals with scored calls; found 29")
    result = runner.invoke(app, ["outcomes", "--calibrate", "--db", team_db])
    assert result.exit_code == 1  # 12 closed deals: no weights, and a script can tell
    assert "calibration needs at least 30 closed deals" in result.stdout
    data = json.loads(runner.invoke(app, ["outcomes", "--calibrate", "--db", team_db,
                                          "--format", "json"]).stdout)
    assert data["schema"] == "salesleader.calibration/1" and data["weights"] is None


def _render(chromium: str, html_file: Path, tmp_path: Path, screenshot: Path | None = None):
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr", "--v=0", "--window-size=1200,1600"]
    args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    done = subprocess.run([*args, html_file.as_uri()], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "CONSOLE" not in done.stderr, done.stderr  # no console messages, no errors
    return done.stdout


REPORTS = [
    ("team", ["report", "team"], "svg.chart.lines"),
    ("rep", ["report", "rep", "Ann Lee"], "svg.chart.lines"),
    ("account", ["report", "account", "Account 10"], "table.coverage"),
    ("outcomes", ["outcomes"], "svg.chart.bar"),
    ("call", None, "svg.chart.bar"),
]


@pytest.mark.parametrize("kind,args,selector", REPORTS, ids=[r[0] for r in REPORTS])
def test_html_reports_render_in_a_real_browser(kind, args, selector, team_db, tmp_path,
                                               chromium):
    out = tmp_path / f"{kind}.html"
    if args is None:  # a stored call: take the first id from the team view
        call_id = cli_json("report", "team", "--db", team_db)["trend"][0]["id"]
        args = ["report", "call", call_id[:8]]
    result = runner.invoke(app, [*args, "--db", team_db, "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<script" not in page and "http" not in page.split("</style>")[0]
    dom = _render(chromium, out, tmp_path)
    tag, _, cls = selector.partition(".")
    assert f"<{tag}" in dom and cls.split(".")[0] in dom
    # SALESLEADER_DOCS_SCREENSHOTS=1 refreshes the screenshots kept under docs/.
    folder = DOCS if os.environ.get("SALESLEADER_DOCS_SCREENSHOTS") else tmp_path
    shot = folder / f"report-{kind}.png"
    _render(chromium, out, tmp_path, screenshot=shot)
    assert shot.stat().st_size > 10_000


def test_html_rep_and_account_pages_name_metrics_and_areas_for_people(team_db, tmp_path):
    out = tmp_path / "rep.html"
    args = ["report", "rep", "Ann Lee", "--db", team_db, "--format", "html", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    page = out.read_text()
    assert ">Seller talk share<" in page and ">seller_talk_share<" not in page
    out = tmp_path / "account.html"
    args = ["report", "account", "Account 10", "--db", team_db, "--format", "html", "--out",
            str(out)]
    assert runner.invoke(app, args).exit_code == 0
    page = out.read_text()
    assert "the customer&#x27;s customer" in page and ">customers customer<" not in page


def test_team_view_counts_each_sellers_own_questions_on_a_shared_call(tmp_path):
    # The multi-party demo call has two sellers: an AE who asks and an SE who explains.
    samples = Path(__file__).parent.parent / "salesleader" / "samples"
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert runner.invoke(app, ["ingest", str(samples), "--db", url]).exit_code == 0
    reps = {r["rep"]: r["metrics"] for r in cli_json("report", "team", "--db", url)["reps"]}
    call = next(r for r in json.loads(runner.invoke(app, ["demo", "--format", "json"]).stdout)
                if r["call"]["format"] == "text")
    asked = {p["name"]: p["questions"] for p in call["participants"] if p["side"] == "seller"}
    assert reps["Lena Park"]["seller_questions"] == asked["Lena Park"]
    assert reps["Sam Rivera"]["seller_questions"] == asked["Sam Rivera"]
    assert asked["Lena Park"] != call["metrics"]["seller_questions"]  # not the side's count
    words = {p["name"]: p["words"] for p in call["participants"]}  # no timestamps: words
    assert reps["Lena Park"]["seller_talk_share"] == round(
        words["Lena Park"] / sum(words.values()), 3)
    assert reps["Lena Park"]["seller_talk_share"] < call["metrics"]["seller_talk_share"]
    # Every key metric and the index are each rep's own (participants[].metrics, .index).
    summary = {r["rep"]: r for r in cli_json("report", "team", "--db", url)["reps"]}
    sellers = {p["name"]: p for p in call["participants"] if p["side"] == "seller"}
    for name, seller in sellers.items():
        assert summary[name]["index"] == seller["index"]["score"]
        assert summary[name]["trend"] == [{"date": summary[name]["trend"][0]["date"],
                                           "index": seller["index"]["score"]}]
        for metric in ("insight_statements", "follow_up_questions", "customer_focus_ratio"):
            assert reps[name][metric] == seller["metrics"][metric], (name, metric)
    assert sellers["Lena Park"]["metrics"]["insight_statements"] != \
        sellers["Sam Rivera"]["metrics"]["insight_statements"]
    assert summary["Lena Park"]["index"] != call["index"]["score"]
    rep = cli_json("report", "rep", "Lena", "--db", url)
    assert rep["call_list"][0]["index"] == sellers["Lena Park"]["index"]["score"]
    # Her recurring coaching is her own: she asked nothing, while the side asked plenty.
    own = [i["title"] for i in sellers["Lena Park"]["coaching"]["improvements"]]
    assert [title for title, _ in rep["recurring_improvements"]] == own
    assert "Asks no questions" in own
    assert "Asks no questions" not in [i["title"] for i in call["coaching"]["improvements"]]


def test_text_reports_print_scores_as_whole_numbers_and_count_calls(tmp_path):
    # The bundled calls: the feature dump scores 0 on one pillar, a single call per rep.
    samples = Path(__file__).parent.parent / "salesleader" / "samples"
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert runner.invoke(app, ["ingest", str(samples), "--db", url]).exit_code == 0
    team = runner.invoke(app, ["report", "team", "--db", url], terminal_width=200)
    assert team.exit_code == 0, team.output
    greg = next(line for line in team.stdout.splitlines() if "Greg Walsh" in line)
    cells = [cell.strip() for cell in greg.split("│") if cell.strip()]
    assert cells == ["Greg Walsh", "1", "26", "34", "42", "0", "20"]
    assert "Team (3 calls)" in team.stdout
    rep = runner.invoke(app, ["report", "rep", "Greg", "--db", url], terminal_width=200)
    assert rep.exit_code == 0, rep.output
    assert "Greg Walsh: 1 call, mean index 26" in rep.stdout
    assert "Pressures the customer (1 call)" in rep.stdout
    account = runner.invoke(app, ["report", "account", "harbor fitness", "--db", url])
    assert account.exit_code == 0, account.output
    assert "1 call, mean index 26" in account.stdout
    # The pages write scores the same way: "0" beside "87", in tables and on bars alike.
    page = runner.invoke(app, ["report", "team", "--db", url, "--format", "html"]).stdout
    row = re.search(r"<tr><td class=''>Greg Walsh</td>(.*?)</tr>", page).group(1)
    assert re.findall(r">([^<]*)</td>", row) == ["1", "26", "34", "42", "0", "20"]
    assert ">0.00<" not in page and "Greg Walsh: 26</title>" in page
    rep_page = runner.invoke(app, ["report", "rep", "Greg", "--db", url, "--format", "html"]).stdout
    assert "mean index 26</p>" in rep_page and "trusted advisor: 0</title>" in rep_page


def test_rep_view_counts_a_recurring_weakness_once_however_it_is_worded():
    from types import SimpleNamespace

    from salesleader.team import recurring_coaching

    def call(when: str, title: str):
        item = {"part": "insight", "title": title}
        report = {"coaching": {"strengths": [], "improvements": [item]}}
        return SimpleNamespace(report=report, sellers=("Bo Grant",), when=when)

    calls = [call("2026-01-06", "No insight beyond the product"),
             call("2026-01-13", "Little insight beyond the product"),
             call("2026-01-20", "Little insight beyond the product")]
    recurring = dict(recurring_coaching(calls, "improvements"))
    assert recurring == {"Little insight beyond the product": 3}


def test_outcomes_calibration_prints_weights_salesleader_toml_accepts(tmp_path):
    from io import StringIO

    from rich.console import Console

    from salesleader.cli_store import _text_calibration
    from salesleader.config import load_config

    result = calibrate(_pillar_deals(5, {"curiosity": 1.0}))
    buffer = StringIO()
    _text_calibration(result, Console(file=buffer, width=120))
    text = buffer.getvalue()
    snippet = text[text.index("[index.weights]"):]
    (tmp_path / "salesleader.toml").write_text(snippet)
    config = load_config(tmp_path / "salesleader.toml")
    assert config.index.weights == result["weights"]
    assert "curiosity" in text and "account level: kept" in text


def test_report_call_finds_one_call_by_id_prefix(team_db):
    ids = [row["id"] for row in cli_json("report", "team", "--db", team_db)["trend"]]
    report = cli_json("report", "call", ids[0][:6], "--db", team_db)
    assert report["call"]["id"] == ids[0] and report["evidence"]  # the whole report
    for prefix, found in (("zz", 0), ("%", 0), ("", len(ids))):
        result = runner.invoke(app, ["report", "call", prefix, "--db", team_db])
        assert result.exit_code == 1
        assert f"{found} stored calls match id {prefix!r}; expected exactly one" in result.output


def _whisperx(path: Path, lines: list[tuple[str, str]]) -> None:
    path.write_text(json.dumps({"segments": [
        {"start": 4.0 * i, "end": 4.0 * i + 3.5, "speaker": speaker, "text": text}
        for i, (speaker, text) in enumerate(lines)]}), encoding="utf-8")


def test_team_views_credit_no_rep_with_a_diarization_label(tmp_path):
    # Two calls, two different sellers, both diarized as SPEAKER_00: one label is not one
    # person, so neither call makes "SPEAKER_00" a rep (nor a coaching-queue baseline).
    calls = tmp_path / "calls"
    calls.mkdir()
    _whisperx(calls / "north.json", [
        ("SPEAKER_00", "Thanks for making time today."),
        ("SPEAKER_01", "Sure, our claims queue is the problem."),
        ("SPEAKER_00", "Walk me through what happens to a claim today?"),
        ("SPEAKER_01", "It waits nine days before anyone touches it.")])
    _whisperx(calls / "south.json", [
        ("SPEAKER_00", "Thanks for joining, let me show you our platform."),
        ("SPEAKER_01", "Okay."),
        ("SPEAKER_00", "Our dashboards, our automation and our AI module do it all."),
        ("SPEAKER_01", "We'll think about it.")])
    (calls / "north.json.meta.json").write_text(json.dumps({"title": "North"}), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'labels.db'}"
    ingested = runner.invoke(app, ["ingest", str(calls), "--db", url])
    assert ingested.exit_code == 0, ingested.output
    assert ingested.stderr.count("known only by the label SPEAKER_00") == 2
    # A batch of such files: three named, then a count.
    many = tmp_path / "many"
    many.mkdir()
    for n in range(5):
        _whisperx(many / f"call{n}.json", [("SPEAKER_00", f"Hello number {n}."),
                                           ("SPEAKER_01", "Hi.")])
    noted = runner.invoke(app, ["ingest", str(many), "--db", f"sqlite:///{tmp_path / 'm.db'}"])
    assert noted.stderr.count("known only by the label") == 3
    assert "and 2 more file(s) whose seller is known only by a label" in noted.stderr
    team = cli_json("report", "team", "--db", url)
    assert team["calls"] == 2 and team["reps"] == []
    assert [(row["title"], row["labels"]) for row in team["unnamed"]] == [
        ("North", ["SPEAKER_00"]), ("south", ["SPEAKER_00"])]
    assert team["notes"] and "SPEAKER_00" in team["notes"][0] and "North" in team["notes"][0]
    text = runner.invoke(app, ["report", "team", "--db", url])
    assert "diarization label (SPEAKER_00)" in " ".join(text.stdout.split())
    rep = runner.invoke(app, ["report", "rep", "SPEAKER_00", "--db", url])
    assert rep.exit_code == 1 and "is a diarization label" in rep.stderr
    # Named in the sidecar, the call is its seller's: ingested again, no note for it.
    (calls / "north.json.meta.json").write_text(json.dumps(
        {"title": "North", "speakers": {"SPEAKER_00": "Ann Lee", "SPEAKER_01": "Dana Ruiz"}}),
        encoding="utf-8")
    again = runner.invoke(app, ["ingest", str(calls / "north.json"), "--db", url])
    assert again.exit_code == 0 and "known only by" not in again.stderr
    team = cli_json("report", "team", "--db", url)
    assert [r["rep"] for r in team["reps"]] == ["Ann Lee"]
    assert [row["title"] for row in team["unnamed"]] == ["south"]
    assert cli_json("report", "rep", "Ann", "--db", url)["calls"] == 1


@pytest.mark.parametrize(("name", "label"), [
    ("SPEAKER_00", True), ("Speaker 2", True), ("spk_0", True), ("Guest-1", True), ("B", True),
    ("Ann Lee", False), ("Speakerman", False), ("Dr. Amy Lin", False), ("AB", False)])
def test_speaker_labels_are_told_from_names(name, label):
    from salesleader.importers.speakers import is_speaker_label

    assert is_speaker_label(name) is label
