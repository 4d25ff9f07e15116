"""Where the store lives and how it is opened: migrations run on every open (cheap when
current), so an older file is upgraded in place."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import sqlalchemy as sa

from ..errors import ConfigError

__all__ = ["DB_ENV", "default_url", "open_engine", "resolve_url"]

DB_ENV = "SALESLEADER_DB"


def default_url() -> str:
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("salesleader", appauthor=False))
    return f"sqlite:///{folder / 'salesleader.db'}"


def resolve_url(url: str | None = None) -> str:
    """``--db URL``, else ``$SALESLEADER_DB``, else an SQLite file in the user data folder.
    A plain path is taken as an SQLite file."""
    url = url or os.environ.get(DB_ENV) or default_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: safe on crash, far fewer fsyncs
    cursor.close()


def open_engine(url: str | None = None) -> sa.Engine:
    """An engine on the store, created and migrated to the latest schema."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    url = resolve_url(url)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as error:
        hint = " (pip install 'salesleader[postgres]')" if "postgres" in url else ""
        raise ConfigError(f"cannot open the store at {url!r}: {error}{hint}") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    alembic = AlembicConfig()
    alembic.set_main_option(
        "script_location", str(resources.files("salesleader.store").joinpath("migrations")))
    try:
        with engine.begin() as connection:
            alembic.attributes["connection"] = connection
            command.upgrade(alembic, "head")
    except sa.exc.OperationalError as error:
        raise ConfigError(f"cannot open the store at {url!r}: {error.orig}") from None
    return engine
