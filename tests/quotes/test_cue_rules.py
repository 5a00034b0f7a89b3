"""Each attribution rule of the quote stage on sentences written for these tests (three or more
differently worded sentences per rule), with the cue class each quote carries."""

from __future__ import annotations

import pytest
from quote_helpers import speaker_words

from multipolar import nlp
from multipolar.actors import find_actors
from multipolar.errors import MultipolarError
from multipolar.quotes import extract_quotes
from multipolar.quotes import lexicon as quote_lexicon
from multipolar.quotes.headlines import TITLE
from multipolar.quotes.quotes import MARKED, REPORTED, SOURCE
from multipolar.records import CUE_CLASSES, Article, content_hash
from multipolar.rules import reset_counts

# (rule, text, the quote's exact text, a word of its speaker, its cue class)
REPORTED_CASES = [
    ('speech_clause', 'The port authority said on Tuesday that the harbour would reopen in May.', 'the harbour would reopen in May', 'port authority', 'speech'),
    ('speech_clause', 'Aid workers told reporters the camp had run out of clean water.', 'the camp had run out of clean water', 'aid workers', 'speech'),
    ('cue_clause', 'The court ruled that the dismissal of the judges was unlawful.', 'the dismissal of the judges was unlawful', 'the court', 'speech'),
    ('speech_clause', 'The charity announced that its clinics would close in June.', 'its clinics would close in June', 'charity', 'speech'),
    ('according_to', 'According to the coastguard, four boats sank overnight.', 'four boats sank overnight', 'coastguard', 'speech'),
    ('according_to', 'Turnout fell to a record low, according to figures released by the electoral board.', 'Turnout fell to a record low', 'figures', 'document'),
    ('according_to', 'According to a survey for the public broadcaster NHK, a narrow majority of voters back the reform.', 'a narrow majority of voters back the reform', 'survey', 'document'),
    ('cue_clause', 'European diplomats believe the convoy was heading for the border.', 'the convoy was heading for the border', 'european diplomats', 'cognition'),
    ('cue_clause', 'A survey published on Tuesday found that most farmers expect lower harvests.', 'most farmers expect lower harvests', 'survey', 'document'),
    ('cue_clause', 'Lawmakers from both parties appeared convinced that the agency had lied.', 'the agency had lied', 'lawmakers', 'cognition'),
    ('cue_clause', 'Oil exporters fear that prices will fall further.', 'prices will fall further', 'oil exporters', 'cognition'),
    ('stance_complement', "The farmers' union blamed the drought for the price rises.", 'the drought for the price rises', 'farmers', 'stance'),
    ('stance_complement', 'The opposition called the ruling a disgrace.', 'the ruling a disgrace', 'opposition', 'stance'),
    ('stance_complement', 'The governor vowed to rebuild every school before winter.', 'to rebuild every school before winter', 'governor', 'stance'),
    ('stance_complement', "State prosecutors asked a judge on Tuesday to freeze the senator's accounts.", "a judge on Tuesday to freeze the senator's accounts", 'prosecutors', 'stance'),
    ('stance_complement', 'Analysts expect weeks of tense talks.', 'weeks of tense talks', 'analysts', 'cognition'),
    ('noun_cue_clause', 'Rescue workers rejected claims by the army that the road was open.', 'the road was open', 'the army', 'speech'),
    ('noun_cue_clause', "The senator's assertion that the fund was empty turned out to be false.", 'the fund was empty', 'senator', 'stance'),
    ('noun_cue_clause', "Officials dismissed the report's conclusion that the dam was unsafe.", 'the dam was unsafe', 'report', 'document'),
    ('noun_cue_object', 'The mayor closed the meeting with a call for calm on the streets.', 'calm on the streets', 'mayor', 'stance'),
    ('noun_cue_object', 'The bishops issued an appeal for an end to the fighting.', 'an end to the fighting', 'bishops', 'stance'),
    ('noun_cue_object', 'The rebels repeated their demand for a full withdrawal of foreign troops.', 'a full withdrawal of foreign troops', 'rebels', 'stance'),
    ('finding_verb_read_as_noun', 'Notes published by the bank show three members wanted a cut.', 'three members wanted a cut', 'notes', 'document'),
    ('finding_verb_read_as_noun', 'Records obtained by the union show managers ignored the warnings.', 'managers ignored the warnings', 'records', 'document'),
    ('finding_verb_read_as_noun', 'Data published by the agency show exports fell in May.', 'exports fell in May', 'data', 'document'),
    ('headline_says', 'Scientists fear the glacier is collapsing faster than expected\n\nThe ice sheet lost mass.', 'the glacier is collapsing faster than expected', 'scientists', 'cognition'),
    ('headline_colon', 'Central bank: inflation will stay high until autumn\n\nRates were unchanged.', 'inflation will stay high until autumn', 'central bank', 'speech'),
    ('headline_colon', "Teachers' union: new curriculum is rushed and unfunded\n\nSchools open on Monday.", 'new curriculum is rushed and unfunded', 'union', 'speech'),
    ('headline_colon', 'Red Cross: thousands still missing after the floods\n\nSearches continue.', 'thousands still missing after the floods', 'red cross', 'speech'),
    ('headline_says', 'Economists fear recession will hit the north hardest\n\nOutput fell.', 'recession will hit the north hardest', 'economists', 'cognition'),
    ('headline_says', 'Envoy urges rivals to return to talks\n\nThe talks stalled.', 'rivals to return to talks', 'envoy', 'stance'),
]

