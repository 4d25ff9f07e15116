"""Commands over the team store: ingest, reanalyze, deals, report, plan, outcomes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from .analyzers.discovery import AREA_LABELS
from .cli_common import (
    ConfigOption,
    DbOption,
    EmailFormat,
    SellerOption,
    config_or_exit,
    engine_or_exit,
    fail,
    stderr,
    stdout,
)
from .errors import SalesleaderError
from .importers.speakers import is_speaker_label, naming_example
from .reports.text import count_calls, format_score

__all__ = ["register"]

FormatOption = Annotated[EmailFormat, typer.Option("--format", help="text, json or html.")]
OutOption = Annotated[Path | None, typer.Option("--out", help="Write to this file.")]


def _calls(db: str | None):
    """The stored calls, for views over many calls: without the quotes they do not show
    (``load_calls``)."""
    from .store.repository import load_calls

    with engine_or_exit(db).connect() as connection:
        return load_calls(connection, quotes=False)


def _calls_and_emails(db: str | None):
    from .store.email_store import load_emails_stored
    from .store.repository import load_calls

    with engine_or_exit(db).connect() as connection:
        return load_calls(connection, quotes=False), load_emails_stored(connection)


def _emit(data: dict[str, Any], output: EmailFormat, html: str | None, text, out: Path | None
          ) -> None:
    if output is EmailFormat.json:
        import json

        content = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    elif output is EmailFormat.html:
        content = html or ""
    else:
        if out is None:
            text(data)
            return
        from rich.console import Console

        with out.open("w", encoding="utf-8") as handle:
            text(data, Console(file=handle, width=100))
        return
    if out is not None:
        out.write_text(content, encoding="utf-8")
        stderr.print(f"wrote {out}", highlight=False)
    else:
        sys.stdout.write(content)


def register(app: typer.Typer) -> None:
    from .cli_assess import register as register_assess

    register_assess(app, _calls)
    deals_app = typer.Typer(help="CRM deals (CSV exports).", no_args_is_help=True)
    report_app = typer.Typer(help="Team, rep, account and call reports.", no_args_is_help=True)
    app.add_typer(deals_app, name="deals")
    app.add_typer(report_app, name="report")

    @app.command("ingest")
    def ingest_command(
        paths: Annotated[list[Path], typer.Argument(help="Transcript files or folders.")],
        db: DbOption = None,
        seller: SellerOption = None,
        config: ConfigOption = None,
        keep_pii: Annotated[bool, typer.Option(
            "--keep-pii", help="Store text as is (default: emails, phones, cards, IBANs and "
                               "SSNs are redacted).")] = False,
    ) -> None:
        """Analyse transcripts and store them (idempotent; one transaction per file)."""
        from rich.progress import Progress

        from .store.ingest import find_transcripts, ingest

        settings = config_or_exit(config)
        engine = engine_or_exit(db)
        files = find_transcripts(paths)
        with Progress(console=stderr, transient=True) as progress:
            task = progress.add_task("ingesting", total=len(files))
            summary = ingest(engine, files, config=settings, sellers=seller or (),
                             keep_pii=keep_pii, progress=lambda _: progress.advance(task))
        for _, error in summary.failed:
            fail(error)
        for path, labels in summary.unnamed[:UNNAMED_NOTES]:
            stderr.print(f"note: {path}: the seller is known only by the label "
                         f"{', '.join(labels)}; the team views credit no rep with this call "
                         f"until it is named in {path}.meta.json ({naming_example(labels[0])})",
                         markup=False)
        if len(summary.unnamed) > UNNAMED_NOTES:
            stderr.print(f"note: and {len(summary.unnamed) - UNNAMED_NOTES} more file(s) "
                         "whose seller is known only by a label", markup=False)
        redacted = ", ".join(f"{n} {label.lower()}" for label, n in
                             sorted(summary.redacted.items())) or "nothing"
        stdout.print(f"new: {len(summary.new)}, updated: {len(summary.updated)}, unchanged: "
                     f"{len(summary.unchanged)}, failed: {len(summary.failed)}; redacted: "
                     f"{redacted}", highlight=False)
        if summary.failed or not files:
            raise typer.Exit(1)

    @app.command("reanalyze")
    def reanalyze_command(
        db: DbOption = None,
        config: ConfigOption = None,
        everything: Annotated[bool, typer.Option("--all", help="Every call, not only those "
                                                 "analysed by older analyzers.")] = False,
        keep_pii: Annotated[bool, typer.Option("--keep-pii")] = False,
    ) -> None:
        """Re-run the analyzers on stored calls after an analyzer changed."""
        from .store.ingest import reanalyze

        summary = reanalyze(engine_or_exit(db), config=config_or_exit(config), everything=everything,
                            keep_pii=keep_pii)
        stdout.print(f"re-analysed: {len(summary.updated)}, already current: "
                     f"{len(summary.unchanged)}", highlight=False)

    @deals_app.command("import")
    def deals_import_command(
        csv_file: Annotated[Path, typer.Argument(help="CRM export (Salesforce or HubSpot).")],
        db: DbOption = None,
    ) -> None:
        """Import deals; malformed rows are reported by line and skipped."""
        from .deals import import_deals

        try:
            result = import_deals(engine_or_exit(db), csv_file)
        except SalesleaderError as error:
            fail(str(error))
            raise typer.Exit(1) from None
        for error in result.errors:
            fail(error)
        stdout.print(f"imported {len(result.deals)} deal(s), skipped {len(result.errors)} "
                     "row(s)", highlight=False)
        if result.errors:
            raise typer.Exit(1)

    @report_app.command("team")
    def report_team(db: DbOption = None, output: FormatOption = EmailFormat.text,
                    out: OutOption = None) -> None:
        """The whole team: reps compared, trends, coaching queue."""
        from .reports.html import team_page
        from .team import team_view

        view = team_view(_calls(db))
        _emit(view, output, team_page(view) if output is EmailFormat.html else None,
              _text_team, out)

    @report_app.command("rep")
    def report_rep(name: Annotated[str, typer.Argument(help="The rep's name.")],
                   db: DbOption = None, output: FormatOption = EmailFormat.text,
                   out: OutOption = None) -> None:
        """One rep: trend, pillars, recurring strengths and improvements, coaching queue."""
        from .reports.html import rep_page
        from .team import rep_view

        calls, emails = _calls_and_emails(db)
        view = rep_view(calls, name, emails)
        if not view["calls"]:
            fail(f"{name!r} is a diarization label, not a rep's name: name the speaker in the "
                 "call's sidecar (\"speakers\") and ingest again"
                 if is_speaker_label(name) else f"no stored calls for rep {name!r}")
            raise typer.Exit(1)
        _emit(view, output, rep_page(view) if output is EmailFormat.html else None,
              _text_rep, out)

    @report_app.command("account")
    def report_account(name: Annotated[str, typer.Argument(help="The account's name.")],
                       db: DbOption = None, output: FormatOption = EmailFormat.text,
                       out: OutOption = None) -> None:
        """One account: discovery coverage per call, people reached (B12), next-call plan."""
        from .reports.html import account_page
        from .team import account_view, plan

        calls, emails = _calls_and_emails(db)
        view = account_view(calls, name, emails)
        if not view["calls"]:
            fail(f"no stored calls for account {name!r}")
            raise typer.Exit(1)
        next_plan = plan(calls, name, emails)
        _emit(view, output, account_page(view, next_plan) if output is EmailFormat.html
              else None, _text_account, out)

    @report_app.command("call")
    def report_call(call_id: Annotated[str, typer.Argument(help="The call id (or a prefix).")],
                    db: DbOption = None, output: FormatOption = EmailFormat.text,
                    out: OutOption = None) -> None:
        """One stored call's report."""
        import sqlalchemy as sa

        from .reports.html import call_page
        from .reports.text import render_call
        from .store.repository import load_calls
        from .store.schema import conversations

        with engine_or_exit(db).connect() as connection:  # the matching ids first: one report read
            ids = connection.execute(sa.select(conversations.c.id).where(
                conversations.c.id.startswith(call_id, autoescape=True))).scalars().all()
            if len(ids) != 1:
                fail(f"{len(ids)} stored calls match id {call_id!r}; expected exactly one")
                raise typer.Exit(1)
            (call,) = load_calls(connection, call_ids=ids)
        report = dict(call.report)
        _emit(report, output, call_page(report) if output is EmailFormat.html else None,
              lambda data, console=stdout: render_call(data, console), out)

    @app.command("plan")
    def plan_command(account: Annotated[str, typer.Argument(help="The account's name.")],
                     db: DbOption = None, output: FormatOption = EmailFormat.text) -> None:
        """Plan the next call: unexplored areas, people to reach, open questions."""
        from .team import plan

        calls, emails = _calls_and_emails(db)
        result = plan(calls, account, emails)
        if not result["calls"]:
            fail(f"no stored calls for account {account!r}")
            raise typer.Exit(1)
        _emit(result, output, None, _text_plan, None)

    @app.command("outcomes")
    def outcomes_command(
        db: DbOption = None, output: FormatOption = EmailFormat.text, out: OutOption = None,
        calibrate: Annotated[bool, typer.Option(
            "--calibrate", help="Fit the index weights to your own closed deals (30 or more) "
                                "and print them for salesleader.toml.")] = False,
    ) -> None:
        """Does leadership pay here? Behaviours against won/lost, amount, discount, cycle."""
        from .deals import load_deals
        from .outcomes import associations, deal_rows
        from .outcomes import calibrate as calibrate_weights
        from .reports.html import outcomes_page

        engine = engine_or_exit(db)
        from .store.repository import load_calls

        with engine.connect() as connection:
            calls, all_deals = load_calls(connection, quotes=False), load_deals(connection)
        try:
            rows = deal_rows(calls, all_deals)
            result = calibrate_weights(rows) if calibrate else associations(rows)
        except SalesleaderError as error:
            fail(str(error))
            raise typer.Exit(2) from None
        if calibrate:
            if output is EmailFormat.html:
                fail("--calibrate prints text or json")
                raise typer.Exit(2)
            _emit(result, output, None, _text_calibration, out)
            if result["weights"] is None:
                raise typer.Exit(1)
            return
        _emit(result, output, outcomes_page(result) if output is EmailFormat.html else None,
              _text_outcomes, out)


