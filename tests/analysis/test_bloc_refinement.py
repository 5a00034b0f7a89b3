"""The bloc refinement sums the blocs' totals only after a move: the same labels as summing them at every step."""

from __future__ import annotations

import numpy as np
import pytest

from multipolar.analysis.blocs import _refine


def refine_summing_every_step(labels: np.ndarray, pos: np.ndarray, neg: np.ndarray, resolution: float,
                              penalty: float) -> np.ndarray:
    """Return the refined labels, every bloc total summed again for each actor (the plain computation)."""
    size = len(labels)
    k_pos, k_neg = pos.sum(axis=1), neg.sum(axis=1)
    m_pos, m_neg = k_pos.sum() or 1.0, neg.sum() or 1.0
    labels = labels.copy()
    for _ in range(30):
        moved = False
        for i in range(size):
            own = labels[i]
            tie_pos = np.bincount(labels, weights=pos[i], minlength=size)
            tie_neg = np.bincount(labels, weights=neg[i], minlength=size)
            total_pos = np.bincount(labels, weights=k_pos, minlength=size)
            total_neg = np.bincount(labels, weights=k_neg, minlength=size)
            total_pos[own] -= k_pos[i]
            total_neg[own] -= k_neg[i]
            gain = (tie_pos - resolution * k_pos[i] * total_pos / m_pos) - penalty * (
                tie_neg - resolution * k_neg[i] * total_neg / m_neg)
            occupied = np.bincount(labels, minlength=size) > 0
            occupied[own] = True
            gain[~occupied] = -np.inf
            empty = np.flatnonzero(~occupied)
            if empty.size:
                gain[empty[0]] = 0.0
            best = int(np.argmax(gain))
            if best != own and gain[best] > gain[own] + 1e-9:
                labels[i] = best
                moved = True
        if not moved:
            break
    return labels


def signed_network(size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return symmetric positive and negative tie weights of ``size`` actors in three groups, sparse and skewed."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 3, size)
    same = group[:, None] == group[None, :]
    tied = rng.random((size, size)) < 0.3
    scale = rng.pareto(1.5, size) + 0.1
    weight = np.round(rng.random((size, size)) * scale[:, None] * scale[None, :], 3) * tied
    pos = np.triu(np.where(same, weight, weight * 0.2), 1)
    neg = np.triu(np.where(same, weight * 0.1, weight * 0.7), 1)
    return pos + pos.T, neg + neg.T


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("start", ["singletons", "random"])
def test_refinement_equals_summing_every_step(seed, start):
    size = 60
    pos, neg = signed_network(size, seed)
    rng = np.random.default_rng(seed + 100)
    labels = np.arange(size) if start == "singletons" else rng.integers(0, 6, size)
    expected = refine_summing_every_step(labels, pos, neg, 1.0, 1.0)
    found = _refine(labels, pos, neg, 1.0, 1.0)
    assert np.array_equal(found, expected)
    assert not np.array_equal(expected, labels)  # actors did move: the comparison covers the recomputed totals
