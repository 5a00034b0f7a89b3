"""Each quote mechanism on sentences written for these tests."""

from __future__ import annotations

import pytest
from quote_helpers import find_quote, speaker_words

from multipolar.errors import MultipolarError
from multipolar.quotes.lexicon import load_yaml


# -- direct quotes and their speakers -------------------------------------------------------
def test_speaker_after_the_quote(quotes_of):
    quotes = quotes_of('"Our ports will stay open to every ship," the Egyptian transport minister said on Sunday.')
    quote = find_quote(quotes, "Our ports will stay open")
    assert quote.kind == "direct"
    assert quote.text == "Our ports will stay open to every ship"
    assert "transport minister" in speaker_words(quote)
    assert quote.verb == "said"


def test_inverted_attribution(quotes_of):
    quotes = quotes_of("“The harvest is lost,” said Amina Yusuf, the regional governor. “We need seed by March.”")
    first = find_quote(quotes, "The harvest is lost")
    second = find_quote(quotes, "We need seed by March")
    assert "amina yusuf" in speaker_words(first)
    assert "amina yusuf" in speaker_words(second)


def test_interrupted_quote_gives_two_quotes_with_one_speaker(quotes_of):
    quotes = quotes_of('"We signed nothing today," Prime Minister Jonas Berg said, "but we agreed on a calendar."')
    assert [q.text for q in quotes] == ["We signed nothing today", "but we agreed on a calendar."]
    assert all("jonas berg" in speaker_words(q) for q in quotes)


def test_speaker_before_a_colon(quotes_of):
    quotes = quotes_of('At the summit Chancellor Petra Lind was blunt: "Europe has to pay for its own defence."')
    quote = find_quote(quotes, "Europe has to pay")
    assert quote.kind == "direct"
    assert "petra lind" in speaker_words(quote)


def test_speaker_before_a_dash(quotes_of):
    quotes = quotes_of("The envoy Omar Haddad ended the meeting with a warning – “time is running out for a deal.”")
    assert "omar haddad" in speaker_words(find_quote(quotes, "time is running out"))


def test_speaker_named_in_the_next_sentence(quotes_of):
    quotes = quotes_of('"No nation can be left to face this storm alone." So said Kenyan President William Ruto in Nairobi.')
    assert "william ruto" in speaker_words(find_quote(quotes, "No nation can be left"))


def test_quote_continuing_in_the_next_sentence_keeps_the_speaker(quotes_of):
    text = (
        '"The bridge will reopen in May," said Mayor Lucia Ferri. "Nobody should expect miracles before then."'
        " Opposition councillor Marco Bassi called the plan unrealistic."
    )
    quote = find_quote(quotes_of(text), "Nobody should expect miracles")
    assert "lucia ferri" in speaker_words(quote)


def test_quote_running_on_into_the_next_paragraph(quotes_of):
    text = (
        "“The ceasefire holds in the north,” the commander, Colonel Ivan Petrov, told reporters in the town.\n\n"
        "“In the south we still see shelling every night.”"
    )
    quote = find_quote(quotes_of(text), "In the south we still see shelling")
    assert "ivan petrov" in speaker_words(quote)


def test_unclosed_quote_is_cut_before_its_attribution(quotes_of):
    text = '"The reforms are late and they are too small, a senior central bank official said on Tuesday.'
    quote = find_quote(quotes_of(text), "The reforms are late")
    assert quote.text == "The reforms are late and they are too small"
    assert "central bank official" in speaker_words(quote)


def test_closing_mark_without_an_opening_one(quotes_of):
    text = 'The minister spoke after the vote. We will not raise taxes this year," Finance Minister Ana Costa said.'
    quote = find_quote(quotes_of(text), "We will not raise taxes")
    assert quote.text == "We will not raise taxes this year"
    assert "ana costa" in speaker_words(quote)


def test_nested_quote_belongs_to_the_outer_one(quotes_of):
    text = "“When they say ‘stability’, they mean silence,” the activist Lena Vogel said."
    quotes = quotes_of(text)
    assert len(quotes) == 1
    assert quotes[0].text == "When they say ‘stability’, they mean silence"


# -- pronouns, role descriptions, media and listeners --------------------------------------
def test_pronoun_speaker_resolves_to_the_person_named_before(quotes_of):
    text = (
        "Foreign Minister Kwame Mensah arrived in Abuja on Monday. "
        '"We came to listen before we speak," he said.'
    )
    quote = find_quote(quotes_of(text), "We came to listen")
    assert quote.speaker.text == "he"
    assert quote.speaker.name == "Kwame Mensah"


