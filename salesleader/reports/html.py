"""Self-contained HTML reports: inline CSS and SVG charts, no scripts, no external files,
so a page opens offline and can be mailed as one file. Formatting only, no analysis."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .text import (
    METRIC_LABELS,
    count_calls,
    each_seller_rows,
    format_metric,
    format_score,
    measure_label,
    ordered_metrics,
)

__all__ = ["account_page", "bar_chart", "call_page", "line_chart", "multi_line_chart",
           "outcomes_page", "page", "rep_page", "team_page"]

esc = html.escape
STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;
color:#1d2433;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #dde2ea;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}.muted{color:#6b7280}.good{color:#0f7b3f}.bad{color:#b42318}
svg{background:#fafbfc;border:1px solid #e5e7eb;border-radius:6px}
.cell{display:inline-block;min-width:2rem;text-align:center;border-radius:4px;padding:.1rem .3rem}
.warn{background:#fff7e6;border-left:4px solid #f59e0b;padding:.5rem 1rem}
"""


def page(title: str, body: str) -> str:
    return (f"<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width,initial-scale=1'>"
            f"<title>{esc(title)}</title><style>{STYLE}</style></head>"
            f"<body><h1>{esc(title)}</h1>{body}"
            f"<p class='muted'>salesleader: every number links to quoted moments in the "
            f"call reports; correlations are associations, not proof of cause.</p>"
            f"</body></html>\n")


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.0f}"
    return esc(str(value))


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric: Sequence[int] = ()
          ) -> str:
    head = "".join(f"<th class='{'n' if i in numeric else ''}'>{esc(h)}</th>"
                   for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td class='{'n' if i in numeric else ''}'>{_fmt(v)}</td>"
                                    for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def line_chart(points: Sequence[tuple[str, float | None]], title: str, *, lo: float = 0,
               hi: float = 100, width: int = 720, height: int = 220) -> str:
    """A line chart of labelled values (0–100 by default)."""
    values = [(label, v) for label, v in points if v is not None]
    pad = 36
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    parts = [f"<svg class='chart line' role='img' aria-label='{esc(title)}' width='{width}' "
             f"height='{height}' viewBox='0 0 {width} {height}'><title>{esc(title)}</title>"]
    for tick in (lo, (lo + hi) / 2, hi):
        y = pad + inner_h * (1 - (tick - lo) / (hi - lo))
        parts.append(f"<line x1='{pad}' y1='{y:.1f}' x2='{width - pad}' y2='{y:.1f}' "
                     f"stroke='#e5e7eb'/><text x='4' y='{y + 4:.1f}' font-size='11' "
                     f"fill='#6b7280'>{tick:.0f}</text>")
    if values:
        step = inner_w / max(1, len(values) - 1)
        coords = [(pad + i * step, pad + inner_h * (1 - (min(max(v, lo), hi) - lo) / (hi - lo)))
                  for i, (_, v) in enumerate(values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f"<polyline fill='none' stroke='#2563eb' stroke-width='2' "
                     f"points='{path}'/>")
        for (x, y), (label, v) in zip(coords, values, strict=True):
            parts.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3.5' fill='#2563eb'>"
                         f"<title>{esc(label)}: {v:.0f}</title></circle>")
        parts.append(f"<text x='{pad}' y='{height - 8}' font-size='11' fill='#6b7280'>"
                     f"{esc(values[0][0])}</text><text x='{width - pad}' y='{height - 8}' "
                     f"font-size='11' fill='#6b7280' text-anchor='end'>{esc(values[-1][0])}</text>")
    else:
        parts.append(f"<text x='{width / 2}' y='{height / 2}' text-anchor='middle' "
                     f"fill='#6b7280'>no scores yet</text>")
    parts.append("</svg>")
    return "".join(parts)


PALETTE = ("#2563eb", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#0ea5e9")


def multi_line_chart(labels: Sequence[str], series: Mapping[str, Sequence[float | None]],
                     title: str, *, lo: float = 0, hi: float = 100, width: int = 720,
                     height: int = 240) -> str:
    """Several lines over the same labels (e.g. each pillar over time), with a legend."""
    pad, legend = 36, 22
    inner_w, inner_h = width - 2 * pad, height - 2 * pad - legend
    step = inner_w / max(1, len(labels) - 1)
    parts = [f"<svg class='chart lines' role='img' aria-label='{esc(title)}' width='{width}' "
             f"height='{height}' viewBox='0 0 {width} {height}'><title>{esc(title)}</title>"]
    for tick in (lo, (lo + hi) / 2, hi):
        y = legend + pad + inner_h * (1 - (tick - lo) / (hi - lo))
        parts.append(f"<line x1='{pad}' y1='{y:.1f}' x2='{width - pad}' y2='{y:.1f}' "
                     f"stroke='#e5e7eb'/><text x='4' y='{y + 4:.1f}' font-size='11' "
                     f"fill='#6b7280'>{tick:.0f}</text>")
    for number, (name, values) in enumerate(series.items()):
        colour = PALETTE[number % len(PALETTE)]
        parts.append(f"<rect x='{pad + number * 150}' y='6' width='12' height='12' "
                     f"fill='{colour}'/><text x='{pad + number * 150 + 16}' y='16' "
                     f"font-size='11'>{esc(name)}</text>")
        points = [(pad + i * step, legend + pad + inner_h * (1 - (min(max(v, lo), hi) - lo)
                                                            / (hi - lo)))
                  for i, v in enumerate(values) if v is not None]
        if points:
            parts.append(f"<polyline fill='none' stroke='{colour}' stroke-width='2' points='"
                         + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + "'/>")
    if labels:
        parts.append(f"<text x='{pad}' y='{height - 6}' font-size='11' fill='#6b7280'>"
                     f"{esc(labels[0])}</text><text x='{width - pad}' y='{height - 6}' "
                     f"font-size='11' fill='#6b7280' text-anchor='end'>{esc(labels[-1])}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _pillar_trend(rows: Sequence[Mapping[str, Any]]) -> str:
    pillars = ("curiosity", "customer_control", "trusted_advisor", "shared_vision")
    return multi_line_chart(
        [r["date"] for r in rows],
        {p.replace("_", " "): [(r.get("pillars") or {}).get(p) for r in rows] for p in pillars},
        "Pillars over time")


def bar_chart(items: Sequence[tuple[str, float | None]], title: str, *, hi: float = 100,
              width: int = 720, shown: Callable[[float | None], str] = format_score) -> str:
    """Horizontal bars, one per labelled value, written as ``shown`` gives it (a 0–100
    score as a whole number by default)."""
    row, label_w = 26, 180
    height = 20 + row * max(1, len(items))
    parts = [f"<svg class='chart bar' role='img' aria-label='{esc(title)}' width='{width}' "
             f"height='{height}' viewBox='0 0 {width} {height}'><title>{esc(title)}</title>"]
    for i, (label, value) in enumerate(items):
        y = 10 + i * row
        length = 0 if value is None else (width - label_w - 60) * max(0.0, min(value, hi)) / hi
        parts.append(f"<text x='4' y='{y + 15}' font-size='12'>{esc(label[:28])}</text>"
                     f"<rect x='{label_w}' y='{y + 3}' width='{length:.1f}' height='16' "
                     f"fill='#10b981' rx='3'><title>{esc(label)}: {esc(shown(value))}</title></rect>"
                     f"<text x='{label_w + length + 6:.1f}' y='{y + 15}' font-size='12'>"
                     f"{esc(shown(value))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _heat(value: int) -> str:
    shade = min(value, 4)
    colours = ("#f3f4f6", "#dbeafe", "#93c5fd", "#3b82f6", "#1d4ed8")
    text = "#fff" if shade >= 3 else "#1d2433"
    return f"<span class='cell' style='background:{colours[shade]};color:{text}'>{value}</span>"


def call_page(report: Mapping[str, Any]) -> str:
    index = report.get("index") or {}
    pillars = [(p.replace("_", " "), v) for p, v in (index.get("pillars") or {}).items()]
    body = [f"<p>{esc(report['call']['source'] or '')} · seller: "
            f"{esc(', '.join(report['call']['seller']['names']))} "
            f"({esc(str(report['call']['seller']['how']))})</p>",
            f"<h2>Sales Leadership Index: {format_score(index.get('score'))}</h2>",
            bar_chart(pillars, "Pillars")]
    rows = []
    metrics = report["metrics"]  # named, shown and ordered as in the text report
    for name in ordered_metrics(metrics):
        evidence = report["evidence"].get(name) or []
        moment = evidence[0]["quote"] if evidence else ""
        rows.append((METRIC_LABELS.get(name, name), format_metric(name, metrics[name]), moment))
    body.append("<h2>Metrics and evidence</h2>" + table(("metric", "value", "first moment"), rows))
    names, own = each_seller_rows(report)
    if names:
        body.append("<h2>Each seller</h2>" + table(("metric", *names), own,
                                                   numeric=range(1, len(names) + 1)))
    for group in ("strengths", "improvements"):
        items = report["coaching"].get(group, [])
        if items:
            body.append(f"<h2>{group.title()}</h2><ul>" + "".join(
                f"<li><b>{esc(i['title'])}</b>: {esc(i['detail'])}"
                + "".join(f"<br><span class='muted'>“{esc(m['quote'])}”"
                          + (f" ({esc(m['label'])})" if m.get("label") else "") + "</span>"
                          for m in i["moments"][:2])
                + "".join(f"<br>try: <i>{esc(q)}</i>" for q in i.get("better_questions", []))
                + "</li>" for i in items) + "</ul>")
    if report["notes"]:
        body.append("<h2>Notes</h2><ul>" + "".join(f"<li>{esc(n)}</li>" for n in report["notes"])
                    + "</ul>")
    return page(report["call"]["title"] or "Call", "".join(body))


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def team_page(view: Mapping[str, Any]) -> str:
    body = [f"<p>{count_calls(view['calls'])}.</p><h2>Index over time</h2>",
            line_chart([(r["date"], r["index"]) for r in view["trend"]], "Index over time"),
            "<h2>Pillars over time</h2>", _pillar_trend(view["trend"]),
            "<h2>Reps compared</h2>",
            bar_chart([(r["rep"], r["index"]) for r in view["reps"]], "Mean index by rep"),
            table(("rep", "calls", "index", *[p.replace("_", " ") for p in
                                              ("curiosity", "customer_control", "trusted_advisor",
                                               "shared_vision")]),
                  [(r["rep"], r["calls"], format_score(r["index"]),
                    *[format_score(r["pillars"][p]) for p in
                      ("curiosity", "customer_control", "trusted_advisor", "shared_vision")])
                   for r in view["reps"]], numeric=(1, 2, 3, 4, 5, 6)),
            *(f"<p class='muted'>{esc(note)}</p>" for note in view.get("notes", ())),
            "<h2>Coaching queue</h2><p class='muted'>Calls where a rep departs most from "
            "their own baseline.</p>", _queue(view["coaching_queue"])]
    return page("Team report", "".join(body))


def _queue(rows: Sequence[Mapping[str, Any]]) -> str:
    if not rows:
        return "<p class='muted'>No rep has three scored calls yet.</p>"
    return table(("rep", "date", "call", "index", "baseline", "z", "pillar that moved"),
                 [(r["rep"], r["date"], r["title"], format_score(r["index"]),
                   format_score(r["baseline"]), r["z"],
                   f"{(r['pillar'] or '').replace('_', ' ')} ({r['pillar_change']:+.0f})"
                   if r["pillar"] else "") for r in rows], numeric=(3, 4, 5))


def rep_page(view: Mapping[str, Any]) -> str:
    pillars = [(p.replace("_", " "), v) for p, v in view["pillars"].items()]
    body = [f"<p>{count_calls(view['calls'])} · mean index {format_score(view['index'])}</p>",
            "<h2>Index over time</h2>",
            line_chart([(t["date"], t["index"]) for t in view["trend"]], "Index over time"),
            "<h2>Pillars over time</h2>", _pillar_trend(view["call_list"]),
            "<h2>Pillars</h2>", bar_chart(pillars, "Mean pillar scores"),
            "<h2>Behaviours (mean per call)</h2>",
            table(("metric", "mean"), [(METRIC_LABELS.get(name, name), format_metric(name, value))
                                       for name, value in view["metrics"].items()],
                  numeric=(1,)),
            "<h2>Recurring strengths</h2>",
            table(("strength", "calls"), view["recurring_strengths"], numeric=(1,)),
            "<h2>Recurring improvements</h2>",
            table(("improvement", "calls"), view["recurring_improvements"], numeric=(1,)),
            "<h2>Coaching queue</h2>", _queue(view["coaching_queue"]),
            _email_panel(view.get("emails"))]
    return page(f"Rep: {view['rep']}", "".join(body))


def _email_panel(panel: Mapping[str, Any] | None) -> str:
    if not panel or not panel["sent"]:
        return ""
    weakest = table(("weakest email", "score", "why"),
                    [(w["subject"], format_score(w["score"]), "; ".join(w["reasons"]))
                     for w in panel["weakest"]], numeric=(1,))
    return (f"<h2>Follow-up emails (B13)</h2><p>{panel['sent']} sent · mean score "
            f"{format_score(panel['mean_score'])} · checking in {_fmt(panel['checking_in_share'])} · "
            f"{panel['threads_replied']} of {panel['threads']} threads got a reply</p>{weakest}")


def account_page(view: Mapping[str, Any], plan: Mapping[str, Any] | None = None) -> str:
    from ..analyzers.discovery import AREA_LABELS, AREAS

    reach = view["multi_threading"]
    coverage_rows = "".join(
        f"<tr><td>{esc(row['date'])}</td><td>{esc(row['title'] or '')}</td>"
        + "".join(f"<td>{_heat((row['coverage'] or {}).get(a, 0))}</td>" for a in AREAS)
        + "</tr>" for row in view["per_call_coverage"])
    heads = "".join(f"<th>{esc(AREA_LABELS[a])}</th>" for a in AREAS)
    body = [f"<p>{count_calls(view['calls'])} · mean index {format_score(view['index'])}</p>",
            "<h2>Discovery coverage per call</h2>",
            f"<table class='coverage'><tr><th>date</th><th>call</th>{heads}</tr>"
            f"{coverage_rows}</table>",
            "<h2>Multi-threading (B12)</h2>",
            f"<p>customer people reached: {reach['customer_people_reached']} · senior titles: "
            f"{esc(', '.join(reach['senior_titles_reached']) or 'none')} · asked a question: "
            f"{_share(reach['share_asked_a_question'])} of them · relationship reach "
            f"{_fmt(reach['relationship_reach'])}</p>",
            bar_chart([(p["name"], float(p["asked"])) for p in reach["people"]],
                      "Questions asked per customer person", hi=max(
                          [1.0] + [float(p["asked"]) for p in reach["people"]])),
            table(("person", "title", "spoke", "questions asked"),
                  [(p["name"], p["title"], "yes" if p["spoke"] else "no", p["asked"])
                   for p in reach["people"]], numeric=(3,))]
    body.append(_email_panel(view.get("emails")))
    if plan:
        body.append("<h2>Next-call plan</h2><ul>" + "".join(
            f"<li>{esc(q)}</li>" for q in plan["suggested_questions"]) + "</ul>")
        named = plan.get("roles_named_not_reached") or []
        if named:
            body.append("<h3>Named by the customer, never on a call</h3><ul>" + "".join(
                f"<li>{esc(r['role'])}{esc(', ' + r['name']) if r.get('name') else ''}: "
                f"{esc(r['speaker'])}, {esc(r['date'])}, "
                f"“{esc(r['quote'])}”</li>" for r in named) + "</ul>")
    return page(f"Account: {view['account']}", "".join(body))


def outcomes_page(result: Mapping[str, Any]) -> str:
    warnings = "".join(f"<p class='warn'>{esc(w)}</p>" for w in result["warnings"])
    rows = [(measure_label(a["measure"]), a["outcome"], a["effect_kind"].replace("_", " "), a["effect"],
             f"{a['ci_low']:.2f} – {a['ci_high']:.2f}", a["p"], a["p_adjusted"],
             "yes" if a["significant"] else "no", a["n"]) for a in result["associations"]]
    won = [(f"{a['measure']}", a["effect"]) for a in result["associations"]
           if a["outcome"] == "won"]
    body = [warnings, f"<p>{result['closed_deals']} closed deals ({result['won']} won).</p>",
            "<h2>Odds of winning per standard deviation</h2>",
            bar_chart(won, "Odds ratio per SD (1 = no association)", hi=max(
                [2.0] + [v for _, v in won]), shown=_fmt),
            "<h2>All associations</h2>",
            table(("measure", "outcome", "effect", "value", "95% CI", "p", "p (Holm)",
                   "significant", "n"), rows, numeric=(3, 5, 6, 8))]
    return page("Does leadership pay here?", "".join(body))
