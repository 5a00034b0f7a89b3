"""Quote and figure stage: who said what (direct, partial and indirect quotes with speaker,
medium and listener resolved to actors) and the numbers that matter (people killed, wounded,
displaced, expelled, arrested, released, deployed; money for aid and sanctions).

The lexicons are YAML files in ``multipolar/quotes/data`` (``speech.yaml``, ``figures.yaml``).
"""

from multipolar.quotes.figures import extract_figures
from multipolar.quotes.quotes import extract_quotes

__all__ = ["extract_figures", "extract_quotes"]