# (rule, text, the quote's exact text, a word of its speaker)
MARKED_CASES = [
    ('unclosed_with_inner_attribution', '“The fence will stay up, a border official said on Friday.', 'The fence will stay up', 'border official'),
    ('unclosed_with_inner_attribution', '“No ship has left the port since Monday, the harbour master told reporters.', 'No ship has left the port since Monday', 'harbour master'),
    ('unclosed_with_inner_attribution', '“We are still counting the ballots, an election official said late on Sunday.', 'We are still counting the ballots', 'election official'),
    ('frame_before', 'The governor told reporters: “We will rebuild every bridge.”', 'We will rebuild every bridge.', 'governor'),
    ('frame_before', 'Speaking in Lagos, the finance minister said: “The naira will recover.”', 'The naira will recover.', 'finance minister'),
    ('frame_before', 'Her answer was short – the senator wrote: “Not this year.”', 'Not this year.', 'senator'),
    ('colon_label', 'Defence Minister Karl Odum on the border: "We will not give up a metre."', 'We will not give up a metre.', 'karl odum'),
    ('colon_label', 'Kremlin: "The sanctions are illegal."', 'The sanctions are illegal.', 'kremlin'),
    ('colon_label', 'Finance chief Omar Sy on the budget: "We cannot cut any further."', 'We cannot cut any further.', 'omar sy'),
    ('attribution_after', '“We are not leaving,” the protest leader said.', 'We are not leaving', 'protest leader'),
    ('attribution_after', '"The border stays closed," Interior Minister Lea Bauer told a news conference.', 'The border stays closed', 'lea bauer'),
    ('attribution_after', '"Nobody wins a trade war," said the commerce secretary, Paula Ortiz.', 'Nobody wins a trade war', 'paula ortiz'),
    ('reported_fragment', 'The senator called the ruling “a gift to smugglers” in a speech on Monday.', 'a gift to smugglers', 'senator'),
    ('reported_fragment', 'The union said the offer was "an insult to every nurse" and walked out.', 'an insult to every nurse', 'union'),
    ('reported_fragment', 'Mayor Ana Lutz promised a response that would be "swift and fair to everyone".', 'swift and fair to everyone', 'ana lutz'),
    ('continues_previous', '"We lost," said the coach, Ivan Petrov. "Next year we will win."', 'Next year we will win.', 'ivan petrov'),
    ('continues_previous', '"The dam held," the engineer Rosa Diaz said. "It was built well."', 'It was built well.', 'rosa diaz'),
    ('continues_previous', '"Talks will resume," the envoy Tariq Aziz said on Monday. "Both sides want a deal."', 'Both sides want a deal.', 'tariq aziz'),
    ('speaker_in_context', 'Prime Minister Hanna Berg spoke for an hour. "Our farmers deserve better."', 'Our farmers deserve better.', 'hanna berg'),
    ('speaker_in_context', '"It is over." Those were the words of Mayor Ivo Han as the count ended.', 'It is over.', 'ivo han'),
    ('speaker_in_context', 'Chancellor Ruth Meyer looked tired at the summit. "We have done what we could."', 'We have done what we could.', 'ruth meyer'),
]

