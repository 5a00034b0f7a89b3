"""Where documents come from: expanding paths, folders and globs, and telling formats apart."""

from __future__ import annotations

import glob
import gzip
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from multipolar import settings
from multipolar.errors import Errors
from multipolar.ingest.decoding import has_bom
from multipolar.ingest.problems import ingest_error
from multipolar.records import IngestError

FORMATS: tuple[str, ...] = ("html", "text", "jsonl", "rss", "warc")
STDIN = "-"

_SUFFIX_FORMATS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".php": "html", ".asp": "html",
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".rss": "rss", ".atom": "rss",
    ".warc": "warc", ".warc.gz": "warc", ".warc.gzip": "warc",
}  # fmt: skip
_GLOB_CHARS = re.compile(r"[*?\[]")
# Files that describe a corpus folder rather than belong to it; read only when named explicitly.
_CORPUS_NOTES = re.compile(r"^(readme|licen[cs]e|copying|notice|changelog|authors)(\.\w+)?$", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:!doctype\s+html|html|head|body|article|main|section|p|div|br|h[1-6]|span|title|meta|a|li|ul)\b[^>]*>",
    re.IGNORECASE,
)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


def is_hidden(path: Path, root: Path | None = None) -> bool:
    """Return True when ``path`` (below ``root``, if given) has a part starting with a dot."""
    parts = path.relative_to(root).parts if root is not None else (path.name,)
    return any(part.startswith(".") and part not in (".", "..") for part in parts)


def is_corpus_notes(path: Path) -> bool:
    """Return True for a README, LICENSE or similar note that describes a corpus folder."""
    return _CORPUS_NOTES.match(path.name) is not None


def _inside(path: Path, root: Path) -> bool:
    """Return True when the resolved ``path`` lies within the resolved ``root``."""
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _link_verdict(path: Path, root: Path) -> IngestError | None:
    """Return why the symbolic link ``path`` (found below ``root``) is not read, or None to read it.

    A link is read when its target lies inside ``root`` or the ``follow_symlinks`` setting is on;
    a link loop or a dangling link is never read.
    """
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return ingest_error(str(path), Errors.E118, detail="the link points back to itself")
    except OSError as exc:
        if "loop" in str(exc).lower() or getattr(exc, "errno", None) == 40:
            return ingest_error(str(path), Errors.E118, detail="the link points back to itself")
        return ingest_error(str(path), Errors.E100)
    if settings.get("follow_symlinks") or _inside(target, root.resolve()):
        return None
    return ingest_error(str(path), Errors.E117, target=target)


