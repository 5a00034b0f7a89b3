"""The event stage's per-document caches answer what the direct computation answers.

Every sentence here is our own.
"""

from __future__ import annotations

from multipolar.events import arguments as args
from multipolar.events.acts import (
    _aux_lemmas,
    _find_light_objects,
    _find_verb_objects,
    _light_objects,
    _verb_objects,
)
from multipolar.events.placing import _find_place_spans, _place_spans, entities_starting_in
from multipolar.linguistics import entities, sentences
from multipolar.records import ActorMention

TEXT = ("Kenya and Uganda signed a border accord in Kampala on Friday. Police in Nairobi had not arrested "
        "the protesters, who will march to Mombasa on Monday, and Queen Rania of Jordan sent aid to Gaza.")


def _mentions(text: str) -> list[ActorMention]:
    found = []
    for name, code, sector, kind in (
        ("Kenya", "KEN", None, "country"), ("Uganda", "UGA", None, "country"), ("Kampala", "UGA", None, "place"),
        ("Police", None, "COP", "group"), ("Nairobi", "KEN", None, "place"), ("Queen Rania", None, "ELI", "person"),
        ("Jordan", "JOR", None, "country"), ("Gaza", "PSE", None, "place"),
    ):
        start = text.index(name)
        found.append(ActorMention(name, start, start + len(name), code, code, sector, kind, "test"))
    return sorted(found, key=lambda m: m.start)


def test_objects_and_auxiliaries_equal_the_direct_walk(parse):
    doc = parse(TEXT)
    for token in doc:
        assert [t.i for t in _verb_objects(token)] == [t.i for t in _find_verb_objects(token)]
        assert [t.i for t in _light_objects(token)] == [t.i for t in _find_light_objects(token)]
        assert _aux_lemmas(token) == {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    verb = next(t for t in doc if t.lemma_ == "sign")
    objects = _verb_objects(verb)
    objects.append(verb)  # a caller may extend the list it gets: the cache keeps its own
    assert verb not in _verb_objects(verb)


def test_nearest_mentions_are_the_same_on_every_call(parse):
    doc = parse(TEXT)
    index = args.MentionIndex(doc, _mentions(TEXT))
    for token in doc:
        first = args.nearest_mentions(token, index)
        direct, _ = args._nearest_mentions(token, index, frozenset(), 5, args.PHRASE_BLOCKED, False, False)
        assert [(m, t.i) for m, t in first] == [(m, t.i) for m, t in direct]
        again = args.nearest_mentions(token, index)
        assert [(m, t.i) for m, t in again] == [(m, t.i) for m, t in first]
    kenya = next(t for t in doc if t.text == "Kenya")
    assert args.nearest_mentions(kenya, index)[0][0] is args.nearest_mentions(kenya, index)[0][0]
    # a person completed with the country of their phrase is a new mention on every call, as before
    rania = next(t for t in doc if t.text == "Rania")
    first, second = args.nearest_mentions(rania, index), args.nearest_mentions(rania, index)
    assert first[0][0].text == "Queen Rania" and first[0][0].country == "JOR"
    assert first[0][0] == second[0][0] and first[0][0] is not second[0][0]


def test_place_spans_and_date_entities_equal_the_direct_search(parse):
    doc = parse(TEXT)
    index = args.MentionIndex(doc, _mentions(TEXT))
    for sent in sentences(doc):
        assert [(s.start, s.end) for s in _place_spans(sent, index)] == [
            (s.start, s.end) for s in _find_place_spans(sent, index)]
        assert _place_spans(sent, index) is _place_spans(sent, index)
        assert entities_starting_in(doc, sent.start, sent.end) == [
            e for e in entities(doc) if sent.start <= e.start < sent.end]
    assert entities_starting_in(doc, 0, len(doc)) == list(entities(doc))


def test_noun_matching_reads_the_context_only_when_needed(parse):
    from multipolar.events.acts import _context_words, _find_context_words, _match_nouns, _noun_keys
    from multipolar.events.lexicon import load_lexicon

    lexicon = load_lexicon()
    doc = parse("Prisoners began a hunger strike after the air strikes, and the peace talks stalled over a ceasefire.")
    matched = 0
    for token in doc:
        assert _context_words(token) == _find_context_words(token)
        for table in (lexicon.nouns, lexicon.supported_nouns):
            for key in _noun_keys(token):
                candidates = table.get(key)
                if candidates:
                    matched += 1
                    assert _match_nouns(lexicon, candidates, token) is lexicon.match_nouns(
                        candidates, _find_context_words(token))
    assert matched >= 4


def test_coding_a_document_leaves_no_cached_tokens_on_it():
    from multipolar import nlp
    from multipolar.events import code_events
    from multipolar.records import Article, content_hash

    text = "Kenya and Uganda signed a border accord in Kampala on Friday."
    doc = nlp.parse_one(text)
    article = Article(id="caches", text=text, content_hash=content_hash(text), date="2024-05-16")
    events = code_events(doc, article, [ActorMention("Kenya", 0, 5, "KEN", "KEN", None, "country", "test"),
                                        ActorMention("Uganda", 10, 16, "UGA", "UGA", None, "country", "test")])
    assert events
    # the Token objects it cached are dropped; the token facts (plain strings) stay for later stages
    assert not [key for key in doc.user_data if "token_memo" in str(key) or "children" in str(key)]
