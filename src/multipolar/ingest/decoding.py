"""Bytes to text: binary sniffing and encoding detection.

Order: a byte-order mark, strict UTF-8, a declared charset (HTTP header or HTML ``<meta>``),
UTF-8 with a few stray cp1252 bytes (pasted text), cp1252 when the text is mostly ASCII (the usual legacy encoding of English news), then
charset-normalizer's best guess. Only when none of these gives plausible text is it an error.
A guess whose text shows mojibake (UTF-8 read as cp1252: ``Ã©``, ``â€™``) is passed over for
the next one. Each result carries a confidence (1.0 for a byte-order mark or valid UTF-8, less
for guesses); ``looks_wrong`` says why decoded text should not be used even so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# Leading bytes of common non-text formats and the name used in the E102 message. Formats
# whose signature is plain ASCII letters (BMP "BM", "MZ") are left to the NUL-byte test so
# that a text starting with "BMW" is not taken for an image.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Browsers decode pages labelled Latin-1 or ASCII as cp1252; so do we.
_WEB_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}

_SNIFF_BYTES = 8192
_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}
# Control characters in decoded text: below U+0020 except tab, line feed, form feed, carriage return.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)


class DecodeFailure(Exception):
    """Raised when bytes are not text (``binary``) or cannot be decoded (``undecodable``)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind  # "binary" | "undecodable"
        self.detail = detail


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the encoding that was used and how sure that choice is (0-1)."""

    text: str
    encoding: str
    confidence: float = 1.0


# UTF-8 bytes read as cp1252/Latin-1: a lead byte (Ã, Â, Å, Ä, Ð, Ñ, â) shown as a letter and
# followed by what was a continuation byte (0x80-0xBF shown as a symbol or accented letter).
_MOJIBAKE = re.compile("[\u00c2-\u00c5\u00d0\u00d1][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u20ac\u2122]|\u00e2\u20ac[\u0080-\u00bf\u2018-\u203a\u2122\u0153\u201d]?")
# At least this many mojibake pairs, and one per this many characters, make text look wrong.
MOJIBAKE_MIN = 3
MOJIBAKE_EVERY_CHARS = 2000
# Replacement characters: more than this share of the text (or this many) make it look wrong.
REPLACEMENT_SHARE = 0.005
REPLACEMENT_MAX = 20


def mojibake_count(text: str) -> int:
    """Return how many character pairs of ``text`` look like UTF-8 decoded as cp1252."""
    return len(_MOJIBAKE.findall(text))


def looks_wrong(text: str) -> str | None:
    """Return why decoded ``text`` still looks wrong (replacement characters, mojibake), or None."""
    if not text:
        return None
    replaced = text.count("\ufffd")
    if replaced > REPLACEMENT_MAX or replaced > len(text) * REPLACEMENT_SHARE:
        return f"{replaced} replacement characters (bytes that are no character)"
    controls = len(_CONTROL_CHARS.findall(text, 0, _SNIFF_BYTES))
    if controls > min(len(text), _SNIFF_BYTES) * REPLACEMENT_SHARE:
        return f"{controls} control characters (NUL and the like) in the text"
    garbled = mojibake_count(text)
    if garbled >= MOJIBAKE_MIN and garbled * MOJIBAKE_EVERY_CHARS >= len(text):
        sample = _MOJIBAKE.search(text)
        shown = sample.group(0) if sample else ""
        return f"{garbled} mojibake sequences such as {shown!r} (UTF-8 read with the wrong codec)"
    return None


def _clean(text: str) -> bool:
    """Return True when ``text`` is plausible and shows no mojibake."""
    return _plausible(text) and looks_wrong(text) is None


def has_bom(data: bytes) -> bool:
    """Return True when ``data`` starts with a Unicode byte-order mark."""
    return any(data.startswith(bom) for bom, _ in _BOMS)


def binary_kind(head: bytes) -> str | None:
    """Return a description of the binary format ``head`` starts with, or None if it may be text.

    ``head`` is the first few kilobytes of a file. Text with a UTF-16/32 byte-order mark is text.
    """
    for magic, name in BINARY_MAGIC:
        if head.startswith(magic):
            return name
    if has_bom(head):
        return None
    sample = head[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return None if utf16_order(sample) else "contains NUL bytes"
    if sample:
        controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
        if controls / len(sample) > 0.05:
            return "mostly control characters"
    return None


def declared_charset(head: bytes) -> str | None:
    """Return the charset an HTML/XML document declares in its first bytes, if any is known."""
    match = _META_CHARSET.search(head[:4096])
    if match is None:
        match = re.search(rb"""<\?xml[^>]{0,100}encoding=["']([\w.:-]{1,40})""", head[:512], re.IGNORECASE)
    if match is None:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _codec_name(name: str) -> str:
    """Return Python's canonical name for codec ``name`` (or ``name`` when unknown)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _cp1252_for_stray_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes UTF-8 rejected as cp1252 characters."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return stray.decode("cp1252", errors="replace"), error.end


codecs.register_error("multipolar-cp1252", _cp1252_for_stray_bytes)


def _mixed_utf8(data: bytes) -> str | None:
    """Decode text that is UTF-8 with stray cp1252 bytes pasted in, or return None.

    It is mixed when it holds valid multi-byte UTF-8 characters (rare by chance in a legacy
    single-byte encoding); the stray bytes are read as cp1252 characters.
    """
    if not any(ord(char) > 127 for char in data.decode("utf-8", errors="ignore")):
        return None
    text = data.decode("utf-8", errors="multipolar-cp1252")
    return text if _clean(text) else None


def _mostly_ascii_cp1252(data: bytes) -> str | None:
    """Decode ``data`` as cp1252 when it is mostly ASCII with a few high bytes, else None."""
    high = sum(1 for byte in data if byte >= 0x80)
    if high / max(len(data), 1) > 0.3:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _plausible(text: str) -> bool:
    """Return True when ``text`` is mostly printable characters (no replacement characters)."""
    if not text:
        return True
    bad = sum(
        1
        for char in text
        if char == "\ufffd" or (ord(char) < 32 and char not in "\t\n\r\f") or 0x80 <= ord(char) < 0xA0
    )
    return bad / len(text) < 0.01


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Return ``data`` decoded as text, or raise ``DecodeFailure``.

    ``declared`` is a charset named by the container (HTTP ``Content-Type``); an HTML/XML
    ``<meta charset>`` is honoured too. Binary content raises with ``kind="binary"``. The
    result's ``confidence`` is 1.0 for a byte-order mark or valid UTF-8, 0.9 for a declared
    charset that decodes cleanly, less for guesses (charset-normalizer's own measure).
    """
    kind = binary_kind(data[:_SNIFF_BYTES])
    if kind is not None:
        raise DecodeFailure("binary", kind)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeFailure(
                    "undecodable", f"invalid {encoding} after byte-order mark: {exc.reason}"
                ) from exc
    utf16 = _bomless_utf16(data) if b"\x00" in data[:_SNIFF_BYTES] else None
    if utf16 is not None:  # before UTF-8: ASCII-range UTF-16 is valid UTF-8 full of NULs
        return utf16
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for name in (declared, declared_charset(data)):
        if not name:
            continue
        name = _WEB_ALIASES.get(_codec_name(name), name)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _clean(text):
            return DecodedText(text, name, 0.9)
    text = _mixed_utf8(data)
    if text is not None:
        return DecodedText(text, "utf-8+cp1252", 0.7)
    text = _mostly_ascii_cp1252(data)
    if text is not None and _clean(text):
        return DecodedText(text, "cp1252", 0.8)
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _clean(text):
            return DecodedText(text, best.encoding, round(max(0.0, 1.0 - best.chaos), 2))
    raise DecodeFailure("undecodable", "not UTF-8 and no other encoding fits")


def _bomless_utf16(data: bytes) -> DecodedText | None:
    """Return ``data`` as UTF-16 without a byte-order mark when its zero bytes say so, else None.

    ASCII-range text in UTF-16 has a zero in every other byte (odd places: little-endian, even
    places: big-endian); ``binary_kind`` calls such files binary only when they hold no BOM and
    no such pattern.
    """
    order = utf16_order(data[:_SNIFF_BYTES])
    if order is None:
        return None
    try:
        text = data.decode(order)
    except UnicodeDecodeError:
        return None
    return DecodedText(text, order, 0.9) if _clean(text) else None


def utf16_order(sample: bytes) -> str | None:
    """Return ``"utf-16-le"``/``"utf-16-be"`` when ``sample`` reads as BOM-less UTF-16 text, else None."""
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    pairs = len(sample) // 2
    if odd.count(0) >= 0.8 * pairs and even.count(0) <= 0.05 * pairs:
        return "utf-16-le"
    if even.count(0) >= 0.8 * pairs and odd.count(0) <= 0.05 * pairs:
        return "utf-16-be"
    return None