def test_pronoun_gender_follows_the_honorific(quotes_of):
    text = (
        "Ms Okafor met Mr Lindqvist in Geneva. "
        '"We agreed on the agenda," she said. "The rest will take months," he added.'
    )
    quotes = quotes_of(text)
    assert "okafor" in find_quote(quotes, "We agreed on the agenda").speaker.name.lower()
    assert "lindqvist" in find_quote(quotes, "The rest will take months").speaker.name.lower()


def test_role_description_refers_back_to_the_last_person(quotes_of):
    text = (
        "Brazilian President Luiz Inácio Lula da Silva met farmers in Goiás. "
        '"Nobody will go hungry in this country," the Brazilian leader promised.'
    )
    quote = find_quote(quotes_of(text), "Nobody will go hungry")
    assert quote.speaker.text == "the Brazilian leader"
    assert "Lula" in (quote.speaker.name or "")


def test_quote_relayed_by_a_news_agency(quotes_of):
    text = '"Our patience has limits," Defence Minister Hulusi Kaya was quoted as saying by the Anadolu news agency.'
    quote = find_quote(quotes_of(text), "Our patience has limits")
    assert "hulusi kaya" in speaker_words(quote)
    assert quote.medium is not None and "Anadolu" in quote.medium.text


def test_told_a_news_agency_is_a_medium_and_told_a_person_is_a_listener(quotes_of):
    text = (
        "Energy minister Karim Benali told state news agency APS that gas deliveries would resume. "
        '"We keep our word," Benali told Italian Prime Minister Giorgia Meloni.'
    )
    quotes = quotes_of(text)
    indirect = find_quote(quotes, "gas deliveries would resume")
    assert indirect.medium is not None and "APS" in indirect.medium.text
    direct = find_quote(quotes, "We keep our word")
    assert direct.listener is not None and "Giorgia Meloni" in direct.listener.text


# -- partial quotes and scare quotes -------------------------------------------------------
def test_partial_quote_inside_a_sentence(quotes_of):
    text = 'The Swedish foreign minister called the decision "a step backwards for the whole region."'
    quote = find_quote(quotes_of(text), "a step backwards")
    assert quote.kind == "partial"
    assert "swedish foreign minister" in speaker_words(quote)


def test_partial_quote_in_reported_speech_is_one_quote(quotes_of):
    text = 'Senator Ruth Adler said the bill was "dead on arrival" in the chamber.'
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["dead on arrival"]
    assert "ruth adler" in speaker_words(quotes[0])


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "security zone" now covers three villages.',
        "Officials inspected what the army calls its “buffer belt” along the river.",
        'The "green corridor" reopened on Tuesday after repairs.',
        'Residents queued for water near the "peaceful" checkpoint.',
    ],
)
def test_scare_quotes_are_not_quotes(quotes_of, text):
    assert quotes_of(text) == []


def test_quoted_term_inside_reported_speech_stays_indirect(quotes_of):
    text = 'The ministry said the "temporary measures" at the crossing would end next week.'
    quotes = quotes_of(text)
    assert len(quotes) == 1
    assert quotes[0].kind == "indirect"
    assert quotes[0].text.startswith('the "temporary measures"')


# -- indirect quotes -----------------------------------------------------------------------
def test_said_that_clause_without_that(quotes_of):
    quote = find_quote(quotes_of("Chilean President Gabriel Boric said that the copper deal was fair."), "copper deal")
    assert quote.kind == "indirect"
    assert quote.text == "the copper deal was fair"
    assert "gabriel boric" in speaker_words(quote)


def test_reporting_verbs_in_coordination(quotes_of):
    text = "The Indonesian envoy warned that the strait was overcrowded and insisted that patrols would continue."
    quotes = quotes_of(text)
    assert {q.text for q in quotes} >= {"the strait was overcrowded", "patrols would continue"}
    assert all("indonesian envoy" in speaker_words(q) for q in quotes)


def test_according_to(quotes_of):
    quotes = quotes_of("According to the Red Cross, the convoy reached the city before dawn.")
    quote = find_quote(quotes, "the convoy reached the city")
    assert quote.kind == "indirect"
    assert quote.text == "the convoy reached the city before dawn"
    assert "red cross" in speaker_words(quote)


def test_trailing_attribution_in_a_statement(quotes_of):
    text = "The two navies will hold joint drills next month, the Japanese defence ministry said in a statement."
    quote = find_quote(quotes_of(text), "joint drills")
    assert quote.text == "The two navies will hold joint drills next month"
    assert "japanese defence ministry" in speaker_words(quote)


