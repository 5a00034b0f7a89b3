"""Knowledge base: countries, organisations, media, people with dated roles, and sectors.

``get_kb()`` returns the process-wide knowledge base (bundled YAML files plus the user folder
``$MULTIPOLAR_KB_DIR``), loaded and validated once. ``KnowledgeBase.lookup(name, date)`` says
how a name resolves and why; ``import_dictionary`` brings in PETRARCH/Phoenix dictionaries.
"""

from multipolar.kb.base import KnowledgeBase
from multipolar.kb.importer import import_dictionary, parse_actor_dictionary, parse_agent_dictionary
from multipolar.kb.loader import (
    KnowledgeBaseError,
    check_files,
    get_kb,
    load_knowledge_base,
    reset_cache,
    user_kb_dir,
)
from multipolar.kb.model import NameMatch, Resolution, Term

__all__ = [
    "KnowledgeBase",
    "KnowledgeBaseError",
    "NameMatch",
    "Resolution",
    "Term",
    "check_files",
    "get_kb",
    "import_dictionary",
    "load_knowledge_base",
    "parse_actor_dictionary",
    "parse_agent_dictionary",
    "reset_cache",
    "user_kb_dir",
]
