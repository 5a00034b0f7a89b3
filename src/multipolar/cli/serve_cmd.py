"""The `serve` command: the web dashboard over a database, on 127.0.0.1 by default.

On a loopback address anyone on the machine may use it. On any other address a token is
required (``--token`` or ``MULTIPOLAR_TOKEN``): every route checks it, and the printed link
carries it once to set a cookie. Requests naming another ``Host`` than the bound address,
loopback or ``--allow-host`` are refused (DNS rebinding).
"""

from __future__ import annotations

from typing import Annotated

import typer

from multipolar import settings
from multipolar.cli.commands import app
from multipolar.cli.output import console, print_errors
from multipolar.errors import Errors, MultipolarError


@app.command("serve")
def serve_command(
    db: Annotated[str | None, typer.Option("--db", help="DuckDB file (setting 'db').")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind; keep 127.0.0.1 unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Access token every request must carry (setting 'token'); required off loopback."),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Extra Host name browsers use to reach it (a DNS name); repeatable."),
    ] = None,
) -> None:
    """Serve the dashboard (overview, event search, articles, dyads, actors, network, JSON API)."""
    from urllib.parse import quote

    from multipolar.web.security import allowed_hosts_for, is_loopback

    secret = token or settings.get("token") or None
    if not is_loopback(host) and not secret:
        print_errors([Errors.E622.format(host=host)])
        raise typer.Exit(2)
    import uvicorn

    from multipolar.web import create_app

    try:
        web_app = create_app(db or settings.get("db"), allowed_hosts=allowed_hosts_for(host, allow_host or ()), token=secret)
    except MultipolarError as exc:
        print_errors([str(exc)])
        raise typer.Exit(1) from exc
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    link = f"http://{shown}:{port}/" + (f"?token={quote(secret, safe='')}" if secret else "")
    if not is_loopback(host):
        console.print(f"[yellow]serving on {host}[/yellow]: requests need the token; share the link only with readers")
    console.print(f"multipolar dashboard on {link} (Ctrl+C to stop)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
