"""Done-when checks of issue 4 on the seed article: quotes, speakers, media and figures."""

from __future__ import annotations

import pytest
from quote_helpers import find_quote


@pytest.fixture(scope="module")
def seed(seed_coded):
    """The coded seed article."""
    return seed_coded


@pytest.mark.parametrize(
    "opening",
    [
        "It is of fundamental importance",
        "Russia and China are successfully cooperating",
        "I would like to emphasize",
        "We have never refused to negotiate",
    ],
)
def test_direct_putin_quotes_are_attributed_to_putin(seed, opening):
    quote = next((q for q in seed.quotes if q.text.startswith(opening)), None)
    assert quote is not None, [q.text[:40] for q in seed.quotes]
    assert quote.kind == "direct"
    assert quote.speaker is not None
    assert quote.speaker.name == "Vladimir Putin"
    assert quote.speaker.code == "RUSGOV"
    assert seed.article.text[quote.start : quote.end] == quote.text


def test_last_putin_quote_is_relayed_by_xinhua(seed):
    quote = find_quote(list(seed.quotes), "We have never refused to negotiate")
    assert quote.medium is not None
    assert "Xinhua" in quote.medium.text
    assert quote.medium.code == "CHNMED"
    assert quote.text.endswith("including ours")


def test_putin_told_xi_keeps_the_listener(seed):
    quote = find_quote(list(seed.quotes), "I would like to emphasize")
    assert quote.listener is not None and quote.listener.text == "Xi Jinping"


@pytest.mark.parametrize("fragment", ["special character", "warm and comradely"])
def test_partial_quotes(seed, fragment):
    quote = find_quote(list(seed.quotes), fragment)
    assert quote.kind == "partial"
    assert quote.text.rstrip(".") == fragment


def test_xi_indirect_statement_on_the_security_council(seed):
    quote = find_quote(list(seed.quotes), "permanent members of the UN Security Council")
    assert quote.kind == "indirect"
    assert quote.text.startswith("both countries")
    assert quote.speaker.name == "Xi Jinping"
    assert quote.speaker.code == "CHNGOV"
    assert quote.medium is not None and quote.medium.text == "RIA"


def test_zelenskyy_indirect_statement_on_negotiations(seed):
    quote = find_quote(list(seed.quotes), "any negotiations must include")
    assert quote.kind == "indirect"
    assert quote.speaker.name == "Volodymyr Zelenskyy"
    assert quote.speaker.code == "UKRGOV"


def test_scare_quote_and_boilerplate_are_not_quotes(seed):
    texts = [q.text for q in seed.quotes]
    assert "peaceful" not in texts
    assert not any("Cookies" in t or "Criminally Minded" in t for t in texts)


def test_displaced_figure_in_kharkiv(seed):
    figure = next(f for f in seed.figures if f.kind == "displaced")
    assert figure.count == 8000
    assert figure.who == "UKRCVL"
    assert figure.text == "8,000 people"
    assert figure.qualifier is None


def test_killed_figure_keeps_its_qualifier(seed):
    figure = next(f for f in seed.figures if f.kind == "killed")
    assert figure.count == 10000
    assert figure.qualifier == "upwards of"
    assert figure.who == "UKRCVL"
    assert figure.unit == "people"


def test_events_said_inside_a_quote_are_linked_to_it(seed):
    quoted = [q for q in seed.quotes if q.event_ids]
    assert quoted, "no event was linked to a quote"
    event_ids = {e.id for e in seed.events}
    for quote in quoted:
        assert set(quote.event_ids) <= event_ids
