"""extract_article: body, title, date, language and boilerplate removal."""

from __future__ import annotations

import pytest

from multipolar import settings
from multipolar.ingest import document_from_string, extract_article, read_documents
from multipolar.records import Article, IngestError, content_hash

from .helpers import FRENCH, GERMAN, SPANISH, STORY_PARAGRAPHS, STORY_TITLE, story_html, story_text

JUNK_WORDS = ("IPOB", "Tompolo", "Tinubu", "Cookies", "opt-out", "Related posts")


def _article(content: str, **fields) -> Article:
    article = extract_article(
        document_from_string(content, **{k: v for k, v in fields.items() if k != "default_date"}),
        default_date=fields.get("default_date"),
    )
    assert isinstance(article, Article), article
    return article


@pytest.fixture(scope="module")
def seed_articles(seed_html_path, seed_txt_path) -> tuple[Article, Article]:
    html_doc, txt_doc = list(read_documents([seed_html_path, seed_txt_path]))
    return extract_article(html_doc), extract_article(txt_doc, default_date="2024-06-01")


def test_seed_html_and_txt_give_the_same_body_and_title(seed_articles) -> None:
    from_html, from_txt = seed_articles
    assert from_html.text == from_txt.text
    assert from_html.title == from_txt.title
    assert from_html.title.startswith("Putin And Xi Sign Joint Plan")
    assert from_html.id == from_txt.id == content_hash(from_txt.text)[:16]


def test_seed_body_ends_at_the_zelenskyy_paragraph(seed_articles) -> None:
    for article in seed_articles:
        last = article.text.split("\n\n")[-1]
        assert last.startswith("Volodymyr Zelenskyy") and last.endswith("security guarantees for Ukraine.")
        assert not any(word in article.text for word in JUNK_WORDS)
        assert article.text.count("\n\n") == 13 and not article.text.startswith("Putin And Xi")


def test_seed_dates(seed_articles) -> None:
    from_html, from_txt = seed_articles
    assert (from_html.date, from_html.date_source) == ("2024-05-16", "metadata")
    assert (from_txt.date, from_txt.date_source) == ("2024-06-01", "default")
    assert from_html.url == "https://news.example.org/2024/05/16/putin-xi-joint-plan/"
    assert from_html.author == "Staff Reporter" and from_html.language == "en"


def test_html_page_boilerplate_never_reaches_the_text() -> None:
    article = _article(story_html())
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)
    assert article.title == STORY_TITLE


def test_plain_text_junk_is_cut() -> None:
    pasted = "\n".join(
        [
            "Home › World › Americas",
            STORY_TITLE,
            "By Ana Souza | 12 March 2024",
            "",
            STORY_PARAGRAPHS[0],
            "Advertisement",
            STORY_PARAGRAPHS[1],
            "Also read: Port Strike Enters Third Week",
            STORY_PARAGRAPHS[2],
            "Share on Facebook | Share on X | Email",
            "Sign up for our daily newsletter to get the headlines in your inbox",
            "",
            "You may also like",
            "Central Bank Holds Rates Steady",
            "Storm Closes Airports Along The Coast",
            "Our site uses cookies to improve your experience. By continuing to browse you accept them.",
            "© 2024 Sample Wire",
        ]
    )
    article = _article(pasted, default_date="2020-01-01")
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)
    assert (article.date, article.date_source) == ("2024-03-12", "text")


def test_first_line_is_the_headline() -> None:
    article = _article(story_text())
    assert article.title == STORY_TITLE
    assert article.text.startswith("Foreign ministers")


def test_text_starting_with_prose_has_no_title() -> None:
    article = _article("\n\n".join(STORY_PARAGRAPHS))
    assert article.title is None and article.text.startswith("Foreign ministers")


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        STORY_TITLE
        + "\n\n"
        + "\n".join(
            [
                "Foreign ministers from Brazil and India met in Brasilia on Tuesday to",
                "prepare a joint proposal on reforming the World Trade Organization, and",
                "agreed to meet again in the spring.",
            ]
        )
    )
    assert _article(wrapped).text.count("\n") == 0


def test_related_block_in_the_middle_does_not_eat_the_story() -> None:
    text = "\n\n".join(
        [
            STORY_TITLE,
            STORY_PARAGRAPHS[0],
            "Related articles",
            "Port Strike Enters Third Week",
            *STORY_PARAGRAPHS[1:],
        ]
    )
    assert _article(text).text == "\n\n".join(STORY_PARAGRAPHS)


def test_dateline_in_first_paragraph() -> None:
    text = "\n\n".join(
        [STORY_TITLE, "BRASILIA, March 5, 2024 - " + STORY_PARAGRAPHS[0], *STORY_PARAGRAPHS[1:]]
    )
    article = _article(text)
    assert (article.date, article.date_source) == ("2024-03-05", "text")
    assert article.text == "\n\n".join(STORY_PARAGRAPHS) and article.source is None


