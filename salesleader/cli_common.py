"""Options and helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape

from .config import Config, load_config
from .errors import SalesleaderError

__all__ = ["CallFormat", "ConfigOption", "DbOption", "EmailFormat", "FormatOption", "OutputFormat",
           "SellerOption", "config_or_exit", "engine_or_exit", "fail", "print_json", "stderr", "stdout"]

stdout = Console()
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class CallFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


class EmailFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


SellerOption = Annotated[
    list[str] | None,
    typer.Option("--seller", help="Who is selling (repeatable); overrides roster and inference."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Roster and settings (default: ./salesleader.toml if present)."),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="SALESLEADER_DB",
    help="Store URL (sqlite:///path.db or postgresql+psycopg://...). Default: an SQLite file "
         "in your user data folder.")]


def fail(message: str) -> None:
    stderr.print(f"[red]error:[/red] {escape(message)}", markup=True, highlight=False)


def engine_or_exit(db: str | None):
    """The store's engine (opened and migrated), or a one-line error and exit 2."""
    from .store.database import open_engine

    try:
        return open_engine(db)
    except SalesleaderError as error:
        fail(str(error))
        raise typer.Exit(2) from None


def config_or_exit(path: Path | None) -> Config:
    try:
        return load_config(path)
    except SalesleaderError as error:
        fail(str(error))
        raise typer.Exit(2) from None


def print_json(value: Any, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
