"""The event stage offers a word only to the rules that can answer for it; nothing else changes.

``trigger_rules`` names the ``events.trigger`` rules whose lexicon tables hold the word's keys,
``may_be_frame`` says whether any frame table does, and ``REPORTED_POS`` the words the
``events.reported_demand`` rules can answer for. Here every rule of those tables runs on every
word of sentences of our own: a rule that answers must always be among the ones offered.
"""

from __future__ import annotations

import pytest

from multipolar.events.acts import (
    KEY_GATED,
    LEMMA_GATED,
    REPORTED,
    REPORTED_POS,
    SHAPE_GATED,
    TRIGGER,
    demanded_verbs,
    match_act,
    match_frame,
    may_be_frame,
    trigger_index,
    trigger_rules,
)
from multipolar.events.lexicon import load_lexicon
from multipolar.linguistics import token_facts

SENTENCES = [
    "Seoul cancelled the planned summit with Tokyo and called off the visit.",
    "Washington removed the rebel group from its terrorism blacklist and added 12 firms to its sanctions list.",
    "Thousands poured onto the streets of Tbilisi while Baku sent two brigades to the border with Armenia.",
    "The union called off the stoppage, and the army halted its offensive on the port city.",
    "Ottawa imposed sanctions on the regime; rebels resumed their offensive near the dam.",
    "The envoy flew to Doha for negotiations and is in Beijing for talks this week.",
    "Farmers blocked the motorway with tractors as the minister spoke with her counterpart.",
    "Lima condemned the raid, and talks between the two neighbours opened in Vienna.",
    "Officials were prepared to blacklist firms, accused of shelling the town, and may fly to Kyiv.",
    "Berlin said Minsk must free the pilots; monitors said the militia had committed atrocities.",
    "Accra threatened to ban imports, refused to meet the delegation and is open to a dialogue.",
    "The court ordered the editor to apologise, and the rivals will not sign the accord.",
]


@pytest.fixture(scope="module")
def docs(parse):
    return [parse(sentence) for sentence in SENTENCES]


def test_every_answering_trigger_rule_is_offered(docs):
    lexicon = load_lexicon()
    answered = set()
    for doc in docs:
        facts = token_facts(doc)
        for token in doc:
            offered = trigger_rules(lexicon, facts, token.i)
            for rule in TRIGGER:
                if rule.func(lexicon, token) is not None:
                    answered.add(rule.name)
                    assert rule.name in offered, (rule.name, token.text, doc.text)
    assert len(answered) >= 10  # the sentences reach most rules of the table


def test_match_act_answers_as_the_whole_table_does(docs):
    lexicon = load_lexicon()
    for doc in docs:
        for token in doc:
            name, act = TRIGGER.first(lexicon, token) if token.pos_ in ("VERB", "AUX") else (None, None)
            gated = match_act(lexicon, token)
            if act is not None:
                assert gated is not None and gated.rule == f"{TRIGGER.name}:{name}[{act.rule}]"
                assert gated.cameo == act.cameo


def test_frames_only_where_a_frame_table_holds_the_word(docs):
    lexicon = load_lexicon()
    frames = 0
    for doc in docs:
        facts = token_facts(doc)
        for token in doc:
            if match_frame(lexicon, token) is not None:
                frames += 1
                assert may_be_frame(lexicon, facts, token.i), (token.text, doc.text)
    assert frames >= 4


def test_reported_demands_start_from_verbs(docs):
    lexicon = load_lexicon()
    for doc in docs:
        for token in doc:
            if token.pos_ not in REPORTED_POS:
                for rule in REPORTED:
                    assert rule.func(token, lexicon) is None, (rule.name, token.text)


def test_reported_demands_need_a_demand_modal(docs):
    lexicon = load_lexicon()
    answered = 0
    for doc in docs:
        demanded = demanded_verbs(lexicon, doc, token_facts(doc))
        assert demanded is not None
        for token in doc:
            modal = bool({c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")} & lexicon.demand_modals)
            assert (token.i in demanded) == modal
            if any(rule.func(token, lexicon) is not None for rule in REPORTED):
                answered += 1
                assert token.i in demanded, (token.text, doc.text)
    assert answered >= 1  # "Berlin said Minsk must free the pilots"


def test_the_gate_names_rules_of_the_table():
    names = {rule.name for rule in TRIGGER}
    gated = {*KEY_GATED, *LEMMA_GATED, *SHAPE_GATED}
    assert gated <= names
    assert trigger_index(load_lexicon()).ungated == frozenset(names - gated)


def test_frame_words_include_every_trigger_word():
    from multipolar.events.acts import FRAME_POS, TRIGGER_POS

    assert TRIGGER_POS <= FRAME_POS
