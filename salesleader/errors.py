"""Errors salesleader raises, each one a sentence a person can act on.

The tree::

    SalesleaderError                 anything salesleader raises on purpose
    ├── InputError                   a file that cannot be read as a conversation
    │   ├── EmptyInputError          nothing in it (0 bytes, only blanks, no utterances)
    │   ├── BinaryInputError         not text at all (an audio file, a zip, ...)
    │   ├── EncodingInputError       text in none of UTF-8, UTF-16, cp1252
    │   ├── UnknownFormatError       text, but no transcript format recognised
    │   └── MalformedInputError      a recognised format with a broken line
    ├── ConfigError                  salesleader.toml or an option is invalid
    ├── SellerError                  --seller names nobody in the call
    └── AnalyzerError                the analyzer registry or a requirement is misused

Every ``InputError`` carries ``path``, ``line`` (1-based, or ``None`` when the problem
is not on one line) and ``expected``; ``str(error)`` is the one line the CLI prints:
``calls/a.vtt:12: cue ends before it starts (00:05.000 --> 00:04.000); expected end >= start``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AnalyzerError",
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "EncodingInputError",
    "InputError",
    "MalformedInputError",
    "SalesleaderError",
    "SellerError",
    "UnknownFormatError",
]


class SalesleaderError(Exception):
    """Base class of every error salesleader raises on purpose."""


class InputError(SalesleaderError):
    """A file that cannot be turned into a conversation."""

    def __init__(
        self,
        path: str | Path | None,
        message: str,
        *,
        line: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else "<input>"
        self.line = line
        self.message = message
        self.expected = expected
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.message}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class EmptyInputError(InputError):
    """The file holds nothing to analyse."""


class BinaryInputError(InputError):
    """The file is not text."""


class EncodingInputError(InputError):
    """The bytes decode in none of the supported encodings."""


class UnknownFormatError(InputError):
    """The text matches no supported transcript format."""


class MalformedInputError(InputError):
    """A recognised format with a line that breaks it."""


class ConfigError(SalesleaderError):
    """The roster file or an option is invalid."""


class SellerError(SalesleaderError):
    """A seller named on the command line is not in the call."""


class AnalyzerError(SalesleaderError):
    """The analyzer registry is misused (duplicate name, unknown requirement)."""
