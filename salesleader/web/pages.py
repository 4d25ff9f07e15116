"""The dashboard's own pages (log-in, the list of calls) and the bar of links the report
pages get on top: the same self-contained HTML as the reports, no scripts."""

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
from ..self_assessment import GAP_NOTE, SCALE, gap_sentences, observed_text
from .users import MIN_PASSWORD, ROLES, User

__all__ = ["CSV_COLUMNS", "PAGE_SIZE", "CallFilter", "assess_form_page", "assessment_page",
           "call_list_page", "calls_csv_text", "login_page", "message_page", "not_found_page",
           "password_page", "upload_page", "upload_result_page", "users_page", "with_nav"]

_NAV_STYLE = ("<style>nav{display:flex;gap:1rem;align-items:center;border-bottom:1px solid "
              "#dde2ea;padding:.5rem 0;margin-bottom:1rem}nav form{margin-left:auto}"
              "form.filter{display:flex;gap:.6rem;align-items:center;margin-bottom:.8rem}"
              "form.login{max-width:20rem}form.login input,form.login select,form.login textarea{"
              "display:block;width:100%;"
              "margin:.2rem 0 .8rem;padding:.3rem}</style>")


def _link(path: str, text: str) -> str:
    return f"<a href='{esc(path)}'>{esc(text)}</a>"


def rep_path(name: str) -> str:
    return "/reps/" + quote(name, safe="")


def _nav(user: User, uploads: bool) -> str:
    links = [_link("/", "Calls")] + ([_link("/upload", "Store calls")] if uploads else [])
    if user.role == "rep" and user.seller:
        links += [_link(rep_path(user.seller), "My report"), _link("/assess", "Self-assessment")]
    else:
        links += [_link("/team", "Team"), _link("/outcomes", "Outcomes")]
    if user.role == "admin":
        links.append(_link("/users", "Users"))
    return (f"{_NAV_STYLE}<nav>{' '.join(links)}<span class='muted'>{esc(user.name)} · "
            f"{esc(user.role)} · {_link('/password', 'password')}</span>"
            f"<form method='post' action='/logout'>"
            f"<button type='submit'>Log out</button></form></nav>")


def with_nav(document: str, user: User, uploads: bool = True) -> str:
    """A report page with the dashboard's links on top (``uploads``: a link to store calls)."""
    return document.replace("<body>", "<body>" + _nav(user, uploads), 1)


def login_page(next_path: str, error: str | None = None) -> str:
    message = f"<p class='bad'>{esc(error)}</p>" if error else ""
    return page_html("salesleader: log in", f"{_NAV_STYLE}{message}"
                "<form class='login' method='post' action='/login'>"
                "<label>Name<input name='name' autocomplete='username' required></label>"
                "<label>Password<input name='password' type='password' "
                "autocomplete='current-password' required></label>"
                f"<input type='hidden' name='next' value='{esc(next_path)}'>"
                "<button type='submit'>Log in</button></form>")


def password_page(error: str | None = None, done: bool = False) -> str:
    """The form to change one's own password (the current one first)."""
    message = (f"<p class='bad'>{esc(error)}</p>" if error else
               "<p>Password changed; your other sessions are logged out.</p>" if done else "")
    return page_html("Change your password", f"{message}"
                "<form class='login' method='post' action='/password'>"
                "<label>Current password<input name='current' type='password' "
                "autocomplete='current-password' required></label>"
                "<label>New password<input name='new' type='password' "
                f"autocomplete='new-password' minlength='{MIN_PASSWORD}' required></label>"
                "<label>New password, again<input name='again' type='password' "
                f"autocomplete='new-password' minlength='{MIN_PASSWORD}' required></label>"
                "<button type='submit'>Change password</button></form>")


def assess_form_page(items: Sequence[Mapping[str, str]], error: str | None = None) -> str:
    """The self-assessment: each statement rated 1 (not at all like me) to 5 (exactly)."""
    low, high = SCALE
    message = f"<p class='bad'>{esc(error)}</p>" if error else ""
    rows = []
    for item in items:
        key = esc(item["behaviour"])
        choices = "".join(f"<label><input type='radio' name='{key}' value='{n}' required> {n}"
                          "</label>" for n in range(low, high + 1))
        rows.append(f"<tr><td>{key}</td><td>{esc(item['statement'])}</td>"
                    f"<td class='choices'>{choices}</td></tr>")
    return page_html("Are you a salesperson or a sales leader?", (
        f"{message}<p>Rate each statement from {low} (not at all like me) to {high} (exactly "
        "like me); each answer is then set beside what your own recent calls show. Your "
        "answers are not stored, and nobody else sees them.</p><form method='post' "
        "action='/assess'><style>td.choices label{margin-right:.6rem;white-space:nowrap}"
        f"</style><table>{''.join(rows)}</table><button type='submit'>Compare with my calls"
        "</button></form>"))