def test_agency_reporting_a_statement_is_its_medium(quotes_of):
    text = "Prime Minister Anwar Ibrahim noted that the two economies were growing closer, Bernama reported."
    quotes = quotes_of(text)
    assert len(quotes) == 1
    assert "anwar ibrahim" in speaker_words(quotes[0])
    assert quotes[0].medium is not None and quotes[0].medium.text == "Bernama"


def test_questions_and_narration_are_not_quotes(quotes_of):
    text = (
        "Reporters asked whether the minister would resign. The parliament met on Monday and approved the budget."
    )
    assert quotes_of(text) == []


def test_offsets_match_the_text(quotes_of):
    text = 'Ms Haddad said talks were "moving forward". "We are close," she added.'
    for quote in quotes_of(text):
        assert text[quote.start : quote.end] == quote.text
        assert quote.id and quote.article_id == "quote-test"


def test_broken_lexicon_file_is_a_numbered_error():
    with pytest.raises(MultipolarError, match=r"\[E400\]"):
        load_yaml("no-such-lexicon.yaml")


# -- more attribution paths ----------------------------------------------------------------
def test_it_refers_to_the_organisation_that_spoke_last(quotes_of):
    text = (
        '"The exercise is routine," the Japanese coast guard said on Friday. '
        'It called the Chinese manoeuvres "dangerous and unprofessional."'
    )
    quote = find_quote(quotes_of(text), "dangerous and unprofessional")
    assert quote.speaker.text == "It"
    assert "coast guard" in (quote.speaker.name or "")


def test_parenthetical_attribution(quotes_of):
    quote = find_quote(quotes_of("The new port, officials said, would open to traffic in June."), "open to traffic")
    assert quote.kind == "indirect"
    assert speaker_words(quote).startswith("officials")


def test_two_speakers_in_one_sentence(quotes_of):
    text = (
        "A Nigerian army spokesman said the camp had been cleared, "
        "while the local governor said dozens of fighters were still in the forest."
    )
    quotes = quotes_of(text)
    first = find_quote(quotes, "the camp had been cleared")
    second = find_quote(quotes, "fighters were still in the forest")
    assert "governor" not in first.text
    assert "army spokesman" in speaker_words(first)
    assert "local governor" in speaker_words(second)


def test_quoted_fragment_opening_a_sentence(quotes_of):
    text = '"Deeply troubling" was how the UN refugee agency described the new asylum rules.'
    quote = find_quote(quotes_of(text), "Deeply troubling")
    assert "refugee agency" in speaker_words(quote)


def test_lone_quote_after_a_sentence_about_its_speaker(quotes_of):
    text = "Prime Minister Mia Holm spoke for an hour in parliament. \"We will not cut pensions.\" The chamber was half empty."
    quote = find_quote(quotes_of(text), "We will not cut pensions")
    assert "mia holm" in speaker_words(quote)


def test_platform_is_the_medium(quotes_of):
    quote = find_quote(quotes_of('"The vote was free," President Aliyev wrote on X.'), "The vote was free")
    assert quote.medium is not None and quote.medium.text == "X"
    assert "aliyev" in speaker_words(quote)


@pytest.mark.parametrize(
    "text",
    ['"', '""', "“”", ',"', '" said he', "‘’", '"A" "B" "C', "according to", "According to ,", "“" * 30, "\n\n\"\n\""],
)
def test_broken_marks_never_raise_and_offsets_hold(quotes_of, text):
    for quote in quotes_of(text):
        assert quote.start < quote.end
        assert text[quote.start : quote.end] == quote.text


def test_outlet_quoting_a_person(quotes_of):
    text = "State television quoted General Musa Bello as saying that the border was calm."
    quote = find_quote(quotes_of(text), "the border was calm")
    assert "musa bello" in speaker_words(quote)
    assert quote.medium is not None and quote.medium.text == "State television"


def test_fragment_under_a_person_subject_without_a_reporting_verb(quotes_of):
    text = 'Chancellor Greta Lund spoke in Oslo. She wants the alliance to be "ready within days, not months."'
    quote = find_quote(quotes_of(text), "ready within days")
    assert quote.kind == "partial"
    assert quote.speaker.text == "She"
    assert "Greta Lund" in (quote.speaker.name or "")


def test_fragment_without_any_speaker_is_dropped(quotes_of):
    assert quotes_of('The plan is "dead on arrival" in its current form.') == []
