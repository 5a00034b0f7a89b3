"""Pairing of quotation marks: straight and curly, nested, unbalanced."""

from __future__ import annotations

from multipolar.quotes.marks import find_marked_spans


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marked_spans(text)]


def test_straight_and_curly_pairs():
    text = 'He said "we are ready" and she replied “so are we.”'
    assert _texts(text) == ["we are ready", "so are we."]


def test_apostrophes_are_not_marks():
    text = "Kenya’s envoy said the talks’ outcome was “a good start”, citing Nairobi’s role."
    assert _texts(text) == ["a good start"]


def test_single_quotes_nested_in_double_quotes_stay_inside():
    text = "“They call it ‘order’, we call it occupation,” the mayor said."
    assert _texts(text) == ["They call it ‘order’, we call it occupation,"]


def test_top_level_single_curly_quotes_pair():
    text = "The envoy described the offer as ‘a serious basis’ for talks."
    assert _texts(text) == ["a serious basis"]


def test_opening_mark_never_closed_runs_to_the_paragraph_end():
    text = '"We will not retreat from this position. Not now.\nThe next paragraph is narration.'
    spans = find_marked_spans(text)
    assert len(spans) == 1 and spans[0].unclosed
    assert text[spans[0].start : spans[0].end] == "We will not retreat from this position. Not now."


def test_closing_mark_without_opening_reaches_back_to_the_sentence_start():
    text = 'The vote was held on Sunday. Nobody will be left behind," the governor promised.'
    spans = find_marked_spans(text)
    assert len(spans) == 1 and spans[0].unopened
    assert text[spans[0].start : spans[0].end] == "Nobody will be left behind,"


def test_second_opening_mark_ends_an_unclosed_quote_at_the_last_sentence():
    text = "“The border stays shut. Trade can wait, an aide said. “We mean it,” she added."
    assert _texts(text) == ["The border stays shut. Trade can wait, an aide said.", "We mean it,"]


def test_marks_do_not_pair_across_paragraphs():
    text = "“First part of the remark\n\n“Second part of the remark.”"
    assert _texts(text) == ["First part of the remark", "Second part of the remark."]


def test_straight_single_quotes_pair_but_apostrophes_do_not():
    text = "'We won't bow to pressure,' the minister said of the leaders' summit in the '90s style."
    assert _texts(text) == ["We won't bow to pressure,"]


def test_initials_and_titles_do_not_end_sentences():
    text = 'The vote was close. Peace will come," U.S. envoy Mr. Jones said.'
    spans = find_marked_spans(text)
    assert text[spans[0].start : spans[0].end] == "Peace will come,"


def test_curly_quote_nested_in_a_curly_quote_belongs_to_the_outer_one():
    text = "“They told us “leave now” and then the shelling began,” the farmer said. “We had no time.”"
    assert _texts(text) == ["They told us “leave now” and then the shelling began,", "We had no time."]
