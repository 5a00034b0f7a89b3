"""Done-when of the actors issue on the canonical seed article, with the bundled knowledge base."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def seed_mentions(seed_txt_path):
    from multipolar.actors import find_actors
    from multipolar.ingest import document_from_string, extract_article
    from multipolar.nlp import parse_one

    article = extract_article(document_from_string(seed_txt_path.read_text(encoding="utf-8"), origin="seed"),
                              default_date="2024-05-16")
    return find_actors(parse_one(article.text), article)


def _codes(mentions, text):
    found = {m.code for m in mentions if text in m.text}
    assert found, f"no mention with {text!r}"
    return found


def test_people(seed_mentions):
    assert _codes(seed_mentions, "Putin") == {"RUSGOV"}
    assert _codes(seed_mentions, "Xi Jinping") == {"CHNGOV"}
    assert _codes(seed_mentions, "Mr Xi") == {"CHNGOV"}
    assert _codes(seed_mentions, "Chinese counterpart") == {"CHNGOV"}
    assert _codes(seed_mentions, "Zelenskyy") == {"UKRGOV"}
    assert _codes(seed_mentions, "Yuri Ushakov") == {"RUSGOV"}
    assert _codes(seed_mentions, "Russian leader") == {"RUSGOV"}


def test_media(seed_mentions):
    assert _codes(seed_mentions, "RIA Novosti") == {"RUSMED"}
    assert _codes(seed_mentions, "Xinhua") == {"CHNMED"}


def test_organisations_are_igos(seed_mentions):
    for name in ("UN Security Council", "BRICS", "SCO", "G20", "Eurasian Economic Community"):
        mentions = [m for m in seed_mentions if name in m.text]
        assert mentions and all(m.sector == "IGO" and m.country is None for m in mentions), name
    assert any(m.text == "UN" and m.code == "IGOUNO" for m in seed_mentions)
    assert _codes(seed_mentions, "Security Council") == {"IGOUNOSCR"}


def test_place_and_civilians(seed_mentions):
    kharkiv = next(m for m in seed_mentions if m.text == "Kharkiv")
    assert (kharkiv.kind, kharkiv.country) == ("place", "UKR")
    assert _codes(seed_mentions, "8,000 people") == {"UKRCVL"}
    assert _codes(seed_mentions, "10,000 civilians") == {"UKRCVL"}
    assert _codes(seed_mentions, "Russian troops") == {"RUSMIL"}


def test_nothing_from_the_junk_after_the_article(seed_mentions):
    assert not any(m.country == "NGA" for m in seed_mentions)
