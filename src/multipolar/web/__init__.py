"""The web dashboard: ``create_app(db_path)`` returns the FastAPI application."""

from __future__ import annotations

from multipolar.web.app import create_app

__all__ = ["create_app"]
