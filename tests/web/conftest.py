"""The store the dashboard tests run on (SQLite, and PostgreSQL when one is named)."""

from __future__ import annotations

import pytest

from salesleader.config import load_config
from salesleader.deals import import_deals
from salesleader.store.database import open_engine
from salesleader.store.ingest import ingest
from salesleader.web.users import add_user

from ..team_data import write_team
from .support import PASSWORDS, SAMPLES


@pytest.fixture
def store(store_url, tmp_path):
    """Three reps' calls (Ann Lee, Bo Grant, Cy Park), the bundled two-seller call (Sam
    Rivera with Lena Park), and a rep, a manager of Ann and Sam, and an admin."""
    team = write_team(tmp_path / "calls", calls_per_rep=2)
    engine = open_engine(store_url)
    ingest(engine, [tmp_path / "calls"])
    import_deals(engine, team["deals_csv"])
    ingest(engine, [str(SAMPLES.joinpath("multiparty_no_timestamps.txt"))],
           config=load_config(str(SAMPLES.joinpath("salesleader.toml"))))
    with engine.begin() as connection:
        add_user(connection, "ann", PASSWORDS["ann"], "rep", seller="Ann Lee")
        add_user(connection, "mia", PASSWORDS["mia"], "manager", team=["Ann Lee", "Sam Rivera"])
        add_user(connection, "boss", PASSWORDS["boss"], "admin")
    return engine
