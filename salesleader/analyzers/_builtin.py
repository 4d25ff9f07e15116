"""Importing this module registers the built-in analyzers; ``MODULES`` is their report
order, whatever order the modules happen to be imported in."""

from importlib import import_module

MODULES = ("talk", "questions", "turns", "discovery", "pitch", "advice", "stance", "insight",
           "vision", "listening", "reach")

for _module in MODULES:
    import_module(f".{_module}", __package__)
