"""The analyzer contract and registry.

An analyzer is a pure function of a ``Call`` (a conversation with sides assigned, plus
shared derived data) returning a ``Result``: metrics, the evidence behind each metric,
and notes on any fallback. It is registered with its name, version, the requirements it
needs (checked by the engine before it runs) and the metrics it produces::

    @analyzer("talk", version="1", requires=("seller", "customer"),
              produces=("seller_talk_share", ...), behaviours=("B1",))
    def talk(call: Call) -> Result: ...

Built-in analyzers register exactly the way a plugin would.

Each seller's own figures come from running the same analyzers on ``Call.for_seller``:
the call seen as that seller's, the other sellers a ``COLLEAGUE`` side that is neither
seller nor customer. An analyzer that reads the seller side through ``Call`` (its
sentences, questions, indexes, ``seller_runs``) needs nothing more; work that does not
depend on which seller is measured can be shared with ``Call.once``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import AnalyzerError

if TYPE_CHECKING:
    from .context import Call

__all__ = [
    "REQUIREMENTS",
    "AnalyzerSpec",
    "Evidence",
    "MetricValue",
    "Result",
    "analyzer",
    "registered",
]

MetricValue = int | float | bool | None | Mapping[str, int | float]

REQUIREMENTS: dict[str, str] = {
    "seller": "at least one utterance from the selling side",
    "customer": "at least one utterance from the customer side",
    "timestamps": "start and end times on every utterance",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One utterance that supports a number: where it is, who said it, what was said and,
    where the number is a mix, which part the quote counts toward (``label``: a question's
    type, "you" or "i/we", "follow-up" or "not a follow-up", "quickest" or "longest
    pause", a discovery area)."""

    utterance: int
    start: float | None
    speaker: str
    quote: str
    label: str | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"utterance": self.utterance, "start": self.start,
                                  "speaker": self.speaker, "quote": self.quote}
        if self.label is not None:
            out["label"] = self.label
        return out


@dataclass(frozen=True, slots=True)
class Result:
    metrics: Mapping[str, MetricValue]
    evidence: Mapping[str, tuple[Evidence, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    name: str
    version: str
    requires: frozenset[str]
    produces: tuple[str, ...]
    behaviours: tuple[str, ...]
    function: Callable[[Call], Result]
    description: str = ""

    def __call__(self, call: Call) -> Result:
        return self.function(call)


_REGISTRY: dict[str, AnalyzerSpec] = {}


def analyzer(
    name: str,
    *,
    version: str,
    produces: Iterable[str],
    requires: Iterable[str] = (),
    behaviours: Iterable[str] = (),
) -> Callable[[Callable[[Call], Result]], Callable[[Call], Result]]:
    """Register an analyzer function (decorator)."""
    requires = frozenset(requires)
    unknown = requires - REQUIREMENTS.keys()
    if unknown:
        raise AnalyzerError(
            f"analyzer {name!r} requires unknown {sorted(unknown)}; valid: {sorted(REQUIREMENTS)}"
        )

    def register(function: Callable[[Call], Result]) -> Callable[[Call], Result]:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise AnalyzerError(f"an analyzer named {name!r} is already registered")
        _REGISTRY[name] = AnalyzerSpec(
            name=name, version=version, requires=requires, produces=tuple(produces),
            behaviours=tuple(behaviours), function=function,
            description=(function.__doc__ or "").strip().splitlines()[0] if function.__doc__
            else "",
        )
        return function

    return register


def registered() -> tuple[AnalyzerSpec, ...]:
    """Every registered analyzer: the built-ins in report order (``_builtin.MODULES``, then
    each module's own order), then the others in registration order. Not the order the
    modules were imported in: a test or a plugin importing ``analyzers.listening`` first
    must not reorder the report's notes."""
    from ._builtin import MODULES  # importing registers the built-ins

    rank = {f"{__package__}.{module}": position for position, module in enumerate(MODULES)}
    return tuple(sorted(_REGISTRY.values(),  # stable: registration order within a rank
                        key=lambda spec: rank.get(spec.function.__module__, len(rank))))
