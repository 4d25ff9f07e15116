"""The dashboard's pages about calls: the list (filtered, paged, as CSV), the
self-assessment, and storing calls from the browser."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from ..reports.html import esc
from ..reports.html import page as page_html
from ..reports.text import count_calls, format_score
from ..self_assessment import GAP_NOTE, SCALE, gap_sentences, observed_text, one_decimal
from .pages import link, rep_path
from .users import User

__all__ = ["CSV_COLUMNS", "PAGE_SIZE", "CallFilter", "assess_form_page", "assessment_page",
           "call_list_page", "calls_csv_text", "upload_page", "upload_result_page"]


def assess_form_page(items: Sequence[Mapping[str, str]], error: str | None = None,
                     given: Mapping[str, Any] | None = None) -> str:
    """The self-assessment: each statement rated 1 (not at all like me) to 5 (exactly);
    ``given``: the answers sent before, ticked again."""
    low, high = SCALE
    message = f"<p class='bad'>{esc(error)}</p>" if error else ""
    rows = []
    for item in items:
        key = esc(item["behaviour"])
        before = str((given or {}).get(item["behaviour"], ""))
        choices = "".join(f"<label><input type='radio' name='{key}' value='{n}' required"
                          f"{' checked' if before == str(n) else ''}> {n}</label>"
                          for n in range(low, high + 1))
        rows.append(f"<tr><td>{key}</td><td>{esc(item['statement'])}</td>"
                    f"<td class='choices'>{choices}</td></tr>")
    return page_html("Are you a salesperson or a sales leader?", (
        f"{message}<p>Rate each statement from {low} (not at all like me) to {high} (exactly "
        "like me); each answer is then set beside what your own recent calls show. Your "
        "answers are not stored, and nobody else sees them.</p><form method='post' "
        "action='/assess'><style>td.choices label{margin-right:.6rem;white-space:nowrap}"
        f"</style><table>{''.join(rows)}</table><button type='submit'>Compare with my calls"
        "</button></form>"))


def assessment_page(result: Mapping[str, Any]) -> str:
    """Each answer beside the calls, largest gap first, each row linked to the calls
    behind it."""
    from ..coaching import TITLES

    sentences = "".join(f"<li>{esc(s)}</li>" for s in gap_sentences(result))
    rows = []
    for row in result["items"]:
        calls = " ".join(link("/calls/" + quote(c, safe=""), str(n))
                         for n, c in enumerate(row["calls"], start=1))
        rows.append(f"<tr><td>{esc(row['behaviour'])} {esc(TITLES[row['part']][0])}</td>"
                    f"<td class='n'>{row['self']}</td>"
                    f"<td class='n'>{one_decimal(row['observed'])}</td>"
                    f"<td class='n'>{one_decimal(row['gap'], sign=True)}</td>"
                    f"<td>{esc(observed_text(row) or 'no scored call')}</td><td>{calls}</td></tr>")
    return page_html(f"{result['rep']}: self-assessment beside the last "
                     f"{count_calls(result['calls'])}", (
                         f"<ul>{sentences}</ul><table><tr><th>behaviour</th>"
                         "<th class='n'>you</th><th class='n'>calls</th><th class='n'>gap</th>"
                         "<th>what the calls show</th><th>the calls</th></tr>"
                         f"{''.join(rows)}</table><p class='muted'>{esc(GAP_NOTE)}. Your "
                         "answers are not stored. <a href='/assess'>Answer again</a>.</p>"))


def upload_page(user: User, error: str | None = None) -> str:
    """The form to store transcripts: a rep's as their own calls, a manager's for a rep of
    their team, an admin's for any seller (or as the roster says)."""
    if user.role == "rep":
        who = f"<p>Stored as calls you sold on ({esc(user.seller or '')}).</p>"
    elif user.role == "manager":
        options = "".join(f"<option>{esc(name)}</option>" for name in user.team)
        who = ("<label>Sold by <select name='seller' required><option value=''>choose a rep"
               f"</option>{options}</select></label>")
    else:
        who = ("<label>Sold by <input name='seller' placeholder='as the roster or the "
               "transcript says'></label>")
    message = f"<p class='bad'>{esc(error)}</p>" if error else ""
    return page_html("Store calls", (
        f"{message}<p>Transcripts (WebVTT, SRT, Whisper or salesleader JSON, plain text), "
        "with a <code>NAME.meta.json</code> beside one to give its title, account or date; "
        "follow-up emails (<code>.eml</code>, <code>.mbox</code>). "
        "Stored as <code>salesleader ingest</code> stores them: personal data redacted, the "
        "same file twice one call.</p><form class='login' method='post' action='/upload' "
        "enctype='multipart/form-data'><label>Files <input type='file' name='files' multiple "
        "required accept='.vtt,.srt,.json,.txt,.eml,.mbox'></label>"
        f"{who}<button type='submit'>Store</button></form>"))


def upload_result_page(results: Sequence[Any]) -> str:
    """What became of each uploaded file, each stored call linked to its report."""
    words = {"new": "stored", "updated": "stored again (analysis updated)",
             "unchanged": "already stored", "failed": "not stored"}
    rows = []
    for result in results:
        if result.call_id:
            shown = link("/calls/" + quote(result.call_id, safe=""), "report")
            if result.note:
                shown += f"<br><span class='muted'>{esc(result.note)}</span>"
        elif result.error:
            shown = esc(result.error)
        else:  # emails: in the rep's and the account's pages
            shown = "emails: on the rep and account pages"
        rows.append(f"<tr><td>{esc(result.name)}</td><td class='{'bad' if result.error else ''}'>"
                    f"{esc(words[result.status])}</td><td>{shown}</td></tr>")
    calls = sum(1 for r in results if r.call_id)
    mail = sum(1 for r in results if r.emails and not r.error)
    stored = count_calls(calls) + (f" and {mail} email file(s)" if mail else "")
    return page_html("Store calls", (
        f"<p>{stored} stored of {len(results)} file(s). "
        f"{link('/upload', 'Store more')}</p><table><tr><th>file</th><th>result</th>"
        f"<th>call</th></tr>{''.join(rows)}</table>"))


