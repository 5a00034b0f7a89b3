"""Ingest stage: read inputs into ``Document`` records and extract clean ``Article`` records.

Public API (everything else in this package is internal and may change)::

    read_documents(paths, input_format=None)      -> Iterator[Document | IngestError]
    document_from_string(content, ...)            -> Document
    extract_article(document, default_date=None)  -> Article | IngestError
    Deduplicator(threshold=None, num_perm=128)    .seen(hash, id) / .check(article)
    input_files(paths)                            -> list[str]  (the files read_documents reads)
"""

from __future__ import annotations

from multipolar.ingest.dedup import Deduplicator
from multipolar.ingest.extract import extract_article
from multipolar.ingest.readers import document_from_string, read_documents
from multipolar.ingest.sources import input_files

__all__ = ["Deduplicator", "document_from_string", "extract_article", "input_files", "read_documents"]
