"""Hostile inputs: each gives one clear line (or is read correctly), and never costs the others."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from multipolar.ingest import read_documents
from multipolar.records import Document, IngestError

from .hostile import CORPUS, PAGE, STORY, codes, gzip_bomb, gzipped, jsonl, outcome, warc_bytes

WRITTEN_CASES = {
    "xxe.html": "E119",
    "xxe.rss": "E119",
    "billion-laughs.rss": "E119",
    "path-only.rss": "E111",
    "url-only.rss": "E111",
    "hidden-text-only.html": "E107",
    "cut-off.html": "E113",
    "mojibake.txt": "E120",
    "chinese-short.txt": "E108",
    "japanese-short.txt": "E108",
    "thai-short.txt": "E108",
    "good-story.txt": "ok",
    "formula-title.jsonl": "ok",
    "external-dtd.rss": "ok",
    "external-dtd.html": "ok",
}


@pytest.mark.parametrize(("name", "expected"), sorted(WRITTEN_CASES.items()))
def test_each_written_hostile_file_gives_its_reason(name: str, expected: str) -> None:
    assert codes([CORPUS / name]) == [expected]


def test_the_whole_corpus_folder_reads_without_raising_and_keeps_the_good_files() -> None:
    results = outcome([CORPUS])
    by_name = {Path(origin.split(":")[0].split("#")[0]).name: code for origin, code in results}
    assert by_name == WRITTEN_CASES  # one result per file; README.md is a note, not read


def test_a_feed_holding_a_path_never_opens_that_path(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Private</title><item><title>SECRET</title>'
        f"<description>{STORY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    decoy = tmp_path / "inputs" / "decoy.rss"
    decoy.parent.mkdir()
    decoy.write_text(str(secret), encoding="utf-8")
    results = list(read_documents([decoy]))
    assert [r.code for r in results if isinstance(r, IngestError)] == ["E111"]
    assert not [r for r in results if isinstance(r, Document)]


def test_entity_declarations_in_html_from_any_container_are_refused(tmp_path: Path) -> None:
    page = '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/hostname">]>' + PAGE
    (tmp_path / "pages.jsonl").write_text(jsonl({"id": "a", "html": page}, {"id": "b", "html": PAGE}), encoding="utf-8")
    assert codes([tmp_path / "pages.jsonl"]) == ["E119", "ok"]


# --------------------------------------------------------------------------- bytes and encodings


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"   \n\t\n")
    assert codes([tmp_path / "empty.txt", tmp_path / "blank.html"]) == ["E101", "E101"]


@pytest.mark.parametrize("name", ["photo.txt", "page.html", "records.jsonl", "feed.rss"])
def test_binary_under_a_text_name_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 40)
    assert codes([path]) == ["E102"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_encodings_with_and_without_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(f"Water Talks\n\n{STORY} The minister’s aide called it “useful”.\n".encode(encoding))
    [document] = list(read_documents([path]))
    assert isinstance(document, Document) and "“useful”" in document.content and "\x00" not in document.content
    assert codes([path]) == ["ok"]


def test_latin1_text_is_read_with_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(f"Talks in Bogotá\n\n{STORY} The café owner in Medellín agreed.\n".encode("latin-1"))
    [document] = list(read_documents([path]))
    assert "Bogotá" in document.content and "Medellín" in document.content


def test_nul_bytes_in_a_text_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(STORY.encode() + b"\x00\x00\x00" + STORY.encode())
    assert codes([path]) == ["E102"]


def test_nul_characters_inside_a_json_text_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_text(jsonl({"text": "\x00".join(STORY.split(" "))}, {"text": STORY}), encoding="utf-8")
    assert codes([path]) == ["E120", "ok"]


def test_mixed_invalid_utf8_reads_each_part_in_its_own_codec(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    utf8_part = f"Talks in Bogotá and São Paulo\n\n{STORY}\n\n".encode()
    cp1252_part = "The minister’s aide called the meeting “useful” in a café.\n".encode("cp1252")
    path.write_bytes(utf8_part + cp1252_part * 6)
    [document] = list(read_documents([path]))
    assert "São Paulo" in document.content and "“useful”" in document.content
    assert "Ã" not in document.content


def test_decoding_reports_its_confidence() -> None:
    from multipolar.ingest.decoding import decode_bytes

    assert decode_bytes(STORY.encode()).confidence == 1.0
    guessed = decode_bytes(f"{STORY} Café in Bogotá.".encode("latin-1"))
    assert guessed.encoding == "cp1252" and 0 < guessed.confidence < 1


def test_double_encoded_text_inside_json_is_refused(tmp_path: Path) -> None:
    garbled = (STORY.replace("Kenya", "Kenya’s").replace("talks", "‘talks’").replace("water", "café") + " ") * 3
    path = tmp_path / "garbled.jsonl"
    path.write_text(jsonl({"text": garbled.encode("utf-8").decode("cp1252")}, {"text": STORY}), encoding="utf-8")
    assert codes([path]) == ["E120", "ok"]


# --------------------------------------------------------------------------- structure


def test_truncated_warc_keeps_the_whole_records(tmp_path: Path) -> None:
    data = warc_bytes([PAGE, PAGE.replace("Thursday", "Friday")])
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: len(data) - 200])
    assert codes([path]) == ["ok", "E112"]


def test_truncated_gzip_warc(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    data = gzipped(warc_bytes([PAGE]))
    path.write_bytes(data[: len(data) // 2])
    assert codes([path]) == ["E112"]


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deep_json_nesting_costs_only_its_line(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.jsonl"
    nested = '{"text": ' + "[" * depth + "]" * depth + "}"
    path.write_text(jsonl({"id": "a", "text": STORY}, nested, {"id": "b", "text": STORY.replace("Thursday", "Friday")}), encoding="utf-8")
    assert codes([path]) == ["ok", "E116", "ok"]


def test_deep_json_nesting_in_a_whole_json_file(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert codes([path]) == ["E116"]


def test_ten_thousand_nested_html_elements_do_not_raise(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 10_000 + f"<p>{STORY}</p>" + "</div>" * 10_000 + "</body></html>")
    [code] = codes([path])
    assert code in ("ok", "E107")


def test_a_line_over_the_size_limit_costs_only_that_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_MAX_BYTES", "5000")
    path = tmp_path / "long.jsonl"
    path.write_text(jsonl({"text": STORY * 60}, {"text": STORY}), encoding="utf-8")
    assert codes([path]) == ["E103", "ok"]


# --------------------------------------------------------------------------- floods


def test_a_flood_of_broken_lines_stops_after_the_consecutive_error_limit(tmp_path: Path, caplog) -> None:
    path = tmp_path / "flood.jsonl"
    path.write_bytes(b"{not json\n" * 1_000_000)
    with caplog.at_level(logging.WARNING, logger="multipolar.ingest"):
        results = list(read_documents([path]))
    assert len(results) == 1001
    assert results[-1].code == "E123" and "1000 bad records in a row" in results[-1].reason
    assert any("reading stopped" in r.getMessage() for r in caplog.records)


def test_the_consecutive_error_limit_is_a_setting_and_good_lines_reset_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_MAX_CONSECUTIVE_ERRORS", "5")
    path = tmp_path / "mixed.jsonl"
    lines = ["{bad"] * 4 + [{"text": STORY}] + ["{bad"] * 4 + [{"text": STORY + " Again."}] + ["{bad"] * 20
    path.write_text(jsonl(*lines), encoding="utf-8")
    found = codes([path])
    assert found.count("ok") == 2 and found[-1] == "E123" and len(found) == 4 + 1 + 4 + 1 + 5 + 1


def test_progress_lines_are_logged_while_a_long_file_is_read(tmp_path: Path, caplog, monkeypatch) -> None:
    from multipolar.ingest import readers

    monkeypatch.setattr(readers, "PROGRESS_SECONDS", 0.0)
    path = tmp_path / "broken.jsonl"
    path.write_bytes(b"{not json\n" * 50)
    with caplog.at_level(logging.INFO, logger="multipolar.ingest"):
        list(read_documents([path]))
    progress = [r for r in caplog.records if "lines read so far" in r.getMessage()]
    assert progress and "50 bad" in progress[-1].getMessage()
    # progress is no warning: INFO, labelled "progress" on the command line
    assert all(r.levelno == logging.INFO and getattr(r, "label", None) == "progress" for r in progress)


# --------------------------------------------------------------------------- gzip


@pytest.mark.parametrize(
    ("name", "content"),
    [("page.html.gz", PAGE), ("story.txt.gz", f"Water Talks\n\n{STORY}\n"), ("records.jsonl.gz", jsonl({"text": STORY}))],
)
def test_gzip_compressed_inputs_are_read(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzipped(content.encode("utf-8")))
    assert codes([path]) == ["ok"]


def test_a_gzip_bomb_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_MAX_BYTES", "1000000")
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip_bomb(30_000_000))
    assert path.stat().st_size < 100_000
    assert codes([path]) == ["E121"]


def test_a_jsonl_gzip_bomb_is_refused_by_its_ratio(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MULTIPOLAR_MAX_BYTES", "1000000")
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip_bomb(30_000_000))
    assert codes([path])[-1] == "E121"


def test_damaged_gzip_data(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    data = gzipped(f"Water Talks\n\n{STORY}\n".encode() * 50)
    path.write_bytes(data[:20] + b"\x00" * 40 + data[60:])
    assert codes([path]) == ["E122"]


# --------------------------------------------------------------------------- files and links


def test_a_symlink_out_of_the_input_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "private.txt"
    outside.write_text(f"Private Notes\n\n{STORY}\n", encoding="utf-8")
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "story.txt").write_text(f"Water Talks\n\n{STORY} More.\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "etc").symlink_to("/etc")
    results = outcome([folder])
    assert sorted(code for _, code in results) == ["E117", "E117", "ok"]


def test_the_follow_symlinks_setting_reads_links_out_of_the_folder(tmp_path: Path, monkeypatch) -> None:
    outside = tmp_path / "private.txt"
    outside.write_text(f"Private Notes\n\n{STORY}\n", encoding="utf-8")
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    monkeypatch.setenv("MULTIPOLAR_FOLLOW_SYMLINKS", "1")
    assert codes([folder]) == ["ok"]


def test_symlink_loops_end(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "inputs"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_text(f"Water Talks\n\n{STORY}\n", encoding="utf-8")
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "sub" / "up").symlink_to(folder)
    assert sorted(codes([folder])) == ["E118", "E118", "E118", "ok"]
    monkeypatch.setenv("MULTIPOLAR_FOLLOW_SYMLINKS", "1")
    assert sorted(codes([folder])) == ["E118", "E118", "E118", "ok"]


def test_a_symlink_named_explicitly_is_read(tmp_path: Path) -> None:
    target = tmp_path / "story.txt"
    target.write_text(f"Water Talks\n\n{STORY}\n", encoding="utf-8")
    link = tmp_path / "chosen.txt"
    link.symlink_to(target)
    assert codes([link]) == ["ok"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_devices_and_pipes_are_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert codes([pipe, "/dev/zero"]) == ["E114", "E114"]
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.move(str(pipe), folder / "pipe.txt")
    assert codes([folder]) == []


@pytest.mark.parametrize(
    "name",
    ["-starts-with-dash.txt", "new\nline.txt", "right\u202eto-left.txt", "spaces  and\ttab.txt", "日本語.txt", "semi;colon'quote\".txt"],
)
def test_odd_file_names(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(f"Water Talks\n\n{STORY}\n", encoding="utf-8")
    assert outcome([tmp_path]) == [(str(tmp_path / name), "ok")]


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as stream:
        stream.write(f"Water Talks\n\n{STORY}\n".encode())
    assert codes([tmp_path]) == ["ok"]


def test_every_case_message_is_one_line_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "deep.jsonl").write_text('{"text": ' + "[" * 20_000 + "]" * 20_000 + "}\n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 8)
    for error in read_documents([tmp_path, CORPUS / "xxe.rss"]):
        assert isinstance(error, IngestError)
        message = error.message()
        assert "\n" not in message and message.startswith(error.origin) and f"[{error.code}]" in message


def test_an_unforeseen_failure_in_one_file_costs_only_that_file(tmp_path: Path, monkeypatch) -> None:
    from multipolar.ingest import readers

    def explode(origin: str, data: bytes):
        raise MemoryError("the parser ran out of memory")
        yield  # pragma: no cover

    monkeypatch.setattr(readers, "read_feed", explode)
    (tmp_path / "a.rss").write_text("<rss version='2.0'><channel><item><title>x</title></item></channel></rss>")
    (tmp_path / "b.txt").write_text(f"Water Talks\n\n{STORY}\n", encoding="utf-8")
    assert codes([tmp_path]) == ["E124", "ok"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [(f"Water Talks\n\n{STORY}\n", ["ok"]), (jsonl({"text": STORY}, "{broken"), ["ok", "E105"])],
)
def test_gzip_on_standard_input(monkeypatch, content: str, expected: list[str]) -> None:
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(gzipped(content.encode("utf-8")))

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert codes(["-"]) == expected


def test_gzip_warc_on_standard_input_is_still_a_warc(monkeypatch) -> None:
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(gzipped(warc_bytes([PAGE])))

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert codes(["-"]) == ["ok"]


def test_an_article_quoting_entity_syntax_in_its_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "quoting.html"
    path.write_text(PAGE.replace("</article>", "<p>Its parser accepted the string &lt;!ENTITY x SYSTEM&gt; and <code><!ENTITY a 'b'></code> as input, the report said.</p></article>"))
    assert codes([path]) == ["ok"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_entity_declarations_are_found_in_utf16_and_utf32_feeds(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "laughs.rss"
    text = (CORPUS / "billion-laughs.rss").read_text(encoding="utf-8").replace('<?xml version="1.0"?>', "")
    path.write_bytes(text.encode(encoding))
    assert codes([path]) == ["E119"]


def test_urls_and_paths_inside_documents_are_never_fetched_or_opened(tmp_path: Path) -> None:
    import socket
    import threading

    from multipolar.ingest import document_from_string, extract_article

    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    connections: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except OSError:
                continue
            connections.append(1)
            client.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/story.html"
    secret = tmp_path / "secret.html"
    secret.write_text(f"<html><body><p>SECRET {STORY}</p></body></html>", encoding="utf-8")
    page = f"<html><head><link rel='canonical' href='{url}'><base href='{url}'></head><body><p>{STORY}</p></body></html>"
    try:
        for content in (url, str(secret), secret.as_uri(), page):
            for fmt in ("html", "text"):
                result = extract_article(document_from_string(content, input_format=fmt, url=url))
                assert "SECRET" not in getattr(result, "text", "")
            (tmp_path / "feed.rss").write_text(content, encoding="utf-8")
            assert not [d for d in read_documents([tmp_path / "feed.rss"]) if isinstance(d, Document) and "SECRET" in d.content]
    finally:
        stop.set()
        thread.join()
        server.close()
    assert connections == []
