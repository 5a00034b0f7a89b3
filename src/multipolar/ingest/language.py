"""Language identification with py3langid, and the allowed-languages setting."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from multipolar import settings

# Below this many words a text is too short to identify and is taken as English.
MIN_WORDS_TO_IDENTIFY = 8
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
    words = [w.strip(".,;:!?\"'()[]").lower() for w in sample.split()]
    words = [w for w in words if w]
    if not words:
        return False
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return share >= ENGLISH_FUNCTION_WORD_SHARE


@dataclass(frozen=True)
class LanguageVerdict:
    """The language of a text and whether it may be coded."""

    language: str
    allowed: bool


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

    Texts under ``MIN_WORDS_TO_IDENTIFY`` words are taken as English. Short texts are only
    rejected when the identifier is confident; otherwise the best allowed language is kept.
    A text made mostly of English function words is English whatever the identifier says
    (names from another language can mislead it).
    """
    allowed = allowed_languages()
    words = len(text.split())
    if words < MIN_WORDS_TO_IDENTIFY:
        return LanguageVerdict("en", "en" in allowed)
    sample = text[:_SAMPLE_CHARS]
    language, confidence = _identifier().classify(sample)
    if language in allowed:
        return LanguageVerdict(language, True)
    if "en" in allowed and _looks_english(sample):
        return LanguageVerdict("en", True)
    if words <= SHORT_TEXT_WORDS and confidence < SHORT_TEXT_CONFIDENCE:
        ranking = _identifier().rank(sample)
        best_allowed = next((code for code, _ in ranking if code in allowed), allowed[0])
        return LanguageVerdict(best_allowed, True)
    return LanguageVerdict(language, False)
