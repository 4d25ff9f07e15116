"""Are you a salesperson or a sales leader? The rep's own view beside their calls.

One statement per behaviour (``data/self_assessment.toml``), answered 1–5. Each answer is
set beside the mean score of the same index part over the rep's most recent calls
(``scoring.py``: 0–1, shown on the answer's scale as ``1 + 4 × score``): the perception
gap. The calls behind every number are listed, and the part's own metric is averaged
beside it ("you rate yourself 5/5 on letting the customer steer; your last 10 calls
average 71 % talk share").
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import InputError
from .store.repository import StoredCall
from .team import own_index, rep_calls

__all__ = ["GAP_NOTE", "LAST_CALLS", "SCALE", "SCALE_EXPECTED", "SCHEMA", "TOP_GAPS",
           "answers_template", "assess", "gap_sentences", "items", "observed_text", "one_decimal",
           "read_answers"]

SCHEMA = "salesleader.self-assessment/1"
LAST_CALLS = 10  # the rep's most recent calls the answers are compared with
SCALE = (1, 5)
SCALE_EXPECTED = f"a whole number from {SCALE[0]} to {SCALE[1]}"  # what an answer must be
TOP_GAPS = 3  # gaps spelled out in a sentence above the table
GAP_NOTE = ("gap: your answer minus the calls' mean score on the same 1–5 scale (1 + 4 × the "
            "index part's 0–1 score); positive: you rate yourself higher than your calls show")


@cache
def items() -> tuple[dict[str, str], ...]:
    """The statements, one per behaviour, each with the index part it is compared with."""
    source = resources.files("salesleader").joinpath("data", "self_assessment.toml")
    return tuple(tomllib.loads(source.read_text(encoding="utf-8"))["items"])


def answers_template() -> str:
    """A TOML answers file to fill in: each behaviour with its statement as a comment."""
    lines = ["# Rate each statement 1 (not at all like me) to 5 (exactly like me).", ""]
    for item in items():
        lines += [f"# {item['statement']}", f"{item['behaviour']} = 3", ""]
    return "\n".join(lines)


def read_answers(path: Path) -> dict[str, int]:
    """Answers from a TOML file (``B1 = 4``…); one-line errors name the file and key."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
    except OSError as error:
        raise InputError(str(path), f"cannot read answers ({error.strerror})",
                         expected="a TOML file like `salesleader assess --template`") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text",
                         expected="a TOML file like `salesleader assess --template`") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(str(path), f"invalid TOML ({error})",
                         expected="lines like `B1 = 4`") from None
    known = {item["behaviour"] for item in items()}
    line_of = {}  # each key's line, for the errors
    for number, written in enumerate(text.splitlines(), start=1):
        line_of.setdefault(written.split("=", 1)[0].strip(), number)
    answers: dict[str, int] = {}
    for key, value in data.items():
        line = line_of.get(key)
        if key not in known:
            raise InputError(str(path), f"unknown behaviour {key!r}", line=line,
                             expected=f"one of {', '.join(sorted(known, key=_order))}")
        if isinstance(value, bool) or not isinstance(value, int) or not (
                SCALE[0] <= value <= SCALE[1]):
            raise InputError(str(path), f"{key} = {value!r}", line=line,
                             expected=SCALE_EXPECTED)
        answers[key] = value
    if not answers:
        raise InputError(str(path), "no answers", expected="lines like `B1 = 4`")
    return answers


def _order(behaviour: str) -> int:
    return int(behaviour.lstrip("B"))


def _part(call: StoredCall, rep: str, name: str) -> Mapping[str, Any] | None:
    """The index part of the rep's own index on the call (theirs on a shared call)."""
    for parts in (own_index(call, rep).get("parts") or {}).values():
        for part in parts:
            if part.get("name") == name:
                return part
    return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _mean_value(values: Sequence[Any]) -> float | dict[str, float] | None:
    """The mean of a part's values over calls; of each key's for a mix ({"empowering": 2,
    "pressure": 1})."""
    numbers = [v for v in values if _number(v)]
    if numbers:
        return round(sum(numbers) / len(numbers), 3)
    mixes = [v for v in values if isinstance(v, Mapping)]
    if not mixes:
        return None
    keys = dict.fromkeys(k for mix in mixes for k in mix)
    return {k: round(sum(m.get(k) or 0 for m in mixes if _number(m.get(k) or 0)) / len(mixes), 3)
            for k in keys}


def assess(calls: Sequence[StoredCall], rep: str, answers: Mapping[str, int],
           last: int = LAST_CALLS) -> dict[str, Any]:
    """Each answered behaviour beside the rep's last ``last`` calls, largest gap first."""
    name, own = rep_calls(calls, rep)
    own = sorted(own, key=lambda c: c.when)[-last:]
    rows = []
    for item in items():
        answer = answers.get(item["behaviour"])
        if answer is None:
            continue
        scored = [(c, p) for c in own if (p := _part(c, name, item["part"])) is not None
                  and p.get("score") is not None]
        score = sum(p["score"] for _, p in scored) / len(scored) if scored else None
        observed = None if score is None else round(SCALE[0] + (SCALE[1] - SCALE[0]) * score, 1)
        rows.append({
            "behaviour": item["behaviour"], "part": item["part"],
            "statement": item["statement"], "self": answer, "observed": observed,
            "gap": None if observed is None else round(answer - observed, 1),
            "metric": scored[0][1]["metric"] if scored else None,
            "metric_mean": _mean_value([p.get("value") for _, p in scored]),
            "calls": [c.id for c, _ in scored],
        })
    rows.sort(key=lambda r: (r["gap"] is None, -abs(r["gap"] or 0.0), _order(r["behaviour"])))
    return {"schema": SCHEMA, "rep": name, "calls": len(own),
            "call_ids": [c.id for c in own], "items": rows}


def one_decimal(value: float | None, sign: bool = False) -> str:
    """An answer-scale figure as the tables show it: "3.4", a gap "+1.6"; "—" for none."""
    if value is None:
        return "—"
    return f"{value:+.1f}" if sign else f"{value:.1f}"


def observed_text(row: Mapping[str, Any]) -> str:
    """What the calls show, in the metric's own terms: "seller talk share 54 % on
    average", "insight statements 0.5 per call", "empowering 1.0, pressure 0.5 per call"."""
    from .reports.text import measure_label

    mean, metric = row["metric_mean"], row["metric"]
    if mean is None or metric is None:
        return ""
    if isinstance(mean, dict):
        shown = [f"{k} {v:.1f}" for k, v in mean.items() if v]
        return ", ".join(shown) + " per call" if shown else "none in any call"
    label = measure_label(metric).lower()
    if metric.endswith(("_share", "_ratio")):
        return f"{label} {mean:.0%} on average"
    return f"{label} {mean:.1f} per call"


def gap_sentences(result: Mapping[str, Any], top: int = TOP_GAPS) -> list[str]:
    """The largest gaps, each in a sentence: "You rate yourself 5/5 on “…” Your calls show
    1.8/5 (seller talk share 75 % on average)."."""
    out = []
    for row in [r for r in result["items"] if r["gap"] is not None][:top]:
        shown = observed_text(row)
        out.append(f"You rate yourself {row['self']}/5 on “{row['statement']}” Your calls show "
                   f"{row['observed']:.1f}/5" + (f" ({shown})." if shown else "."))
    return out
