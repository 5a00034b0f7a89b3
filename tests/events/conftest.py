"""Fixtures for the event-stage tests: direct coding of our own sentences with given actors."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from multipolar.records import ActorMention, Article, Event, content_hash


@pytest.fixture(scope="session")
def parse():
    """The shared spaCy pipeline's single-text parser."""
    from multipolar import nlp

    return nlp.parse_one


@pytest.fixture(scope="session")
def code_text(parse) -> Callable[..., list[Event]]:
    """Code ``text`` with the event stage alone, the actors given as {name: (code, country, kind)}.

    Every occurrence of each name becomes a mention, so the tests exercise the event rules and
    not the actor resolver.
    """
    from multipolar.events import code_events

    def run(text: str, actors: dict[str, tuple[str | None, str | None, str]], date: str | None = "2024-05-16") -> list[Event]:
        article = Article(id="test", text=text, content_hash=content_hash(text), date=date)
        doc = parse(text)
        mentions = []
        for name, (code, country, kind) in actors.items():
            for match in re.finditer(rf"\b{re.escape(name)}\b", text):
                sector = code[3:6] if code and len(code) > 3 else None
                mentions.append(ActorMention(name, match.start(), match.end(), code, country, sector, kind, "test"))
        mentions.sort(key=lambda m: m.start)
        return code_events(doc, article, mentions)

    return run


@pytest.fixture(scope="session")
def seed_coded_dated(seed_txt_path):
    """The seed article coded through the whole pipeline with its publication date, 2024-05-16."""
    import multipolar

    return multipolar.code(seed_txt_path.read_text(encoding="utf-8"), date="2024-05-16")


#: Countries, capitals, adjectives, towns and a few organisations, for tests of our own sentences.
WORLD_ACTORS: dict[str, tuple[str | None, str | None, str]] = {
    name: (code, code, "country")
    for name, code in {
        "Chile": "CHL", "Peru": "PER", "Ghana": "GHA", "Togo": "TGO", "Mali": "MLI", "Chad": "TCD",
        "Niger": "NER", "Oman": "OMN", "Qatar": "QAT", "Kenya": "KEN", "Benin": "BEN", "Laos": "LAO",
        "Nepal": "NPL", "Egypt": "EGY", "Sudan": "SDN", "Iraq": "IRQ", "Iran": "IRN", "Cuba": "CUB",
        "Fiji": "FJI", "Gabon": "GAB", "Japan": "JPN", "Spain": "ESP", "Italy": "ITA", "Greece": "GRC",
        "Norway": "NOR", "Sweden": "SWE", "Poland": "POL", "Latvia": "LVA", "Bhutan": "BTN",
        "Lima": "PER", "Accra": "GHA", "Nairobi": "KEN", "Muscat": "OMN", "Doha": "QAT", "Baghdad": "IRQ",
        "Chilean": "CHL", "Peruvian": "PER", "Malian": "MLI", "Kenyan": "KEN", "Greek": "GRC",
        "Polish": "POL", "Japanese": "JPN", "Iraqi": "IRQ", "Sudanese": "SDN",
    }.items()
}
WORLD_ACTORS.update({
    "Mombasa": (None, "KEN", "place"), "Basra": (None, "IRQ", "place"), "Arequipa": (None, "PER", "place"),
    "Gao": (None, "MLI", "place"), "Kisumu": (None, "KEN", "place"), "Mosul": (None, "IRQ", "place"),
    "Chilean army": ("CHLMIL", "CHL", "organisation"), "Iraqi army": ("IRQMIL", "IRQ", "organisation"),
    "Kenyan police": ("KENCOP", "KEN", "organisation"), "Sudanese government": ("SDNGOV", "SDN", "organisation"),
    "US President Donald Trump": ("USAGOV", "USA", "person"),
    "Russian President Vladimir Putin": ("RUSGOV", "RUS", "person"),
    "Ukrainian President Volodymyr Zelenskyy": ("UKRGOV", "UKR", "person"),
    "Belarusian President Alexander Lukashenko": ("BLRGOV", "BLR", "person"),
    "Western states": ("WST", None, "group"), "Gulf states": ("PGS", None, "group"),
    "African nations": ("AFR", None, "group"),
})


@pytest.fixture(scope="session")
def world_actors() -> dict[str, tuple[str | None, str | None, str]]:
    """The ``WORLD_ACTORS`` mentions: {name: (code, country, kind)}."""
    return WORLD_ACTORS
