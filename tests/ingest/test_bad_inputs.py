"""Every broken input gives one clear IngestError and the run goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from multipolar.ingest import extract_article, read_documents
from multipolar.records import Article, Document, IngestError

from .helpers import STORY_PARAGRAPHS, story_html, story_text, write_warc

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


def _read(*paths: Path) -> list[Document | IngestError]:
    return list(read_documents(list(paths)))


def _one_error(path: Path) -> IngestError:
    results = _read(path)
    assert len(results) == 1 and isinstance(results[0], IngestError), results
    assert results[0].origin == str(path)
    return results[0]


def test_run_goes_on_after_errors(tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-image.txt").write_bytes(PNG_HEADER + os.urandom(200))
    (tmp_path / "c-good.txt").write_text(story_text(), encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r).__name__ for r in results] == ["IngestError", "IngestError", "Document"]
    assert results[0].message().endswith("[E101] empty file: nothing to read")


@pytest.mark.parametrize("name", ["empty.txt", "empty.rss", "empty.html"])
@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n"])
def test_empty_file_is_e101(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert _one_error(path).code == "E101"


@pytest.mark.parametrize(
    ("name", "content", "detail"),
    [
        ("picture.html", PNG_HEADER + b"\x00" * 64, "PNG"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        ("bundle.jsonl", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40, "ZIP"),
        ("blob", b"some words\x00\x00\x01\x02 more", "NUL"),
    ],
)
def test_binary_file_is_e102(tmp_path: Path, name: str, content: bytes, detail: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = _one_error(path)
    assert error.code == "E102" and detail in error.reason


def test_cp1252_text_is_decoded_not_rejected(tmp_path: Path) -> None:
    text = (
        story_text()
        + "The envoy called the meeting \u201cpromising\u201d \u2013 a caf\u00e9 owner nearby agreed.\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    [document] = _read(path)
    assert "\u201cpromising\u201d \u2013 a caf\u00e9" in document.content


def test_latin1_html_with_declared_charset(tmp_path: Path) -> None:
    page = story_html().replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    page = page.replace("Brasilia", "Bras\u00edlia")
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1"))
    [document] = _read(path)
    assert "Bras\u00edlia" in extract_article(document).text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(story_text().encode(encoding))
    [document] = _read(path)
    assert document.content.startswith("Brazil And India") and "\ufeff" not in document.content


def test_undecodable_bytes_are_e104(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)
    error = _one_error(path)
    assert error.code == "E104" and "UTF-8" in error.reason


def test_truncated_html_keeps_what_can_be_read(tmp_path: Path) -> None:
    page = story_html()
    cut = page.index(STORY_PARAGRAPHS[2][:30])
    path = tmp_path / "cut.html"
    path.write_text(page[:cut], encoding="utf-8")
    [document] = _read(path)
    article = extract_article(document)
    assert isinstance(article, Article) and article.text.startswith("Foreign ministers")
    assert "delegations agreed" in article.text


def test_html_without_any_text_is_e107(tmp_path: Path) -> None:
    path = tmp_path / "shell.html"
    path.write_text(
        "<html><head><title></title><script>var x = 1;</script></head><body><div></div></body></html>",
        encoding="utf-8",
    )
    [document] = _read(path)
    error = extract_article(document)
    assert isinstance(error, IngestError) and error.code == "E107" and error.origin == str(path)


def test_big_file_is_e103_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        line = b"Delegates talked about trade and tariffs for many hours without a break.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            stream.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024
    error = _one_error(path)
    assert error.code == "E103" and str(path.stat().st_size) in error.reason


def test_max_bytes_setting_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_MAX_BYTES", "100")
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("Short note about a ceasefire.\n", encoding="utf-8")
    large.write_text(story_text(), encoding="utf-8")
    results = _read(small, large)
    assert isinstance(results[0], Document)
    assert (
        isinstance(results[1], IngestError) and results[1].code == "E103" and "limit 100" in results[1].reason
    )


def test_over_long_jsonl_line_is_skipped_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_MAX_BYTES", "400")
    path = tmp_path / "lines.jsonl"
    rows = [
        {"id": "ok1", "text": "A short text."},
        {"id": "big", "text": "word " * 200},
        {"id": "ok2", "text": "Another."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    results = _read(path)
    assert [r.id if isinstance(r, Document) else (r.origin, r.code) for r in results] == [
        "ok1", (f"{path}:2", "E103"), "ok2",
    ]  # fmt: skip


def test_broken_feed_is_e111(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><item><title>half an item", encoding="utf-8")
    error = _one_error(path)
    assert error.code == "E111"


def test_xml_that_is_not_a_feed_is_e111(tmp_path: Path) -> None:
    path = tmp_path / "config.rss"
    path.write_text('<?xml version="1.0"?><settings><option name="a">1</option></settings>', encoding="utf-8")
    assert _one_error(path).code == "E111"


def test_bad_warc_is_e112(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a web archive at all\r\n\r\n" * 5)
    error = _one_error(path)
    assert error.code == "E112"


def test_corrupt_gzip_warc_is_e112(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(300))
    results = _read(path)
    assert len(results) == 1 and results[0].code == "E112"


def test_unreadable_file_is_e114(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(story_text(), encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file")
        assert _one_error(path).code == "E114"
    finally:
        path.chmod(0o644)


def test_over_large_warc_record_is_skipped_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_MAX_BYTES", "3000")
    path = tmp_path / "crawl.warc"
    small = "<html><body><p>" + " ".join(STORY_PARAGRAPHS) + "</p></body></html>"
    pages = [("https://a.test/1", "text/html", small), ("https://a.test/2", "text/html", story_html() * 3)]
    write_warc(path, pages + [("https://a.test/3", "text/html", small)], compress=False)
    results = _read(path)
    assert [r.url if isinstance(r, Document) else r.code for r in results] == [
        "https://a.test/1",
        "E103",
        "https://a.test/3",
    ]


def test_utf8_with_stray_cp1252_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        story_text().encode("utf-8") + "Caf\u00e9 owners in S\u00e3o Paulo".encode() + b" said \x93no\x94.\n"
    )
    [document] = _read(path)
    assert "Caf\u00e9 owners in S\u00e3o Paulo said \u201cno\u201d." in document.content


def _record_spans(path: Path) -> list[tuple[int, int]]:
    """Return ``(offset, length)`` of each record of a whole WARC file, as warcio reads it."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        return [(records.get_record_offset(), records.get_record_length()) for _ in records]


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_cut_off_warc_is_one_e112_after_the_whole_records(tmp_path: Path, name: str, compress: bool) -> None:
    whole = tmp_path / "whole" / name
    whole.parent.mkdir()
    pages = [(f"https://site.test/{n}", "text/html", story_html()) for n in range(3)]
    write_warc(whole, pages, compress=compress)
    data = whole.read_bytes()
    good = tmp_path / "good.txt"
    good.write_text(story_text(), encoding="utf-8")
    cut = tmp_path / f"cut-{name}"
    for index, (offset, length) in enumerate(_record_spans(whole)):
        for inside in (10, 150, length // 2, length - 20):  # in the WARC header, the HTTP header, the page
            cut.write_bytes(data[: offset + inside])
            results = _read(cut, good)
            errors = [r for r in results if isinstance(r, IngestError)]
            assert [r.url for r in results[:-2]] == [url for url, _, _ in pages[:index]], (index, inside)
            assert len(errors) == 1 and errors[0].code == "E112", (index, inside, errors)
            assert errors[0].origin in (str(cut), f"{cut}#{index + 1}") and "cut off" in errors[0].reason
            assert results[-1] == Document(origin=str(good), content=story_text(), content_type="text")


def test_first_150_bytes_of_a_gzipped_warc_is_one_e112(tmp_path: Path) -> None:
    whole = tmp_path / "small.warc.gz"
    write_warc(whole, [("https://site.test/a", "text/html", story_html())], compress=True)
    cut = tmp_path / "head.warc.gz"
    cut.write_bytes(whole.read_bytes()[:150])
    error = _one_error(cut)
    assert error.code == "E112" and "cut off" in error.reason


def test_whole_warc_gives_no_error_even_with_blank_lines_after_it(tmp_path: Path) -> None:
    for name, compress in (("a.warc.gz", True), ("b.warc", False)):
        path = tmp_path / name
        write_warc(path, [(f"https://site.test/{n}", "text/html", story_html()) for n in range(2)], compress)
        assert [type(r).__name__ for r in _read(path)] == ["Document", "Document"], name
        path.write_bytes(path.read_bytes() + b"\r\n\r\n\n")
        assert [type(r).__name__ for r in _read(path)] == ["Document", "Document"], name


@pytest.mark.parametrize(
    ("cut_at", "reason"),
    [("<title>", "it ends inside a tag"), ("<body>", "it has no closing </html> tag")],
)
def test_html_cut_off_before_any_text_is_e113(tmp_path: Path, cut_at: str, reason: str) -> None:
    page = story_html()
    end = page.index(cut_at) + (3 if cut_at == "<title>" else len(cut_at))
    path = tmp_path / "cut.html"
    path.write_text(page[:end], encoding="utf-8")
    [document] = _read(path)
    error = extract_article(document)
    assert isinstance(error, IngestError) and (error.code, error.origin) == ("E113", str(path))
    assert reason in error.reason


def test_html_cut_off_after_its_text_is_read_without_error(tmp_path: Path) -> None:
    page = story_html()
    path = tmp_path / "cut.html"
    path.write_text(page[: page.index("<footer>") + 3], encoding="utf-8")
    [document] = _read(path)
    article = extract_article(document)
    assert isinstance(article, Article) and article.text == "\n\n".join(STORY_PARAGRAPHS)
