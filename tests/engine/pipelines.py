"""Two separately loaded copies of the model, for tests that change one and compare it with the other."""

from __future__ import annotations

import pytest
import spacy

from multipolar import settings


def two_copies():
    """Return two fresh ``spacy.load`` copies of the ``model`` setting, or skip the test if it is not installed."""
    model = settings.get("model")
    try:
        return spacy.load(model), spacy.load(model)
    except OSError as exc:  # pragma: no cover - the model is a declared dependency
        pytest.skip(f"model {model} not installed: {exc}")