@pytest.mark.parametrize(
    ("dateline", "date", "source"),
    [
        ("BRUSSELS, October 28, 2024 (Northern Dispatch) – ", "2024-10-28", "Northern Dispatch"),
        ("GENEVA (Wireline) - ", None, "Wireline"),
        ("KYIV, Ukraine, May 3 (Reuters) — ", None, "Reuters"),
        (
            "RIO DE JANEIRO, Brazil, Thursday, 14 March 2024 (Harbour  Gazette) -- ",
            "2024-03-14",
            "Harbour Gazette",
        ),
        ("LIMA, May 3 - ", None, None),
        ("SANTIAGO – ", None, None),
        ("Brasilia, 5 March 2024: ", "2024-03-05", None),
    ],
)
def test_dateline_leaves_the_body_and_gives_date_and_source(
    dateline: str, date: str | None, source: str | None
) -> None:
    text = "\n\n".join([STORY_TITLE, dateline + STORY_PARAGRAPHS[0], *STORY_PARAGRAPHS[1:]])
    article = _article(text)
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)
    assert (article.title, article.date, article.source) == (STORY_TITLE, date, source)
    assert article.date_source == ("text" if date else None)


def test_dateline_on_a_line_of_its_own_is_dropped() -> None:
    for dateline in ("GENEVA (Wireline) –", "WASHINGTON, July 9, 2024 (Global Ledger) —"):
        article = _article("\n".join([STORY_TITLE, "", dateline, *STORY_PARAGRAPHS]))
        assert article.text == "\n\n".join(STORY_PARAGRAPHS), dateline
        assert article.title == STORY_TITLE and article.source in ("Wireline", "Global Ledger")
    assert (
        _article("\n".join([STORY_TITLE, "", "WASHINGTON, July 9, 2024 –", *STORY_PARAGRAPHS])).date
        == "2024-07-09"
    )


def test_published_line_gives_the_date_and_leaves_the_body() -> None:
    text = "\n\n".join([STORY_TITLE, "Published: 2023-03-03", *STORY_PARAGRAPHS])
    article = _article(text, default_date="2020-01-01")
    assert (article.date, article.date_source, article.source) == ("2023-03-03", "text", None)
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)


def test_yearless_dateline_leaves_the_date_to_the_default() -> None:
    text = "\n\n".join([STORY_TITLE, "KYIV, Ukraine, May 3 (Reuters) — " + STORY_PARAGRAPHS[0]])
    article = _article(text, default_date="2024-05-04")
    assert (article.date, article.date_source, article.source) == ("2024-05-04", "default", "Reuters")


def test_metadata_beats_the_dateline_which_still_leaves_the_body() -> None:
    text = "\n\n".join(
        [
            STORY_TITLE,
            "BRUSSELS, October 28, 2024 (Northern Dispatch) – " + STORY_PARAGRAPHS[0],
            *STORY_PARAGRAPHS[1:],
        ]
    )
    document = document_from_string(text, date="2024-10-29", source="Sample Wire")
    article = extract_article(document)
    assert (article.date, article.date_source, article.source) == ("2024-10-29", "metadata", "Sample Wire")
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)


def test_html_dateline_leaves_the_body() -> None:
    page = story_html().replace("<p>Foreign ministers", "<p>BRASILIA (Wireline) – Foreign ministers")
    article = _article(page)
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)
    assert article.source == "Wireline" and article.date is None


def test_html_metadata_beats_the_dateline() -> None:
    head = (
        '<meta property="og:site_name" content="Sample Wire">'
        '<meta property="article:published_time" content="2024-03-06T07:00:00Z">'
    )
    page = story_html(extra_head=head).replace(
        "<p>Foreign ministers", "<p>BRASILIA, March 5, 2024 (Wireline) – Foreign ministers"
    )
    article = _article(page)
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)
    assert (article.date, article.date_source, article.source) == ("2024-03-06", "metadata", "Sample Wire")


@pytest.mark.parametrize(
    "opening",
    [
        "UN-backed talks on the proposal resumed in Geneva - the third round this year - on Monday.",
        "On Monday, March 4, 2024 – a day before the meeting – officials in Brasilia finished the draft.",
        "NATO (pictured below) - the alliance - was not part of the talks, officials said.",
        "US - Brazil trade talks were also discussed, the ministry said.",
    ],
)
def test_sentences_that_only_look_like_datelines_are_kept_whole(opening: str) -> None:
    article = _article("\n\n".join([STORY_TITLE, opening, *STORY_PARAGRAPHS]))
    assert article.text == "\n\n".join([opening, *STORY_PARAGRAPHS])
    assert article.source is None and article.date is None


def test_document_date_wins_and_is_normalised() -> None:
    document = document_from_string(story_text(), date="Tue, 12 Mar 2024 08:00:00 GMT")
    article = extract_article(document, default_date="2000-01-01")
    assert (article.date, article.date_source) == ("2024-03-12", "metadata")


