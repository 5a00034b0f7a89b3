"""Turn the numbered messages of ``multipolar.errors`` into ``IngestError`` records."""

from __future__ import annotations

from multipolar.errors import error_code
from multipolar.records import IngestError


def ingest_error(origin: str, template: str, **fields: object) -> IngestError:
    """Return the ``IngestError`` for ``template`` (an ``Errors.E1xx`` text) filled with ``fields``.

    The code is taken from the ``[E1xx]`` prefix of the template; the reason is the rest of the
    message, so ``IngestError.message()`` reads ``origin: [E1xx] reason``.
    """
    message = template.format(**fields)
    code = error_code(message)
    reason = message.split("] ", 1)[1] if message.startswith("[E") and "] " in message else message
    return IngestError(origin=origin, code=code, reason=reason)
