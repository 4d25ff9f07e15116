"""Bytes to text: BOMs, UTF-16 without a BOM, UTF-8, cp1252, and binary detection."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import BinaryInputError, EmptyInputError, EncodingInputError

__all__ = ["DecodedText", "decode_bytes"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never appear in a transcript; tab, LF, CR and FF are fine.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
SUPPORTED = "UTF-8, UTF-8 with BOM, UTF-16 or cp1252 text"


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_bytes(data: bytes, path: str) -> DecodedText:
    """Decode a transcript file, or raise an ``InputError`` that says why not.

    Order: a BOM decides; else UTF-16 recognised by its NUL pattern; else bytes with
    NULs or control characters are binary; else strict UTF-8; else cp1252.
    """
    if not data.strip():
        raise EmptyInputError(path, "the file is empty", expected="a transcript")
    encoding: str | None = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        encoding = _guess_utf16_without_bom(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise EncodingInputError(
                path,
                f"bytes at offset {error.start} are not valid {encoding}",
                line=_line_of_offset(data, error.start),
                expected=SUPPORTED,
            ) from None
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise EmptyInputError(path, "the file is empty", expected="a transcript")
        return DecodedText(text, encoding.removesuffix("-sig"))

    head = data[:8192]
    controls = sum(1 for byte in head if byte in _CONTROL)
    if b"\x00" in head or controls > max(2, len(head) // 100):
        raise BinaryInputError(
            path, "this is a binary file, not text", expected=f"a transcript as {SUPPORTED}"
        )
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return DecodedText(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            raise EncodingInputError(
                path,
                f"byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start} "
                "is neither UTF-8 nor cp1252",
                line=_line_of_offset(data, utf8_error.start),
                expected=SUPPORTED,
            ) from None
