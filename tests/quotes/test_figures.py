"""Figures: counts of people and money, with qualifier, actor and event, on sentences of our own."""

from __future__ import annotations

import pytest

from multipolar.records import Event


def _one(figures, kind):
    matching = [f for f in figures if f.kind == kind]
    assert len(matching) == 1, figures
    return matching[0]


def test_killed_with_qualifier_and_nationality(figures_of):
    figure = _one(figures_of("Air strikes killed at least 45 Yemeni civilians on Saturday."), "killed")
    assert figure.count == 45
    assert figure.qualifier == "at least"
    assert figure.who == "YEMCVL"
    assert figure.text == "at least 45 Yemeni civilians"


def test_passive_counts_and_coordinated_counts(figures_of):
    figures = figures_of("Nearly 30 people were killed and 112 wounded when the market in Kherson was shelled.")
    killed, wounded = _one(figures, "killed"), _one(figures, "wounded")
    assert (killed.count, killed.qualifier) == (30, "nearly")
    assert wounded.count == 112
    assert killed.who == "UKRCVL"


def test_displaced_through_a_causative_and_words_as_numbers(figures_of):
    figure = _one(figures_of("The floods in Pakistan's Sindh province forced 1.5 million residents to leave their villages and flee."),
                  "displaced")
    assert figure.count == 1_500_000
    assert figure.who == "PAKCVL"


def test_vague_counts_keep_their_word(figures_of):
    figure = _one(figures_of("Security forces arrested dozens of students in Dhaka."), "arrested")
    assert figure.count == 24
    assert figure.qualifier == "dozens"


def test_number_words(figures_of):
    figure = _one(figures_of("Three Malian soldiers died in the ambush near the border."), "killed")
    assert figure.count == 3
    assert figure.who == "MLIMIL"


def test_deployed_troops_belong_to_the_sender(figures_of):
    figure = _one(figures_of("France deployed about 1,500 troops to Estonia last year."), "deployed")
    assert (figure.count, figure.qualifier, figure.who) == (1500, "about", "FRAMIL")


def test_money_for_aid_with_currency_and_recipient(figures_of):
    figure = _one(figures_of("Japan pledged $4.5 billion in aid to Ukraine on Monday."), "money")
    assert figure.count == 4_500_000_000
    assert figure.unit == "USD"
    assert figure.who == "UKR"


def test_money_in_euros_for_sanctions(figures_of):
    figure = _one(figures_of("The new sanctions freeze €12 billion of Iranian assets."), "money")
    assert (figure.count, figure.unit) == (12_000_000_000, "EUR")


@pytest.mark.parametrize(
    "text",
    [
        "The ruling party won 62 percent of the vote in 2021.",
        "The convoy travelled 300 km before it was stopped.",
        "The museum sold tickets worth $3 million last year.",
        "In 2014, the treaty was signed by 40 countries.",
    ],
)
def test_numbers_that_are_not_figures(figures_of, text):
    assert figures_of(text) == []


def test_figure_attaches_to_the_event_of_its_sentence(figures_of):
    text = "Police arrested 300 protesters in Tbilisi. The talks resumed."
    trigger = text.index("arrested")
    event = Event(
        id="ev-1", article_id="quote-test", sentence_index=0, plover="ARREST", cameo=None, goldstein=None,
        source=None, target=None, trigger="arrested", trigger_start=trigger, trigger_end=trigger + 8,
        sentence=text.split(".")[0], rule="test",
    )
    figure = _one(figures_of(text, [event]), "arrested")
    assert figure.event_id == "ev-1"
    assert figure.who == "GEOCVL"