def test_html_byline_date_when_metadata_has_none() -> None:
    page = story_html(byline='<div class="meta">Ana Souza, 7 February 2024</div>')
    page = page.replace("Copyright 2023", "Copyright 2019")
    article = _article(page, default_date="2020-01-01")
    assert article.date == "2024-02-07"


def test_html_footer_copyright_year_is_not_a_date() -> None:
    article = _article(story_html(), default_date="2021-09-09")
    assert (article.date, article.date_source) == ("2021-09-09", "default")


def test_no_date_anywhere() -> None:
    article = _article(story_text())
    assert article.date is None and article.date_source is None


def test_metadata_fields_from_the_document() -> None:
    document = document_from_string(
        story_text(), id="wire-1", url="https://wire.test/x", source="Wire", title=STORY_TITLE
    )
    article = extract_article(document)
    assert (article.id, article.url, article.source, article.title) == (
        "wire-1",
        "https://wire.test/x",
        "Wire",
        STORY_TITLE,
    )
    assert article.text.startswith("Foreign ministers")


@pytest.mark.parametrize(("text", "language"), [(FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es")])
def test_other_languages_are_skipped_with_e108(text: str, language: str) -> None:
    result = extract_article(document_from_string(text, origin="foreign.txt"))
    assert isinstance(result, IngestError) and result.code == "E108" and result.origin == "foreign.txt"
    assert repr(language) in result.reason


def test_languages_setting_allows_more(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_LANGUAGES", "en, fr")
    if "languages" in settings._overrides:
        monkeypatch.delitem(settings._overrides, "languages")
    article = extract_article(document_from_string(FRENCH))
    assert isinstance(article, Article) and article.language == "fr"


def test_very_short_text_is_taken_as_english() -> None:
    article = _article("Troops withdrew overnight.")
    assert article.language == "en" and article.text == "Troops withdrew overnight."


def test_empty_after_extraction_is_e107() -> None:
    result = extract_article(
        document_from_string("Share on Facebook | Tweet | Email\n\nAdvertisement\n", origin="junk.txt")
    )
    assert isinstance(result, IngestError) and result.code == "E107" and result.origin == "junk.txt"


def test_date_inside_the_first_sentence_is_not_a_dateline() -> None:
    opening = "On 24 February 2022, the two countries first discussed the idea of a joint proposal."
    article = _article("\n\n".join([STORY_TITLE, opening, *STORY_PARAGRAPHS]))
    assert article.date is None


def test_page_heading_differing_from_metadata_title_stays_out_of_the_body() -> None:
    page = story_html().replace(
        "</title>", '</title><meta property="og:title" content="Trade plan drafted in Brasilia">'
    )
    article = _article(page)
    assert article.title == "Trade plan drafted in Brasilia"
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)


def test_teasers_after_a_related_block_are_dropped_even_as_questions() -> None:
    text = "\n\n".join(
        [
            STORY_TITLE,
            *STORY_PARAGRAPHS,
            "Share this:\nFacebook\nX\nEmail",
            "More stories\nCan a robot write a symphony?\nFive walks to try this weekend",
            "Get our newsletter\nEnter your email address to receive the morning headlines.",
        ]
    )
    assert _article(text).text == "\n\n".join(STORY_PARAGRAPHS)


def test_small_html_fragment_keeps_its_text() -> None:
    fragment = (
        "<h2>Ceasefire talks</h2><p>Negotiators met again on Sunday.</p><p>No agreement was reached.</p>"
    )
    article = _article(fragment)
    assert article.title == "Ceasefire talks"
    assert article.text == "Negotiators met again on Sunday.\n\nNo agreement was reached."


def test_slashes_inside_words_are_not_navigation() -> None:
    text = (
        "Ministers discuss trade/tariff rules\n\nTalks on the trade/tariff rules resumed in Geneva on Monday."
    )
    assert _article(text).title == "Ministers discuss trade/tariff rules"


def test_news_about_cookies_or_email_is_not_junk() -> None:
    paragraphs = [
        "The data regulator fined an online retailer for placing advertising cookies without asking visitors first, the agency said on Monday.",
        "The minister said in an email that the headlines about the fine were misleading.",
        "Follow-up hearings are planned for the autumn.",
    ]
    assert _article("\n\n".join(["Retailer Fined Over Tracking", *paragraphs])).text == "\n\n".join(
        paragraphs
    )


def test_date_line_above_the_headline() -> None:
    article = _article("\n\n".join(["Thursday, 14 March 2024", STORY_TITLE, *STORY_PARAGRAPHS]))
    assert (article.title, article.date, article.date_source) == (STORY_TITLE, "2024-03-14", "text")
    assert article.text == "\n\n".join(STORY_PARAGRAPHS)


def test_english_full_of_foreign_names_is_still_english() -> None:
    text = (
        "Chief Obafemi Adeyemi of Ogbomoso told Oba Adebayo Akinola and Alhaji Danjuma Yakubu "
        "that the Oyo and Kwara elders were ready to meet in Ilorin on Tuesday."
    )
    article = _article(text)
    assert isinstance(article, Article) and article.language == "en"
