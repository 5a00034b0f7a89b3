"""Command-line interface: a thin layer of Typer commands over importable functions.

Each module registers its commands on ``multipolar.cli.app.app``; importing this package
imports them all.
"""

from __future__ import annotations

from multipolar.cli import (  # noqa: F401  (imported for their command registrations)
    analysis_cmd,
    code_cmd,
    explain_cmd,
    ingest_cmd,
    kb_cmd,
    ontology_cmd,
    query_cmd,
    serve_cmd,
)
from multipolar.cli.app import app


def main() -> None:
    """Run the ``multipolar`` command line."""
    app()
