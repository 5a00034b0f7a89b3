"""Fixtures for the actor tests: a small knowledge base of our own and a resolver helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from multipolar.kb import load_knowledge_base
from multipolar.records import ActorMention, Article

HERE = Path(__file__).resolve().parent
FIXTURE_KB = HERE / "kb_fixture"
DICTIONARIES = HERE / "dictionaries"


@pytest.fixture(scope="session", autouse=True)
def empty_user_kb_dir(tmp_path_factory):
    """Point the user knowledge-base folder at an empty folder, so that dictionaries a developer
    imported into ~/.multipolar/kb do not change what these tests see."""
    import os

    folder = tmp_path_factory.mktemp("user-kb")
    previous = os.environ.get("MULTIPOLAR_KB_DIR")
    os.environ["MULTIPOLAR_KB_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("MULTIPOLAR_KB_DIR", None)
    else:
        os.environ["MULTIPOLAR_KB_DIR"] = previous


@pytest.fixture(scope="session")
def small_kb():
    """The fixture knowledge base in tests/actors/kb_fixture, validated strictly."""
    return load_knowledge_base(FIXTURE_KB, None, strict=True)


@pytest.fixture(scope="session")
def resolve_text(small_kb):
    """Return a function text, date -> actor mentions, parsed with the project pipeline."""
    from multipolar.actors import find_actors
    from multipolar.nlp import parse_one

    def run(text: str, date: str | None = None, kb=None) -> list[ActorMention]:
        article = Article(id="test", text=text, content_hash="test", date=date,
                          date_source="metadata" if date else None)
        return find_actors(parse_one(text), article, kb=kb or small_kb)

    return run


def _by_text(mentions: list[ActorMention], text: str) -> ActorMention:
    for mention in mentions:
        if text in mention.text:
            return mention
    raise AssertionError(f"no mention with {text!r} in {[m.text for m in mentions]}")


@pytest.fixture(scope="session")
def by_text():
    """Return a function mentions, text -> the first mention whose text contains ``text``."""
    return _by_text
