"""The call report: the stable, versioned shape every interface shares.

``CallReport.to_dict()`` is schema ``salesleader.call-report/1`` (SPEC.md). Renderers
(text, JSON, HTML) only format it; they never analyse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .analyzers.base import Evidence, MetricValue
from .model import Conversation

__all__ = ["SCHEMA", "CallReport", "ParticipantStats", "each_seller"]

SCHEMA = "salesleader.call-report/1"


@dataclass(frozen=True, slots=True)
class ParticipantStats:
    name: str
    side: str
    words: int
    talk_s: float | None
    email: str | None = None
    title: str | None = None
    asked: int = 0  # seller questions this customer answered or was named in (B12)
    questions: int = 0  # questions this participant asked (each seller's share of B2)
    # A seller's own behaviours on a call with several sellers (SPEC: "for the seller side
    # and for each seller"): the metrics, evidence, notes, index and coaching of the call
    # seen as theirs (``Call.for_seller``). None for customers and for a seller who sold
    # alone: the call's figures are theirs, not repeated.
    metrics: Mapping[str, MetricValue] | None = None
    evidence: Mapping[str, tuple[Evidence, ...]] | None = None
    notes: tuple[str, ...] = ()
    index: Mapping[str, Any] | None = None
    coaching: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class CallReport:
    conversation: Conversation
    participants: tuple[ParticipantStats, ...]
    metrics: Mapping[str, MetricValue]
    evidence: Mapping[str, tuple[Evidence, ...]]
    notes: tuple[str, ...]
    analyzers: Mapping[str, str]
    index: Mapping[str, Any] | None = None
    coaching: Mapping[str, Any] = field(default_factory=lambda: {"strengths": [],
                                                                  "improvements": []})

    @property
    def id(self) -> str:
        return self.conversation.id

    def to_dict(self) -> dict[str, Any]:
        conversation = self.conversation
        seller = conversation.seller
        return {
            "schema": SCHEMA,
            "call": {
                "id": conversation.id,
                "title": conversation.title,
                "source": conversation.source.path,
                "format": conversation.source.format,
                "started_at": conversation.started_at.isoformat()
                if conversation.started_at else None,
                "duration_s": round(conversation.duration_s, 1)
                if conversation.duration_s is not None else None,
                "has_timestamps": conversation.has_timestamps,
                "utterances": len(conversation.utterances),
                "seller": {
                    "names": list(seller.names) if seller else [],
                    "how": seller.how if seller else None,
                    "reason": seller.reason if seller else None,
                },
                "metadata": {k: v for k, v in conversation.metadata.items()
                             if isinstance(v, str | int | float | bool)},
            },
            "participants": [
                {"name": p.name, "side": p.side, "words": p.words, "talk_s": p.talk_s,
                 "email": p.email, "title": p.title, "asked": p.asked,
                 "questions": p.questions,
                 "metrics": _metrics(p.metrics) if p.metrics is not None else None,
                 "evidence": _evidence(p.evidence) if p.evidence is not None else None,
                 "index": dict(p.index) if p.index is not None else None,
                 "coaching": dict(p.coaching) if p.coaching is not None else None,
                 "notes": list(p.notes)}
                for p in self.participants
            ],
            "metrics": _metrics(self.metrics),
            "evidence": _evidence(self.evidence),
            "index": dict(self.index) if self.index is not None else None,
            "coaching": dict(self.coaching),
            "notes": list(self.notes),
            "analyzers": dict(self.analyzers),
        }


def _metrics(metrics: Mapping[str, MetricValue]) -> dict[str, Any]:
    return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in metrics.items()}


def _evidence(evidence: Mapping[str, tuple[Evidence, ...]]) -> dict[str, list[dict[str, Any]]]:
    return {k: [e.to_dict() for e in v] for k, v in evidence.items()}


def each_seller(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The participant entries of a call report (as JSON) that carry a seller's own figures:
    every seller's on a call with several, none on a call one seller sold alone (the call's
    figures are theirs) or in a report from before index version 3."""
    sellers = [p for p in report.get("participants", ()) if p.get("metrics") is not None]
    return sellers if len(sellers) >= 2 else []
