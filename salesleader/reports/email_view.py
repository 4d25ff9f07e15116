"""Render the email report: Rich tables for the terminal, a self-contained HTML page."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["email_html", "render_emails"]


def render_emails(report: Mapping[str, Any], console: Console) -> None:
    table = Table(title=f"Emails (seller side: {report['seller']['how']})", title_justify="left",
                  header_style="bold", box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False,
                  collapse_padding=True)
    for column in ("date", "from", "subject"):
        table.add_column(column, no_wrap=True, overflow="ellipsis",
                         min_width={"date": 5, "from": 8, "subject": 12}[column],
                         max_width={"date": 5, "from": 10, "subject": 15}[column])
    for column in ("score", "chk-in", "q", "ins", "pers", "press", "words"):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    for entry in report["emails"]:
        table.add_row(
            (entry["date"] or "")[5:10], Text(entry["from"]["name"]), Text(entry["subject"]),
            "—" if entry["score"] is None else str(entry["score"]),
            "yes" if entry["checking_in"] else "", str(entry["questions"]),
            str(entry["insight_statements"]), str(entry["personalisation"]),
            str(entry["pressure_statements"]), str(entry["words"]),
            style="dim" if entry["side"] == "customer" else None,
        )
    console.print(table)
    console.print(Text("date: month-day · chk-in: checking in · q: questions · ins: insight · "
                       "pers: personal "
                       "references · press: pressure statements", style="dim"))
    threads = Table(title="Threads", title_justify="left", header_style="bold")
    for column in ("subject", "emails", "customer replied", "reply after (h)", "after a"):
        threads.add_column(column)
    for thread in report["threads"]:
        threads.add_row(Text(thread["subject"][:50]), str(len(thread["emails"])),
                        "yes" if thread["customer_replied"] else "no",
                        "" if thread["reply_hours"] is None else f"{thread['reply_hours']:.1f}",
                        thread["replied_after"] or "")
    console.print(threads)
    for thread in report["threads"]:
        rewrite = thread.get("rewrite")
        if not rewrite or (rewrite["score"] or 0) >= 60:
            continue
        console.print(Text(f"Rewrite the weakest email of “{thread['subject']}” "
                           f"(score {rewrite['score']}):", style="bold yellow"))
        for line in rewrite["cut"]:
            console.print(Text(f"  cut: “{line}”", style="red"))
        console.print(Text(f"  lead with a question: “{rewrite['lead_with_question']}”",
                           style="cyan"))
        console.print(Text(f"  or with insight: “{rewrite['lead_with_insight']}”", style="cyan"))
        for reason in rewrite["why"]:
            console.print(Text(f"  {reason}", style="dim"))


def email_html(report: Mapping[str, Any]) -> str:
    """A self-contained page (no scripts, no external files)."""
    esc = html.escape
    rows = []
    for entry in report["emails"]:
        reasons = "<br>".join(esc(r) for r in entry["reasons"])
        rows.append(
            f"<tr class='{esc(entry['side'])}'><td>{esc((entry['date'] or '')[:16])}</td>"
            f"<td>{esc(entry['from']['name'])}</td><td>{esc(entry['subject'])}</td>"
            f"<td class='n'>{'—' if entry['score'] is None else entry['score']}</td>"
            f"<td>{'yes' if entry['checking_in'] else ''}</td>"
            f"<td class='n'>{entry['questions']}</td><td class='n'>{entry['insight_statements']}</td>"
            f"<td class='n'>{entry['personalisation']}</td><td class='n'>{entry['words']}</td>"
            f"<td class='r'>{reasons}</td></tr>")
    threads = []
    for thread in report["threads"]:
        rewrite = thread.get("rewrite") or {}
        cut = "".join(f"<li>{esc(c)}</li>" for c in rewrite.get("cut", []))
        threads.append(
            f"<tr><td>{esc(thread['subject'])}</td><td class='n'>{len(thread['emails'])}</td>"
            f"<td>{'yes' if thread['customer_replied'] else 'no'}</td>"
            f"<td class='n'>{'' if thread['reply_hours'] is None else thread['reply_hours']}</td>"
            f"<td>{esc(thread['replied_after'] or '')}</td>"
            f"<td>{'<ul>' + cut + '</ul>' if cut else ''}"
            f"{esc(rewrite.get('lead_with_question', ''))}</td></tr>")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>salesleader: email report</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2rem;color:#1d2433}}
table{{border-collapse:collapse;margin-bottom:2rem;width:100%}}
th,td{{border-bottom:1px solid #dde;padding:.35rem .5rem;vertical-align:top;text-align:left}}
td.n{{text-align:right}} td.r{{font-size:.85em;color:#445}} tr.customer{{color:#778}}
</style></head><body>
<h1>Follow-ups that lead</h1>
<p>Seller side: {esc(report['seller']['how'])}. Scores are 0–100; every point is explained.</p>
<h2>Emails</h2>
<table><tr><th>date</th><th>from</th><th>subject</th><th>score</th><th>checking in</th>
<th>questions</th><th>insight</th><th>personal</th><th>words</th><th>why</th></tr>
{''.join(rows)}</table>
<h2>Threads</h2>
<table><tr><th>subject</th><th>emails</th><th>customer replied</th><th>reply after (h)</th>
<th>after a</th><th>rewrite the weakest email</th></tr>{''.join(threads)}</table>
</body></html>
"""
