"""Figures: counts of people and money, with qualifier, actor and event, on sentences of our own."""

from __future__ import annotations

import pytest

from multipolar.records import ActorRef, Event, Location


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


# -- whom a figure concerns: nationality first, then the place it happened, else nothing -------


@pytest.mark.parametrize(
    ("text", "kind", "who"),
    [
        # a nationality on the counted noun beats the place the people are in
        ("Thousands of Sudanese refugees have crossed into Chad since April.", "displaced", "SDNCVL"),
        ("Around 3,000 Eritrean refugees fled to Ethiopia last year.", "displaced", "ERICVL"),
        # else the place the clause locates it in: "<village>, <country>", a city of the gazetteer
        ("A stray rocket landed in Przewodow, Poland, killing two farm workers.", "killed", "POLCVL"),
        ("Shelling killed 12 civilians in Kharkiv on Tuesday.", "killed", "UKRCVL"),
        ("A missile struck a Lithuanian village near the border with Belarus, killing three people.", "killed", "LTUCVL"),
        # a country that only speaks, mediates or attacks is not the one the figure concerns
        ("Officials from Qatar said 40 protesters were detained in Tbilisi.", "arrested", "GEOCVL"),
        ("Iranian drones killed four people, the Israeli army said.", "killed", None),
        # a place of another sentence is never used; a country only the actor stage inferred neither
        ("Talks opened in Cairo on Monday. Police detained 40 people.", "arrested", None),
        ("The president fled to Moscow on Sunday. Hundreds of prisoners were freed from a jail near Damascus.",
         "released", "SYRCVL"),
    ],
)
def test_who_is_the_nationality_or_the_place_never_a_guess(figures_of, text, kind, who):
    assert _one(figures_of(text), kind).who == who


def test_mediators_place_is_not_the_hostages_country(figures_of):
    figure = _one(figures_of("Negotiators met in Egypt to discuss the 33 hostages held in Gaza."), "arrested")
    assert figure.who is not None and not figure.who.startswith("EGY")


def test_place_of_another_group_does_not_place_the_figure(figures_of):
    figures = figures_of("Minsk freed 12 people in exchange for four Belarusians held in Lithuania.")
    by_text = {f.text: f for f in figures}
    assert by_text["12 people"].who is None
    assert by_text["four Belarusians"].who == "BLRCVL"


def test_place_of_the_event_record_locates_the_figure(figures_of):
    text = "Missiles killed 14 people in Odesa overnight."
    trigger = text.index("killed")
    event = Event(
        id="ev-odesa", article_id="quote-test", sentence_index=0, plover="ASSAULT", cameo=None, goldstein=None,
        source=None, target=None, trigger="killed", trigger_start=trigger, trigger_end=trigger + 6,
        sentence=text, rule="test",
        location=Location(name="Odesa", country="UKR", start=text.index("Odesa"), end=text.index("Odesa") + 5),
    )
    figure = _one(figures_of(text, [event]), "killed")
    assert (figure.who, figure.event_id) == ("UKRCVL", "ev-odesa")


# -- kinds: release is not arrest, expulsion is not displacement, projections are not counts ---


def test_released_hostages_and_prisoners_are_released(figures_of):
    assert _one(figures_of("Hamas released 13 Israeli hostages on Friday."), "released").who == "ISRCVL"
    figures = figures_of("Under the deal, 50 hostages are to be freed in exchange for 150 Palestinian prisoners.")
    assert {f.kind for f in figures} == {"released"}
    assert _one(figures_of("Nine prisoners of war were handed over at the border."), "released").count == 9


def test_taking_hostages_stays_arrested(figures_of):
    assert _one(figures_of("Gunmen seized 40 hostages in a school in Beslan."), "arrested").count == 40


def test_expelled_diplomats_are_expelled_not_displaced(figures_of):
    figure = _one(figures_of("Russia expelled 20 Estonian diplomats last week."), "expelled")
    assert (figure.count, figure.who) == (20, "ESTGOV")
    tally = figures_of("Finland followed, bringing the number of Russian diplomats expelled from Nordic states to 45.")
    assert [(f.kind, f.count, f.who) for f in tally] == [("expelled", 45, "RUSGOV")]


@pytest.mark.parametrize(
    "text",
    [
        "The storm could force up to 300,000 people to flee.",
        "Aid agencies warned that as many as 90,000 residents might flee the city.",
        "The army can mobilise 50,000 troops within a week.",
    ],
)
def test_projections_are_skipped(figures_of, text):
    assert figures_of(text) == []


def test_estimates_of_the_past_keep_the_modal_as_qualifier(figures_of):
    figure = _one(figures_of("As many as 300 people may have been killed in the flooding in Libya."), "killed")
    assert (figure.count, figure.qualifier, figure.who) == (300, "may", "LBYCVL")


# -- vague amounts: the lower bound the word implies, the word as qualifier --------------------


@pytest.mark.parametrize(
    ("text", "kind", "count", "qualifier"),
    [
        ("Police detained hundreds of protesters in Minsk.", "arrested", 200, "hundreds"),
        ("Some thousands of residents fled Mosul.", "displaced", 2000, "thousands"),
        ("Tens of thousands of villagers fled the fighting.", "displaced", 20_000, "tens of thousands"),
        ("Millions of people have fled Ukraine since the invasion.", "displaced", 2_000_000, "millions"),
        ("More than dozens of students were arrested in Dhaka.", "arrested", 24, "dozens"),
    ],
)
def test_vague_amounts_count_their_lower_bound(figures_of, text, kind, count, qualifier):
    figure = _one(figures_of(text), kind)
    assert (figure.count, figure.qualifier) == (count, qualifier)


def test_vague_amounts_are_documented_in_the_lexicon():
    from multipolar.quotes.figures import figure_lexicon

    lexicon = figure_lexicon()
    assert {"dozens", "hundreds", "thousands", "millions"} <= lexicon.vague_numbers
    assert lexicon.number_words["dozens"] == 24 and lexicon.number_words["hundreds"] == 200


def _assault(text: str, trigger: str, source: ActorRef, target: ActorRef) -> Event:
    at = text.index(trigger)
    return Event(
        id="ev-assault", article_id="quote-test", sentence_index=0, plover="ASSAULT", cameo=None, goldstein=None,
        source=source, target=target, trigger=trigger, trigger_start=at, trigger_end=at + len(trigger),
        sentence=text, rule="test",
    )


def test_victim_of_the_figures_event_when_no_place_is_named(figures_of):
    text = "Observers estimate the war has killed more than 12,000 civilians so far."
    count = text.index("12,000")
    victims = ActorRef("ETHCVL", "ETH", "CVL", "12,000 civilians", start=count, end=count + len("12,000 civilians"))
    attacker = ActorRef("ERI", "ERI", None, "the war", start=text.index("the war"), end=text.index("the war") + 7)
    figure = _one(figures_of(text, [_assault(text, "killed", attacker, victims)]), "killed")
    assert figure.who == "ETHCVL"
    same_side = ActorRef("ETH", "ETH", None, "the war", start=attacker.start, end=attacker.end)
    figure = _one(figures_of(text, [_assault(text, "killed", same_side, victims)]), "killed")
    assert figure.who is None
