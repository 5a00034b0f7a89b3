"""Exact and near-duplicate detection across the articles of a run and of a store.

Exact duplicates share ``content_hash`` and are refused (E109). Near-duplicates, the same
wire story republished with a new headline or a sentence moved, are found with MinHash over
word 5-shingles (taken inside sentences, so moving a sentence changes nothing) and LSH
banding; they are kept, marked ``near_duplicate_of`` the most similar earlier original, and
not coded a second time.

The index persists: a ``Deduplicator`` may be given a ``NearDuplicateIndex`` (the store
implements one) holding the signatures of every stored original, so an article ingested in
a later run is matched exactly as it would have been in the same run. In memory the
deduplicator keeps only what the index does not hold yet (articles planned but not written),
and ``forget`` drops those once they are written: memory is bounded by the batches in flight,
not by the input's size.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from multipolar import settings
from multipolar.errors import Errors
from multipolar.ingest.problems import ingest_error
from multipolar.records import Article, IngestError

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: a pair at Jaccard 0.55 becomes a candidate with p > 0.99
_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_RANDOM = np.random.RandomState(1)
_A = _RANDOM.randint(1, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_B = _RANDOM.randint(0, 1 << 31, size=NUM_PERM, dtype=np.uint64)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Return the lowercased word ``size``-grams of each sentence of ``text``, UTF-8 encoded.

    Shingles never cross a sentence boundary, so a copy that moves a sentence or a paragraph
    keeps the same shingles; a sentence shorter than ``size`` words is one shingle.
    """
    found: set[bytes] = set()
    for sentence in _SENTENCE_BREAK.split(text):
        words = _WORD.findall(sentence.lower())
        if not words:
            continue
        if len(words) < size:
            found.add(" ".join(words).encode("utf-8"))
            continue
        found.update(" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1))
    return found


def signature(text: str) -> np.ndarray:
    """Return the MinHash signature of ``text`` (``NUM_PERM`` unsigned 32-bit values).

    Deterministic across processes and machines: shingles are hashed with BLAKE2b and permuted
    with fixed-seed universal hashes ``(a·x + b) mod p``.
    """
    values = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s, digest_size=4).digest(), "little") for s in shingles(text)),
        dtype=np.uint64,
    )
    if values.size == 0:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint32)
    permuted = (np.outer(values, _A) + _B) % _PRIME & _MAX_HASH
    return permuted.min(axis=0).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """Return the LSH ``(band, bucket)`` keys of a signature: one 63-bit bucket per band."""
    rows = NUM_PERM // BANDS
    keys = []
    for band in range(BANDS):
        chunk = sig[band * rows : (band + 1) * rows].tobytes()
        keys.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little") >> 1))
    return keys


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Return the Jaccard similarity estimated from two signatures."""
    return float(np.mean(first == second))


class NearDuplicateIndex(Protocol):
    """A persistent index of stored originals (the store implements it)."""

    def near_duplicate_candidates(self, keys: Sequence[tuple[int, int]]) -> list[tuple[int, int, str, bytes]]:
        """Return ``(band, bucket, article_id, signature bytes)`` of stored originals with any of ``keys``."""
        ...

    def stored_identities(self, hashes: Sequence[str], ids: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Return ``({content_hash: id}, {id: content_hash})`` for stored articles with those hashes or ids."""
        ...


@dataclass(frozen=True)
class Verdict:
    """What the deduplicator decided for one article.

    ``article`` is the article to code (``near_duplicate_of`` set when it is a copy), or
    ``error`` says why it is not stored: E109 exact duplicate (``already_stored`` when the
    copy is in the store), E140 an id repeated in the input, E141 an id stored with other
    content. ``signature`` is the MinHash to store with an original (``None`` otherwise).
    """

    article: Article | None
    error: IngestError | None = None
    already_stored: bool = False
    signature: np.ndarray | None = None
    replaces: tuple[str, ...] = ()  # stored ids this article replaces (only with ``recode``)


