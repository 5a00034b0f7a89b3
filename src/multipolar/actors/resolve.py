"""First honest actor resolver: spaCy GPE/NORP entities mapped to countries with pycountry."""

from __future__ import annotations

import pycountry

from multipolar.records import ActorMention, Article


def _country(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def find_actors(doc, article: Article) -> list[ActorMention]:
    """Return the actor mentions in ``doc`` (countries named by spaCy GPE entities)."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ in ("GPE",):
            code = _country(ent.text)
            if code:
                mentions.append(
                    ActorMention(ent.text, ent.start_char, ent.end_char, code, code, None, "country", "spacy-gpe")
                )
    return mentions