def _table(title: str, headers: list[str]) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    for header in headers:
        table.add_column(header)
    return table


def _f(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if isinstance(value, float) and abs(value) < 10 else (
        f"{value:.0f}" if isinstance(value, float) else str(value))


UNNAMED_NOTES = 3  # files named in ingest's notes on sellers known by a label; then a count


def _text_team(view: dict[str, Any], console=stdout) -> None:
    table = _table(f"Team ({count_calls(view['calls'])})", ["rep", "calls", "index", "curiosity",
                                                    "control", "advisor", "vision"])
    for rep in view["reps"]:
        p = rep["pillars"]
        table.add_row(Text(rep["rep"]), str(rep["calls"]), format_score(rep["index"]),
                      *[format_score(p[k]) for k in ("curiosity", "customer_control",
                                                     "trusted_advisor", "shared_vision")])
    console.print(table)
    for note in view.get("notes", ()):
        console.print(Text(f"note: {note}", style="dim"))
    _text_queue(view["coaching_queue"], console)


def _text_queue(rows: list[dict[str, Any]], console) -> None:
    table = _table("Coaching queue: calls furthest from the rep's own baseline",
                   ["rep", "date", "call", "index", "baseline", "z", "pillar"])
    for row in rows:
        table.add_row(Text(row["rep"]), row["date"], Text(row["title"] or ""), format_score(row["index"]),
                      format_score(row["baseline"]), _f(row["z"]), (row["pillar"] or "").replace("_", " "))
    console.print(table if rows else Text("Coaching queue: no rep has three scored calls yet.",
                                          style="dim"))


def _text_rep(view: dict[str, Any], console=stdout) -> None:
    console.print(Text(f"{view['rep']}: {count_calls(view['calls'])}, mean index "
                       f"{format_score(view['index'])}", style="bold"))
    table = _table("Trend", ["date", "index"])
    for point in view["trend"]:
        table.add_row(point["date"], format_score(point["index"]))
    console.print(table)
    for title, items in (("Recurring strengths", view["recurring_strengths"]),
                         ("Recurring improvements", view["recurring_improvements"])):
        console.print(Text(title, style="bold"))
        for name, count in items:
            console.print(Text(f"  {name} ({count_calls(count)})"))
    _text_queue(view["coaching_queue"], console)
    _text_emails(view.get("emails"), console)


def _text_emails(panel: dict[str, Any] | None, console) -> None:
    if not panel or not panel["sent"]:
        return
    console.print(Text(f"Follow-up emails: {panel['sent']} sent, mean score "
                       f"{format_score(panel['mean_score'])}, checking in {_f(panel['checking_in_share'])},"
                       f" {panel['threads_replied']} of {panel['threads']} threads replied",
                       style="bold"))
    for weak in panel["weakest"]:
        console.print(Text(f"  weakest: “{weak['subject']}” ({format_score(weak['score'])}): "
                           f"{'; '.join(weak['reasons'])}"))


def _text_account(view: dict[str, Any], console=stdout) -> None:
    reach = view["multi_threading"]
    console.print(Text(f"{view['account']}: {count_calls(view['calls'])}, mean index "
                       f"{format_score(view['index'])}", style="bold"))
    table = _table("Discovery coverage (seller questions per area, all calls)", ["area",
                                                                                 "questions"])
    for area, count in view["discovery_coverage"].items():
        table.add_row(AREA_LABELS.get(area, area), str(count))
    console.print(table)
    people = _table(f"People reached: {reach['customer_people_reached']}, senior: "
                    f"{', '.join(reach['senior_titles_reached']) or 'none'}",
                    ["person", "title", "spoke", "asked"])
    for person in reach["people"]:
        people.add_row(Text(person["name"]), Text(person["title"] or ""),
                       "yes" if person["spoke"] else "no", str(person["asked"]))
    console.print(people)
    _text_emails(view.get("emails"), console)


def _text_plan(result: dict[str, Any], console=stdout) -> None:
    console.print(Text(f"Next call with {result['account']} ({count_calls(result['calls'])} "
                       "so far)", style="bold"))
    sections = (("Unexplored discovery areas", [AREA_LABELS.get(a, a) for a in
                                                 result["unexplored_areas"]]),
                ("People not reached yet", result["people_not_reached"]),
                ("People never asked a question", result["people_not_asked"]),
                ("Named by the customer, never on a call",
                 [f"{r['role']}{', ' + r['name'] if r['name'] else ''} ({r['speaker']}, "
                  f"{r['date']}: “{r['quote']}”)"
                  for r in result["roles_named_not_reached"]]),
                ("Open customer questions", [q["quote"] for q in
                                             result["open_customer_questions"]]),
                ("Suggested questions", result["suggested_questions"]))
    for title, items in sections:
        console.print(Text(title, style="bold"))
        for item in items or ["—"]:
            console.print(Text(f"  • {item}"))


def _text_calibration(result: dict[str, Any], console=stdout) -> None:
    for warning in result["warnings"]:
        console.print(Text(f"warning: {warning}", style="yellow"))
    if result["weights"] is None:
        return
    table = _table(f"Index weights fitted to {result['closed_deals']} closed deals "
                   f"({result['won']} won)", ["pillar", "default", "OR/SD (95% CI)", "fitted"])
    for pillar, weight in result["weights"].items():
        fit = result["pillars"].get(pillar)
        table.add_row(pillar.replace("_", " "), f"{result['default_weights'][pillar]:.2f}",
                      f"{fit['effect']:.2f} ({fit['ci_low']:.2f} – {fit['ci_high']:.2f})"
                      if fit else "— (account level: kept)", f"{weight:.3f}")
    console.print(table)
    console.print(Text("For salesleader.toml:", style="bold"))
    lines = ["[index.weights]", *(f"{p} = {w}" for p, w in result["weights"].items())]
    console.print(Text("\n".join(lines)), highlight=False)


def _text_outcomes(result: dict[str, Any], console=stdout) -> None:
    from .reports.text import measure_label

    for warning in result["warnings"]:
        console.print(Text(f"warning: {warning}", style="yellow"))
    table = _table(f"{result['closed_deals']} closed deals ({result['won']} won)",
                   ["measure", "outcome", "effect", "95% CI", "p (Holm)", "n"])
    for a in result["associations"]:
        kind = "OR/SD" if a["effect_kind"] == "odds_ratio_per_sd" else "rho"
        table.add_row(measure_label(a["measure"]), a["outcome"], f"{kind} {a['effect']:.2f}",
                      f"{a['ci_low']:.2f} – {a['ci_high']:.2f}", f"{a['p_adjusted']:.3f}",
                      str(a["n"]), style="bold" if a["significant"] else None)
    console.print(table)
