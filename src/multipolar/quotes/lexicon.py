"""The quote and figure lexicons (``quotes/data/*.yaml``), loaded once and validated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from multipolar.errors import Errors, MultipolarError
from multipolar.records import CUE_CLASSES

_SPEECH_LISTS = (
    "reporting_verbs",
    "clause_verbs",
    "scare_cues",
    "speaker_nouns",
    "non_speaker_nouns",
    "media_words",
    "role_nouns",
    "group_descriptions",
)

_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it


def load_yaml(name: str) -> dict[str, Any]:
    """Return the mapping stored in ``quotes/data/<name>``; raise ``MultipolarError`` (E400) if it is broken.

    The parsed mapping is kept in the on-disk cache (``multipolar.cache``), keyed by the file's bytes.
    """
    from multipolar.cache import cached

    path = resources.files("multipolar.quotes") / "data" / name
    if isinstance(path, Path):
        return cached(f"quotes-{Path(name).stem}", [path], lambda: _parse_yaml(path, name))
    return _parse_yaml(path, name)


def _parse_yaml(path: Any, name: str) -> dict[str, Any]:
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
    group_descriptions: frozenset[str]
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




@dataclass(frozen=True)
class CueLexicon:
    """Attribution cues by class (``cues.yaml``): verbs, nouns, document sources and fixed phrases."""

    verb_class: dict[str, str]
    noun_class: dict[str, str]
    document_verbs: frozenset[str]
    document_sources: frozenset[str]
    phrase_class: dict[str, str]
    predicate_verbs: frozenset[str]
    cognition_adjectives: frozenset[str]
    object_nouns: frozenset[str]
    acts_on_people: frozenset[str]
    headline_labels: frozenset[str]
    cognition_object_verbs: frozenset[str]

    @property
    def verbs(self) -> frozenset[str]:
        """Return every cue verb of the speech, stance and cognition classes."""
        return frozenset(self.verb_class)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """Return the attribution cues from ``cues.yaml`` (loaded once, validated: each verb and noun
    belongs to one class, every phrase names a known class)."""
    source = "cues.yaml"
    data = load_yaml(source)
    verb_class: dict[str, str] = {}
    noun_class: dict[str, str] = {}
    for cls in CUE_CLASSES[:3]:
        section = data.get(cls)
        if not isinstance(section, dict):
            raise MultipolarError(Errors.E400.format(path=source, detail=f"{cls!r} must be a mapping"))
        for key, table in (("verbs", verb_class), ("nouns", noun_class)):
            for word in _word_list(section, key, source):
                if word in table and table[word] != cls:
                    raise MultipolarError(
                        Errors.E400.format(path=source, detail=f"{word!r} is in both {table[word]!r} and {cls!r}")
                    )
                table[word] = cls
    document = data.get("document")
    if not isinstance(document, dict):
        raise MultipolarError(Errors.E400.format(path=source, detail="'document' must be a mapping"))
    for word in _word_list(document, "nouns", source):
        if word in noun_class:
            raise MultipolarError(
                Errors.E400.format(path=source, detail=f"{word!r} is in both {noun_class[word]!r} and 'document'")
            )
        noun_class[word] = "document"
    phrases = data.get("phrases")
    if not isinstance(phrases, dict) or not all(
        isinstance(k, str) and v in CUE_CLASSES for k, v in phrases.items()
    ):
        raise MultipolarError(Errors.E400.format(path=source, detail=f"'phrases' must map phrases to {CUE_CLASSES}"))
    return CueLexicon(
        verb_class=verb_class,
        noun_class=noun_class,
        document_verbs=_word_list(document, "verbs", source),
        document_sources=_word_list(document, "sources", source),
        phrase_class={k.lower(): v for k, v in phrases.items()},
        predicate_verbs=_word_list(data, "needs_predicate", source),
        cognition_adjectives=_word_list(data["cognition"], "adjectives", source),
        object_nouns=_word_list(data["stance"], "object_nouns", source),
        acts_on_people=_word_list(data, "acts_on_people", source),
        headline_labels=_word_list(data, "headline_labels", source),
        cognition_object_verbs=_word_list(data["cognition"], "object_verbs", source),
    )


def present_forms(lemmas: Iterable[str]) -> dict[str, str]:
    """Return the present-tense forms of ``lemmas`` ("show", "shows"; "deny", "denies"), each to its lemma."""
    forms: dict[str, str] = {}
    for lemma in lemmas:
        if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            third = lemma[:-1] + "ies"
        elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
            third = lemma + "es"
        else:
            third = lemma + "s"
        forms[third] = lemma
        forms.setdefault(lemma, lemma)
    return forms
