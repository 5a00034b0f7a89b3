"""The rule-table mechanism: order, hit counts, docstring examples."""

import pytest

from multipolar import rules
from multipolar.rules import RuleTable


@pytest.fixture()
def table():
    t = RuleTable("test.table", "a table for tests")
    yield t
    rules.TABLES.pop("test.table", None)


def test_first_rule_that_answers_wins_and_is_counted(table):
    @table.rule
    def too_short(word):
        """Words under three letters are not names.

        Example: "of" -> "short"
        """
        return "short" if len(word) < 3 else None

    @table.rule
    def capitalised(word):
        """A capitalised word is a name.

        Example: "Paris" -> "name"
        """
        return "name" if word[:1].isupper() else None

    assert table.first("Paris") == ("capitalised", "name")
    assert table.first("of") == ("too_short", "short")
    assert table.first("Of") == ("too_short", "short")
    assert table.first("river") == (None, None)
    assert table.hits["too_short"] == 2 and table.hits["capitalised"] == 1
    assert [r.name for r in table] == ["too_short", "capitalised"]
    assert table.get("capitalised").example == '"Paris" -> "name"'
    assert ("test.table", "capitalised", 1) in rules.hit_counts()
    rules.reset_counts()
    assert table.hits["capitalised"] == 0


def test_every_yields_all_answers(table):
    @table.rule
    def even(n):
        """Even numbers.

        Example: 4 -> "even"
        """
        return "even" if n % 2 == 0 else None

    @table.rule
    def big(n):
        """Numbers over ten.

        Example: 12 -> "big"
        """
        return "big" if n > 10 else None

    assert list(table.every(12)) == [("even", "even"), ("big", "big")]
    assert list(table.every(3)) == []


def test_rules_need_an_example_and_a_unique_name(table):
    with pytest.raises(ValueError, match="Example"):

        @table.rule
        def no_example(x):
            """Has a summary only."""

    with pytest.raises(ValueError, match="docstring"):

        @table.rule
        def no_doc(x):
            return x

    with pytest.raises(ValueError, match="already exists"):
        RuleTable("test.table", "again")


def test_first_among_runs_only_the_named_rules_in_order(table):
    @table.rule
    def short(word):
        """Short words.

        Example: "of" -> "short"
        """
        return "short" if len(word) < 3 else None

    @table.rule
    def lower(word):
        """Lowercase words.

        Example: "of" -> "lower"
        """
        return "lower" if word.islower() else None

    assert table.first_among(frozenset({"lower"}), "of") == ("lower", "lower")
    assert table.first_among(frozenset({"lower", "short"}), "of") == ("short", "short")
    assert table.first_among(frozenset({"short"}), "river") == (None, None)
    assert table.hits["lower"] == 1 and table.hits["short"] == 1
    with pytest.raises(KeyError):
        table.first_among(frozenset({"missing"}), "of")
