"""Quote and figure stage (placeholder until issue 4)."""

from multipolar.quotes.figures import extract_figures
from multipolar.quotes.quotes import extract_quotes

__all__ = ["extract_figures", "extract_quotes"]