PAGE_SIZE = 100  # calls a page of the list shows


@dataclass(frozen=True)
class CallFilter:
    """Which calls the list shows: ``q`` in the title, account or a seller's name (any
    case), and the call dates from ``since`` to ``until`` (YYYY-MM-DD, both included)."""

    q: str = ""
    since: str = ""
    until: str = ""

    @classmethod
    def parse(cls, q: str = "", since: str = "", until: str = "") -> CallFilter:
        """Raises ValueError, naming the field and what was expected."""
        for name, value in (("since", since), ("until", until)):
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise ValueError(f"{name}={value!r}: expected a date as YYYY-MM-DD") from None
        return cls(q.strip(), since, until)

    def apply(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        needle = self.q.casefold()
        return [row for row in rows
                if (not self.since or row["date"] >= self.since)
                and (not self.until or row["date"] <= self.until)
                and (not needle or any(needle in (text or "").casefold() for text in (
                    row["title"], row["account"], *row["sellers"])))]

    def query(self, **more: Any) -> str:
        """The query string of this filter (and ``more``), without empty fields."""
        fields = {"q": self.q, "since": self.since, "until": self.until, **more}
        return urlencode({k: v for k, v in fields.items() if v not in ("", None)})


CSV_COLUMNS = ("date", "id", "title", "sellers", "account", "index")


def _cell(text: str | None) -> str:
    """Text as a spreadsheet shows it, never as a formula: a title such as "=HYPERLINK(…)"
    from a call's metadata gets a leading apostrophe (OWASP's advice for CSV downloads)."""
    text = text or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def calls_csv_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """The list of calls as CSV, for a spreadsheet: one row a call, sellers joined by "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([row["date"], _cell(row["id"]), _cell(row["title"]),
                         _cell("; ".join(row["sellers"])), _cell(row["account"]),
                         "" if row["index"] is None else row["index"]])
    return out.getvalue()


def _filter_form(shown: CallFilter) -> str:
    return ("<form class='filter' method='get' action='/'>"
            f"<input name='q' placeholder='title, account or seller' value='{esc(shown.q)}'>"
            f"<label>from <input name='since' type='date' value='{esc(shown.since)}'></label>"
            f"<label>to <input name='until' type='date' value='{esc(shown.until)}'></label>"
            "<button type='submit'>Show</button>"
            + (" <a href='/'>all calls</a>" if shown != CallFilter() else "")
            + f" {link('/calls.csv' + ('?' + shown.query() if shown.query() else ''), 'CSV')}"
            "</form>")


def call_list_page(user: User, rows: Sequence[Mapping[str, Any]],
                   shown: CallFilter = CallFilter(), page: int = 1) -> str:
    """The calls in the user's view that ``shown`` lets through, newest first,
    ``PAGE_SIZE`` a page, each linked to its report; the sellers and accounts linked to
    theirs."""
    scope = {"admin": "every call in the store", "manager": "your team's calls",
             "rep": "the calls you sold on"}[user.role]
    filtered = shown != CallFilter()
    if not rows:
        return page_html("Calls", (_filter_form(shown) if filtered else "") + (
            "<p class='muted'>No call matches.</p>" if filtered else
            f"<p class='muted'>No calls yet in {scope}. Store some with "
            "<code>salesleader ingest</code>.</p>"))
    pages = -(-len(rows) // PAGE_SIZE)
    page = min(page, pages)
    first = (page - 1) * PAGE_SIZE
    body = []
    for row in rows[first:first + PAGE_SIZE]:
        sellers = ", ".join(link(rep_path(s), s) if user.sees_seller(s) else esc(s)
                            for s in row["sellers"])
        account = (link("/accounts/" + quote(row["account"], safe=""), row["account"])
                   if row["account"] else "")
        body.append(f"<tr><td>{esc(row['date'])}</td>"
                    f"<td>{link('/calls/' + quote(row['id'], safe=''), row['title'] or row['id'])}"
                    f"</td><td>{sellers}</td><td>{account}</td>"
                    f"<td class='n'>{esc(format_score(row['index']))}</td></tr>")
    where = (count_calls(len(rows)) if pages == 1 else
             f"{first + 1}–{first + len(body)} of {count_calls(len(rows))}")
    steps = [link("/?" + shown.query(page=page - 1), "newer") if page > 1 else "",
             link("/?" + shown.query(page=page + 1), "older") if page < pages else ""]
    steps_html = f"<p>{' · '.join(s for s in steps if s)}</p>" if pages > 1 else ""
    return page_html("Calls", f"{_filter_form(shown)}<p>Showing {scope}"
                              f"{', filtered' if filtered else ''}: {where}.</p><table><tr>"
                              "<th>date</th><th>call</th><th>sellers</th><th>account</th>"
                              f"<th class='n'>{'your index' if user.role == 'rep' else 'call index'}"
                              "</th></tr>"
                              f"{''.join(body)}</table>{steps_html}")
