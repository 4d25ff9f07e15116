"""Importing this module registers the built-in analyzers; ``MODULES`` is their report
order, whatever order the modules happen to be imported in."""

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

MODULES = ("talk", "questions", "turns", "discovery", "pitch", "advice", "stance", "insight",
           "vision", "listening")