class Deduplicator:
    """Flags exact duplicates, repeated ids and near-duplicates of earlier articles."""

    def __init__(
        self,
        threshold: float | None = None,
        num_perm: int = NUM_PERM,
        index: NearDuplicateIndex | None = None,
        recode: bool = False,
    ) -> None:
        """Create a deduplicator; ``threshold`` defaults to the ``near_duplicate_threshold`` setting.

        ``index`` is the store's persistent index (``None``: this run only). With ``recode``,
        articles already stored are coded again and an id stored with other content is
        replaced by the new content.
        """
        if num_perm != NUM_PERM:
            raise ValueError(f"num_perm is fixed at {NUM_PERM}")
        self.threshold = float(
            threshold if threshold is not None else settings.get("near_duplicate_threshold")
        )
        self.num_perm = num_perm
        self.index = index
        self.recode = recode
        self._ids_by_hash: dict[str, str] = {}
        self._hash_by_id: dict[str, str] = {}
        self._origin_by_id: dict[str, str] = {}
        self._run_ids: set[str] = set()
        self._buckets: dict[tuple[int, int], list[str]] = {}
        self._signatures: dict[str, np.ndarray] = {}
        self._keys_by_id: dict[str, list[tuple[int, int]]] = {}

    def seen(self, content_hash: str, article_id: str) -> None:
        """Register an article that is already stored, so an identical text is refused."""
        self._ids_by_hash.setdefault(content_hash, article_id)
        self._hash_by_id.setdefault(article_id, content_hash)

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop in-memory state of articles now held by the persistent index (written)."""
        if self.index is None:
            return
        for article_id in article_ids:
            content = self._hash_by_id.pop(article_id, None)
            if content is not None and self._ids_by_hash.get(content) == article_id:
                del self._ids_by_hash[content]
            self._signatures.pop(article_id, None)
            for key in self._keys_by_id.pop(article_id, []):
                bucket = self._buckets.get(key)
                if bucket is not None and article_id in bucket:
                    bucket.remove(article_id)
                    if not bucket:
                        del self._buckets[key]

    def _near_original(
        self, sig: np.ndarray, keys: list[tuple[int, int]], stored: dict[tuple[int, int], list[tuple[str, bytes]]]
    ) -> str | None:
        """Return the most similar earlier original (ties: the smallest id) passing the threshold."""
        candidates: dict[str, np.ndarray] = {}
        for key in keys:
            for article_id in self._buckets.get(key, ()):
                candidates[article_id] = self._signatures[article_id]
            for article_id, raw in stored.get(key, ()):
                candidates.setdefault(article_id, np.frombuffer(raw, dtype=np.uint32))
        scored = [(similarity(sig, other), article_id) for article_id, other in candidates.items()]
        passing = [(-score, article_id) for score, article_id in scored if score >= self.threshold]
        return min(passing)[1] if passing else None

    def check(self, article: Article) -> Article | IngestError:
        """Return ``article`` (marked ``near_duplicate_of`` when it is one) or the error refusing it.

        E109 for an exact duplicate, E140 for an id this run already gave to another text,
        E141 for an id stored with other content. Articles shorter than the ``min_words``
        setting are only checked for exact duplicates.
        """
        verdict = self.check_all([article])[0]
        return verdict.article if verdict.article is not None else verdict.error  # type: ignore[return-value]

    def check_all(
        self, articles: Sequence[Article], precomputed: Sequence[tuple[int, np.ndarray]] | None = None
    ) -> list[Verdict]:
        """Return one ``Verdict`` per article, deciding them in order (one index query per batch).

        ``precomputed`` gives each article's ``(word count, signature)`` when they were computed
        elsewhere (a Dask worker); the articles' texts are then not read.
        """
        stored_by_hash: dict[str, str] = {}
        stored_by_id: dict[str, str] = {}
        if self.index is not None and articles:
            stored_by_hash, stored_by_id = self.index.stored_identities(
                [a.content_hash for a in articles], [a.id for a in articles]
            )
        minimum = int(settings.get("min_words"))
        sketches: list[tuple[np.ndarray, list[tuple[int, int]]] | None] = []
        for i, article in enumerate(articles):
            words, sig = precomputed[i] if precomputed else (len(article.text.split()), None)
            if words < minimum:
                sketches.append(None)
                continue
            sig = sig if sig is not None else signature(article.text)
            sketches.append((sig, band_keys(sig)))
        stored: dict[tuple[int, int], list[tuple[str, bytes]]] = {}
        if self.index is not None:
            wanted = sorted({key for sketch in sketches if sketch for key in sketch[1]})
            for band, bucket, article_id, raw in self.index.near_duplicate_candidates(wanted):
                stored.setdefault((band, bucket), []).append((article_id, raw))
        return [
            self._decide(a, stored_by_hash, stored_by_id, sketches[i], stored) for i, a in enumerate(articles)
        ]

    def _decide(
        self,
        article: Article,
        stored_by_hash: dict[str, str],
        stored_by_id: dict[str, str],
        sketch: tuple[np.ndarray, list[tuple[int, int]]] | None,
        stored: dict[tuple[int, int], list[tuple[str, bytes]]],
    ) -> Verdict:
        origin = article.origin or article.id
        earlier = self._ids_by_hash.get(article.content_hash) or stored_by_hash.get(article.content_hash)
        if earlier is not None and earlier in self._run_ids:
            return Verdict(None, ingest_error(origin, Errors.E109, other=earlier))
        if earlier is not None and not self.recode:
            return Verdict(None, ingest_error(origin, Errors.E109, other=earlier), already_stored=True)
        if article.id in self._run_ids:
            first = self._origin_by_id.get(article.id, "an earlier record")
            return Verdict(None, ingest_error(origin, Errors.E140, id=article.id, first=first))
        stored_hash = stored_by_id.get(article.id) or self._hash_by_id.get(article.id)
        if stored_hash is not None and stored_hash != article.content_hash and not self.recode:
            return Verdict(None, ingest_error(origin, Errors.E141, id=article.id))
        replaces = tuple(dict.fromkeys(i for i in (earlier, article.id if stored_hash else None) if i))
        self._ids_by_hash[article.content_hash] = article.id
        self._hash_by_id[article.id] = article.content_hash
        self._origin_by_id[article.id] = origin
        self._run_ids.add(article.id)
        if sketch is None:
            return Verdict(article, replaces=replaces)
        sig, keys = sketch
        original = self._near_original(sig, keys, stored)
        if original is not None and original != article.id:
            return Verdict(dataclasses.replace(article, near_duplicate_of=original), replaces=replaces)
        for key in keys:
            self._buckets.setdefault(key, []).append(article.id)
        self._signatures[article.id] = sig
        self._keys_by_id[article.id] = keys
        return Verdict(article, signature=sig, replaces=replaces)
