"""B8 — empowers the customer to decide: empowering versus pressure language.

Counted per seller sentence (lexicon ``stance.txt``): a sentence with an empowering
phrase (options, trade-offs, criteria, "it depends on what matters to you") is an
empowering statement; one with a pressure phrase ("sign by Friday", "offer expires",
"you need to") is a pressure statement, unless a ``[not_pressure]`` phrase grants time
("Take the time you need to decide.").
"""

from __future__ import annotations

from ..model import SELLER
from .base import Result, analyzer
from .context import Call

__all__ = ["pressing", "stance"]


def pressing(cues: frozenset[str]) -> bool:
    """Whether a sentence's cues make it pressure: a ``[pressure]`` phrase that no
    ``[not_pressure]`` phrase grants time around."""
    return "stance.pressure" in cues and "stance.not_pressure" not in cues


@analyzer("stance", version="7", requires=("seller",), behaviours=("B8",),
          produces=("empowering_statements", "pressure_statements"))
def stance(call: Call) -> Result:
    """Empowering versus pressure language in seller speech."""
    empowering, pressure = [], []
    for sentence, cues in zip(call.sentences(SELLER), call.sentence_cues(SELLER), strict=True):
        if "stance.empowering" in cues:
            empowering.append(sentence)
        if pressing(cues):  # not "take the time you need to decide"
            pressure.append(sentence)
    return Result(
        {"empowering_statements": len(empowering), "pressure_statements": len(pressure)},
        {"empowering_statements": tuple(call.evidence_for(s) for s in empowering[:5]),
         "pressure_statements": tuple(call.evidence_for(s) for s in pressure[:5])},
    )
