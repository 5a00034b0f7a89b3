"""Commands of this module are registered on multipolar.cli.app.app (filled in by its owner)."""
