"""The team roster and settings: ``salesleader.toml``, validated at the boundary.

Example::

    [team]
    sellers = ["Ann Lee", "Raj Patel"]      # names as they appear in transcripts
    emails = ["ann@vendor.example"]          # match participants listed with an email
    domains = ["vendor.example"]             # anyone with an address here is selling

    [product]
    terms = ["Pipeline Pro", "forecast module"]   # your product's own words (B6)

    [lexicons]
    insight = ["our research across"]        # extra cue phrases, by lexicon name

    [index.weights]                          # pillar weights; they are normalised
    curiosity = 0.3

    [thresholds]
    feature_dump_words = 120
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError

__all__ = ["CONFIG_FILE", "Config", "Thresholds", "load_config", "settings_key"]

CONFIG_FILE = "salesleader.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Team(_Strict):
    sellers: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    @field_validator("emails", "domains")
    @classmethod
    def _lower(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().lower().lstrip("@") for v in values)


class Product(_Strict):
    terms: tuple[str, ...] = ()


class Thresholds(_Strict):
    """Numbers behind the behaviour definitions; each documented where it is used."""

    backchannel_max_words: int = Field(3, ge=1, le=10)
    feature_dump_words: int = Field(80, ge=20)
    feature_dump_density: float = Field(0.04, gt=0, lt=1)
    premature_pitch_questions: int = Field(4, ge=0)


class IndexSettings(_Strict):
    weights: dict[str, float] = Field(default_factory=dict)

    @field_validator("weights")
    @classmethod
    def _known(cls, weights: dict[str, float]) -> dict[str, float]:
        known = {"curiosity", "customer_control", "trusted_advisor", "shared_vision",
                 "relationship_reach"}
        unknown = set(weights) - known
        if unknown:
            raise ValueError(f"unknown pillar(s) {sorted(unknown)}; valid: {sorted(known)}")
        if any(w < 0 for w in weights.values()):
            raise ValueError("weights must be >= 0")
        return weights


class Config(_Strict):
    team: Team = Team()
    product: Product = Product()
    lexicons: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    thresholds: Thresholds = Thresholds()
    index: IndexSettings = IndexSettings()
    source: str | None = Field(None, exclude=True)


def settings_key(config: Config) -> str:
    """A key of what ``config`` sets (SHA-256 of it as JSON, its file's path left out):
    what a stored call or email records, so that other settings analyse it again."""
    return hashlib.sha256(config.model_dump_json().encode()).hexdigest()


def load_config(path: str | Path | None = None, *, search_dir: Path | None = None) -> Config:
    """Read ``path``, else ``./salesleader.toml`` when it exists, else the defaults."""
    if path is None:
        candidate = (search_dir or Path.cwd()) / CONFIG_FILE
        if not candidate.is_file():
            return Config()
        path = candidate
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file; expected a salesleader.toml") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; expected a TOML file") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML ({error}); expected TOML as in the README") \
            from None
    try:
        return Config.model_validate({**raw, "source": str(path)})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{path}: [{where}] {first['msg']}") from None
