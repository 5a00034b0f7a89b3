"""Shared test fixtures: the ../shared material (skipped where absent) and the loaded pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEED_DATE = "2024-05-16"
SAMPLES = ROOT / "src" / "multipolar" / "data" / "samples"


def _shared_file(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared fixtures/gold sets live beside the project in ../shared")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder (tests using it skip when it is absent)."""
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_txt_path() -> Path:
    """Path of the canonical seed article as plain text."""
    return _shared_file("fixtures/seed-article.txt")


@pytest.fixture(scope="session")
def seed_html_path() -> Path:
    """Path of the canonical seed article as an HTML page."""
    return _shared_file("fixtures/seed-article.html")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The bundled sample corpus."""
    return SAMPLES


@pytest.fixture(scope="session")
def seed_coded(seed_txt_path):
    """The seed article (text version, which carries no date: 2024-05-16 as in its HTML page) coded once."""
    import multipolar

    return multipolar.code(seed_txt_path.read_text(encoding="utf-8"), date=SEED_DATE)
