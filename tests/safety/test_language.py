"""Language by script for scripts without spaces and short texts; no "assume English"."""

from __future__ import annotations

import pytest

from multipolar.ingest.language import dominant_script, identify


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("外交部发言人表示，双方将继续保持沟通。", "zh"),
        ("会谈", "zh"),
        ("首相は水曜日に記者会見を行った。", "ja"),
        ("外相は会談した", "ja"),
        ("นายกรัฐมนตรีเดินทางเยือนประเทศจีน", "th"),
        ("대통령은 오늘 회담했다", "ko"),
        ("Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο", "el"),
        ("ראש הממשלה נפגש עם הנשיא", "he"),
    ],
)
def test_a_script_of_one_language_decides_however_short(text: str, language: str) -> None:
    verdict = identify(text)
    assert verdict.language == language and not verdict.allowed


@pytest.mark.parametrize(
    "headline",
    ["Biden, Xi hold call", "Hamas rejects truce plan", "Erdogan slams Sweden", "Lula meets Milei", "Iran seizes tanker"],
)
def test_short_english_headlines_without_function_words_stay_in(headline: str) -> None:
    assert identify(headline).allowed


@pytest.mark.parametrize(
    "text",
    [
        "El presidente visitó Madrid ayer por la tarde con su esposa",
        "Le président a rencontré hier soir le premier ministre à Paris",
        "Der Bundeskanzler hat am Mittwoch den französischen Präsidenten in Berlin empfangen",
    ],
)
def test_other_latin_script_languages_are_skipped_when_the_identifier_is_sure(text: str) -> None:
    assert not identify(text).allowed


def test_english_quoting_chinese_is_english() -> None:
    text = (
        "The Chinese foreign ministry spokesperson said the talks were constructive, using the phrase "
        "互利共赢 to describe the deal signed with Kenya on Tuesday."
    )
    assert identify(text).language == "en" and dominant_script(text) == "Latin"


def test_an_allowed_script_language_is_kept(monkeypatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_LANGUAGES", "en,zh")
    assert identify("外交部发言人表示，双方将继续保持沟通。").allowed
