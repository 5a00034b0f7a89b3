"""The quote and figure lexicons (``quotes/data/*.yaml``), loaded once and validated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from multipolar.errors import Errors, MultipolarError

_SPEECH_LISTS = (
    "reporting_verbs",
    "clause_verbs",
    "scare_cues",
    "speaker_nouns",
    "non_speaker_nouns",
    "media_words",
    "role_nouns",
)

_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it


def load_yaml(name: str) -> dict[str, Any]:
    """Return the mapping stored in ``quotes/data/<name>``; raise ``MultipolarError`` (E400) if it is broken."""
    path = resources.files("multipolar.quotes") / "data" / name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST_SAFE_LOADER)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise MultipolarError(Errors.E400.format(path=name, detail=exc)) from exc
    if not isinstance(data, dict):
        raise MultipolarError(Errors.E400.format(path=name, detail="not a mapping"))
    return data


def _word_list(data: dict[str, Any], key: str, source: str) -> frozenset[str]:
    values = data.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise MultipolarError(Errors.E400.format(path=source, detail=f"{key!r} must be a list of strings"))
    return frozenset(v.lower() for v in values)


@dataclass(frozen=True)
class SpeechLexicon:
    """Word lists that drive quote detection and speaker attribution."""

    reporting_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    scare_cues: frozenset[str]
    speaker_nouns: frozenset[str]
    non_speaker_nouns: frozenset[str]
    media_words: frozenset[str]
    role_nouns: frozenset[str]
    pronoun_gender: dict[str, str]
    honorific_gender: dict[str, str]


@lru_cache(maxsize=1)
def speech_lexicon() -> SpeechLexicon:
    """Return the speech lexicon from ``speech.yaml`` (loaded once per process)."""
    source = "speech.yaml"
    data = load_yaml(source)
    lists = {key: _word_list(data, key, source) for key in _SPEECH_LISTS}

    def gender_map(key: str) -> dict[str, str]:
        table = data.get(key)
        if not isinstance(table, dict):
            raise MultipolarError(Errors.E400.format(path=source, detail=f"{key!r} must be a mapping"))
        return {word.lower(): gender for gender, words in table.items() for word in words}

    return SpeechLexicon(
        **lists,
        pronoun_gender=gender_map("pronouns"),
        honorific_gender=gender_map("honorifics"),
    )
