"""Render call reports as Rich tables for the terminal. Formatting only, no analysis."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..analyzers.discovery import AREA_LABELS
from ..report import each_seller

__all__ = ["METRIC_LABELS", "comparison_table", "count_calls", "each_seller_rows",
           "format_metric", "format_score", "measure_label", "ordered_metrics", "render_call",
           "render_eval"]

# Human labels for the metrics, in display order; unknown metrics show their name.
METRIC_LABELS: dict[str, str] = {
    "seller_talk_share": "Seller talk share",
    "longest_seller_monologue_s": "Longest seller monologue (s)",
    "longest_seller_monologue_words": "Longest seller monologue (words)",
    "longest_customer_story_s": "Longest customer story (s)",
    "longest_customer_story_words": "Longest customer story (words)",
    "interactivity_per_min": "Side switches per minute",
    "seller_words_per_min": "Seller words per minute",
    "side_switches": "Side switches",
    "seller_questions": "Seller questions",
    "seller_questions_per_hour": "Seller questions per hour",
    "questions_by_type": "Question types",
    "customer_questions": "Customer questions",
    "follow_up_questions": "Follow-up questions",
    "self_answered_questions": "Self-answered questions",
    "patience_s": "Patience: pause before answering (s)",
    "customer_to_customer_turns": "Customer-to-customer turns",
    "people_mentioned": "Roles the customer named (not on the call)",
    "discovery_coverage": "Discovery questions by area",
    "discovery_areas_covered": "Discovery areas covered (of 9)",
    "discovery_customer_mentions": "Areas the customer talked about",
    "feature_dumps": "Feature dumps",
    "premature_pitch": "Premature pitch",
    "advice_requests": "Customer asks for advice",
    "empowering_statements": "Empowering statements",
    "pressure_statements": "Pressure statements",
    "insight_statements": "Insight statements",
    "grounded_vision_statements": "Grounded vision statements",
    "ungrounded_vision_statements": "Ungrounded vision statements",
    "reasoning_statements": "Reasoning shown",
    "acknowledged_concerns": "Concerns acknowledged",
    "reflective_statements": "Reflective listening",
    "customer_focus_ratio": "Customer focus (you vs I/we)",
}


def count_calls(count: int) -> str:
    """ "1 call", "4 calls": how every report counts calls."""
    return f"{count} call" if count == 1 else f"{count} calls"


def measure_label(name: str) -> str:
    """A metric's or a pillar's name as a reader sees it ("Seller talk share", "shared
    vision"); the JSON keeps the name."""
    return METRIC_LABELS.get(name, name.replace("_", " "))


def format_score(value: float | None) -> str:
    """A 0–100 score (index, pillar, baseline, email score) as a whole number: "0", not
    "0.00" beside "87"; "—" when there is none."""
    return "—" if value is None else f"{value:.0f}"


def ordered_metrics(metrics: Mapping[str, Any]) -> list[str]:
    """Metric names in ``METRIC_LABELS``' display order, unknown ones after."""
    return [n for n in METRIC_LABELS if n in metrics] + [n for n in metrics
                                                          if n not in METRIC_LABELS]


def format_metric(name: str, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        names = AREA_LABELS if name.startswith("discovery_") else {}
        shown = [f"{names.get(k, k)} {v}" for k, v in value.items() if v]
        return ", ".join(shown) if shown else "none"
    if name.endswith(("_share", "_ratio")) and isinstance(value, float):
        return f"{value:.0%}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _stamp(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(seconds)
    return f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d} "


def _moment(evidence: Mapping[str, Any], limit: int = 90) -> str:
    quote = evidence["quote"]
    if len(quote) > limit:
        quote = quote[: limit - 1].rsplit(" ", 1)[0] + " …"
    label = evidence.get("label")
    label = f" ({AREA_LABELS.get(label, label)})" if label else ""  # areas named as in SPEC
    return (f"{_stamp(evidence.get('start'))}#{evidence['utterance']} {evidence['speaker']}: "
            f"“{quote}”{label}")


def _header(report: Mapping[str, Any]) -> Text:
    call = report["call"]
    seller = call["seller"]
    duration = call["duration_s"]
    text = Text()
    text.append(f"{call['title']}", style="bold")
    text.append(f"  ({call['format']}, {call['utterances']} utterances")
    text.append(f", {duration / 60:.0f} min)" if duration else ", no timestamps)")
    text.append(f"\nSeller: {', '.join(seller['names']) or '—'} ({seller['how']})")
    return text


def _index_panel(report: Mapping[str, Any]) -> Table | None:
    index = report.get("index")
    if not index:
        return None
    score = format_score(index.get("score"))
    table = Table(title=f"Sales Leadership Index: {score}{'' if score == '—' else '/100'}",
                  title_justify="left",
                  show_header=True, header_style="bold")
    table.add_column("Pillar")
    table.add_column("Score", justify="right")
    table.add_column("Weight", justify="right")
    for pillar, score in index["pillars"].items():
        weight = index["weights"].get(pillar, 0)
        table.add_row(pillar.replace("_", " "), format_score(score), f"{weight:.0%}")
    return table


def _coaching(report: Mapping[str, Any]) -> Group | None:
    coaching = report.get("coaching") or {}
    parts: list[Any] = []
    for heading, key in (("Strengths", "strengths"), ("To improve", "improvements")):
        items = coaching.get(key) or []
        if not items:
            continue
        parts.append(Text(heading, style="bold green" if key == "strengths" else "bold yellow"))
        for item in items:
            parts.append(Text(f"• {item['title']}: {item['detail']}"))
            for moment in item.get("moments", [])[:2]:
                parts.append(Text(f"    {_moment(moment)}", style="dim"))
            for question in item.get("better_questions", []):
                parts.append(Text(f"    try: “{question}”", style="cyan"))
    return Group(*parts) if parts else None


def each_seller_rows(report: Mapping[str, Any]) -> tuple[list[str], list[list[str]]]:
    """On a call with several sellers, each one's index, first coaching items and metrics
    side by side: their names, and rows of a label and one value a seller (none with a
    single seller, whose figures are the call's). A metric no seller has (no timestamps)
    is left out."""
    sellers = each_seller(report)
    if not sellers:
        return [], []
    scores = [(s.get("index") or {}).get("score") for s in sellers]
    rows = [["Sales Leadership Index", *map(format_score, scores)]]
    for heading, group in (("Strongest", "strengths"), ("To improve first", "improvements")):
        rows.append([heading, *[next((i["title"] for i in (s.get("coaching") or {}).get(group, ())),
                                     "—") for s in sellers]])
    for name in METRIC_LABELS:
        values = [s["metrics"].get(name) for s in sellers]
        if name in sellers[0]["metrics"] and any(v is not None for v in values):
            rows.append([METRIC_LABELS[name], *[format_metric(name, v) for v in values]])
    return [s["name"] for s in sellers], rows


def _each_seller(report: Mapping[str, Any]) -> Table | None:
    names, rows = each_seller_rows(report)
    if not names:
        return None
    table = Table(title="Each seller", title_justify="left", show_header=True,
                  header_style="bold")
    table.add_column("Metric")
    for name in names:
        table.add_column(Text(name), justify="right", max_width=28)
    for position, row in enumerate(rows):
        table.add_row(*row, style="bold" if position == 0 else None)
    return table


def render_call(report: Mapping[str, Any], console: Console) -> None:
    """Print one call report."""
    metrics = Table(show_header=True, header_style="bold", expand=False)
    metrics.add_column("Metric")
    metrics.add_column("Value", justify="right")
    metrics.add_column("Evidence (first moment)", overflow="fold", max_width=70)
    for name in ordered_metrics(report["metrics"]):
        evidence = report["evidence"].get(name) or []
        metrics.add_row(METRIC_LABELS.get(name, name),
                        format_metric(name, report["metrics"][name]),
                        Text(_moment(evidence[0]) if evidence else ""))
    body: list[Any] = [_header(report)]
    index = _index_panel(report)
    if index is not None:
        body.append(index)
    body.append(metrics)
    each = _each_seller(report)
    if each is not None:
        body.append(each)
    coaching = _coaching(report)
    if coaching is not None:
        body.append(coaching)
    if report["notes"]:
        body.append(Text("\n".join(f"note: {n}" for n in report["notes"]), style="dim"))
    console.print(Panel(Group(*body), expand=False))


def comparison_table(reports: Sequence[Mapping[str, Any]], metrics: Sequence[str]) -> Table:
    """Calls side by side: one column per call, one row per metric."""
    table = Table(show_header=True, header_style="bold", title="Calls compared",
                  title_justify="left")
    table.add_column("Metric")
    for report in reports:
        table.add_column(Text(report["call"]["title"]), justify="right", max_width=24)
    if all(r.get("index") for r in reports):
        table.add_row("Sales Leadership Index",
                      *[format_score(r["index"].get("score")) for r in reports], style="bold")
    for name in metrics:
        table.add_row(METRIC_LABELS.get(name, name),
                      *[format_metric(name, r["metrics"].get(name)) for r in reports])
    return table


def render_eval(result: Mapping[str, Any], console: Console, source: str = "") -> None:
    """The question-detector evaluation: both text conditions side by side."""
    modes = ("punctuated", "unpunctuated")
    summary = Table(title=f"Question detection on {source} ({result['n']} utterances)",
                    title_justify="left", header_style="bold")
    summary.add_column("")
    for mode in modes:
        summary.add_column("original text" if mode == "punctuated" else
                           "no punctuation, lower-case", justify="right")
    def interval(values: Sequence[float] | None) -> str:
        return f"{values[0]:.3f}–{values[1]:.3f}" if values else "—"

    for key in ("precision", "recall", "f1"):
        summary.add_row(f"is a question: {key}",
                        *[f"{result[m]['question'][key]:.3f}" for m in modes])
    summary.add_row("is a question: F1 interval",
                    *[interval(result[m]["question"].get("f1_ci95")) for m in modes])
    summary.add_row("types: macro-F1", *[f"{result[m]['types']['macro_f1']:.3f}" for m in modes],
                    style="bold")
    summary.add_row("types: macro-F1 interval",
                    *[interval(result[m]["types"].get("macro_f1_ci95")) for m in modes])
    bootstrap = result.get("bootstrap")
    if bootstrap:
        drawn = (f"{bootstrap['units']} dialogues" if bootstrap["unit"] == "dialogue" else
                 f"{bootstrap['units']} blocks of {bootstrap['block_lines']} consecutive lines")
        summary.caption = (f"intervals: 95 %, from {bootstrap['resamples']} bootstrap resamples "
                           f"of {drawn}")
    classes = list(result["punctuated"]["types"]["per_class"])
    for label in classes:
        summary.add_row(f"types: F1 {label}", *[
            f"{result[m]['types']['per_class'][label]['f1']:.3f}" for m in modes])
    console.print(summary)
    for mode in modes:
        confusion = result[mode]["types"]["confusion"]
        table = Table(title=f"Confusion ({mode}): rows gold, columns predicted",
                      title_justify="left", header_style="bold")
        table.add_column("gold")
        for label in confusion:
            table.add_column(label, justify="right")
        for gold, row in confusion.items():
            table.add_row(gold, *[str(row[p]) for p in confusion])
        console.print(table)
    for mode in modes:
        listed = result[mode].get("errors")
        if not listed:
            continue
        table = Table(title=f"Disagreements ({mode}): the first {len(listed)}",
                      title_justify="left", header_style="bold")
        for column in ("line", "gold", "predicted"):
            table.add_column(column, justify="right" if column == "line" else "left")
        table.add_column("text", overflow="fold")
        for row in listed:
            table.add_row(str(row["line"]), row["gold"], row["predicted"], row["text"])
        console.print(table)
