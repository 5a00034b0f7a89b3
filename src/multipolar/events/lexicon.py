"""The event lexicon: verb, light-verb, phrasal and noun patterns mapped to CAMEO codes.

The lexicon is data (``events/data/verbs.yaml``), loaded once and validated here. Lookups are
dictionary hits keyed by lemma, so matching a sentence costs one lookup per token whatever the
size of the lexicon (imported PETRARCH dictionaries included).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from multipolar.errors import Errors, MultipolarError
from multipolar.ontology import cooperative_roots

_CODE_RE = re.compile(r"^\d{2,4}$")
SUPPORT_CLASSES = ("realised", "planned", "cancelled", "threatened")
FRAME_KINDS = ("intend", "threaten", "reject", "demand", "appeal")
COOPERATIVE_ROOTS = cooperative_roots()  # from the one ontology: 03-08
CONFLICTUAL_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})


@dataclass(frozen=True)
class Pattern:
    """One way of expressing a CAMEO event: a verb, phrasal verb, verb + object, or event noun.

    ``head`` is the lemma of the token that carries the pattern (the verb, or the noun for
    ``noun`` patterns); ``noun`` the object noun of a light-verb pattern; ``modifiers`` the
    other words a multi-word noun needs among the head noun's dependents ("hunger" in
    "hunger strike"); ``particle`` the particle or preposition of a phrasal verb.
    """

    cameo: str
    kind: str  # "verb" | "phrasal" | "light" | "noun"
    head: str
    label: str
    particle: str | None = None
    noun: str | None = None
    modifiers: tuple[str, ...] = ()
    target_preps: tuple[str, ...] = ()
    reciprocal: bool = False
    plover: str | None = None
    origin: str = "verbs.yaml"

    @property
    def wording(self) -> str:
        """Return the pattern as a reader would write it ("hold talks", "call off")."""
        if self.kind == "phrasal":
            return f"{self.head} {self.particle}"
        if self.kind == "light":
            return " ".join((self.head, *self.modifiers, self.noun or ""))
        return " ".join((*self.modifiers, self.head))

    @property
    def rule(self) -> str:
        """Return the rule name recorded on events: ``origin:kind:wording->code``."""
        return f"{self.origin}:{self.kind}:{self.wording}->{self.cameo}"


@dataclass(frozen=True)
class Frame:
    """A word that embeds another act: "threatened to X", "refused to X", "is ready to X".

    ``combined_code`` turns the embedded act's CAMEO code into the frame's code.
    """

    kind: str
    modality: str
    accepts: str  # "cooperative" | "conflictual" | "any"
    default: str
    combine: Mapping[str, str]
    plover: str | None = None

    def accepts_code(self, code: str | None) -> bool:
        """Return True when this frame can embed an act coded ``code``."""
        if code is None or self.accepts == "any":
            return True
        root = code[:2]
        if self.accepts == "cooperative":
            return root in COOPERATIVE_ROOTS
        return root in CONFLICTUAL_ROOTS

    def combined_code(self, embedded: str | None) -> str:
        """Return the code for this frame around an act coded ``embedded`` (longest prefix)."""
        if embedded:
            for length in range(len(embedded), 1, -1):
                hit = self.combine.get(embedded[:length])
                if hit:
                    return hit
        return self.default


@dataclass(frozen=True)
class ClassFrame:
    """One row of verb class x argument class -> CAMEO code (``argument_classes.yaml``)."""

    name: str
    verbs: frozenset[str]
    role: str  # "object" | "subject" | "from"
    argument_class: str
    cameo: str
    pattern: Pattern
    plover: str | None = None
    inverse: bool = False  # "received weapons from X": X gives, the subject receives
    named_places: bool = False  # a named town or region counts as territory ("captured Bakhmut")


@dataclass
class Lexicon:
    """All patterns and frames, indexed by lemma for constant-time lookups."""

    verbs: dict[str, Pattern] = field(default_factory=dict)
    phrasal: dict[tuple[str, str], Pattern] = field(default_factory=dict)
    light: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    frames: dict[str, Frame] = field(default_factory=dict)
    frame_verbs: dict[str, str] = field(default_factory=dict)
    frame_phrasal: dict[tuple[str, str], str] = field(default_factory=dict)
    frame_adjectives: dict[str, str] = field(default_factory=dict)
    frame_nouns: dict[str, str] = field(default_factory=dict)
    frame_light: dict[tuple[str, str], str] = field(default_factory=dict)
    future_markers: frozenset[str] = frozenset()
    anticipation_heads: frozenset[str] = frozenset()
    failure_heads: frozenset[str] = frozenset()
    habitual_adverbs: frozenset[str] = frozenset()
    ongoing_nouns: frozenset[str] = frozenset()
    demand_modals: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    support_verbs: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    stative_verbs: frozenset[str] = frozenset()
    irrealis_heads: frozenset[str] = frozenset()
    binding_decisions: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    decision_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    lemma_fixes: dict[str, str] = field(default_factory=dict)
    boilerplate_markers: tuple[str, ...] = ()
    default_preps: tuple[str, ...] = ()
    military_codes: dict[str, str] = field(default_factory=dict)
    solo_codes: dict[str, str] = field(default_factory=dict)
    state_codes: dict[str, str] = field(default_factory=dict)
    support_classes: dict[str, str] = field(default_factory=dict)
    motion_verbs: frozenset[str] = frozenset()
    supported_nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    argument_classes: dict[str, str] = field(default_factory=dict)
    class_frames: tuple[ClassFrame, ...] = ()
    transparent_nouns: frozenset[str] = frozenset()
    with_theme_verbs: frozenset[str] = frozenset()
    front_nouns: frozenset[str] = frozenset()
    meeting_cancel_verbs: frozenset[str] = frozenset()
    meeting_cancel_heads: frozenset[str] = frozenset()
    list_nouns: frozenset[str] = frozenset()
    off_list_verbs: frozenset[str] = frozenset()
    on_list_verbs: frozenset[str] = frozenset()
    list_modifiers: frozenset[str] = frozenset()
    struggle_verbs: frozenset[str] = frozenset()
    problem_nouns: frozenset[str] = frozenset()
    street_verbs: frozenset[str] = frozenset()
    street_nouns: frozenset[str] = frozenset()
    crime_verbs: frozenset[str] = frozenset()
    crime_nouns: frozenset[str] = frozenset()
    warning_nouns: frozenset[str] = frozenset()
    comment_verbs: frozenset[str] = frozenset()
    decision_frame_verbs: frozenset[str] = frozenset()
    endangered_nouns: frozenset[str] = frozenset()
    duplicates: list[str] = field(default_factory=list)
    #: indexes derived from the tables above, rebuilt when a table they read changes size
    _derived: dict[str, tuple[tuple[int, ...], Any]] = field(default_factory=dict, repr=False, compare=False)

    def add_entry(self, entry: Mapping[str, Any], origin: str, where: str) -> None:
        """Index one lexicon entry (a CAMEO code and its wordings); the first wording wins."""
        code = str(entry.get("cameo", "")).strip()
        if not _CODE_RE.match(code):
            raise MultipolarError(Errors.E300.format(path=where, detail=f"bad CAMEO code {code!r}"))
        preps = tuple(entry.get("target_preps") or self.default_preps)
        common = {
            "cameo": code,
            "label": str(entry.get("name") or code),
            "target_preps": preps,
            "reciprocal": _flag(entry.get("reciprocal", False)),
            "plover": entry.get("plover"),
            "origin": origin,
        }
        for verb in entry.get("verbs") or ():
            self._put_verb(Pattern(kind="verb", head=_norm(verb), **common))
        for phrase in entry.get("phrasal") or ():
            words = _norm(phrase).split()
            if len(words) < 2:
                raise MultipolarError(Errors.E300.format(path=where, detail=f"phrasal {phrase!r} needs two words"))
            self._put_phrasal(Pattern(kind="phrasal", head=words[0], particle=" ".join(words[1:]), **common))
        for verb, nouns in (entry.get("light") or {}).items():
            for noun_phrase in nouns or ():
                head, modifiers = _split_noun(noun_phrase)
                pattern = Pattern(kind="light", head=_norm(verb), noun=head, modifiers=modifiers, **common)
                self._put_multi(self.light, (pattern.head, head), pattern)
        for noun_phrase in entry.get("nouns") or ():
            head, modifiers = _split_noun(noun_phrase)
            self._put_multi(self.nouns, head, Pattern(kind="noun", head=head, modifiers=modifiers, **common))

    def _put_verb(self, pattern: Pattern) -> None:
        if pattern.head in self.verbs:
            self.duplicates.append(f"verb {pattern.head}: {self.verbs[pattern.head].cameo} / {pattern.cameo}")
            return
        self.verbs[pattern.head] = pattern

    def _put_phrasal(self, pattern: Pattern) -> None:
        key = (pattern.head, pattern.particle or "")
        if key in self.phrasal:
            self.duplicates.append(f"phrasal {' '.join(key)}: {self.phrasal[key].cameo} / {pattern.cameo}")
            return
        self.phrasal[key] = pattern

    def _put_multi(self, table: dict, key: Any, pattern: Pattern) -> None:
        bucket = table.setdefault(key, [])
        if any(p.modifiers == pattern.modifiers for p in bucket):
            self.duplicates.append(f"{pattern.kind} {pattern.wording}: {pattern.cameo}")
            return
        bucket.append(pattern)
        bucket.sort(key=lambda p: -len(p.modifiers))  # the most specific wording is tried first

    def add_frames(self, frames: Mapping[str, Any], where: str) -> None:
        """Index the frame words (intent, threat, refusal, demand, appeal)."""
        for kind, spec in frames.items():
            if kind not in FRAME_KINDS:
                raise MultipolarError(Errors.E300.format(path=where, detail=f"unknown frame {kind!r}"))
            combine = {str(k): str(v) for k, v in (spec.get("combine") or {}).items()}
            frame = Frame(
                kind=kind,
                modality=str(spec.get("modality", "asserted")),
                accepts=str(spec.get("accepts", "any")),
                default=str(spec["default"]),
                combine=combine,
                plover=spec.get("plover"),
            )
            self.frames[kind] = frame
            for verb in spec.get("verbs") or ():
                self.frame_verbs.setdefault(_norm(verb), kind)
            for phrase in spec.get("phrasal") or ():
                head, _, rest = _norm(phrase).partition(" ")
                self.frame_phrasal.setdefault((head, rest), kind)
            for adjective in spec.get("adjectives") or ():
                self.frame_adjectives.setdefault(_norm(adjective), kind)
            for noun in spec.get("nouns") or ():
                self.frame_nouns.setdefault(_norm(noun), kind)
            for verb, nouns in (spec.get("light") or {}).items():
                for noun in nouns:
                    self.frame_light.setdefault((_norm(verb), _norm(noun)), kind)

    def add_event_nouns(self, data: Mapping[str, Any], where: str) -> None:
        """Index support-verb classes, motion verbs and support-only event nouns (``event_nouns.yaml``)."""
        for verb_class, verbs in (data.get("support_verbs") or {}).items():
            if verb_class not in SUPPORT_CLASSES:
                raise MultipolarError(Errors.E300.format(path=where, detail=f"unknown support class {verb_class!r}"))
            for verb in verbs or ():
                self.support_classes.setdefault(_norm(verb), str(verb_class))
        self.motion_verbs = frozenset(_norm(v) for v in data.get("motion_verbs") or ())
        self.quantity_nouns = frozenset(_norm(v) for v in data.get("quantity_nouns") or ())
        self.decision_nouns = frozenset(_norm(v) for v in data.get("decision_nouns") or ())
        self.document_nouns = frozenset(_norm(v) for v in data.get("document_nouns") or ())
        self.meeting_cancel_verbs = frozenset(_norm(v) for v in data.get("meeting_cancel_verbs") or ())
        self.meeting_cancel_heads = frozenset(v.split()[0] for v in self.meeting_cancel_verbs)
        self.list_nouns = frozenset(_norm(v) for v in data.get("list_nouns") or ())
        self.off_list_verbs = frozenset(_norm(v) for v in data.get("off_list_verbs") or ())
        self.on_list_verbs = frozenset(_norm(v) for v in data.get("on_list_verbs") or ())
        self.list_modifiers = frozenset(_norm(v) for v in data.get("list_modifiers") or ())
        self.struggle_verbs = frozenset(_norm(v) for v in data.get("struggle_verbs") or ())
        self.problem_nouns = frozenset(_norm(v) for v in data.get("problem_nouns") or ())
        self.street_verbs = frozenset(_norm(v) for v in data.get("street_verbs") or ())
        self.street_nouns = frozenset(_norm(v) for v in data.get("street_nouns") or ())
        self.crime_verbs = frozenset(_norm(v) for v in data.get("crime_verbs") or ())
        self.crime_nouns = frozenset(_norm(v) for v in data.get("crime_nouns") or ())
        self.warning_nouns = frozenset(_norm(v) for v in data.get("warning_nouns") or ())
        self.comment_verbs = frozenset(_norm(v) for v in data.get("comment_verbs") or ())
        self.decision_frame_verbs = frozenset(_norm(v) for v in data.get("decision_frame_verbs") or ())
        self.endangered_nouns = frozenset(_norm(v) for v in data.get("endangered_nouns") or ())
        for entry in data.get("supported_nouns") or ():
            code = str(entry.get("cameo", "")).strip()
            if not _CODE_RE.match(code):
                raise MultipolarError(Errors.E300.format(path=where, detail=f"bad CAMEO code {code!r}"))
            for noun_phrase in entry.get("nouns") or ():
                head, modifiers = _split_noun(noun_phrase)
                pattern = Pattern(cameo=code, kind="noun", head=head, modifiers=modifiers, label=str(entry.get("name") or code),
                                  target_preps=tuple(entry.get("target_preps") or self.default_preps),
                                  reciprocal=_flag(entry.get("reciprocal", False)), plover=entry.get("plover"),
                                  origin=Path(where).name)
                self._put_multi(self.supported_nouns, head, pattern)

    def add_argument_classes(self, data: Mapping[str, Any], where: str) -> None:
        """Index the semantic classes of arguments and the verb x class rows (``argument_classes.yaml``)."""
        classes = data.get("classes") or {}
        for name, nouns in classes.items():
            for noun in nouns or ():
                words = _norm(noun).split()
                self.argument_classes.setdefault(" ".join(words), str(name))
        frames = []
        for row in data.get("predicates") or ():
            code = str(row.get("cameo", "")).strip()
            if not _CODE_RE.match(code) or row.get("class") not in classes or row.get("role", "object") not in ("object", "subject", "from"):
                raise MultipolarError(Errors.E300.format(path=where, detail=f"bad predicate row {row.get('name')!r}"))
            pattern = Pattern(cameo=code, kind="class", head=str(row["name"]), label=str(row["name"]),
                              target_preps=tuple(row.get("target_preps") or self.default_preps), plover=row.get("plover"),
                              origin=Path(where).name)
            frames.append(ClassFrame(name=str(row["name"]), verbs=frozenset(_norm(v) for v in row.get("verbs") or ()),
                                     role=str(row.get("role", "object")), argument_class=str(row["class"]), cameo=code,
                                     pattern=pattern, plover=row.get("plover"), inverse=_flag(row.get("inverse", False)),
                                     named_places=_flag(row.get("named_places", False))))
        self.class_frames = tuple(frames)
        self.transparent_nouns = frozenset(_norm(v) for v in data.get("transparent_nouns") or ())
        self.with_theme_verbs = frozenset(_norm(v) for v in data.get("with_theme_verbs") or ())
        self.front_nouns = frozenset(_norm(v) for v in data.get("front_nouns") or ())

    def class_frames_of(self, keys: tuple[str, ...]) -> tuple[ClassFrame, ...]:
        """Return the verb x class rows one of whose verbs is among ``keys``, in table order."""
        by_keys = self._index("class_frames", (id(self.class_frames), len(self.class_frames)), dict)
        found = by_keys.get(keys)
        if found is None:
            found = by_keys[keys] = tuple(frame for frame in self.class_frames if not frame.verbs.isdisjoint(keys))
        return found

    def light_verbs(self) -> frozenset[str]:
        """Return the verbs that head a light-verb wording (the first words of ``light``'s keys)."""
        return self._index("light_verbs", (len(self.light),), lambda: frozenset(verb for verb, _ in self.light))

    def phrasal_verbs(self) -> frozenset[str]:
        """Return the verbs that head a phrasal wording (the first words of ``phrasal``'s keys)."""
        return self._index("phrasal_verbs", (len(self.phrasal),), lambda: frozenset(verb for verb, _ in self.phrasal))

    def frame_heads(self) -> frozenset[str]:
        """Return the verbs that head a phrasal or light-verb frame wording (``frame_phrasal``, ``frame_light``)."""
        return self._index("frame_heads", (len(self.frame_phrasal), len(self.frame_light)),
                           lambda: frozenset(verb for verb, _ in (*self.frame_phrasal, *self.frame_light)))

    def derived_index(self, name: str, sizes: tuple[int, ...], build: Callable[[], Any]) -> Any:
        """Return an index derived from this lexicon's tables by ``build``, kept under ``name``
        and built again whenever ``sizes`` (identities and lengths of the tables it reads) change."""
        return self._index(name, sizes, build)

    def _index(self, name: str, sizes: tuple[int, ...], build: Callable[[], Any]) -> Any:
        """Return the derived index ``name``, built by ``build`` on first use and again whenever
        the ``sizes`` (identity and length) of the tables it reads have changed."""
        cached = self._derived.get(name)
        if cached is None or cached[0] != sizes:  # first use, or the tables grew since
            cached = self._derived[name] = (sizes, build())
        return cached[1]

    def match_nouns(self, candidates: Iterable[Pattern], context_words: set[str]) -> Pattern | None:
        """Return the first pattern whose extra words all occur in ``context_words``."""
        for pattern in candidates:
            if all(word in context_words for word in pattern.modifiers):
                return pattern
        return None


def _norm(word: str) -> str:
    return " ".join(str(word).lower().replace("_", " ").split())


def _split_noun(phrase: str) -> tuple[str, tuple[str, ...]]:
    """Return (head lemma, other words) of a noun phrase: "hunger strike" -> ("strike", ("hunger",)).

    "state of emergency" has its head first: ("state", ("emergency",)).
    """
    words = [w for w in _norm(phrase).split() if w != "of"]
    if " of " in f" {_norm(phrase)} ":
        return words[0], tuple(words[1:])
    return words[-1], tuple(words[:-1])


class _WordLoader(yaml.SafeLoader):
    """A YAML loader that keeps words as words: ``on``, ``off``, ``no`` are prepositions here, not booleans."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _flag(value: Any) -> bool:
    """Return a YAML flag ("true"/"yes" or a real boolean) as a boolean."""
    return value is True or str(value).strip().lower() in ("true", "yes")


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_WordLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise MultipolarError(Errors.E300.format(path=where, detail=exc)) from exc
    if not isinstance(data, dict) or "entries" not in data:
        raise MultipolarError(Errors.E300.format(path=where, detail="no 'entries' list"))
    return data


def build_lexicon(data: Mapping[str, Any], where: str = "verbs.yaml", extra: Iterable[Mapping[str, Any]] = ()) -> Lexicon:
    """Return a ``Lexicon`` built from parsed YAML ``data`` plus ``extra`` entries (imported dictionaries)."""
    lexicon = Lexicon(
        future_markers=frozenset(data.get("future_markers") or ()),
        anticipation_heads=frozenset(data.get("anticipation_heads") or ()),
        failure_heads=frozenset(data.get("failure_heads") or ()),
        habitual_adverbs=frozenset(data.get("habitual_adverbs") or ()),
        ongoing_nouns=frozenset(data.get("ongoing_nouns") or ()),
        demand_modals=frozenset(data.get("modal_demand_markers") or ()),
        negations=frozenset(data.get("negation_words") or ()),
        speech_verbs=frozenset(data.get("speech_verbs") or ()),
        group_nouns=frozenset(data.get("group_nouns") or ()),
        support_verbs=frozenset(data.get("support_verbs") or ()),
        topic_preps=frozenset(data.get("topic_preps") or ()),
        stative_verbs=frozenset(data.get("stative_verbs") or ()),
        irrealis_heads=frozenset(data.get("irrealis_heads") or ()),
        binding_decisions=frozenset(data.get("binding_decision_verbs") or ()),
        lemma_fixes={str(k).lower(): str(v).lower() for k, v in (data.get("lemma_fixes") or {}).items()},
        boilerplate_markers=tuple(str(m).lower() for m in data.get("boilerplate_markers") or ()),
        default_preps=tuple((data.get("defaults") or {}).get("target_preps") or ()),
        military_codes={str(k): str(v) for k, v in (data.get("military_codes") or {}).items()},
        solo_codes={str(k): str(v) for k, v in (data.get("solo_codes") or {}).items()},
        state_codes={str(k): str(v) for k, v in (data.get("state_codes") or {}).items()},
    )
    for entry in data["entries"]:
        lexicon.add_entry(entry, origin=Path(where).name, where=where)
    for entry in extra:
        lexicon.add_entry(entry, origin=str(entry.get("origin", "import")), where=where)
    lexicon.add_frames(data.get("frames") or {}, where)
    for name in ("event_nouns.yaml", "argument_classes.yaml"):
        source = resources.files("multipolar.events").joinpath(f"data/{name}")
        extra_data = _read_data(source.read_text(encoding="utf-8"), str(source))
        if name == "event_nouns.yaml":
            lexicon.add_event_nouns(extra_data, str(source))
        else:
            lexicon.add_argument_classes(extra_data, str(source))
    return lexicon


def _read_data(text: str, where: str) -> dict[str, Any]:
    """Return a packaged YAML data file as a mapping (E300 when it is not one)."""
    try:
        data = yaml.load(text, Loader=_WordLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise MultipolarError(Errors.E300.format(path=where, detail=exc)) from exc
    if not isinstance(data, dict):
        raise MultipolarError(Errors.E300.format(path=where, detail="not a mapping"))
    return data


def load_lexicon() -> Lexicon:
    """Return the packaged lexicon (``events/data/verbs.yaml``) extended with the PETRARCH verb
    dictionaries of the ``verb_dictionaries`` setting (comma-separated paths); each combination
    is loaded and indexed once (an unreadable dictionary raises E301)."""
    from multipolar import settings

    configured = str(settings.get("verb_dictionaries") or "")
    dictionaries = tuple(str(Path(p.strip()).expanduser()) for p in configured.split(",") if p.strip())
    return _bundled_lexicon(dictionaries)


@lru_cache(maxsize=4)
def _bundled_lexicon(dictionaries: tuple[str, ...]) -> Lexicon:
    """Return the packaged lexicon extended with the PETRARCH verb dictionaries ``dictionaries``.

    The compiled lexicon is cached on disk (``multipolar.cache``), keyed by the data files,
    the dictionaries and the code that builds it.
    """
    from multipolar.cache import cached

    here = Path(__file__).resolve().parent
    sources = [here / "data" / "verbs.yaml", *sorted(here.glob("*.py")), *dictionaries]
    return cached("lexicon", sources, lambda: _build_bundled_lexicon(dictionaries), extra=repr(dictionaries))


def _build_bundled_lexicon(dictionaries: tuple[str, ...]) -> Lexicon:
    from multipolar.events.petrarch import import_verb_patterns

    source = resources.files("multipolar.events").joinpath("data/verbs.yaml")
    extra: list[dict[str, Any]] = []
    for dictionary in dictionaries:
        extra.extend(import_verb_patterns(dictionary))
    return build_lexicon(_read_yaml(source.read_text(encoding="utf-8"), str(source)), str(source), extra)


def load_lexicon_file(path: str | Path, petrarch: Iterable[str | Path] = ()) -> Lexicon:
    """Return a lexicon read from the YAML file ``path``, extended with PETRARCH verb dictionaries."""
    from multipolar.events.petrarch import import_verb_patterns

    path = Path(path)
    data = _read_yaml(path.read_text(encoding="utf-8"), str(path))
    extra: list[dict[str, Any]] = []
    for dictionary in petrarch:
        extra.extend(import_verb_patterns(dictionary))
    return build_lexicon(data, str(path), extra)
