"""The shared linguistic layer: word classes, syntax helpers and per-document facts.

Every stage that reads parsed text (actors, events, quotes) takes these from here rather than
keeping its own copy:

- ``words``: month and weekday names, place nouns, pronouns (data in ``words.yaml``);
- ``syntax``: the subject of a verb, the antecedent of a pronoun, who speaks;
- ``layer``: ``layer_of(doc)``, computed once per parsed document: sentence, token and paragraph
  offsets and the datelines opening paragraphs (read with the ingest stage's dateline rules);
  ``entities(doc)``, the named entities, also built once per document; ``sentences(doc)``, the
  sentences from bounds found once; ``span_text(span)``, a span's text sliced from the layer;
- ``tokens``: ``token_facts(doc)``, every token's part of speech, tag, dependency, lowercase form
  and lemma as strings in lists, read once per document; ``token_memo(doc)``, a per-document memo
  for pure functions of the parse; ``children_of(token)``, a token's children made once per document;
  ``remembered(kind, token, compute)``, a pure function of the parse worked out once per document
  and token; ``release_token_caches(doc)`` drops the memo and children when a stage is done with the
  document (the facts stay).
"""

from multipolar.linguistics.layer import (
    DatelineSpan,
    DocumentLayer,
    dateline_spans,
    entities,
    entities_within,
    find_datelines,
    layer_of,
    release_document,
    sentences,
    span_text,
)
from multipolar.linguistics.syntax import (
    INHERIT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    SURFACE_SUBJECT_DEPS,
    antecedent,
    children,
    clause_subject,
    conjuncts,
    governing_subject,
    is_passive,
    nearest_subject,
    speaker_of,
    subject_of,
)
from multipolar.linguistics.tokens import (
    TokenFacts,
    children_of,
    release_token_caches,
    remembered,
    token_facts,
    token_memo,
)
from multipolar.linguistics.words import (
    FIRST_PERSON,
    MONTH_NUMBERS,
    MONTH_WORDS,
    MONTHS,
    PLACE_NOUNS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    SETTING_NOUNS,
    WEEKDAYS,
    is_month,
    is_place_noun,
    month_number,
    month_pattern,
)

__all__ = [
    "FIRST_PERSON", "INHERIT_DEPS", "MONTHS", "MONTH_NUMBERS", "MONTH_WORDS", "PASSIVE_SUBJECT_DEPS", "PLACE_NOUNS",
    "PRONOUNS", "RELATIVE_PRONOUNS", "SETTING_NOUNS", "SUBJECT_DEPS", "SURFACE_SUBJECT_DEPS", "WEEKDAYS",
    "DatelineSpan", "DocumentLayer", "dateline_spans", "entities", "entities_within", "antecedent", "children", "clause_subject", "conjuncts", "find_datelines",
    "governing_subject", "is_month", "is_place_noun", "is_passive", "layer_of", "month_number", "month_pattern",
    "nearest_subject", "release_document", "sentences", "span_text", "speaker_of", "subject_of",
    "TokenFacts", "children_of", "release_token_caches", "remembered", "token_facts", "token_memo",
]
