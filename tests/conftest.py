"""Shared fixtures: the sample-file folder and a builder for small hand-made calls."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from salesleader.config import Config
from salesleader.importers.common import ParsedFile, RawTurn, build_conversation
from salesleader.model import Conversation
from salesleader.roles import assign_sellers

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data() -> Path:
    return DATA


def conversation(
    turns: Sequence[tuple],
    sellers: Sequence[str] = ("Sam",),
    path: str = "test-call",
) -> Conversation:
    """Build a call from ``(speaker, text)`` or ``(speaker, text, start, end)`` tuples."""
    raw = [RawTurn(t[0], t[1], *(t[2:4] if len(t) >= 4 else (None, None)), line=n + 1)
           for n, t in enumerate(turns)]
    built = build_conversation(ParsedFile(raw, {}), path=path, format_name="test", encoding="utf-8",
                               sha256=f"{abs(hash(tuple(map(tuple, turns)))):064x}"[-64:])
    return assign_sellers(built, Config(), sellers) if sellers else built


IN_CI = bool(os.environ.get("CI"))
PG_URL = os.environ.get("SALESLEADER_TEST_PG")


def _need(what: str) -> None:
    """Skip locally when a real service is missing; in CI that is a failure, not a skip."""
    if IN_CI:
        pytest.fail(f"{what} is required in CI (.ci/run installs it)")
    pytest.skip(f"{what} not available here")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """The store suite runs on SQLite and on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    if not PG_URL:
        _need("PostgreSQL (SALESLEADER_TEST_PG)")
    import sqlalchemy as sa

    engine = sa.create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


@pytest.fixture
def chromium() -> str:
    path = os.environ.get("SALESLEADER_TEST_BROWSER") or shutil.which("chromium")
    if not path:
        _need("chromium")
    return path
