"""Small texts and pages written for the ingest tests."""

from __future__ import annotations

import io
from pathlib import Path

STORY_PARAGRAPHS = [
    "Foreign ministers from Brazil and India met in Brasilia on Tuesday to prepare a joint proposal on reforming the World Trade Organization.",
    "The two delegations agreed to present the plan to other members of the group before the summer session, according to a statement released after the meeting.",
    "Officials said the proposal would focus on dispute settlement and on rules for agricultural subsidies, two areas where talks have stalled for years.",
]
STORY_TITLE = "Brazil And India Draft Joint Trade Reform Plan"


def story_text(title: str = STORY_TITLE, paragraphs: list[str] | None = None) -> str:
    """Return the test story as plain text: headline, blank line, paragraphs."""
    return "\n\n".join([title, *(paragraphs or STORY_PARAGRAPHS)]) + "\n"


def story_html(title: str = STORY_TITLE, extra_head: str = "", byline: str = "") -> str:
    """Return the test story as a small news page with navigation, related links and a footer."""
    body = "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{extra_head}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/trade">Trade</a></nav></header>
<main><article><h1>{title}</h1>{byline}<div class="story">{body}</div></article>
<aside class="related"><h3>More stories</h3><ul><li><a href="/a">Port Strike Enters Third Week</a></li>
<li><a href="/b">Central Bank Holds Rates Steady</a></li></ul></aside></main>
<div class="cookie-banner">We use cookies to give you the best experience. Accept all cookies to continue.</div>
<footer>Copyright 2023 Sample Wire. All rights reserved.</footer></body></html>"""


FRENCH = (
    "Le conseil municipal a voté hier soir un budget prévoyant la rénovation de trois écoles primaires "
    "et la construction d'une nouvelle bibliothèque dans le quartier nord de la ville."
)
GERMAN = (
    "Die Landesregierung hat am Mittwoch angekündigt, dass die Bahnstrecke zwischen den beiden Städten "
    "bis zum Ende des kommenden Jahres vollständig erneuert werden soll."
)
SPANISH = (
    "El gobierno regional presentó ayer un plan para ampliar la red de autobuses y reducir el tráfico "
    "en el centro histórico durante los próximos cuatro años."
)


def write_warc(
    path: Path, pages: list[tuple[str, str, str]], compress: bool, captured: str = "2024-02-20T12:00:00Z"
) -> None:
    """Write ``(url, content type, body)`` pages as HTTP response records of a WARC file.

    Every record gets ``captured`` as its ``WARC-Date``.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": captured},
            )
            writer.write_record(record)
