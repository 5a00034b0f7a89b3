"""Store stage: the embedded DuckDB database, its queries and its exports."""

from multipolar.store.export import FORMATS, export_tables
from multipolar.store.schema import SCHEMA_VERSION
from multipolar.store.store import ResultSet, Store, WriteResult, open_store

__all__ = ["FORMATS", "SCHEMA_VERSION", "ResultSet", "Store", "WriteResult", "export_tables", "open_store"]
