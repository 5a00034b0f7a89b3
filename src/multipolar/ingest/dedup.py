"""Exact and near-duplicate detection across the articles of a run (and a store).

Exact duplicates share ``content_hash`` and are refused (E109). Near-duplicates, the same
wire story republished with a new headline or a sentence moved, are found with MinHash over
word 5-shingles (taken inside sentences, so moving a sentence changes nothing) and a
``MinHashLSH`` index; they are kept, marked ``near_duplicate_of`` the
first article of their group, and not coded a second time.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import count

import numpy as np
from datasketch import MinHash, MinHashLSH

from multipolar import settings
from multipolar.errors import Errors
from multipolar.ingest.problems import ingest_error
from multipolar.records import Article, IngestError

SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
_SEED = 1


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


class Deduplicator:
    """Remembers the articles seen so far and flags exact and near duplicates of them."""

    def __init__(self, threshold: float | None = None, num_perm: int = 128) -> None:
        """Create an empty index; ``threshold`` defaults to the ``near_duplicate_threshold`` setting."""
        self.threshold = float(
            threshold if threshold is not None else settings.get("near_duplicate_threshold")
        )
        self.num_perm = num_perm
        self._ids_by_hash: dict[str, str] = {}
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=num_perm)
        self._signatures: dict[int, np.ndarray] = {}
        self._article_ids: dict[int, str] = {}
        self._keys = count()

    def seen(self, content_hash: str, article_id: str) -> None:
        """Register an article that is already stored, so an identical text is refused."""
        self._ids_by_hash.setdefault(content_hash, article_id)

    def _minhash(self, text: str) -> MinHash:
        minhash = MinHash(num_perm=self.num_perm, seed=_SEED)
        minhash.update_batch(sorted(shingles(text)))
        return minhash

    def _near_original(self, minhash: MinHash) -> str | None:
        """Return the id of the earliest indexed article whose estimated Jaccard passes the threshold."""
        matches = [
            key
            for key in self._lsh.query(minhash)
            if float(np.mean(self._signatures[key] == minhash.hashvalues)) >= self.threshold
        ]
        return self._article_ids[min(matches)] if matches else None

    def check(self, article: Article) -> Article | IngestError:
        """Return ``article`` (marked ``near_duplicate_of`` when it is one) or E109 for an exact duplicate.

        Articles shorter than the ``min_words`` setting are only checked for exact duplicates.
        """
        other = self._ids_by_hash.get(article.content_hash)
        if other is not None:
            return ingest_error(article.origin or article.id, Errors.E109, other=other)
        self._ids_by_hash[article.content_hash] = article.id
        if len(article.text.split()) < int(settings.get("min_words")):
            return article
        minhash = self._minhash(article.text)
        original = self._near_original(minhash)
        if original is not None and original != article.id:
            return dataclasses.replace(article, near_duplicate_of=original)
        key = next(self._keys)
        self._lsh.insert(key, minhash, check_duplication=False)
        self._signatures[key] = minhash.hashvalues.copy()
        self._article_ids[key] = article.id
        return article
