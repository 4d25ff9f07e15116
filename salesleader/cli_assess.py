"""``salesleader assess``: the rep's self-assessment beside their stored calls."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from .cli_common import DbOption, FormatOption, OutputFormat, fail, print_json, stderr, stdout
from .coaching import TITLES
from .errors import SalesleaderError
from .self_assessment import GAP_NOTE

__all__ = ["register"]

def _ask(items: tuple[dict[str, str], ...]) -> dict[str, int]:
    """The statements asked one by one on a terminal."""
    from .self_assessment import SCALE

    low, high = SCALE
    answers = {}
    for item in items:
        while True:
            value = typer.prompt(f"{item['behaviour']} {item['statement']} ({low}-{high})",
                                 type=int, err=True)  # stdout stays the report (JSON too)
            if low <= value <= high:
                break
            stderr.print(f"a whole number from {low} to {high}, please")
        answers[item["behaviour"]] = value
    return answers


def render(result: dict[str, Any], console=stdout) -> None:
    from .reports.text import count_calls
    from .self_assessment import gap_sentences, observed_text, one_decimal

    console.print(Text(f"{result['rep']}: self-assessment beside the last "
                       f"{count_calls(result['calls'])}", style="bold"))
    for sentence in gap_sentences(result):
        console.print(Text(f"• {sentence}"))
    table = Table(show_header=True, header_style="bold")
    for column in ("behaviour", "you", "calls", "gap", "what the calls show"):
        table.add_column(column, justify="left" if column in ("behaviour",
                                                             "what the calls show") else "right")
    for row in result["items"]:
        table.add_row(f"{row['behaviour']} {TITLES[row['part']][0]}", str(row["self"]),
                      one_decimal(row["observed"]), one_decimal(row["gap"], sign=True),
                      observed_text(row) or "no scored call")
    console.print(table)
    console.print(Text(GAP_NOTE, style="dim"))


def register(app: typer.Typer, stored_calls: Callable[[str | None], list]) -> None:
    """Adds ``assess``; ``stored_calls(db)`` loads the store's calls (exiting on a bad URL)."""
    from .self_assessment import LAST_CALLS

    @app.command("assess")
    def assess_command(
        rep: Annotated[str | None, typer.Argument(help="The rep's name.")] = None,
        answers: Annotated[Path | None, typer.Option(
            "--answers", help="TOML answers (`B1 = 4`…; see --template). Without it the "
                              "statements are asked here.")] = None,
        template: Annotated[bool, typer.Option(
            "--template", help="Print an answers file to fill in, and exit.")] = False,
        ask: Annotated[bool, typer.Option(
            "--ask", help="Ask the statements one by one, also when standard input is no "
                          "terminal (answers piped in, one a line).")] = False,
        last: Annotated[int, typer.Option(
            "--last", min=1, help="How many of the rep's most recent calls.")] = LAST_CALLS,
        db: DbOption = None,
        output: FormatOption = OutputFormat.text,
    ) -> None:
        """Are you a salesperson or a sales leader? Your answers beside your calls."""
        from .self_assessment import answers_template, assess, items, read_answers

        if template:
            sys.stdout.write(answers_template())
            return
        if rep is None:
            fail("assess: name the rep (or pass --template for an answers file)")
            raise typer.Exit(2)
        try:
            if answers is not None:
                given = read_answers(answers)
            elif ask or sys.stdin.isatty():
                given = _ask(items())
            else:
                fail("assess: no terminal to ask on; pass --answers FILE (see --template)")
                raise typer.Exit(2)
        except SalesleaderError as error:
            fail(str(error))
            raise typer.Exit(1) from None
        result = assess(stored_calls(db), rep, given, last)
        if not result["calls"]:
            fail(f"no stored calls for rep {rep!r}")
            raise typer.Exit(1)
        if output is OutputFormat.json:
            print_json(result)
        else:
            render(result)
