"""Password guessing slowed down: after ``LIMIT`` failed log-ins for one name within
``WINDOW``, that name is refused until the oldest of those failures leaves the window.

The failures are rows of the store (``login_failures``), so every server process of
``serve --workers`` and a restarted server count the same ones. A success does not clear
them (guesses cannot be interleaved with a known password). Names are kept as the SHA-256
of their case-folded form: what strangers type is never stored as text. Failures older
than the window are deleted as new ones come in, so a flood of made-up names takes no
lasting room.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from ..store.schema import login_failures

__all__ = ["LIMIT", "WINDOW", "record_failure", "wait_s"]

LIMIT = 5
WINDOW = timedelta(minutes=15)


def _key(name: str) -> str:
    return hashlib.sha256(name.strip().casefold().encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite gives naive ones


def wait_s(connection: sa.Connection, name: str) -> int:
    """Seconds until ``name`` may try again; 0 when it may now."""
    now = datetime.now(UTC)
    recent = connection.execute(
        sa.select(login_failures.c.failed_at)
        .where(login_failures.c.name_sha256 == _key(name),
               login_failures.c.failed_at > now - WINDOW)
        .order_by(login_failures.c.failed_at.desc()).limit(LIMIT)).scalars().all()
    if len(recent) < LIMIT:
        return 0
    # The LIMIT-th most recent failure is the one whose leaving frees the name.
    return max(1, int((_aware(recent[-1]) + WINDOW - now).total_seconds()) + 1)


def record_failure(connection: sa.Connection, name: str) -> None:
    now = datetime.now(UTC)
    connection.execute(sa.delete(login_failures).where(login_failures.c.failed_at <= now - WINDOW))
    connection.execute(sa.insert(login_failures).values(name_sha256=_key(name), failed_at=now))
