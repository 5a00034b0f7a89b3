"""The bootstrap of the stored aggregates reads events in blocks and never builds a table of them all."""

from __future__ import annotations

import pytest

from multipolar.analysis import stability

EVENT_QUERY = "least(src, tgt) AS a"


class Recording:
    """A store wrapper that counts the rows of every streamed batch and refuses the event table as a frame."""

    def __init__(self, store) -> None:
        self.store = store
        self.batches: list[int] = []

    def frame(self, sql: str, params: list | None = None):
        assert EVENT_QUERY not in sql, "the bootstrap asked for all events as one frame"
        return self.store.frame(sql, params)

    def stream(self, sql: str, params: list | None = None, batch_rows: int = 50_000):
        for batch in self.store.stream(sql, params, batch_rows):
            self.batches.append(batch.num_rows)
            yield batch


class FramesOnly:
    """A source that answers whole frames only (no streaming), like a minimal ``FrameSource``."""

    def __init__(self, store) -> None:
        self.store = store

    def frame(self, sql: str, params: list | None = None):
        return self.store.frame(sql, params)


def _equal(first: tuple, second: tuple) -> None:
    for left, right in zip(first, second, strict=True):
        assert left.equals(right) and list(left.dtypes) == list(right.dtypes)


def test_bootstrap_reads_events_block_by_block_with_the_same_result(world, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = stability.bootstrap_blocs(world, samples=6, seed=3)
    monkeypatch.setattr(stability, "BLOCK_EVENTS", 7)
    recording = Recording(world)
    blocked = stability.bootstrap_blocs(recording, samples=6, seed=3)
    events = int(whole[1].iloc[0]["events"])
    assert events > 30
    assert sum(recording.batches) == events and max(recording.batches) <= 7 and len(recording.batches) >= events // 7
    _equal(whole, blocked)  # the same draws and the same sums, to the last bit
    _equal(whole, stability.bootstrap_blocs(FramesOnly(world), samples=6, seed=3))


def test_bootstrap_matches_draws_to_events_in_stored_order(world) -> None:
    """The pair of every event follows the table's row order, so a parallel scan cannot reorder the draws."""
    pairs, pair, weight = stability._event_arrays(world, None, None, False)
    stored = world.frame(
        "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b "
        "FROM events WHERE NOT negated AND source_country <> target_country ORDER BY rowid"
    )
    assert [tuple(pairs.iloc[i]) for i in pair] == list(zip(stored["a"], stored["b"], strict=True))
    assert len(weight) == len(pair) and pair.dtype.itemsize == 4
