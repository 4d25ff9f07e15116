"""The dashboard's commands: ``serve`` and ``users`` (who may log in, and what they see)."""

from __future__ import annotations

import json
import os
import ssl
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli_common import ConfigOption, DbOption, config_or_exit, engine_or_exit, fail, stderr, stdout
from .errors import SalesleaderError
from .store.database import DB_ENV

__all__ = ["register"]


PasswordStdinOption = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from the first line of stdin (default: ask "
                             "twice, hidden).")]


def _read_password(name: str, from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return typer.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)


def _tls_files(cert: Path | None, key: Path | None) -> dict[str, str]:
    """uvicorn's TLS arguments, once the certificate and its key load together; a one-line
    error and exit 1 otherwise (before anything listens)."""
    if cert is None and key is None:
        return {}
    if cert is None or key is None:
        fail("serve: --tls-cert and --tls-key go together; expected both (PEM files)")
        raise typer.Exit(1)
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except OSError as error:  # ssl.SSLError is one: a key that is not the certificate's
        reason = error.strerror or getattr(error, "reason", None) or str(error)
        fail(f"{cert}, {key}: cannot use them ({reason}); expected a PEM certificate and "
             "its private key")
        raise typer.Exit(1) from None
    return {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}


def register(app: typer.Typer) -> None:
    users_app = typer.Typer(help="Who may log in to the dashboard, and what each sees.",
                            no_args_is_help=True)
    app.add_typer(users_app, name="users")

    @users_app.command("add")
    def users_add(
        name: Annotated[str, typer.Argument(help="The log-in name.")],
        role: Annotated[str, typer.Option("--role", help="rep, manager or admin.")],
        seller: Annotated[str | None, typer.Option(
            "--seller", help="A rep: the seller name their calls carry.")] = None,
        team: Annotated[list[str] | None, typer.Option(
            "--team", help="A manager: a rep they lead (repeatable).")] = None,
        password_stdin: PasswordStdinOption = False,
        replace: Annotated[bool, typer.Option(
            "--replace", help="Change an existing user (and end their sessions).")] = False,
        db: DbOption = None,
    ) -> None:
        """Add a dashboard user.

        A rep sees their own calls, a manager their team's, an admin every call."""
        from .web.users import add_user, find_user, unmatched_sellers

        password = _read_password(name, password_stdin)
        engine = engine_or_exit(db)
        try:
            with engine.begin() as connection:
                existed = find_user(connection, name) is not None
                user = add_user(connection, name, password, role, seller=seller,
                                team=team or (), replace=replace)
        except SalesleaderError as error:
            fail(str(error))
            raise typer.Exit(1) from None
        scope = {"rep": f"calls sold by {user.seller}", "manager":
                 f"calls of {', '.join(user.team)}", "admin": "every call"}[user.role]
        stderr.print(f"{'updated' if existed else 'added'} {user.role} {user.name!r}: sees {scope}",
                     highlight=False)
        with engine.connect() as connection:
            for missing in unmatched_sellers(connection, user):  # a typo, or no calls yet
                stderr.print(f"note: no stored call is sold by {missing!r} yet", highlight=False)

    @users_app.command("list")
    def users_list(db: DbOption = None) -> None:
        """Every dashboard user, with role and scope (never a password)."""
        from rich.table import Table

        from .web.users import list_users

        with engine_or_exit(db).connect() as connection:
            found = list_users(connection)
        table = Table(title=f"{len(found)} user(s)")
        for header in ("name", "role", "sees"):
            table.add_column(header)
        for user in found:
            sees = {"rep": user.seller or "", "manager": ", ".join(user.team),
                    "admin": "everything"}[user.role]
            table.add_row(user.name, user.role, sees)
        stdout.print(table)

    @users_app.command("passwd")
    def users_passwd(
        name: Annotated[str, typer.Argument(help="The log-in name.")],
        password_stdin: PasswordStdinOption = False,
        db: DbOption = None,
    ) -> None:
        """Set a user's password (a forgotten one) and end their sessions."""
        from .web.users import change_password, find_user

        engine = engine_or_exit(db)
        with engine.connect() as connection:
            user = find_user(connection, name)
        if user is None:
            fail(f"no user {name!r}; expected one of `salesleader users list`")
            raise typer.Exit(1)
        password = _read_password(user.name, password_stdin)
        try:
            with engine.begin() as connection:
                change_password(connection, user, password)
        except SalesleaderError as error:
            fail(str(error))
            raise typer.Exit(1) from None
        stderr.print(f"new password for {user.name!r}; their sessions are ended",
                     highlight=False)

    @users_app.command("remove")
    def users_remove(name: Annotated[str, typer.Argument(help="The log-in name.")],
                     db: DbOption = None) -> None:
        """Remove a dashboard user and end their sessions."""
        from .web.users import remove_user

        with engine_or_exit(db).begin() as connection:
            removed = remove_user(connection, name)
        if not removed:
            fail(f"no user {name!r}; expected one of `salesleader users list`")
            raise typer.Exit(1)
        stderr.print(f"removed {name!r}", highlight=False)

    @app.command("serve")
    def serve_command(
        db: DbOption = None,
        host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
        session_hours: Annotated[float, typer.Option(
            "--session-hours", min=0.1, help="How long a log-in lasts.")] = 12.0,
        secure_cookies: Annotated[bool, typer.Option(
            "--secure-cookies", help="Send the session cookie over HTTPS only (behind a TLS "
                                     "proxy).")] = False,
        workers: Annotated[int, typer.Option(
            "--workers", min=1, help="Server processes (each keeps its own copy of the "
                                     "calls).")] = 1,
        tls_cert: Annotated[Path | None, typer.Option(
            "--tls-cert", help="Serve HTTPS with this certificate (PEM; the chain after "
                               "it), with --tls-key.")] = None,
        tls_key: Annotated[Path | None, typer.Option(
            "--tls-key", help="The certificate's private key (PEM).")] = None,
        uploads: Annotated[bool, typer.Option(
            "--uploads/--no-uploads", help="Let users store transcripts from the browser "
                                           "(a rep's as their own calls).")] = True,
        config_path: ConfigOption = None,
        access_log: Annotated[bool, typer.Option(
            "--access-log", help="A line per request (client, method, path, status) on "
                                 "stdout.")] = False,
        root_path: Annotated[str, typer.Option(
            "--root-path", help="The path a proxy serves the dashboard under (/sales: it "
                                "forwards /sales/x as /x); links and redirects use it.")] = "",
    ) -> None:
        """The web dashboard over the store, behind a log-in.

        A rep sees their own calls, a manager their team's, an admin everything."""
        try:
            import uvicorn

            from .web.app import SERVE_ENV, create_app, normalise_root_path
        except ImportError:
            fail("the dashboard needs its extra; expected `pip install 'salesleader[web]'`")
            raise typer.Exit(2) from None
        from .web.users import list_users

        try:
            root_path = normalise_root_path(root_path)
        except ValueError as error:
            fail(f"serve: {error}")
            raise typer.Exit(1) from None
        tls = _tls_files(tls_cert, tls_key)
        config = config_or_exit(config_path)  # the roster and terms uploads are analysed with
        secure_cookies = secure_cookies or bool(tls)  # over HTTPS the cookie never goes in clear
        engine = engine_or_exit(db)
        with engine.connect() as connection:
            if not list_users(connection):
                fail("no dashboard users in this store; expected one first: "
                     "salesleader users add NAME --role admin")
                raise typer.Exit(1)
        stderr.print(f"salesleader dashboard on http{'s' if tls else ''}://{host}:{port}"
                     f"{f' (links under {root_path})' if root_path else ''}"
                     f"{f' ({workers} processes)' if workers > 1 else ''} (Ctrl+C stops it)",
                     highlight=False)
        # Quiet by default; with --access-log, uvicorn's line per request.
        logging: dict[str, Any] = ({"log_level": "info", "access_log": True} if access_log
                                   else {"log_level": "warning", "access_log": False})
        if workers == 1:
            uvicorn.run(create_app(engine, session_hours=session_hours,
                                   secure_cookies=secure_cookies, uploads=uploads,
                                   config=config, root_path=root_path),
                        host=host, port=port, **logging, **tls)
            return
        # Each worker process builds its own app from the environment it inherits.
        os.environ[DB_ENV] = engine.url.render_as_string(hide_password=False)
        os.environ[SERVE_ENV] = json.dumps({
            "session_hours": session_hours, "secure_cookies": secure_cookies,
            "uploads": uploads, "root_path": root_path,
            "config": str(config_path.resolve()) if config_path else None})
        engine.dispose()
        uvicorn.run("salesleader.web.app:app_from_env", factory=True, workers=workers,
                    host=host, port=port, **logging, **tls)
