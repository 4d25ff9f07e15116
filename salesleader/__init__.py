"""salesleader: measure sales leadership in call transcripts, offline, with evidence.

>>> import salesleader
>>> report = salesleader.analyze("call.vtt", sellers=["Ann Lee"])   # doctest: +SKIP
>>> report.to_dict()["metrics"]["seller_talk_share"]                 # doctest: +SKIP
"""

from .analysis import analyze, analyze_conversation
from .analyzers import AnalyzerSpec, Call, Evidence, Result, analyzer, registered
from .config import Config, load_config
from .errors import (
    AnalyzerError,
    BinaryInputError,
    ConfigError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    MalformedInputError,
    SalesleaderError,
    SellerError,
    UnknownFormatError,
)
from .importers import load, parse_bytes
from .model import Conversation, Participant, SellerAssignment, Source, Utterance
from .report import CallReport
from .roles import assign_sellers

__version__ = "0.1.0"

__all__ = [
    "AnalyzerError",
    "AnalyzerSpec",
    "BinaryInputError",
    "Call",
    "CallReport",
    "Config",
    "ConfigError",
    "Conversation",
    "EmptyInputError",
    "EncodingInputError",
    "Evidence",
    "InputError",
    "MalformedInputError",
    "Participant",
    "Result",
    "SalesleaderError",
    "SellerAssignment",
    "SellerError",
    "Source",
    "UnknownFormatError",
    "Utterance",
    "__version__",
    "analyze",
    "analyze_conversation",
    "analyzer",
    "assign_sellers",
    "load",
    "load_config",
    "parse_bytes",
    "registered",
]