# (rule, text, the quote's exact text, a word of its speaker); the rule must fire on the text
SOURCE_CASES = [
    ('quoted_object', 'State radio quoted the harbour master as saying the port was closed.', 'the port was closed', 'harbour master'),
    ('quoted_object', 'The agency quoted a senior diplomat as saying that talks had stalled.', 'talks had stalled', 'diplomat'),
    ('quoted_object', 'Local media quoted the governor as saying the fires were contained.', 'the fires were contained', 'governor'),
    ('relative_pronoun', 'The motion was tabled by Senator Ruth Adeyemi, who said the budget ignored rural clinics.', 'the budget ignored rural clinics', 'ruth adeyemi'),
    ('relative_pronoun', "Support came from the dockers' union, which argued that the port could not compete without new cranes.", 'the port could not compete without new cranes', 'union'),
    ('relative_pronoun', 'The plan was drafted by Mayor Tomas Vidal, who has warned that the river will flood again.', 'the river will flood again', 'tomas vidal'),
    ('verb_subject', 'Foreign Minister Ana Ruiz said the border would reopen.', 'the border would reopen', 'ana ruiz'),
    ('verb_subject', 'The port authority said on Tuesday that the harbour would reopen in May.', 'the harbour would reopen in May', 'port authority'),
    ('verb_subject', 'Economists expect the central bank to raise rates in June.', 'the central bank to raise rates in June', 'economists'),
    ('shares_frame_source', 'The governor said the roads were clear and promised to reopen schools on Monday.', 'to reopen schools on Monday', 'governor'),
    ('shares_frame_source', 'The ambassador said talks were progressing but warned against expecting a quick deal.', 'against expecting a quick deal', 'ambassador'),
    ('shares_frame_source', 'The committee said the budget was balanced and urged ministers to keep spending flat.', 'ministers to keep spending flat', 'committee'),
    ('inverted_object', '"We will stay," told the mayor.', 'We will stay', 'mayor'),
    ('inverted_object', '"Keep calm," told the governor.', 'Keep calm', 'governor'),
    ('inverted_object', '"The fighting has stopped," told a UN official.', 'The fighting has stopped', 'official'),
    ('passive_agent', 'The deal was described by the senator as "a gift to the banks."', 'a gift to the banks.', 'senator'),
    ('passive_agent', 'The ceasefire was welcomed by the UN chief as "a first step toward a lasting peace."', 'a first step toward a lasting peace.', 'un chief'),
    ('passive_agent', 'The treaty was praised by the foreign minister as "a model for the whole region."', 'a model for the whole region.', 'foreign minister'),
]

# (rule, title, body, the quote's exact text, kind, a word of its speaker, cue class)
TITLE_CASES = [
    ("title_cue_verb", "Dock workers say new rules put jobs at risk", "The port reopened on Monday.",
     "new rules put jobs at risk", "indirect", "dock workers", "speech"),
    ("title_cue_verb", "Survey shows voters turning against the tax plan as vote nears", "The vote is on Sunday.",
     "voters turning against the tax plan", "indirect", "survey", "document"),
    ("title_cue_verb", 'Merkel praises rescuers, urges donors to "give what you can spare"',
     "Angela Merkel visited the flooded towns on Sunday.", "give what you can spare", "partial", "merkel", "stance"),
    ("title_colon", 'Carlos Mendes on the strike: "The harbour stays shut"', "The strike entered its third week.",
     "The harbour stays shut", "direct", "carlos mendes", "speech"),
    ("title_colon", "Central bank: inflation will stay high until autumn", "Rates were left unchanged on Thursday.",
     "inflation will stay high until autumn", "indirect", "central bank", "speech"),
    ("title_colon", "Red Cross: thousands still missing after the floods", "Searches continued on Tuesday.",
     "thousands still missing", "indirect", "red cross", "speech"),
]


