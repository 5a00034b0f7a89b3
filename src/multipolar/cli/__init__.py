"""Command-line interface: a thin layer of Typer commands over importable functions.

Each module registers its commands on ``multipolar.cli.app.app``; importing this package
imports them all.
"""

from __future__ import annotations

import logging
import sys

from multipolar.cli import (  # noqa: F401  (imported for their command registrations)
    analysis_cmd,
    code_cmd,
    explain_cmd,
    ingest_cmd,
    kb_cmd,
    ontology_cmd,
    query_cmd,
    rules_cmd,
    serve_cmd,
)
from multipolar.cli.app import app
from multipolar.cli.output import print_errors
from multipolar.errors import MultipolarError


def main() -> None:
    """Run the ``multipolar`` command line; user-facing errors print one line and exit 1."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("warning %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("multipolar").addHandler(handler)
    try:
        app()
    except MultipolarError as exc:
        print_errors([str(exc)])
        sys.exit(1)
