"""Personal data redaction on realistic strings."""

from __future__ import annotations

import pytest

from salesleader.redaction import Redactor, iban_valid, luhn_valid, redact

CASES = [
    ("Email me at dana.reyes@alder-logistics.com tomorrow.", "Email me at [EMAIL] tomorrow."),
    ("Call +1 (415) 555-0134 or 415.555.0199.", "Call [PHONE] or [PHONE]."),
    ("UK office: +44 20 7946 0958, Berlin 030 901820.", "UK office: [PHONE], Berlin [PHONE]."),
    ("call me at 555-0100 after lunch", "call me at [PHONE] after lunch"),
    ("Card 4111-1111-1111-1111 exp 09/28", "Card [CARD] exp 09/28"),
    ("Amex 3782 822463 10005 on file", "Amex [CARD] on file"),
    ("Wire to GB82 WEST 1234 5698 7654 32 by Friday", "Wire to [IBAN] by Friday"),
    ("SSN 123-45-6789 on the form", "SSN [SSN] on the form"),
]
KEPT = [
    "Order 2026-09-18 for 40 agents at 3 days each.",
    "The other card 4111 1111 1111 1112 failed the check.",    # not Luhn-valid
    "Reference GB00 WEST 1234 5698 7654 32 is a typo.",         # not a valid IBAN
    "SSN 000-12-3456 is not a real number.",                    # invalid area
    "We grew 30% to 1,200 customers; ticket 555-0100 is closed.",
    "PO 4500012345 ships in Q3.",
]


@pytest.mark.parametrize("text,expected", CASES)
def test_redaction_removes_personal_data(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_redaction_leaves_business_numbers_alone(text):
    assert redact(text) == text


def test_redaction_checksums_and_counts():
    assert luhn_valid("4111 1111 1111 1111") and not luhn_valid("4111 1111 1111 1112")
    assert iban_valid("DE89 3704 0044 0532 0130 00") and not iban_valid("DE00 3704 0044 0532 0130 00")
    redactor = Redactor()
    redactor("a@b.io and c@d.io, 123-45-6789")
    assert redactor.found == {"EMAIL": 2, "SSN": 1}
