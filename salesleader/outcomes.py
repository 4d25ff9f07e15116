"""B14 — does leadership pay here? Behaviours of each closed deal's calls against its outcome.

Per closed deal (won or lost, with at least one linked call) every measure is the mean
over its calls. Then, for each measure:

- against **won/lost**: logistic regression on the standardised measure (statsmodels);
  the effect is the odds ratio per standard deviation, with its 95 % confidence interval;
- against **amount**, **discount** and **cycle_days**: Spearman's rank correlation (scipy),
  with a 95 % interval from Fisher's z transform.

p-values are also Holm-adjusted across all the associations tested, and only those that
stay under 0.05 are called significant, so testing many behaviours does not manufacture
findings. Every result is an association, not proof of cause; under ``MIN_CLOSED_DEALS``
closed deals the report warns that the estimates are unstable.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError

__all__ = ["CALIBRATION_SCHEMA", "MEASURES", "MIN_CLOSED_DEALS", "SCHEMA", "DealRow",
           "associations", "calibrate"]

SCHEMA = "salesleader.outcomes/1"
MIN_CLOSED_DEALS = 30
MIN_PER_TEST = 8
MEASURES = ("index", "curiosity", "customer_control", "trusted_advisor", "shared_vision",
            "seller_talk_share", "seller_questions", "follow_up_questions",
            "discovery_areas_covered", "longest_seller_monologue_words", "advice_requests",
            "insight_statements", "pressure_statements", "customer_focus_ratio")
CAVEAT = "association, not proof of cause: deals differ in ways the calls do not show"


@dataclass(frozen=True)
class DealRow:
    deal_id: str
    outcome: str  # won | lost
    amount: float | None
    discount: float | None
    cycle_days: int | None
    measures: Mapping[str, float | None] = field(default_factory=dict)
    calls: int = 1


def _stats():
    try:
        import numpy as np
        import statsmodels.api as sm
        from scipy import stats
    except ImportError:
        raise ConfigError("outcomes need statsmodels: pip install 'salesleader[stats]'") from None
    return np, sm, stats


def _logit(xs: list[float], won: list[int]) -> dict[str, float] | None:
    fit = _joint_logit([[x] for x in xs], won, ("x",))
    return fit["x"] if fit else None


def _spearman(xs: list[float], ys: list[float]) -> dict[str, float] | None:
    _, _, stats = _stats()
    if len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    result = stats.spearmanr(xs, ys)
    rho, p = float(result.statistic), float(result.pvalue)
    if not math.isfinite(rho):
        return None
    n = len(xs)
    z, se = math.atanh(max(min(rho, 0.999999), -0.999999)), 1 / math.sqrt(n - 3)
    return {"effect": rho, "ci_low": math.tanh(z - 1.96 * se),
            "ci_high": math.tanh(z + 1.96 * se), "p": p}


def _holm(pvalues: Sequence[float]) -> list[float]:
    order = sorted(range(len(pvalues)), key=lambda i: pvalues[i])
    adjusted = [0.0] * len(pvalues)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(pvalues) - rank) * pvalues[i]))
        adjusted[i] = running
    return adjusted


def associations(rows: Sequence[DealRow]) -> dict[str, Any]:
    """The ``salesleader.outcomes/1`` object for closed deals."""
    closed = [r for r in rows if r.outcome in ("won", "lost")]
    warnings_out = [CAVEAT]
    if len(closed) < MIN_CLOSED_DEALS:
        warnings_out.insert(0, f"only {len(closed)} closed deals with calls (under "
                               f"{MIN_CLOSED_DEALS}): estimates are unstable, read them as "
                               "hints at most")
    results: list[dict[str, Any]] = []
    for measure in MEASURES:
        pairs = [(r, r.measures.get(measure)) for r in closed]
        pairs = [(r, v) for r, v in pairs if v is not None]
        if len(pairs) >= MIN_PER_TEST:
            fit = _logit([v for _, v in pairs], [1 if r.outcome == "won" else 0 for r, _ in pairs])
            if fit:
                results.append({"measure": measure, "outcome": "won",
                                "effect_kind": "odds_ratio_per_sd", "n": len(pairs), **fit})
        for outcome in ("amount", "discount", "cycle_days"):
            values = [(v, getattr(r, outcome)) for r, v in pairs if getattr(r, outcome) is not None]
            if len(values) >= MIN_PER_TEST:
                fit = _spearman([v for v, _ in values], [float(o) for _, o in values])
                if fit:
                    results.append({"measure": measure, "outcome": outcome,
                                    "effect_kind": "spearman", "n": len(values), **fit})
    adjusted = _holm([r["p"] for r in results]) if results else []
    for result, p_adjusted in zip(results, adjusted, strict=True):
        for key in ("effect", "ci_low", "ci_high", "p"):
            result[key] = round(result[key], 4)
        result["p_adjusted"] = round(p_adjusted, 4)
        result["significant"] = p_adjusted < 0.05
    if closed and not results:
        warnings_out.insert(0, "no association could be estimated (too few deals, or no "
                               "variation in the measures or outcomes)")
    return {"schema": SCHEMA, "closed_deals": len(closed),
            "won": sum(1 for r in closed if r.outcome == "won"),
            "associations": results, "warnings": warnings_out}


CALIBRATION_SCHEMA = "salesleader.calibration/1"
# The pillars a call scores (relationship reach is the account's: it keeps its weight).
CALL_PILLARS = ("curiosity", "customer_control", "trusted_advisor", "shared_vision")


def calibrate(rows: Sequence[DealRow]) -> dict[str, Any]:
    """Index weights fitted to this team's own closed deals (SPEC: "a team with enough
    closed deals can calibrate the weights on its own outcomes").

    One logistic regression of won/lost on the four call pillars together (each
    standardised), so each pillar's odds ratio per standard deviation is its own, the
    others held fixed. The calibrated weight of a pillar is its default weight times that
    odds ratio, the four rescaled to the share the defaults give them: a pillar that goes
    with winning here gains weight, one that goes with losing loses it, one with no
    association keeps its default. ``weights`` is null, with the reason in ``warnings``,
    under ``MIN_CLOSED_DEALS`` closed deals or when the fit fails."""
    from .scoring import DEFAULT_WEIGHTS

    usable = [r for r in rows if r.outcome in ("won", "lost")
              and all(r.measures.get(p) is not None for p in CALL_PILLARS)]
    result: dict[str, Any] = {
        "schema": CALIBRATION_SCHEMA, "closed_deals": len(usable),
        "won": sum(1 for r in usable if r.outcome == "won"), "pillars": {},
        "weights": None, "default_weights": dict(DEFAULT_WEIGHTS), "warnings": [CAVEAT]}
    if len(usable) < MIN_CLOSED_DEALS:
        result["warnings"].insert(0, f"calibration needs at least {MIN_CLOSED_DEALS} closed "
                                     f"deals with scored calls; found {len(usable)}")
        return result
    fit = _joint_logit([[float(r.measures[p]) for p in CALL_PILLARS] for r in usable],  # type: ignore[arg-type]
                       [1 if r.outcome == "won" else 0 for r in usable], CALL_PILLARS)
    if fit is None:
        result["warnings"].insert(0, "no fit: the outcomes or the pillars do not vary enough, "
                                     "or the pillars move together too closely to separate")
        return result
    tilted = {p: DEFAULT_WEIGHTS[p] * fit[p]["effect"] for p in CALL_PILLARS}
    share = sum(DEFAULT_WEIGHTS[p] for p in CALL_PILLARS) / sum(tilted.values())
    weights = {p: round(tilted[p] * share, 3) for p in CALL_PILLARS}
    weights["relationship_reach"] = DEFAULT_WEIGHTS["relationship_reach"]
    result["pillars"] = {p: {k: round(v, 4) for k, v in fit[p].items()} for p in CALL_PILLARS}
    result["weights"] = weights
    return result


def _joint_logit(rows: list[list[float]], won: list[int], names: Sequence[str]
                 ) -> dict[str, dict[str, float]] | None:
    """A logistic regression of ``won`` on the standardised columns of ``rows``: each
    column's odds ratio per standard deviation, its 95 % interval and p-value, by name
    (None when the outcome or a column does not vary, or the fit fails)."""
    np, sm, _ = _stats()
    x = np.asarray(rows, dtype=float)
    if len(set(won)) < 2 or (x.std(axis=0) == 0).any():
        return None
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fit = sm.Logit(np.asarray(won), sm.add_constant(z)).fit(disp=0)
        except Exception:  # perfect separation, singular matrix: no estimate
            return None
    found = {}
    for position, name in enumerate(names, start=1):
        beta, se = float(fit.params[position]), float(fit.bse[position])
        if not math.isfinite(se) or se > 50:
            return None
        found[name] = {"effect": math.exp(beta), "ci_low": math.exp(beta - 1.96 * se),
                       "ci_high": math.exp(beta + 1.96 * se), "p": float(fit.pvalues[position])}
    return found


def deal_rows(calls: Sequence[Any], deals: Sequence[Any]) -> list[DealRow]:
    """Closed deals with the mean of each measure over their linked calls."""
    from .deals import DealIndex, link_deal

    index = DealIndex(deals)
    by_deal: dict[str, list[Any]] = {}
    for call in calls:
        deal = link_deal(call.account, call.when.date(), call.deal_id, index)
        if deal is not None and deal.outcome in ("won", "lost"):
            by_deal.setdefault(deal.id, []).append(call)
    rows = []
    known = {d.id: d for d in deals}
    for deal_id, own in by_deal.items():
        deal = known[deal_id]
        measures: dict[str, float | None] = {}
        for measure in MEASURES:
            values = []
            for call in own:
                index = call.report.get("index") or {}
                if measure == "index":
                    value = index.get("score")
                elif measure in index.get("pillars", {}):
                    value = index["pillars"][measure]
                else:
                    value = call.report["metrics"].get(measure)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    values.append(float(value))
            measures[measure] = sum(values) / len(values) if values else None
        rows.append(DealRow(deal_id, deal.outcome, deal.amount, deal.discount, deal.cycle_days,
                            measures, len(own)))
    return rows