def _one_decimal(value: float | None, sign: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}" if sign else f"{value:.1f}"


def assessment_page(result: Mapping[str, Any]) -> str:
    """Each answer beside the calls, largest gap first, each row linked to the calls
    behind it."""
    from ..coaching import TITLES

    sentences = "".join(f"<li>{esc(s)}</li>" for s in gap_sentences(result))
    rows = []
    for row in result["items"]:
        calls = " ".join(_link("/calls/" + quote(c, safe=""), str(n))
                         for n, c in enumerate(row["calls"], start=1))
        rows.append(f"<tr><td>{esc(row['behaviour'])} {esc(TITLES[row['part']][0])}</td>"
                    f"<td class='n'>{row['self']}</td>"
                    f"<td class='n'>{_one_decimal(row['observed'])}</td>"
                    f"<td class='n'>{_one_decimal(row['gap'], sign=True)}</td>"
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
            shown = _link("/calls/" + quote(result.call_id, safe=""), "report")
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
        f"{_link('/upload', 'Store more')}</p><table><tr><th>file</th><th>result</th>"
        f"<th>call</th></tr>{''.join(rows)}</table>"))


def users_page(users: Sequence[User], me: User, *, error: str | None = None,
               done: str | None = None) -> str:
    """An admin's list of users, with a form to add or change one and a button to remove
    each (not oneself)."""
    message = (f"<p class='bad'>{esc(error)}</p>" if error else
               f"<p class='good'>{esc(done)}</p>" if done else "")
    rows = []
    for user in users:
        sees = {"rep": user.seller or "", "manager": ", ".join(user.team),
                "admin": "everything"}[user.role]
        remove = ("" if user.name == me.name else
                  "<form method='post' action='/users/remove'><input type='hidden' "
                  f"name='name' value='{esc(user.name)}'><button type='submit'>Remove"
                  "</button></form>")
        rows.append(f"<tr><td>{esc(user.name)}</td><td>{esc(user.role)}</td>"
                    f"<td>{esc(sees)}</td><td>{remove}</td></tr>")
    roles = "".join(f"<option>{role}</option>" for role in ROLES)
    return page_html("Users", (
        f"{message}<table><tr><th>name</th><th>role</th><th>sees</th><th></th></tr>"
        f"{''.join(rows)}</table><h2>Add a user, or change one</h2>"
        "<form class='login' method='post' action='/users'>"
        "<label>Name<input name='name' autocomplete='off' required></label>"
        f"<label>Role<select name='role'>{roles}</select></label>"
        "<label>Seller (a rep: the name their calls carry)<input name='seller'></label>"
        "<label>Team (a manager: the reps' names, one a line)<textarea name='team' rows='3'>"
        "</textarea></label>"
        f"<label>Password<input name='password' type='password' minlength='{MIN_PASSWORD}' "
        "autocomplete='new-password' required></label>"
        "<p><label><input type='checkbox' name='replace' value='1' style='display:inline;"
        "width:auto;margin:0 .4rem 0 0'>change the user of this name (ends their sessions)"
        "</label></p><button type='submit'>Save</button></form>"))


def not_found_page() -> str:
    return message_page("Not found", "Nothing here, or nothing you may see.")


def message_page(title: str, message: str) -> str:
    return page_html(title, f"<p>{esc(message)} <a href='/'>Back to your calls</a>.</p>")


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
            + f" {_link('/calls.csv' + ('?' + shown.query() if shown.query() else ''), 'CSV')}"
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
        sellers = ", ".join(_link(rep_path(s), s) if user.sees_seller(s) else esc(s)
                            for s in row["sellers"])
        account = (_link("/accounts/" + quote(row["account"], safe=""), row["account"])
                   if row["account"] else "")
        body.append(f"<tr><td>{esc(row['date'])}</td>"
                    f"<td>{_link('/calls/' + quote(row['id'], safe=''), row['title'] or row['id'])}"
                    f"</td><td>{sellers}</td><td>{account}</td>"
                    f"<td class='n'>{esc(format_score(row['index']))}</td></tr>")
    where = (count_calls(len(rows)) if pages == 1 else
             f"{first + 1}–{first + len(body)} of {count_calls(len(rows))}")
    steps = [_link("/?" + shown.query(page=page - 1), "newer") if page > 1 else "",
             _link("/?" + shown.query(page=page + 1), "older") if page < pages else ""]
    steps_html = f"<p>{' · '.join(s for s in steps if s)}</p>" if pages > 1 else ""
    return page_html("Calls", f"{_filter_form(shown)}<p>Showing {scope}"
                              f"{', filtered' if filtered else ''}: {where}.</p><table><tr>"
                              "<th>date</th><th>call</th><th>sellers</th><th>account</th>"
                              f"<th class='n'>{'your index' if user.role == 'rep' else 'call index'}"
                              "</th></tr>"
                              f"{''.join(body)}</table>{steps_html}")
