"""Structural checks of the bundled sample corpus (counts, metadata, dates, broken inputs)."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REQUIRED_META = (
    r'<meta property="article:published_time" content="(\d{4}-\d{2}-\d{2})',
    r'<meta property="og:title" content="[^"]+"',
    r'<meta property="og:site_name" content="[^"]+"',
    r'<meta name="author" content="[^"]+"',
    r'<link rel="canonical" href="https?://[^"]+\.example\.(?:org|com|net)/',
)
BOILERPLATE_MARKERS = ("<nav", "<footer", "cookie", "ewsletter")
TEXT_DATE = re.compile(
    r"^Published: (\d{4}-\d{2}-\d{2})$|^[A-Z][A-Z' .]+, (\w+ \d{1,2}, \d{4}) \(", re.MULTILINE
)


def _html_files(samples_dir: Path) -> list[Path]:
    return sorted((samples_dir / "html").glob("*.html"))


def _text_files(samples_dir: Path) -> list[Path]:
    return sorted((samples_dir / "text").glob("*.txt"))


def _rss_items(samples_dir: Path) -> list[ET.Element]:
    return ET.parse(samples_dir / "feeds" / "world.rss").getroot().findall("./channel/item")


def _wire_records(samples_dir: Path) -> list[dict]:
    lines = (samples_dir / "feeds" / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_corpus_has_at_least_forty_articles(samples_dir: Path) -> None:
    html_count = len(_html_files(samples_dir))
    text_count = len(_text_files(samples_dir))
    assert html_count >= 24
    assert text_count >= 16
    assert len(_rss_items(samples_dir)) == 3
    assert len(_wire_records(samples_dir)) == 4
    assert html_count + text_count + 3 + 4 >= 40


@pytest.mark.parametrize("pattern", REQUIRED_META)
def test_every_html_page_has_metadata(samples_dir: Path, pattern: str) -> None:
    missing = [
        p.name for p in _html_files(samples_dir) if not re.search(pattern, p.read_text(encoding="utf-8"))
    ]
    assert not missing, f"{pattern} missing in {missing}"


def test_html_pages_carry_boilerplate_and_vary_templates(samples_dir: Path) -> None:
    sites = set()
    for path in _html_files(samples_dir):
        page = path.read_text(encoding="utf-8")
        assert all(marker in page for marker in BOILERPLATE_MARKERS), path.name
        sites.add(re.search(r'og:site_name" content="([^"]+)"', page).group(1))
    assert len(sites) >= 4


def test_text_files_have_headline_dates_and_junk(samples_dir: Path) -> None:
    for path in _text_files(samples_dir):
        text = path.read_text(encoding="utf-8")
        first_line = text.splitlines()[0]
        assert first_line and not first_line.startswith(" "), path.name
        assert TEXT_DATE.search(text), f"{path.name}: no dateline or Published line"
        assert "Related posts" in text and "Share this:" in text, path.name


def _all_dates(samples_dir: Path) -> list[dt.date]:
    dates = []
    for path in _html_files(samples_dir):
        found = re.search(REQUIRED_META[0], path.read_text(encoding="utf-8"))
        dates.append(dt.date.fromisoformat(found.group(1)))
    for path in _text_files(samples_dir):
        found = TEXT_DATE.search(path.read_text(encoding="utf-8"))
        iso, long_form = found.groups()
        dates.append(
            dt.date.fromisoformat(iso) if iso else dt.datetime.strptime(long_form, "%B %d, %Y").date()
        )
    dates += [dt.date.fromisoformat(record["date"]) for record in _wire_records(samples_dir)]
    return dates


def test_dates_span_at_least_two_years(samples_dir: Path) -> None:
    dates = _all_dates(samples_dir)
    assert (max(dates) - min(dates)).days >= 730
    assert min(dates) >= dt.date(2022, 1, 1) and max(dates) <= dt.date(2025, 10, 31)


def test_feed_records_are_complete(samples_dir: Path) -> None:
    for item in _rss_items(samples_dir):
        encoded = item.find("{http://purl.org/rss/1.0/modules/content/}encoded")
        assert encoded is not None and encoded.text.count("<p>") >= 4
        assert item.findtext("pubDate") and item.findtext("link")
    for record in _wire_records(samples_dir):
        assert {"id", "title", "date", "url", "source"} <= record.keys()
        assert ("text" in record) != ("html" in record)


def test_near_duplicate_pair_differs_in_headline_and_wording(samples_dir: Path) -> None:
    html_page = (samples_dir / "html" / "2024-03-12-maritime-security-belt-drills.html").read_text(
        encoding="utf-8"
    )
    text_page = (samples_dir / "text" / "2024-03-12-gulf-of-oman-manoeuvres.txt").read_text(encoding="utf-8")
    assert "Wu Qian" in html_page and "Wu Qian" in text_page
    assert text_page.splitlines()[0] not in html_page
    assert "The manoeuvres come amid" in html_page and "The manoeuvres come amid" not in text_page


def test_broken_inputs_are_broken_as_documented(samples_dir: Path) -> None:
    broken = samples_dir / "broken"
    assert (broken / "empty.txt").stat().st_size == 0
    assert (broken / "image.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    truncated = (broken / "truncated.html").read_text(encoding="utf-8")
    assert "<p>" in truncated and not truncated.rstrip().endswith(">") and "</html>" not in truncated
    latin1 = (broken / "latin1.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    assert "café" in latin1.decode("cp1252") and "\u201c" in latin1.decode("cp1252")
    assert "Conseil de sécurité" in (broken / "french.txt").read_text(encoding="utf-8")
    bad_lines = (broken / "bad-lines.jsonl").read_text(encoding="utf-8").splitlines()
    parsed = 0
    for line in bad_lines:
        try:
            json.loads(line)
            parsed += 1
        except json.JSONDecodeError:
            continue
    assert (len(bad_lines), parsed) == (3, 2)


def test_readme_lists_the_bad_cases(samples_dir: Path) -> None:
    readme = (samples_dir / "README.md").read_text(encoding="utf-8")
    assert "fiction written for multipolar" in readme
    for name in ("empty.txt", "image.png", "truncated.html", "latin1.txt", "french.txt", "bad-lines.jsonl"):
        assert name in readme
