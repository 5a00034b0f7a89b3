"""Readers: each input format becomes Documents, folders/globs/stdin are expanded."""

from __future__ import annotations

import gzip
import io
import json
import logging
import sys
from pathlib import Path

import pytest

from multipolar.ingest import document_from_string, extract_article, read_documents
from multipolar.records import Document, IngestError

from .helpers import STORY_PARAGRAPHS, STORY_TITLE, story_html, story_text, write_warc


def _docs(results):
    return [r for r in results if isinstance(r, Document)]


def _errors(results):
    return [r for r in results if isinstance(r, IngestError)]


def test_html_and_text_files_by_extension(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(story_html(), encoding="utf-8")
    (tmp_path / "story.txt").write_text(story_text(), encoding="utf-8")
    results = list(read_documents([tmp_path / "page.html", tmp_path / "story.txt"]))
    assert [(d.origin.endswith("page.html"), d.content_type) for d in results] == [
        (True, "html"),
        (False, "text"),
    ]


def test_folder_is_walked_recursively_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep.txt").write_text(story_text(), encoding="utf-8")
    (tmp_path / "top.txt").write_text(story_text(), encoding="utf-8")
    (tmp_path / ".secret.txt").write_text(story_text(), encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "inside.txt").write_text(story_text(), encoding="utf-8")
    origins = sorted(Path(d.origin).name for d in read_documents([tmp_path]))
    assert origins == ["deep.txt", "top.txt"]


def test_glob_and_missing_path(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt", "three.html"):
        (tmp_path / name).write_text(story_text(), encoding="utf-8")
    results = list(read_documents([str(tmp_path / "*.txt"), str(tmp_path / "nothing-here.txt")]))
    assert sorted(Path(d.origin).name for d in _docs(results)) == ["one.txt", "two.txt"]
    [missing] = _errors(results)
    assert missing.code == "E100" and missing.origin.endswith("nothing-here.txt")


def test_unmatched_glob_is_one_error(tmp_path: Path) -> None:
    [error] = list(read_documents([str(tmp_path / "*.nomatch")]))
    assert error.code == "E100"


def test_format_sniffed_without_extension(tmp_path: Path) -> None:
    (tmp_path / "page").write_text(story_html(), encoding="utf-8")
    (tmp_path / "plain").write_text(story_text(), encoding="utf-8")
    (tmp_path / "records").write_text(json.dumps({"id": "r1", "text": story_text()}) + "\n", encoding="utf-8")
    kinds = {Path(d.origin.split(":")[0]).name: d.content_type for d in read_documents([tmp_path])}
    assert kinds == {"page": "html", "plain": "text", "records": "text"}


def test_input_format_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(story_html(), encoding="utf-8")
    [document] = list(read_documents([path], input_format="text"))
    assert document.content_type == "text"


def test_unknown_input_format_is_e110(tmp_path: Path) -> None:
    [error] = list(read_documents([tmp_path], input_format="pdf"))
    assert error.code == "E110" and "pdf" in error.reason


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(story_text().encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    [document] = list(read_documents(["-"]))
    assert document.origin == "<stdin>" and document.content_type == "text"
    assert STORY_TITLE in document.content


def test_stdin_jsonl_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "".join(json.dumps({"id": f"s{i}", "text": story_text()}) + "\n" for i in range(3))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8")), encoding="utf-8"))
    assert [d.id for d in read_documents(["-"])] == ["s0", "s1", "s2"]


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        json.dumps(
            {
                "id": 7,
                "text": story_text(),
                "title": "Given title",
                "date": "2023-03-04",
                "url": "https://x.test/1",
                "source": "Wire",
            }
        ),
        "{not json at all",
        "",
        json.dumps({"id": "h1", "html": story_html()}),
        json.dumps({"id": "none", "title": "nothing to read"}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    results = list(read_documents([path]))
    docs = _docs(results)
    assert [(d.id, d.content_type) for d in docs] == [("7", "text"), ("h1", "html")]
    first = docs[0]
    assert (first.title, first.date, first.url, first.source, first.origin) == (
        "Given title", "2023-03-04", "https://x.test/1", "Wire", f"{path}:1",
    )  # fmt: skip
    errors = {(e.origin, e.code) for e in _errors(results)}
    assert errors == {(f"{path}:2", "E105"), (f"{path}:5", "E106"), (f"{path}:6", "E106")}
    bad_json = next(e for e in _errors(results) if e.code == "E105")
    assert "line 2" in bad_json.reason


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "a", "text": story_text()}, {"id": "b"}]), encoding="utf-8")
    results = list(read_documents([path]))
    assert [d.id for d in _docs(results)] == ["a"]
    assert [e.code for e in _errors(results)] == ["E106"]


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Sample Wire</title><link>https://wire.test/</link><description>test feed</description>
<item><title>{title}</title><link>https://wire.test/trade-plan</link>
<pubDate>Tue, 12 Mar 2024 08:00:00 GMT</pubDate>
<description>Short teaser only.</description>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
<item><title>Second item</title><link>https://wire.test/second</link>
<pubDate>Wed, 13 Mar 2024 09:00:00 GMT</pubDate>
<description>{summary}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:test:feed</id>
<updated>2024-04-02T10:00:00Z</updated>
<entry><title>{title}</title><id>urn:test:1</id><link href="https://atom.test/story"/>
<published>2024-04-01T10:00:00Z</published><updated>2024-04-02T10:00:00Z</updated>
<content type="html">{body}</content></entry></feed>"""


def test_rss_entries(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS)
    path = tmp_path / "wire.rss"
    path.write_text(RSS.format(title=STORY_TITLE, body=body, summary=STORY_PARAGRAPHS[1]), encoding="utf-8")
    first, second = list(read_documents([path]))
    assert (first.origin, first.title, first.date, first.url, first.source) == (
        f"{path}#1", STORY_TITLE, "2024-03-12", "https://wire.test/trade-plan", "Sample Wire",
    )  # fmt: skip
    assert first.content_type == "html" and "Brasilia" in first.content and "teaser" not in first.content
    assert second.date == "2024-03-13" and "delegations" in second.content
    article = extract_article(first)
    assert article.text.startswith("Foreign ministers") and article.date == "2024-03-12"


def test_atom_entry_sniffed_from_xml_extension(tmp_path: Path) -> None:
    import html

    body = html.escape("".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS))
    path = tmp_path / "feed.xml"
    path.write_text(ATOM.format(title=STORY_TITLE, body=body), encoding="utf-8")
    [entry] = list(read_documents([path]))
    assert (entry.title, entry.date, entry.url, entry.source) == (
        STORY_TITLE, "2024-04-01", "https://atom.test/story", "Atom Wire",
    )  # fmt: skip
    assert extract_article(entry).text.count("\n\n") == 2


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses(tmp_path: Path, name: str, compress: bool) -> None:
    path = tmp_path / name
    pages = [
        ("https://site.test/story", "text/html; charset=utf-8", story_html()),
        ("https://site.test/logo.png", "image/png", "not really a png"),
        ("https://site.test/data.json", "application/json", "{}"),
    ]
    write_warc(path, pages, compress)
    [document] = list(read_documents([path]))
    assert (document.url, document.content_type) == ("https://site.test/story", "html")
    assert document.capture_date.startswith("2024-02-20") and document.date is None and document.origin.startswith(f"{path}#")
    article = extract_article(document)
    assert article.url == "https://site.test/story" and article.date == "2024-02-20"


def test_gzip_warc_found_by_content(tmp_path: Path) -> None:
    source = tmp_path / "crawl.warc.gz"
    write_warc(source, [("https://site.test/a", "text/html", story_html())], compress=True)
    renamed = tmp_path / "crawl.bin"
    source.rename(renamed)
    [document] = list(read_documents([renamed]))
    assert document.url == "https://site.test/a"


def test_document_from_string_sniffs_html_and_text() -> None:
    assert document_from_string(story_html()).content_type == "html"
    assert document_from_string(story_text()).content_type == "text"
    document = document_from_string("A <b>bold</b> claim about 3 < 4.", date="2024-01-02", url="u")
    assert (document.content_type, document.date, document.url, document.origin) == (
        "text",
        "2024-01-02",
        "u",
        "<string>",
    )


def test_gzip_text_is_read_decompressed_not_as_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.gz"
    path.write_bytes(gzip.compress(story_text().encode("utf-8")))
    [document] = list(read_documents([path]))
    assert isinstance(document, Document) and document.content == story_text()


def test_gzip_holding_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "picture.txt.gz"
    path.write_bytes(gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4))
    [error] = list(read_documents([path]))
    assert error.code == "E102" and "PNG" in error.reason


def test_corpus_notes_are_skipped_in_folders_but_read_when_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About this corpus\n\nNotes for people.\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(story_text(), encoding="utf-8")
    assert [Path(d.origin).name for d in read_documents([tmp_path])] == ["story.txt"]
    assert [Path(d.origin).name for d in read_documents([tmp_path / "README.md"])] == ["README.md"]


def test_input_files_lists_what_read_documents_reads(tmp_path: Path) -> None:
    from multipolar.ingest import input_files

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(story_text(), encoding="utf-8")
    (tmp_path / "a.html").write_text(story_html(), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(story_text(), encoding="utf-8")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    missing = str(tmp_path / "gone.txt")
    files = input_files([tmp_path, "-", missing])
    assert files == [str(tmp_path / "a.html"), str(tmp_path / "sub" / "b.txt"), "-", missing]
    read = [d.origin for d in read_documents(files[:2])]
    assert read == files[:2]


def test_pretty_printed_json_object_is_one_record(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "solo", "text": story_text()}, indent=2), encoding="utf-8")
    [document] = list(read_documents([path]))
    assert (document.id, document.origin) == ("solo", str(path))


def test_jsonl_bad_date_keeps_the_record_and_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "dates.jsonl"
    dated_text = "\n\n".join([STORY_TITLE, "GENEVA, 9 May 2024 (Wireline) - " + STORY_PARAGRAPHS[0]])
    rows = [
        {"id": "good", "text": story_text(), "date": "2024-05-10"},
        {"id": "garbled", "text": dated_text, "date": "the day after the summit"},
        {"id": "shapeless", "text": story_text(), "date": {"year": 2024}},
        {"id": "stamp", "text": story_text(), "date": 1715817600},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="multipolar"):
        docs = list(read_documents([path]))
    assert [(d.id, d.date) for d in docs] == [
        ("good", "2024-05-10"), ("garbled", None), ("shapeless", None), ("stamp", "1715817600"),
    ]  # fmt: skip
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("multipolar")]
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{path}:2: ") and "'the day after the summit'" in warnings[0]
    assert warnings[1].startswith(f"{path}:3: ")
    garbled = extract_article(docs[1], default_date="2020-01-01")
    assert (garbled.date, garbled.date_source) == ("2024-05-09", "text")
    assert extract_article(docs[2], default_date="2020-01-01").date == "2020-01-01"
    assert extract_article(docs[3]).date == "2024-05-16"


@pytest.mark.parametrize(
    ("record", "field", "kind"),
    [
        ({"id": "n", "text": 12345}, "text", "a number"),
        ({"id": "b", "text": True}, "text", "a boolean"),
        ({"id": "o", "html": {"body": "<p>Hi</p>"}}, "html", "an object"),
        ({"id": "a", "text": "   ", "html": ["<p>Hi</p>"]}, "html", "an array"),
    ],
)
def test_jsonl_body_that_is_not_a_string_is_e115(tmp_path: Path, record: dict, field: str, kind: str) -> None:
    path = tmp_path / "typed.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": "A short text."}) + "\n" + json.dumps(record) + "\n")
    ok, error = list(read_documents([path]))
    assert isinstance(ok, Document) and isinstance(error, IngestError)
    assert (error.origin, error.code) == (f"{path}:2", "E115")
    assert error.reason.startswith(f"line 2: '{field}' is {kind}, not a string")
    assert "neither" not in error.message()


def test_jsonl_non_string_text_beside_good_html_reads_the_html(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "m", "text": 12345, "html": story_html()}) + "\n", encoding="utf-8")
    [document] = list(read_documents([path]))
    assert isinstance(document, Document) and document.content_type == "html"


def test_warc_date_is_only_a_fallback(tmp_path: Path) -> None:
    published = '<meta property="article:published_time" content="2024-04-10T08:00:00Z">'
    pages = [
        ("https://site.test/meta", "text/html", story_html(extra_head=published)),
        (
            "https://site.test/byline",
            "text/html",
            story_html(byline='<div class="meta">Ana Souza, 7 May 2024</div>'),
        ),
        (
            "https://site.test/dateline",
            "text/html",
            story_html().replace("<p>Foreign", "<p>BRASILIA, May 8, 2024 - Foreign"),
        ),
        ("https://site.test/bare", "text/html", story_html()),
    ]
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, pages, compress=True, captured="2024-06-01T10:00:00Z")
    articles = [extract_article(d, default_date="2020-01-01") for d in read_documents([path])]
    assert [(a.url, a.date) for a in articles] == [
        ("https://site.test/meta", "2024-04-10"),
        ("https://site.test/byline", "2024-05-07"),
        ("https://site.test/dateline", "2024-05-08"),
        ("https://site.test/bare", "2024-06-01"),
    ]
    assert articles[2].date_source == "text" and articles[2].text == "\n\n".join(STORY_PARAGRAPHS)
    assert articles[3].date_source == "metadata"  # when the archive took the page: before any default


def test_feed_and_jsonl_dates_still_beat_the_page(tmp_path: Path) -> None:
    published = '<meta property="article:published_time" content="2024-04-10T08:00:00Z">'
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"html": story_html(extra_head=published), "date": "2024-04-11"}) + "\n")
    [document] = list(read_documents([path]))
    assert extract_article(document).date == "2024-04-11"
