"""Event stage: code who did what to whom, in PLOVER with CAMEO and Goldstein beside it.

``code_events(doc, article, mentions)`` is the stage's entry point (see ``coder``). The verb and
pattern lexicon is data (``events/data/verbs.yaml``); ``load_lexicon_file`` builds a lexicon from
another YAML file plus PETRARCH verb dictionaries (``petrarch.import_verb_patterns``), to pass
to ``code_events(..., lexicon=...)``.
"""

from multipolar.events.coder import code_events, group_events
from multipolar.events.lexicon import Lexicon, load_lexicon, load_lexicon_file
from multipolar.events.petrarch import import_verb_patterns

__all__ = ["Lexicon", "code_events", "group_events", "import_verb_patterns", "load_lexicon", "load_lexicon_file"]
