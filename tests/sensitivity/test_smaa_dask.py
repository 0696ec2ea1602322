"""SMAA on a Dask cluster gives the same result, bit for bit, as a local run.

Chunk k always draws from ``SeedSequence(seed).spawn(n_chunks)[k]`` and the
partial tallies are added in chunk order, so where the chunks run does not
matter.  One small ``LocalCluster`` with two worker processes serves every
test in this module (start-up takes a couple of seconds).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

import policyopts as po
from policyopts.sensitivity.smaa import SMAAResult, interval_weights, smaa, smaa_case

distributed = pytest.importorskip("distributed")

pytestmark = [
    # Dask's own start-up/shutdown chatter (e.g. about ports or closing comms) must
    # not fail the run; warnings from policyopts itself still do.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:distributed"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:dask"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::UserWarning:distributed"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

FIELDS = (
    "rank_acceptability",
    "central_weights",
    "has_central_weights",
    "confidence",
    "pairwise_winning",
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=50,  # logging.CRITICAL
    )
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def _same(a: SMAAResult, b: SMAAResult) -> None:
    for f in FIELDS:
        assert np.array_equal(getattr(a, f), getattr(b, f)), f
    assert (a.seed, a.chunk_size, a.n_chunks) == (b.seed, b.chunk_size, b.n_chunks)


def test_fixed_matrix_identical(client: Any) -> None:
    matrix = np.random.default_rng(0).random((5, 4)) * 9 + 1
    kw: dict[str, Any] = {"n_samples": 40_000, "seed": 12, "chunk_size": 5_000}
    seen: list[int] = []
    remote = smaa(matrix, [1, -1, 1, 1], client=client, progress=lambda d, t: seen.append(d), **kw)
    local = smaa(matrix, [1, -1, 1, 1], **kw)
    _same(remote, local)
    assert sorted(seen) == seen and seen[-1] == 40_000 and len(seen) == 8


def test_uncertain_scores_and_intervals_identical(client: Any) -> None:
    stack = np.random.default_rng(1).random((3_000, 4, 3)) + 1
    kw: dict[str, Any] = {
        "n_samples": 20_000,
        "seed": 5,
        "chunk_size": 4_000,
        "weights": interval_weights([0.1, 0.1, 0.0], [0.6, 0.6, 0.5]),
        "method": "topsis",
    }
    _same(smaa(stack, [1, 1, -1], client=client, **kw), smaa(stack, [1, 1, -1], **kw))


def test_case_identical(client: Any, toy_case: po.Case) -> None:
    kw: dict[str, Any] = {"n_samples": 6_000, "seed": 3, "chunk_size": 1_500, "weights": "profile"}
    remote = smaa_case(toy_case, "even", client=client, **kw)
    local = smaa_case(toy_case, "even", **kw)
    _same(remote.result, local.result)
    assert remote.rank_acceptability.equals(local.rank_acceptability)


def test_errors_on_workers_reach_the_caller(client: Any) -> None:
    stack = np.ones((50, 3, 2))
    stack[17, 0, 0] = 0.0  # wpm needs positive entries; draw 17 breaks it
    with pytest.raises(ValueError, match=r"^matrix: "):
        smaa(stack, [1, 1], method="wpm", n_samples=50, seed=1, chunk_size=10, client=client)
