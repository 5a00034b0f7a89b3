"""Language identification: writing script first, then py3langid; and the allowed-languages setting.

The script decides where it can: a text written mostly in Han characters is Chinese, with kana
Japanese, in Hangul Korean, in Thai script Thai (and so on), however short and whether or not
it has spaces between words. Latin, Cyrillic and Arabic scripts serve many languages; there
py3langid decides, with English function words as a check. Nothing is assumed: a short text
is identified as well as it can be, and kept when the identifier is not confident it is
another language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from multipolar import settings

# Up to this many words a foreign guess must be confident before the text is rejected.
SHORT_TEXT_WORDS = 40
SHORT_TEXT_CONFIDENCE = 0.6
# The identifier is sure of a language well within this many characters.
_SAMPLE_CHARS = 2000
# English function words; news English has well over this share of them, other languages
# (written in Latin script) almost none. Guards against English text full of foreign names
# being identified as another language.
_ENGLISH_FUNCTION_WORDS = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "was", "for", "on", "that", "with", "by", "as", "at", "from", "said", "has", "have", "had", "were", "are", "his", "her", "its", "their", "it", "be", "an", "will", "not", "which", "after", "who", "this", "they", "he", "she", "been", "would", "but", "or"]
)
ENGLISH_FUNCTION_WORD_SHARE = 0.2


def _looks_english(sample: str) -> bool:
    # lowercasing first is the same: no case mapping makes or removes spaces or this punctuation
    words = [w for w in (w.strip(".,;:!?\"'()[]") for w in sample.lower().split()) if w]
    if not words:
        return False
    share = len([w for w in words if w in _ENGLISH_FUNCTION_WORDS]) / len(words)
    return share >= ENGLISH_FUNCTION_WORD_SHARE


@dataclass(frozen=True)
class LanguageVerdict:
    """The language of a text, whether it may be coded, and how it was decided."""

    language: str
    allowed: bool
    script: str = "Latin"
    confidence: float = 1.0


# Unicode blocks of scripts, as (first, last code point, script name).
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "Latin"), (0x1E00, 0x1EFF, "Latin"),
    (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"),
    (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x1000, 0x109F, "Myanmar"), (0x1780, 0x17FF, "Khmer"),
    (0x10A0, 0x10FF, "Georgian"), (0x0530, 0x058F, "Armenian"), (0x1200, 0x137F, "Ethiopic"),
    (0x3040, 0x30FF, "Kana"), (0x31F0, 0x31FF, "Kana"), (0xFF66, 0xFF9F, "Kana"),
    (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"), (0xAC00, 0xD7AF, "Hangul"),
    (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"), (0xF900, 0xFAFF, "Han"), (0x20000, 0x2FA1F, "Han"),
)  # fmt: skip
# Scripts written by (in news, practically) one language.
_SCRIPT_LANGUAGE = {
    "Greek": "el", "Hebrew": "he", "Devanagari": "hi", "Bengali": "bn", "Thai": "th", "Lao": "lo",
    "Myanmar": "my", "Khmer": "km", "Georgian": "ka", "Armenian": "hy", "Ethiopic": "am",
    "Hangul": "ko", "Kana": "ja", "Han": "zh",
}  # fmt: skip
# A script decides the language when it holds more than this share of the letters.
SCRIPT_SHARE = 0.5
# A short text in a shared script is rejected only when the identifier is at least this sure.
SHORT_TEXT_REJECT_CONFIDENCE = 0.9


def _script_of(char: str) -> str | None:
    code = ord(char)
    for first, last, name in _SCRIPT_RANGES:
        if first <= code <= last:
            return name
    return None


def script_counts(text: str) -> dict[str, int]:
    """Return how many letters of ``text`` (its first 2,000 characters) each script has."""
    counts: dict[str, int] = {}
    # each distinct character once, in order of first appearance (so scripts keep that order too)
    for char, number in Counter(text[:_SAMPLE_CHARS]).items():
        if char.isalpha():
            script = _script_of(char)
            if script is not None:
                counts[script] = counts.get(script, 0) + number
    return counts


def dominant_script(text: str) -> str | None:
    """Return the script of most of the letters of ``text``, or None when it has no letters.

    Japanese mixes Han and kana: any kana in a mostly Han/kana text makes it ``Kana``.
    """
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return None
    east_asian = counts.get("Han", 0) + counts.get("Kana", 0)
    if counts.get("Kana", 0) and east_asian > total * SCRIPT_SHARE:
        return "Kana"
    script, count = max(counts.items(), key=lambda item: item[1])
    return script if count > total * SCRIPT_SHARE else None


@lru_cache(maxsize=1)
def _identifier():
    """Return the py3langid identifier with normalised probabilities, loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def allowed_languages() -> tuple[str, ...]:
    """Return the ISO 639-1 codes of the setting ``languages`` (comma separated, e.g. ``"en,fr"``)."""
    raw = settings.get("languages") or "en"
    codes = tuple(code.strip().lower() for code in str(raw).split(",") if code.strip())
    return codes or ("en",)


def identify(text: str) -> LanguageVerdict:
    """Return the language of ``text`` and whether the ``languages`` setting allows it.

    A script used by one language decides at once (Chinese, Japanese, Korean, Thai, Greek...).
    Otherwise py3langid classifies the text; a text made mostly of English function words is
    English whatever the identifier says (names from another language can mislead it). Short
    texts (up to ``SHORT_TEXT_WORDS`` words) are rejected only when the identifier is
    confident; otherwise the best allowed language is kept.
    """
    allowed = allowed_languages()
    sample = text[:_SAMPLE_CHARS]
    script = dominant_script(sample) or "Latin"
    language = _SCRIPT_LANGUAGE.get(script)
    if language is not None:
        return LanguageVerdict(language, language in allowed, script)
    if script == "Latin" and "en" in allowed and _looks_english(sample):
        return LanguageVerdict("en", True, script)
    language, confidence = _identifier().classify(sample)
    confidence = float(confidence)
    if language in allowed:
        return LanguageVerdict(language, True, script, confidence)
    words = len(text.split())
    if script == "Latin" and words < SHORT_TEXT_WORDS:
        needed = SHORT_TEXT_REJECT_CONFIDENCE if words < 8 else SHORT_TEXT_CONFIDENCE
        if confidence < needed:
            ranking = _identifier().rank(sample)
            best_allowed = next((code for code, _ in ranking if code in allowed), allowed[0])
            return LanguageVerdict(best_allowed, True, script, confidence)
    return LanguageVerdict(language, False, script, confidence)