def _quotes(text: str, title: str | None = None):
    article = Article(id="rule-test", text=text, content_hash=content_hash(text), title=title)
    doc = nlp.parse_one(text)
    return extract_quotes(doc, article, find_actors(doc, article))


def _the_quote(quotes, text):
    matching = [q for q in quotes if q.text == text]
    assert matching, f"no quote {text!r} in {[(q.text, q.rule) for q in quotes]}"
    return matching[0]


@pytest.mark.parametrize(("rule", "text", "content", "speaker", "cue_class"), REPORTED_CASES)
def test_reported_rules(rule, text, content, speaker, cue_class):
    quote = _the_quote(_quotes(text), content)
    assert quote.rule == f"{REPORTED.name}:{rule}"
    assert quote.kind == "indirect"
    assert speaker in speaker_words(quote)
    assert quote.cue_class == cue_class and quote.cue


@pytest.mark.parametrize(("rule", "text", "content", "speaker"), MARKED_CASES)
def test_marked_rules(rule, text, content, speaker):
    quote = _the_quote(_quotes(text), content)
    assert quote.rule == f"{MARKED.name}:{rule}"
    assert speaker in speaker_words(quote)


@pytest.mark.parametrize(("rule", "text", "content", "speaker"), SOURCE_CASES)
def test_source_rules(rule, text, content, speaker):
    reset_counts()
    quote = _the_quote(_quotes(text), content)
    assert SOURCE.hits[rule] > 0
    assert speaker in speaker_words(quote)


@pytest.mark.parametrize(("rule", "title", "body", "content", "kind", "speaker", "cue_class"), TITLE_CASES)
def test_title_rules(rule, title, body, content, kind, speaker, cue_class):
    quote = _the_quote(_quotes(body, title=title), content)
    assert quote.rule == f"{TITLE.name}:{rule}"
    assert (quote.kind, quote.cue_class) == (kind, cue_class)
    assert (quote.start, quote.end, quote.sentence_index) == (-1, -1, None)
    assert speaker in speaker_words(quote)


def test_title_speaker_is_linked_to_the_actor_the_text_names():
    quotes = _quotes("Former President Barack Obama spoke in Chicago on Tuesday.", title="Obama says the race is close")
    quote = _the_quote(quotes, "the race is close")
    assert quote.speaker.name == "Barack Obama" and quote.speaker.code


@pytest.mark.parametrize("title", ["Analysis: the war has reached a turning point", "Ukraine war: what we know so far",
                                   "Live: rescue teams search collapsed buildings"])
def test_section_labels_and_topics_are_no_title_sources(title):
    assert [q for q in _quotes("Rescue teams worked through the night.", title=title) if q.start == -1] == []


@pytest.mark.parametrize("title", [
    "Leaders Of Five Nations Sign Joint Plan To Expand Rail Links",
    "Farmers Block Highway Near Capital Over Fuel Warnings, Police Say Talks Continue",
    "Ministers Agree New Budget Framework Ahead Of Claims Deadline",
])
def test_title_case_words_before_a_noun_that_looks_like_a_cue_are_no_source(title):
    quotes = _quotes("Delegations met on Monday.", title=title)
    assert [q.cue for q in quotes if q.start == -1 and q.cue and q.cue.lower() in ("plan", "warnings", "claims")] == []


@pytest.mark.parametrize(("title", "content"), [
    ("Merkel Says Europe Must Stand Together", "Europe Must Stand Together"),
    ("Putin And Xi Say Ties Have Never Been Stronger", "Ties Have Never Been Stronger"),
    ("Foreign Ministry Says Talks Will Resume In May", "Talks Will Resume In May"),
])
def test_title_case_headlines_keep_short_names_and_institutions_as_sources(title, content):
    quotes = _quotes("Officials met on Monday.", title=title)
    assert any(q.start == -1 and q.text == content for q in quotes), [q.text for q in quotes]


@pytest.mark.parametrize("table", [REPORTED, MARKED, SOURCE, TITLE])
def test_every_rule_has_three_test_sentences(table):
    cases = {"quotes.reported": REPORTED_CASES, "quotes.marked": MARKED_CASES, "quotes.source": SOURCE_CASES,
             "quotes.title": TITLE_CASES}[table.name]
    for rule in table:
        assert rule.example, rule.name
        assert sum(1 for case in cases if case[0] == rule.name) >= 3, f"{table.name}:{rule.name} has too few tests"


