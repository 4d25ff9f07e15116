"""Importing this module registers the built-in analyzers, in report order."""

from . import (  # noqa: F401, I001  (order here is the report order)
    talk,
    questions,
    turns,
    discovery,
    pitch,
    advice,
    stance,
    insight,
    vision,
    listening,
)
