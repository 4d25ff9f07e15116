"""Importing this module registers the built-in analyzers, in report order."""

from . import talk, turns  # noqa: F401
