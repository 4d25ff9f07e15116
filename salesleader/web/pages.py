"""The dashboard's own pages about people (log-in, password, users, messages) and the bar
of links every page gets on top: the same self-contained HTML as the reports, no scripts.
The pages about calls are in ``call_pages``. Links are written from the site's root
(``href='/…'``); ``dashboard.Dashboard.respond`` moves them under a root path."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from ..reports.html import esc
from ..reports.html import page as page_html
from .users import MIN_PASSWORD, ROLES, User

__all__ = ["NAV_STYLE", "link", "login_page", "message_page", "not_found_page", "password_page",
           "rep_path", "users_page", "with_nav"]

NAV_STYLE = ("<style>nav{display:flex;gap:1rem;align-items:center;border-bottom:1px solid "
              "#dde2ea;padding:.5rem 0;margin-bottom:1rem}nav form{margin-left:auto}"
              "form.filter{display:flex;gap:.6rem;align-items:center;margin-bottom:.8rem}"
              "form.login{max-width:20rem}form.login input,form.login select,form.login textarea{"
              "display:block;width:100%;"
              "margin:.2rem 0 .8rem;padding:.3rem}</style>")


def link(path: str, text: str) -> str:
    return f"<a href='{esc(path)}'>{esc(text)}</a>"


def rep_path(name: str) -> str:
    return "/reps/" + quote(name, safe="")


def _nav(user: User, uploads: bool) -> str:
    links = [link("/", "Calls")] + ([link("/upload", "Store calls")] if uploads else [])
    if user.role == "rep" and user.seller:
        links += [link(rep_path(user.seller), "My report"), link("/assess", "Self-assessment")]
    else:
        links += [link("/team", "Team"), link("/outcomes", "Outcomes")]
    if user.role == "admin":
        links.append(link("/users", "Users"))
    return (f"{NAV_STYLE}<nav>{' '.join(links)}<span class='muted'>{esc(user.name)} · "
            f"{esc(user.role)} · {link('/password', 'password')}</span>"
            f"<form method='post' action='/logout'>"
            f"<button type='submit'>Log out</button></form></nav>")


def with_nav(document: str, user: User, uploads: bool = True) -> str:
    """A report page with the dashboard's links on top (``uploads``: a link to store calls)."""
    return document.replace("<body>", "<body>" + _nav(user, uploads), 1)


def login_page(next_path: str, error: str | None = None) -> str:
    message = f"<p class='bad'>{esc(error)}</p>" if error else ""
    return page_html("salesleader: log in", (
        f"{NAV_STYLE}{message}<form class='login' method='post' action='/login'>"
        "<label>Name<input name='name' autocomplete='username' required></label>"
        "<label>Password<input name='password' type='password' "
        "autocomplete='current-password' required></label>"
        f"<input type='hidden' name='next' value='{esc(next_path)}'>"
        "<button type='submit'>Log in</button></form>"))


def password_page(error: str | None = None, done: bool = False) -> str:
    """The form to change one's own password (the current one first)."""
    message = (f"<p class='bad'>{esc(error)}</p>" if error else
               "<p>Password changed; your other sessions are logged out.</p>" if done else "")
    return page_html("Change your password", (
        f"{message}<form class='login' method='post' action='/password'>"
        "<label>Current password<input name='current' type='password' "
        "autocomplete='current-password' required></label>"
        "<label>New password<input name='new' type='password' "
        f"autocomplete='new-password' minlength='{MIN_PASSWORD}' required></label>"
        "<label>New password, again<input name='again' type='password' "
        f"autocomplete='new-password' minlength='{MIN_PASSWORD}' required></label>"
        "<button type='submit'>Change password</button></form>"))


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


def remove_user_page(user: User) -> str:
    """The question the list's Remove button asks before a user goes."""
    return page_html("Remove a user", (
        f"<p>Remove {esc(user.role)} <strong>{esc(user.name)}</strong>? They can no longer "
        "log in, and any session of theirs ends now.</p>"
        "<form method='post' action='/users/remove'><input type='hidden' name='name' "
        f"value='{esc(user.name)}'><input type='hidden' name='confirm' value='1'>"
        "<button type='submit'>Remove</button> <a href='/users'>Cancel</a></form>"))


def not_found_page() -> str:
    return message_page("Not found", "Nothing here, or nothing you may see.")


def message_page(title: str, message: str) -> str:
    return page_html(title, f"<p>{esc(message)} <a href='/'>Back to your calls</a>.</p>")
