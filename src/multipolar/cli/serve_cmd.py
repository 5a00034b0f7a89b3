"""The `serve` command: the web dashboard over a database, on 127.0.0.1 by default."""

from __future__ import annotations

from typing import Annotated

import typer

from multipolar import settings
from multipolar.cli.app import app
from multipolar.cli.output import console, print_errors
from multipolar.errors import MultipolarError


@app.command("serve")
def serve_command(
    db: Annotated[str | None, typer.Option("--db", help="DuckDB file (setting 'db').")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind; keep 127.0.0.1 unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the dashboard (overview, event search, articles, dyads, actors, network, JSON API)."""
    import uvicorn

    from multipolar.web import create_app

    try:
        web_app = create_app(db or settings.get("db"))
    except MultipolarError as exc:
        print_errors([str(exc)])
        raise typer.Exit(1) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning[/yellow] serving on {host}: anyone who can reach it can read the database")
    console.print(f"multipolar dashboard on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
