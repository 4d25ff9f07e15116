"""Personal data out of stored text: emails, phone numbers, payment cards, IBANs, US SSNs.

Metrics are computed before redaction; only what is stored is redacted. Each find is
replaced by a label (``[EMAIL]``, ``[PHONE]``, ``[CARD]``, ``[IBAN]``, ``[SSN]``). Card
numbers must pass the Luhn check and IBANs the ISO 13616 mod-97 check, so order numbers
and dates are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

__all__ = ["LABELS", "Redactor", "iban_valid", "luhn_valid", "redact"]

LABELS = ("EMAIL", "IBAN", "CARD", "SSN", "PHONE")

_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_IBAN_START = re.compile(r"[A-Z]{2}\d{2}")  # country code and check digits open every IBAN
_CARD = re.compile(r"\b\d(?:[ \-]?\d){12,18}\b")
_SSN = re.compile(r"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b")
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[\s.\-])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,4}\)[\s.\-]?|\d{2,4}[\s.\-])\d{3,4}[\s.\-]?\d{3,4}\b"
    r"(?![\s.\-]?\d)"
    r"|(?<![\w+])\+\d{8,14}\b"
)
# A seven-digit local number counts when a phone word comes just before it.
_LOCAL_PHONE = re.compile(
    r"(?i)\b(?:call|phone|cell|mobile|tel|text|ext|reach me|number)\b[^.\d]{0,20}?"
    r"(\d{3}[\-.]\d{4})\b(?![\-.]?\d)"
)


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum every payment card number carries."""
    numbers = [int(d) for d in digits if d.isdigit()]
    if not 13 <= len(numbers) <= 19:
        return False
    total = 0
    for position, digit in enumerate(reversed(numbers)):
        if position % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def iban_valid(text: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 = 1."""
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


class Redactor:
    """Redacts text and counts what it removed (for the ingest summary)."""

    def __init__(self) -> None:
        self.found: Counter[str] = Counter()

    def _sub(self, pattern: re.Pattern[str], label: str, text: str,
             check: Callable[[str], bool] | None = None) -> str:
        def replace(match: re.Match[str]) -> str:
            if check is not None and not check(match.group(0)):
                return match.group(0)
            self.found[label] += 1
            return f"[{label}]"

        return pattern.sub(replace, text)

    def __call__(self, text: str) -> str:
        if "@" in text:
            text = self._sub(_EMAIL, "EMAIL", text)
        if not _DIGIT.search(text):
            return text  # the common case: no number, nothing else to find
        if _IBAN_START.search(text):
            text = self._sub(_IBAN, "IBAN", text, iban_valid)
        if sum(map(str.isdigit, text)) < 7:
            return text  # "102 agents": too few digits for a card, SSN or phone number
        text = self._sub(_CARD, "CARD", text, luhn_valid)
        text = self._sub(_SSN, "SSN", text)
        text = self._sub(_PHONE, "PHONE", text, lambda m: sum(c.isdigit() for c in m) >= 9)

        def local(match: re.Match[str]) -> str:
            self.found["PHONE"] += 1
            start = match.start(1)
            return match.group(0)[: start - match.start()] + "[PHONE]"

        return _LOCAL_PHONE.sub(local, text)

    def quotes(self, items: Iterable[object]) -> None:
        """Redact, in place, the ``"quote"`` of every evidence item (other items are left)."""
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("quote"), str):
                item["quote"] = self(item["quote"])


def redact(text: str) -> str:
    """Redact one text."""
    return Redactor()(text)
