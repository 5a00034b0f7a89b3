"""Ordered tables of small named rules, each with an example and a hit counter.

Every stage that makes decisions by rule (actor descriptions, event coding, quotes) keeps its
rules in a :class:`RuleTable`: an ordered list of small functions registered with the table's
``rule`` decorator. Each rule's docstring carries a line ``Example: ...`` naming one case it
handles; the table counts how often each rule fires, so ``multipolar rules --stats CORPUS`` can
show which rules carry the load and which fire once (a sign of fitting one sentence).

    ATTRIBUTE = RuleTable("quotes.attribute", "who said a quote")

    @ATTRIBUTE.rule
    def speaker_is_subject(sentence):
        '''The subject of a speech verb is its speaker.

        Example: "The minister said the talks would resume." -> the minister
        '''
        ...

    name, result = ATTRIBUTE.first(sentence)   # the first rule that returns something
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

#: Every table created in this process, by name.
TABLES: dict[str, RuleTable] = {}


@dataclass(frozen=True)
class Rule:
    """One registered rule: its table, name, function, summary and example."""

    table: str
    name: str
    func: Callable[..., Any]
    summary: str
    example: str

    @property
    def qualified_name(self) -> str:
        """Return ``table:name``, the name events and quotes record."""
        return f"{self.table}:{self.name}"


def _doc_parts(func: Callable[..., Any]) -> tuple[str, str]:
    doc = (func.__doc__ or "").strip()
    if not doc:
        raise ValueError(f"rule {func.__name__} has no docstring")
    lines = [line.strip() for line in doc.splitlines()]
    example = next((line[len("Example:"):].strip() for line in lines if line.startswith("Example:")), "")
    if not example:
        raise ValueError(f"rule {func.__name__} has no 'Example:' line in its docstring")
    return lines[0], example


class RuleTable:
    """An ordered table of named rules with per-rule hit counters."""

    def __init__(self, name: str, description: str) -> None:
        if name in TABLES:
            raise ValueError(f"rule table {name!r} already exists")
        self.name = name
        self.description = description
        self.rules: list[Rule] = []
        self.hits: Counter[str] = Counter()
        # (name, function) of each rule, in order: what ``first`` and ``every`` run
        self._calls: tuple[tuple[str, Callable[..., Any]], ...] = ()
        # the calls of ``first_among``, by rule-name set, for a table of ``_subset_size`` rules
        self._subsets: dict[frozenset[str], tuple[tuple[str, Callable[..., Any]], ...]] = {}
        self._subset_size = 0
        TABLES[name] = self

    def rule(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Register ``func`` as the next rule of the table and return it unchanged."""
        summary, example = _doc_parts(func)
        if any(r.name == func.__name__ for r in self.rules):
            raise ValueError(f"rule {func.__name__} is already in table {self.name}")
        self.rules.append(Rule(self.name, func.__name__, func, summary, example))
        self._calls = tuple((rule.name, rule.func) for rule in self.rules)
        return func

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, name: str) -> Rule:
        """Return the rule called ``name`` (KeyError if the table has none)."""
        for rule in self.rules:
            if rule.name == name:
                return rule
        raise KeyError(f"{self.name} has no rule {name!r}")

    def hit(self, name: str, count: int = 1) -> None:
        """Count ``count`` firings of the rule called ``name``."""
        self.hits[name] += count

    def first(self, *args: Any, **kwargs: Any) -> tuple[str, Any] | tuple[None, None]:
        """Run the rules in order; return ``(name, result)`` of the first non-``None`` result.

        The rule that answered is counted. ``(None, None)`` when no rule answers.
        """
        if kwargs:
            return self._first_with_keywords(args, kwargs)
        for name, func in self._calls:  # the common case: positional arguments only
            result = func(*args)
            if result is not None:
                self.hits[name] += 1
                return name, result
        return None, None

    def _first_with_keywords(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str, Any] | tuple[None, None]:
        for name, func in self._calls:
            result = func(*args, **kwargs)
            if result is not None:
                self.hits[name] += 1
                return name, result
        return None, None

    def first_among(self, names: frozenset[str], *args: Any) -> tuple[str, Any] | tuple[None, None]:
        """Run only the rules called ``names``, in table order; return what ``first`` would.

        For callers that know the other rules cannot answer these arguments (a test must say
        why); unknown names raise ``KeyError``.
        """
        calls = self._subsets.get(names)
        if calls is None or len(self._calls) != self._subset_size:
            if len(self._calls) != self._subset_size:
                self._subsets.clear()
                self._subset_size = len(self._calls)
            unknown = names - {name for name, _ in self._calls}
            if unknown:
                raise KeyError(f"{self.name} has no rules {sorted(unknown)}")
            calls = self._subsets[names] = tuple((name, func) for name, func in self._calls if name in names)
        for name, func in calls:
            result = func(*args)
            if result is not None:
                self.hits[name] += 1
                return name, result
        return None, None

    def every(self, *args: Any, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Run every rule in order; yield ``(name, result)`` for each non-``None`` result."""
        for name, func in self._calls:
            result = func(*args, **kwargs)
            if result is not None:
                self.hits[name] += 1
                yield name, result


def hit_counts() -> list[tuple[str, str, int]]:
    """Return ``(table, rule, hits)`` for every rule of every table, in table order."""
    return [(t.name, r.name, t.hits[r.name]) for t in TABLES.values() for r in t.rules]


def reset_counts() -> None:
    """Set every hit counter to zero."""
    for table in TABLES.values():
        table.hits.clear()
