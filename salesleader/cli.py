"""The ``salesleader`` command: thin commands over the library.

Errors print one line (``error: file:line: what; expected ...``) on stderr and the
command exits non-zero; other files still get analysed.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .analysis import analyze
from .cli_common import (
    CallFormat,
    ConfigOption,
    EmailFormat,
    FormatOption,
    OutputFormat,
    SellerOption,
    config_or_exit,
    fail,
    print_json,
    stderr,
    stdout,
)
from .config import load_config
from .errors import SalesleaderError
from .model import Conversation

__all__ = ["app", "main"]

app = typer.Typer(
    help="Measure sales leadership in call transcripts: evidence, an index, coaching. Offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command("analyze")
def analyze_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Transcript files (.vtt .srt .json .txt), folders (searched recursively), or - "
             "for standard input.")],
    seller: SellerOption = None,
    output: Annotated[CallFormat, typer.Option(
        "--format", help="text, json (the call report), csv (one row per call, and one per "
                         "seller on calls with several) or html (a page per call, readable "
                         "offline).")] = CallFormat.text,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write to this file instead of printing; with --format html and "
                      "several calls, a folder that gets one page per call.")] = None,
    config: ConfigOption = None,
) -> None:
    """Analyse call transcripts and print their reports."""
    from .importers import TRANSCRIPT_SUFFIXES, files_under

    settings = config_or_exit(config)
    files = files_under(paths, TRANSCRIPT_SUFFIXES)
    if not files:
        fail(f"{', '.join(map(str, paths))}: no transcript files "
             f"({' '.join(TRANSCRIPT_SUFFIXES)}) found")
        raise typer.Exit(1)
    one_file = len(paths) == 1 and not paths[0].is_dir()
    pages = output is CallFormat.html and not one_file
    if pages and out is None:
        fail(f"--format html for {len(files)} file(s): give --out FOLDER for their pages")
        raise typer.Exit(1)
    if out is not None and out.is_dir() != pages and (out.exists() or not pages):
        fail(f"--out {out}: expected {'a folder' if pages else 'a file, not a folder'}")
        raise typer.Exit(1)
    analysed: list[tuple[Path, dict[str, Any]]] = []
    failed = 0
    for path in files:
        try:
            source = _standard_input() if str(path) == STDIN else path
            analysed.append((path, analyze(source, config=settings,
                                           sellers=seller or ()).to_dict()))
        except SalesleaderError as error:
            failed += 1
            fail(str(error))
    reports = [report for _, report in analysed]
    if pages:
        _write_pages(analysed, out)  # type: ignore[arg-type]
    else:
        _print_calls(reports, output, one_file, len(files), out)
    if failed:
        stderr.print(f"{failed} of {len(files)} file(s) could not be analysed", highlight=False)
        raise typer.Exit(1)


STDIN = "-"


def _standard_input() -> Conversation:
    """The transcript piped in (``analyze -``), its format found from its content, read no
    further than the size limit of a file."""
    from . import importers

    return importers.parse_bytes(sys.stdin.buffer.read(importers.MAX_TRANSCRIPT_BYTES + 1),
                                 "<stdin>")


def _print_calls(reports: list[dict[str, Any]], output: CallFormat, one_file: bool,
                 files: int, out: Path | None) -> None:
    """The reports in one stream: standard output, or the file ``out``."""
    import io

    buffer = None if out is None else io.StringIO()
    stream = buffer or sys.stdout
    if output is CallFormat.json:
        if one_file and reports:  # one file: one report
            print_json(reports[0], stream)
        elif reports or files > 1:
            print_json(reports, stream)
    elif output is CallFormat.csv:
        from .reports.csv_rows import write_csv

        write_csv(reports, stream)
    elif output is CallFormat.html:
        from .reports.html import call_page

        stream.write("".join(call_page(report) for report in reports))
    else:
        from .reports.text import render_call

        console = stdout if out is None else Console(file=stream, width=100)
        for report in reports:
            render_call(report, console)
    if out is not None and buffer is not None and (reports or output is not CallFormat.html):
        out.write_text(buffer.getvalue(), encoding="utf-8")
        stderr.print(f"wrote {out}", highlight=False)


def _write_pages(analysed: list[tuple[Path, dict[str, Any]]], folder: Path) -> None:
    """One offline HTML page per call in ``folder``: ``<file name>.html`` (with the call's id
    when two inputs share a name)."""
    from .reports.html import call_page

    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for path, report in analysed:
        stem = "stdin" if str(path) == STDIN else path.name
        name = f"{stem}.html"
        if name in used:
            name = f"{stem}-{report['call']['id'][:12]}.html"
        used.add(name)
        (folder / name).write_text(call_page(report), encoding="utf-8")
    stderr.print(f"wrote {len(analysed)} page(s) to {folder}", highlight=False)


DEMO_CALLS = (
    "discovery_well_led.vtt",
    "feature_dump_pitch.srt",
    "multiparty_no_timestamps.txt",
)
DEMO_METRICS = (
    "seller_talk_share", "longest_seller_monologue_words", "longest_customer_story_words",
    "interactivity_per_min", "seller_questions", "follow_up_questions", "discovery_areas_covered",
    "feature_dumps", "premature_pitch", "advice_requests", "customer_focus_ratio",
)


@app.command("demo")
def demo_command(
    output: FormatOption = OutputFormat.text,
) -> None:
    """Analyse the bundled sample calls and compare them."""
    samples = resources.files("salesleader").joinpath("samples")
    settings = load_config(Path(str(samples.joinpath("salesleader.toml"))))
    reports = [analyze(Path(str(samples.joinpath(name))), config=settings).to_dict()
               for name in DEMO_CALLS]
    if output is OutputFormat.json:
        print_json(reports)
        return
    from .reports.text import comparison_table, render_call

    for report in reports:
        render_call(report, stdout)
    shown = [m for m in DEMO_METRICS if any(m in r["metrics"] for r in reports)]
    stdout.print(comparison_table(reports, shown))


email_app = typer.Typer(help="Outreach and follow-up emails (B13).", no_args_is_help=True)
app.add_typer(email_app, name="email")


@email_app.command("analyze")
def email_analyze_command(
    paths: Annotated[list[Path], typer.Argument(help=".eml files, .mbox archives or folders.")],
    output: Annotated[EmailFormat, typer.Option("--format", help="Output format.")] =
    EmailFormat.text,
    config: ConfigOption = None,
) -> None:
    """Score outreach and follow-up emails: checking in or leading?"""
    from .email_analysis import analyze_emails
    from .importers import files_under
    from .importers.email_files import EMAIL_SUFFIXES, load_emails

    settings = config_or_exit(config)
    files = files_under(paths, EMAIL_SUFFIXES)
    emails = []
    failed = 0
    for path in files:
        try:
            emails.extend(load_emails(path))
        except SalesleaderError as error:
            failed += 1
            fail(str(error))
    report = analyze_emails(emails, settings)
    if output is EmailFormat.json:
        print_json(report)
    elif output is EmailFormat.html:
        from .reports.email_view import email_html

        sys.stdout.write(email_html(report))
    else:
        from .reports.email_view import render_emails

        render_emails(report, stdout)
    if failed or not files:
        stderr.print(f"{failed} of {len(files)} file(s) could not be read", highlight=False)
        raise typer.Exit(1)


@app.command("batch")
def batch_command(
    source: Annotated[Path, typer.Argument(help="A folder of transcripts, or a .jsonl / "
                                                ".parquet file of conversations.")],
    out: Annotated[Path, typer.Option("--out", help="Parquet output (a folder for spark).")],
    engine: Annotated[str, typer.Option("--engine", help="local, processes or spark.")] =
    "local",
    workers: Annotated[int | None, typer.Option("--workers", help="Processes (default: all "
                                                "cores).")] = None,
    spark_master: Annotated[str, typer.Option("--spark-master", help="Spark master URL.")] =
    "local[*]",
    each_seller: Annotated[bool, typer.Option(
        "--each-seller", help="Also a row per seller (their own index and metrics) for calls "
                              "with several sellers.")] = False,
    seller: SellerOption = None,
    config: ConfigOption = None,
) -> None:
    """Analyse many calls into Parquet: one row per call, metrics flattened, report as JSON."""
    from rich.progress import Progress

    from .engine import run_batch

    settings = config_or_exit(config)
    try:
        with Progress(console=stderr, transient=True) as progress:
            task = progress.add_task(f"batch ({engine})", total=None)
            counts = run_batch(source, out, engine=engine, config=settings, workers=workers,
                               spark_master=spark_master, each_seller=each_seller,
                               sellers=seller or (),
                               progress=lambda n: progress.advance(task, n))
    except SalesleaderError as error:
        fail(str(error))
        raise typer.Exit(2) from None
    stdout.print(f"analysed: {counts['analysed']}, failed: {counts['failed']} → {out}",
                 highlight=False)
    if counts["failed"]:
        stderr.print("failed inputs have their reason in the 'error' column", highlight=False)
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    file: Annotated[Path, typer.Argument(help="Labelled utterances (JSONL: text, label, ...).")],
    output: FormatOption = OutputFormat.text,
    errors: Annotated[int, typer.Option(
        "--errors", min=0, metavar="N",
        help="Also list the first N disagreements (line, gold, predicted, text) of each "
             "condition, to find blind spots.")] = 0,
) -> None:
    """Score the question detector and question types on labelled utterances."""
    from .evaluation import evaluate, read_jsonl

    try:
        result = evaluate(read_jsonl(file), errors=errors)
    except SalesleaderError as error:
        fail(str(error))
        raise typer.Exit(1) from None
    if output is OutputFormat.json:
        print_json(result)
        return
    from .reports.text import render_eval

    render_eval(result, stdout, source=str(file))


from .cli_store import register  # noqa: E402  (commands over the store)
from .cli_web import register as register_web  # noqa: E402  (the dashboard)

register(app)
register_web(app)


def main() -> None:
    try:
        app()
    except SalesleaderError as error:  # anything not handled per file
        fail(str(error))
        sys.exit(1)
