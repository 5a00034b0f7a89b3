"""The shared spaCy pipeline: loaded once per process, used in batches.

spaCy is imported on first use only, so commands that parse nothing (``--help``, queries)
never pay for it. Texts longer than the ``chunk_chars`` setting (or spaCy's ``max_length``)
are parsed in chunks cut at paragraph, then sentence, then word boundaries and joined back
into one ``Doc`` whose text is exactly the input: offsets stay those of the whole text.

The models' matrix products go through numpy's BLAS on one thread (the ``matrix_library``
setting, ``numpy``) instead of spaCy's default, BLIS. The annotations are the same (every tag,
head, lemma and entity of 601 texts compared; the last bits of a float may differ between two
BLAS libraries, never enough here to change a decision), and where BLIS does not know the CPU
it falls back to its unoptimised ``generic`` kernel, which made the token-to-vector layers take
twice as long. ``blis`` keeps spaCy's default.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from multipolar import settings
from multipolar.blas import single_threaded_blas
from multipolar.errors import Errors, MultipolarError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"(?<=[.!?])[\"'”’)]*\s+"), re.compile(r"\s+"))


def load_pipeline(model: str | None = None) -> Language:
    """Return the spaCy pipeline named by ``model`` (default: the ``model`` setting), loaded once."""
    library = str(settings.get("matrix_library")).strip().lower()
    if library not in ("numpy", "blis"):
        raise MultipolarError(Errors.E901.format(value=library))
    return _load(model or settings.get("model"), bool(settings.get("fast_components")), library)


@lru_cache(maxsize=4)
def _load(name: str, fast_components: bool, library: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(name, exclude=_disabled_components(name))
    except (OSError, ImportError) as exc:
        raise MultipolarError(Errors.E900.format(model=name, detail=exc)) from exc
    if fast_components:
        from multipolar.nlp_tables import use_tables

        use_tables(nlp)
    if library == "numpy":
        use_numpy_products(nlp)
    return nlp


def use_numpy_products(nlp: Language) -> int:
    """Make every model of ``nlp`` multiply its matrices with numpy instead of BLIS; return the layers changed.

    Example: ``use_numpy_products(spacy.load("en_core_web_sm"))`` leaves the pipeline's
    annotations as they were and its token-to-vector layers about twice as fast on a CPU BLIS
    does not recognise. Models on other backends (a GPU) are left alone.
    """
    from thinc.api import NumpyOps

    numpy_ops = NumpyOps(use_blis=False)
    changed = 0
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps and getattr(layer.ops, "use_blis", False):
                layer.ops = numpy_ops
                changed += 1
    return changed


def _pipe(nlp: Language, texts: list[str], batch_size: int) -> list[Doc]:
    """Return the parsed docs of ``texts``, numpy's BLAS on one thread while they are parsed."""
    with single_threaded_blas():
        return list(nlp.pipe(texts, batch_size=batch_size))


def _disabled_components(name: str) -> list[str]:
    """Return the components the model ships disabled (its ``meta.json``): they never run, so
    they are not loaded at all (``en_core_web_sm``'s ``senter``: the parser sets sentences)."""
    from pathlib import Path

    import spacy.util

    try:
        path = Path(name) if Path(name).is_dir() else spacy.util.get_package_path(name)
        meta = spacy.util.get_model_meta(path)
    except Exception:  # an unusual model layout: load everything, as spaCy would
        return []
    return [c for c in meta.get("disabled", []) if isinstance(c, str)]


def chunk_limit(nlp: Language | None = None) -> int:
    """Return the longest text parsed in one piece: the ``chunk_chars`` setting, within spaCy's ``max_length``."""
    limit = int(settings.get("chunk_chars"))
    if nlp is not None:
        limit = min(limit, nlp.max_length - 1)
    return max(limit, 1_000)


def split_text(text: str, limit: int) -> list[str]:
    """Return consecutive pieces of ``text`` (joined, they are ``text``), each at most ``limit`` characters.

    A piece ends after a paragraph break where one falls inside the limit, else after a
    sentence end, else after a space; a text with none of them is cut at the limit.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > limit // 4]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _parse_long(nlp: Language, text: str, limit: int, batch_size: int) -> Doc:
    from spacy.tokens import Doc

    pieces = split_text(text, limit)
    log.warning(Errors.E142.format(length=len(text), chunks=len(pieces), limit=limit))
    docs = _pipe(nlp, pieces, max(1, min(batch_size, 4)))
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    if joined.text != text:  # never expected: the pieces partition the text
        raise ValueError("chunked parse changed the text")
    return joined


def parse_isolated(
    texts: Iterable[str], model: str | None = None, batch_size: int | None = None
) -> Iterator[Doc | Exception]:
    """Yield one parsed ``Doc`` per text, in order, or the exception that stopped that text alone.

    Texts go through ``nlp.pipe`` in batches of ``batch_size`` (the ``nlp_batch_size``
    setting); if a batch fails, its texts are parsed one by one so only the bad one fails.
    Long texts are parsed in chunks (see the module docstring).
    """
    nlp = load_pipeline(model)
    size = batch_size or settings.get("nlp_batch_size")
    limit = chunk_limit(nlp)
    batch: list[str] = []

    def flush() -> Iterator[Doc | Exception]:
        short = [t for t in batch if len(t) <= limit]
        try:
            parsed = iter(_pipe(nlp, short, size))
        except Exception:  # one bad text must not cost the others: retry alone
            parsed = iter([_parse_alone(nlp, t) for t in short])
        for text in batch:
            if len(text) <= limit:
                yield next(parsed)
                continue
            try:
                yield _parse_long(nlp, text, limit, size)
            except Exception as exc:
                yield exc
        batch.clear()

    for text in texts:
        batch.append(text)
        if len(batch) >= size:
            yield from flush()
    if batch:
        yield from flush()


def _parse_alone(nlp: Language, text: str) -> Doc | Exception:
    try:
        with single_threaded_blas():
            return nlp(text)
    except Exception as exc:
        return exc


def parse(texts: Iterable[str], model: str | None = None, batch_size: int | None = None) -> Iterator[Doc]:
    """Yield one parsed ``Doc`` per text, in order, using ``nlp.pipe`` batches (long texts in chunks)."""
    for doc in parse_isolated(texts, model=model, batch_size=batch_size):
        if isinstance(doc, Exception):
            raise doc
        yield doc


def parse_one(text: str, model: str | None = None) -> Doc:
    """Return the parsed ``Doc`` for a single text."""
    return next(parse([text], model=model, batch_size=1))