def test_every_quote_has_a_rule_a_cue_and_a_class():
    text = (
        "The union accused the operator of stalling the talks. \"We will not be pushed around,\" its leader said. "
        "A survey published on Friday found that most commuters back the strike. "
        "Analysts believe the dispute could last until summer."
    )
    quotes = _quotes(text)
    assert {q.cue_class for q in quotes} == set(CUE_CLASSES)
    for quote in quotes:
        assert quote.rule and quote.rule.split(":")[0] in ("quotes.marked", "quotes.reported")
        assert quote.cue


@pytest.mark.parametrize(
    "text",
    [
        "The chancellor dismissed her finance minister on Wednesday.",
        "Reporters asked whether the minister would resign.",
        "Officials inspected what the army calls its buffer belt along the river.",
        "The committee called a meeting for Friday.",
    ],
)
def test_acts_questions_and_labels_are_no_attributions(text):
    assert _quotes(text) == []


def test_a_verb_in_two_classes_is_a_clear_error(monkeypatch):
    data = quote_lexicon.load_yaml("cues.yaml")
    data["stance"] = dict(data["stance"], verbs=list(data["stance"]["verbs"]) + ["say"])
    monkeypatch.setattr(quote_lexicon, "load_yaml", lambda name: data)
    quote_lexicon.cue_lexicon.cache_clear()
    try:
        with pytest.raises(MultipolarError, match="E400"):
            quote_lexicon.cue_lexicon()
    finally:
        monkeypatch.undo()
        quote_lexicon.cue_lexicon.cache_clear()


@pytest.mark.parametrize(
    ("text", "description", "name", "code"),
    [
        ("The New York Times reported on Monday that the talks had failed. "
         "The newspaper said the envoy had left the capital.", "The newspaper", "New York Times", "USAMED"),
        ("The Labour campaign said the poll was wrong. Hours later the campaign said the leader would speak on Friday.",
         "the campaign", "Labour", "GBR"),
        ("Amnesty International said the prisoners had been beaten. The group said the guards had not been punished.",
         "The group", "Amnesty International", "NGO"),
    ],
)
def test_descriptions_resolve_to_the_organisation_named_before(text, description, name, code):
    quote = next(q for q in _quotes(text) if q.speaker is not None and q.speaker.text == description)
    assert name in (quote.speaker.name or "") and (quote.speaker.code or "").startswith(code)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The minister said the reform would pass, leaving the opposition without a strategy.",
         "the reform would pass"),
        ("The envoy said the ceasefire was holding, hours after a rocket hit the market.",
         "the ceasefire was holding"),
        ("The coach insisted the team was ready, days before the final in Madrid.", "the team was ready"),
        ("Officials said the border would reopen, sending hundreds of lorries back to the crossing.",
         "the border would reopen"),
    ],
)
def test_reported_content_stops_before_the_writers_participle_or_time_frame(text, content):
    assert content in [q.text for q in _quotes(text)]


@pytest.mark.parametrize(
    ("text", "added", "speaker"),
    [
        ("The mayor said the bridge would reopen, adding that repairs had cost millions.",
         "repairs had cost millions", "mayor"),
        ("The general said the drills were over, adding that troops would return to base.",
         "troops would return to base", "general"),
        ("The bank said profits had doubled, noting that costs had also risen.", "costs had also risen", "bank"),
    ],
)
def test_a_participle_cue_after_a_reported_clause_keeps_the_frames_source(text, added, speaker):
    quote = _the_quote(_quotes(text), added)
    assert speaker in speaker_words(quote)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The pipeline, which Moscow says was damaged by divers, has been closed since May.",
         "was damaged by divers", "moscow"),
        ("The army, which analysts believe staged the coup, denied any role.", "staged the coup", "analysts"),
        ("The deal, which officials say will be signed in June, covers grain and fertiliser.",
         "will be signed in June", "officials"),
    ],
)
def test_a_parenthetical_attribution_inside_a_relative_clause_reports_what_follows_it(text, content, speaker):
    assert speaker in speaker_words(_the_quote(_quotes(text), content))
