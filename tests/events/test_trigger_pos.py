"""``match_act`` offers only verbs and nouns to the ``events.trigger`` table: no rule may fire elsewhere.

The event stage skips every other word before running the trigger rules (a speed-up that
must not change what is coded). This checks every rule of the table, the ones added later
too, on words of every other part of speech in sentences of our own.
"""

from __future__ import annotations

from multipolar.events.acts import NOUN_TRIGGERS, TRIGGER, TRIGGER_POS, match_act
from multipolar.events.lexicon import load_lexicon

SENTENCES = [
    "Earlier, the very angry protesters outside had quickly blocked three major roads near the capital.",
    "Both neighbours were nonetheless eager to talk, and they signed off on a limited ceasefire.",
    "Military and economic aid to Kyiv, which had slowed down, rose sharply again in March.",
    "It is unclear whether anyone will attack first; few expect an offensive before the spring.",
    "Ten hostages were freed overnight, but hundreds more remain captive in tunnels under Gaza.",
    "Hostile, armed and secretive, the militia has kept away from all peace talks so far.",
    "Are they going to sanction us, or will they just threaten and then back down as usual?",
]


def test_no_trigger_rule_fires_outside_verbs_and_nouns(parse):
    lexicon = load_lexicon()
    checked = 0
    for sentence in SENTENCES:
        for token in parse(sentence):
            if token.pos_ in TRIGGER_POS:
                continue
            for rule in TRIGGER:
                assert rule.func(lexicon, token) is None, (rule.name, token.text, token.pos_, sentence)
            assert match_act(lexicon, token) is None
            checked += 1
    assert checked > 60  # adjectives, adverbs, numbers, pronouns, particles, prepositions, punctuation


def test_verbs_and_nouns_still_reach_the_rules(parse):
    lexicon = load_lexicon()
    doc = parse("Rebels attacked the convoy and the talks collapsed.")
    acts = {t.text: match_act(lexicon, t) for t in doc}
    assert acts["attacked"] is not None and acts["talks"] is not None
    assert acts["the"] is None and acts["and"] is None


def test_only_the_noun_triggers_answer_for_nouns(parse):
    lexicon = load_lexicon()
    nouns = 0
    for sentence in [*SENTENCES, "The talks on a ceasefire and the blockade of the port resumed after the strike.",
                     "Officials said the sanctions, a boycott and new tariffs were under discussion in Geneva."]:
        for token in parse(sentence):
            if token.pos_ not in ("NOUN", "PROPN"):
                continue
            nouns += 1
            for rule in TRIGGER:
                if rule.name not in NOUN_TRIGGERS:
                    assert rule.func(lexicon, token) is None, (rule.name, token.text, sentence)
    assert nouns > 25
    acts = {t.text: match_act(lexicon, t) for t in parse("The talks resumed after the blockade.")}
    assert acts["talks"] is not None and acts["blockade"] is not None