def _walk(folder: Path) -> Iterator[Path | IngestError]:
    """Yield the visible files below ``folder``, recursively, in sorted order (notes skipped).

    Symbolic links are read only when they point inside ``folder`` (or ``follow_symlinks`` is
    on); links out of it give an E117 notice, link loops an E118 error. A folder link inside
    ``folder`` is not entered (its target is walked under its own name); with
    ``follow_symlinks`` each real folder is walked once, so a loop of folder links ends. Only regular files are yielded (no devices,
    sockets or pipes).
    """
    follow = bool(settings.get("follow_symlinks"))
    root = folder.resolve()
    seen: set[tuple[int, int]] = set()
    for current, dirs, files in os.walk(folder, followlinks=follow):
        try:
            stat = os.stat(current)
        except OSError:
            dirs[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen:  # a folder reached again through a link: a loop
            dirs[:] = []
            continue
        seen.add(key)
        here = Path(current)
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if is_hidden(sub, folder):
                continue
            if sub.is_symlink():
                verdict = _link_verdict(sub, root)
                if verdict is not None:
                    yield verdict
                    continue
                if not follow:
                    continue  # its target lies inside the folder and is walked under its own name
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if is_hidden(path, folder) or is_corpus_notes(path):
                continue
            if path.is_symlink():
                verdict = _link_verdict(path, root)
                if verdict is not None:
                    yield verdict
                    continue
            if path.is_file():
                yield path


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | str | IngestError]:
    """Yield each input file (``Path``), ``"-"`` for standard input, or an E100 error.

    Folders are walked recursively and globs expanded (``**`` included); hidden files and
    folders found that way are skipped, and so are README/LICENSE notes. A file named
    explicitly is always read (a link named explicitly too: the user chose it); links found
    in a folder or by a glob are read only when they stay inside it (``follow_symlinks``).
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield STDIN
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        elif _GLOB_CHARS.search(str(raw)):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                yield ingest_error(str(raw), Errors.E100)
            for match in matches:
                found = Path(match)
                if found.is_dir():
                    yield from _walk(found)
                elif is_hidden(found) or is_corpus_notes(found):
                    continue
                elif found.is_symlink():
                    verdict = _link_verdict(found, _glob_base(str(path)))
                    if verdict is not None:
                        yield verdict
                    elif found.is_file():
                        yield found
                elif found.is_file():
                    yield found
        else:
            yield ingest_error(str(raw), Errors.E100)


def _glob_base(pattern: str) -> Path:
    """Return the folder a glob pattern searches: its leading part without wildcards."""
    parts = Path(pattern).parts
    fixed = [part for part in parts[: next((i for i, p in enumerate(parts) if _GLOB_CHARS.search(p)), len(parts))]]
    return Path(*fixed) if fixed else Path(".")


def input_files(paths: Iterable[str | Path]) -> list[str]:
    """Return the input files ``read_documents`` would read for ``paths``, as strings.

    Same expansion as ``expand_paths`` (folders, globs, hidden files and README/LICENSE notes
    skipped); ``"-"`` stays for standard input and a name matching nothing is kept, so that
    reading it reports E100. Useful to count files for a progress bar before reading.
    """
    files: list[str] = []
    for raw in paths:
        expanded = list(expand_paths([raw]))
        if any(isinstance(item, IngestError) for item in expanded):
            files.append(str(raw))
        files.extend(str(item) for item in expanded if not isinstance(item, IngestError))
    return files


def format_from_name(name: str) -> str | None:
    """Return the input format a file name's extension implies, or None to sniff the content."""
    lowered = name.lower()
    for suffix in sorted(_SUFFIX_FORMATS, key=len, reverse=True):
        if lowered.endswith(suffix):
            return _SUFFIX_FORMATS[suffix]
    return None


def _head_text(head: bytes) -> str:
    if has_bom(head):
        for encoding in ("utf-8-sig", "utf-16", "utf-32"):
            try:
                return head.decode(encoding, errors="ignore")
            except UnicodeError:
                continue
    return head.decode("utf-8", errors="ignore")


_GZIP_SUFFIXES = (".gz", ".gzip")


def inner_name(name: str) -> str:
    """Return a compressed file's name without its ``.gz``/``.gzip`` suffix."""
    for suffix in _GZIP_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def gzip_holds_warc(path: Path) -> bool:
    """Return True when the gzip file at ``path`` starts with a WARC record."""
    try:
        with gzip.open(path, "rb") as stream:
            return stream.read(5) == b"WARC/"
    except (OSError, EOFError, zlib.error):
        return False


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` reads as an HTML page or fragment rather than plain text."""
    sample = text[:5000]
    stripped = sample.lstrip().lower()
    if stripped.startswith(("<!doctype html", "<html")):
        return True
    return len(_HTML_TAG.findall(sample)) >= 2


def sniff_format(head: bytes) -> str:
    """Return the format of content starting with ``head``: warc, jsonl, rss, html or text."""
    if head.startswith(b"WARC/"):
        return "warc"
    text = _head_text(head).lstrip()
    if text.startswith(("{", "[{")):
        return "jsonl"
    if _FEED_ROOT.search(text[:2000]) and not text.lower().startswith(("<!doctype html", "<html")):
        return "rss"
    if looks_like_html(text):
        return "html"
    return "text"
