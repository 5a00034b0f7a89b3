"""The shared spaCy pipeline: loaded once per process, used in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from multipolar import settings
from multipolar.errors import Errors, MultipolarError


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Return the spaCy pipeline named by ``model`` (default: the ``model`` setting), loaded once."""
    import spacy

    name = model or settings.get("model")
    try:
        return spacy.load(name)
    except (OSError, ImportError) as exc:
        raise MultipolarError(Errors.E900.format(model=name, detail=exc)) from exc


def parse(texts: Iterable[str], model: str | None = None, batch_size: int | None = None) -> Iterator[Doc]:
    """Yield one parsed ``Doc`` per text, in order, using ``nlp.pipe`` batches."""
    nlp = load_pipeline(model)
    size = batch_size or settings.get("batch_size")
    yield from nlp.pipe(texts, batch_size=size)


def parse_one(text: str, model: str | None = None) -> Doc:
    """Return the parsed ``Doc`` for a single text."""
    return next(parse([text], model=model, batch_size=1))
