"""Analyzers: one module per behaviour, each registered with what it needs and produces."""

from .base import REQUIREMENTS, AnalyzerSpec, Evidence, Result, analyzer, registered
from .context import Call

__all__ = ["REQUIREMENTS", "AnalyzerSpec", "Call", "Evidence", "Result", "analyzer",
           "registered"]
