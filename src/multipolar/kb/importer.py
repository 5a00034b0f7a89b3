"""Import PETRARCH/Phoenix (TABARI-style) actor and agent dictionaries into our YAML format.

Actor dictionaries (``.actors.txt``)::

    VLADIMIR_PUTIN_  [RUSGOV 000507-080507] [RUSGOV >120507]   # codes on the name line
    +PUTIN                                                     # synonym
        [RUSGOV 080508-120507]                                 # indented restriction line
    RUSSIA_  [RUS]                                             # undated default code

Restrictions are ``<date`` (up to), ``>date`` (from) and ``date-date``, dates ``YYMMDD`` or
``YYYYMMDD`` (two-digit years below 50 are 20xx), limits inclusive. Comments: ``#``, ``;`` and
``<!-- ... -->``. Each record becomes a ``people.yaml``-shaped entry (records with dated codes
are people; the others keep the shape with ``kind: actor``); a code splits into ``of`` (its
country, or the whole code for IGO/NGO codes) and ``sector``.

Agent dictionaries (``.agents.txt``)::

    TROOP {} [~MIL]            # {} no plural; {X} irregular plural; none: regular plural
    !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
    !MINIST!_OF_DEFENCE [~MIL]
    HUMAN_RIGHTS_GROUP [NGO~]

become ``sectors.yaml``-shaped entries: singular phrases are titles, plural phrases groups.
Imported files are written to the user knowledge-base folder and loaded after the bundled
files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from multipolar.errors import Errors, MultipolarError
from multipolar.kb.base import plural
from multipolar.kb.loader import reset_cache, user_kb_dir

GROUP_PREFIXES = frozenset({"IGO", "NGO", "MNC", "IMG", "NGM", "UAF", "UIS"})
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE_BLOCK = re.compile(r"\[([^\[\]{}]*)[\]}]")
_RESTRICTION = re.compile(r"^([A-Z0-9]{3,})(?:\s+(?:<(\d{6}|\d{8})|>(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8})))?$")
_SUBSTITUTION = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$", re.IGNORECASE)
_AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]\s*$")


@dataclass
class ImportResult:
    """What an import produced: entries, the per-line problems, and the file written."""

    entries: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    written: Path | None = None
    kind: str = "actors"


def _strip_comments(text: str) -> list[str]:
    """Return the lines of ``text`` with comments blanked (line numbers kept)."""
    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = []
    for line in text.splitlines():
        for marker in ("#", ";"):
            cut = line.find(marker)
            if cut >= 0:
                line = line[:cut]
        lines.append(line.rstrip())
    return lines


def _date(raw: str) -> str:
    """Return an ISO date for a ``YYMMDD`` or ``YYYYMMDD`` dictionary date."""
    if len(raw) == 6:
        year = int(raw[:2])
        year += 2000 if year < 50 else 1900
        raw = f"{year}{raw[2:]}"
    iso = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"
    dt.date.fromisoformat(iso)  # raises ValueError on an impossible date
    return iso


def _phrase(raw: str) -> str:
    """Return a dictionary phrase as a name: ``VLADIMIR_PUTIN_`` -> ``Vladimir Putin``; a single
    word of up to four letters stays an acronym (``NATO``)."""
    words = raw.replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= 4:
        return words[0]
    return " ".join(w.capitalize() for w in words)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "entry"


def split_code(code: str) -> tuple[str, str | None]:
    """Return (of, sector) for a CAMEO actor code: ``RUSGOV`` -> (RUS, GOV), ``IGOUNO`` -> (IGOUNO, IGO)."""
    prefix = code[:3]
    if prefix in GROUP_PREFIXES:
        return code, prefix
    return prefix, (code[3:6] or None)


@dataclass
class _Record:
    name: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    default: str | None = None
    roles: list[dict] = field(default_factory=list)


def _add_restriction(record: _Record, block: str, line_no: int, path: str, problems: list[str]) -> None:
    match = _RESTRICTION.match(block.strip())
    if not match:
        problems.append(Errors.E201.format(path=path, line=line_no, detail=f"cannot read code [{block}]"))
        return
    code, before, after, start, end = match.groups()
    if not (before or after or start):
        record.default = code
        return
    of, sector = split_code(code)
    if sector is None:
        problems.append(Errors.E201.format(path=path, line=line_no,
                                           detail=f"dated code [{block}] has no sector; only dated sectors are kept"))
        return
    try:
        role = {"title": code, "of": of, "sector": sector,
                "start": _date(after or start) if (after or start) else None,
                "end": _date(before or end) if (before or end) else None}
    except ValueError:
        problems.append(Errors.E201.format(path=path, line=line_no, detail=f"impossible date in [{block}]"))
        return
    if role["start"] and role["end"] and role["end"] < role["start"]:
        problems.append(Errors.E201.format(path=path, line=line_no, detail=f"[{block}] ends before it starts"))
        return
    record.roles.append(role)


def parse_actor_dictionary(text: str, path: str = "<text>") -> ImportResult:
    """Return the people-shaped entries of a PETRARCH/Phoenix actor dictionary, with problems."""
    result = ImportResult(kind="actors")
    records: list[_Record] = []
    current: _Record | None = None
    for line_no, line in enumerate(_strip_comments(text), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("+"):
            if current is None:
                result.problems.append(Errors.E201.format(path=path, line=line_no, detail="synonym before any name"))
                continue
            synonym = _CODE_BLOCK.sub("", stripped[1:]).strip()
            if synonym:
                current.synonyms.append(_phrase(synonym))
            for block in _CODE_BLOCK.findall(stripped):
                _add_restriction(current, block, line_no, path, result.problems)
            continue
        if stripped.startswith("["):
            if current is None:
                result.problems.append(Errors.E201.format(path=path, line=line_no, detail="code before any name"))
                continue
            for block in _CODE_BLOCK.findall(stripped):
                _add_restriction(current, block, line_no, path, result.problems)
            continue
        name = _CODE_BLOCK.sub("", stripped).strip()
        if not name or "[" in name or "]" in name:
            result.problems.append(Errors.E201.format(path=path, line=line_no, detail=f"cannot read line {stripped!r}"))
            current = None
            continue
        current = _Record(name=_phrase(name), line=line_no)
        records.append(current)
        for block in _CODE_BLOCK.findall(stripped):
            _add_restriction(current, block, line_no, path, result.problems)
    stem = _slug(Path(path).name.split(".")[0])
    used: set[str] = set()
    for record in records:
        if record.default is None and not record.roles:
            result.problems.append(Errors.E201.format(path=path, line=record.line,
                                                      detail=f"{record.name!r} has no code; skipped"))
            continue
        ident = f"{stem}-{_slug(record.name)}"
        while ident in used:
            ident += "-x"
        used.add(ident)
        codes = [record.default] if record.default else []
        codes += [r["title"] for r in record.roles]
        country = next((split_code(c)[0] for c in codes if split_code(c)[0][:3] not in GROUP_PREFIXES), None)
        roles = list(record.roles)
        if record.default and len(record.default) > 3:
            of, sector = split_code(record.default)
            roles.append({"title": record.default, "of": of, "sector": sector, "start": None, "end": None})
        entry: dict = {"id": ident, "name": record.name, "aliases": record.synonyms, "country": country,
                       "kind": "person" if record.roles else "actor", "roles": roles}
        result.entries.append(entry)
    return result


def parse_agent_dictionary(text: str, path: str = "<text>") -> ImportResult:
    """Return the sectors-shaped entries of a PETRARCH/Phoenix agent dictionary, with problems."""
    result = ImportResult(kind="agents")
    substitutions: dict[str, list[str]] = {}
    by_sector: dict[str, dict[str, list[str]]] = {}
    for line_no, line in enumerate(_strip_comments(text), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        sub = _SUBSTITUTION.match(stripped)
        if sub:
            substitutions[sub.group(1).upper()] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        match = _AGENT.match(stripped)
        if not match:
            result.problems.append(Errors.E201.format(path=path, line=line_no, detail=f"cannot read {stripped!r}"))
            continue
        code = match.group("code").strip()
        sector = code.replace("~", "")[:3].upper()
        if "~" not in code or not re.fullmatch(r"[A-Z0-9]{3}", sector):
            result.problems.append(Errors.E201.format(path=path, line=line_no,
                                                      detail=f"agent code {code!r} needs ~ before or after it"))
            continue
        phrases = [match.group("phrase").strip()]
        substituted = False
        for marker, alternatives in substitutions.items():
            if any(marker in p.upper() for p in phrases):
                substituted = True
                phrases = [re.sub(re.escape(marker), alt, p, flags=re.IGNORECASE) for p in phrases for alt in alternatives]
        if any("!" in p for p in phrases):
            result.problems.append(Errors.E201.format(path=path, line=line_no, detail="undefined !substitution! marker"))
            continue
        bucket = by_sector.setdefault(sector, {"titles": [], "groups": []})
        plural_spec = match.group("plural")
        for phrase in phrases:
            word = _words(phrase)
            if substituted or plural_spec is not None:
                bucket["groups" if looks_plural(word) else "titles"].append(word)
                if plural_spec and plural_spec.strip():
                    bucket["groups"].append(_words(plural_spec))
            else:
                bucket["titles"].append(word)
                bucket["groups"].append(plural(word))
    for sector, words in sorted(by_sector.items()):
        result.entries.append({
            "code": sector,
            "name": sector,
            "description": f"imported from {Path(path).name}",
            "groups": list(dict.fromkeys(words["groups"])),
            "titles": list(dict.fromkeys(w for w in words["titles"] if w not in words["groups"])),
        })
    return result


def _words(phrase: str) -> str:
    return " ".join(phrase.replace("_", " ").lower().split())


def looks_plural(word: str) -> bool:
    """Return True when the last word of ``word`` looks plural ("ministers", "congressmen", "troops")."""
    last = word.split()[-1]
    return len(last) > 3 and (last.endswith(("men", "ies")) or (last.endswith("s") and not last.endswith("ss")))


def import_dictionary(path: Path, kind: str = "actors", user_dir: Path | None = None) -> ImportResult:
    """Convert the dictionary at ``path`` and write it to the user knowledge-base folder.

    Returns the result with ``written`` set; raises :class:`MultipolarError` (E202) when the
    file cannot be read or holds no entry. Per-line problems are returned, not raised.
    """
    if kind not in ("actors", "agents"):
        raise MultipolarError(Errors.E203.format(kind=kind))
    try:
        text = path.read_text(encoding="utf-8", errors="strict")
    except FileNotFoundError as exc:
        raise MultipolarError(Errors.E202.format(path=path, detail="file not found")) from exc
    except UnicodeDecodeError as exc:
        try:
            text = path.read_text(encoding="latin-1")
        except OSError as inner:
            raise MultipolarError(Errors.E202.format(path=path, detail=str(inner))) from exc
    except OSError as exc:
        raise MultipolarError(Errors.E202.format(path=path, detail=exc.strerror or str(exc))) from exc
    parser = parse_actor_dictionary if kind == "actors" else parse_agent_dictionary
    result = parser(text, str(path))
    if not result.entries:
        raise MultipolarError(Errors.E202.format(path=path, detail=f"no {kind} entry could be read"))
    folder = user_dir or user_kb_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        prefix = "people" if kind == "actors" else "sectors"
        target = folder / f"{prefix}.{_slug(path.name.split('.')[0])}.yaml"
        header = f"# Imported by `multipolar kb import` from {path.name} ({kind} dictionary).\n"
        body = yaml.safe_dump(result.entries, allow_unicode=True, sort_keys=False, width=110)
        target.write_text(header + body, encoding="utf-8")
    except OSError as exc:
        raise MultipolarError(Errors.E202.format(path=folder, detail=f"cannot write ({exc.strerror or exc})")) from exc
    result.written = target
    reset_cache()
    return result
