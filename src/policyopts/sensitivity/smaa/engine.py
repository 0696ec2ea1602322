"""The chunked SMAA engine: score sources, per-chunk seeds, local and Dask runs.

Draws are processed in chunks of ``chunk_size``; chunk ``k`` draws from the
child seed ``SeedSequence(seed).spawn(n_chunks)[k]`` -- made lazily, one chunk
at a time (:func:`chunk_jobs`), so neither seeds nor jobs are held for the
whole run -- and returns a small :class:`~policyopts._kernels.smaa.Tally`;
tallies are added up in chunk order.  Memory is O(chunk_size) whatever
``n_samples``, and the result depends only on ``(seed, n_samples,
chunk_size)``, also when the chunks run on a Dask cluster (bit-identical).

The default chunk size is chosen for the cache (:func:`default_chunk`): the
working set of one chunk is kept near :data:`CHUNK_BYTES`, a fixed budget
rather than a measured cache size, so that a seed gives the same result on
every machine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from policyopts import methods as _methods
from policyopts._kernels import smaa as _ksmaa
from policyopts._kernels.rank import TIE_RTOL
from policyopts._progress import LONG_RUN_DRAWS, ProgressCallback, resolve_progress
from policyopts._random import SeedLike, seed_sequence
from policyopts.distributions import WeightDistribution
from policyopts.sensitivity.smaa.scoring import (
    ScoreForm,
    method_facts,
    ranks_from_scores_t,
    score_form,
)

__all__ = [
    "CHUNK_BYTES",
    "MAX_IN_FLIGHT",
    "PAIRWISE_MAX_M",
    "Problem",
    "Raw",
    "chunk_jobs",
    "default_chunk",
    "run",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
SmallInt = NDArray[np.signedinteger]

#: Working-set budget of one chunk in bytes (about half a typical 4 MiB L2 cache).
CHUNK_BYTES = 2 << 20
_MAX_CHUNK = 1 << 16
_MIN_CHUNK = 1 << 10
#: Up to this many alternatives pairwise wins are counted unless asked otherwise.
PAIRWISE_MAX_M = 256
#: Most chunks a Dask run has submitted and not yet added up.
MAX_IN_FLIGHT = 64


class Source(Protocol):
    """Where the score matrices of the draws come from."""

    stochastic: bool
    kind: str

    def draw(self, rng: np.random.Generator, start: int, size: int) -> FloatArray: ...

    def nominal(self) -> FloatArray: ...


@dataclass(frozen=True, eq=False)
class FixedSource:
    """One known matrix (m, n)."""

    matrix: FloatArray
    stochastic: bool = False
    kind: str = "fixed"

    def draw(self, rng: np.random.Generator, start: int, size: int) -> FloatArray:
        return self.matrix

    def nominal(self) -> FloatArray:
        return self.matrix


@dataclass(frozen=True, eq=False)
class StackSource:
    """Given score-matrix draws (S, m, n): paired with the draws or resampled."""

    stack: FloatArray
    paired: bool
    stochastic: bool = True

    @property
    def kind(self) -> str:
        return "paired" if self.paired else "resampled"

    def draw(self, rng: np.random.Generator, start: int, size: int) -> FloatArray:
        if self.paired:
            return self.stack[start : start + size]
        return self.stack[rng.integers(0, self.stack.shape[0], size)]

    def nominal(self) -> FloatArray:
        return np.asarray(self.stack[0], dtype=np.float64)


@dataclass(frozen=True, eq=False)
class Problem:
    """Everything a chunk needs; picklable (sent once to each Dask worker)."""

    method: str
    options: Mapping[str, Any]
    types: FloatArray
    weights: WeightDistribution
    source: Any
    m: int
    n: int
    form: ScoreForm | None = None
    linear_on_raw: bool = False
    pairwise: bool = True

    @classmethod
    def build(
        cls,
        method: str,
        options: Mapping[str, Any],
        types: FloatArray,
        weights: WeightDistribution,
        source: Any,
        *,
        pairwise: bool | None = None,
    ) -> Problem:
        """A problem with its fast scoring form (fixed matrix) or flag (stacks).

        ``pairwise=None`` counts pairwise wins up to :data:`PAIRWISE_MAX_M` alternatives.
        """
        nominal = source.nominal()
        m, n = int(nominal.shape[-2]), int(nominal.shape[-1])
        raw = method_facts(method, options).linear_on_raw
        form = None
        if not source.stochastic:
            form = score_form(method, options, nominal, types)
        count = m <= PAIRWISE_MAX_M if pairwise is None else bool(pairwise)
        return cls(method, dict(options), types, weights, source, m, n, form, raw, count)

    @property
    def scaled_weights(self) -> bool:
        """Whether chunks may use unnormalised weight draws (no method call needs them)."""
        return self.form is not None or self.linear_on_raw

    def rank_t(
        self, mats: FloatArray, w: FloatArray, total: FloatArray | None = None
    ) -> tuple[SmallInt, IntArray | None]:
        """Ranks (m, c) of ``c`` draws, and pairwise win counts when already counted."""
        if self.form is not None and mats.ndim == 2:
            return self.form.rank_t(w, total)
        if self.linear_on_raw:
            scores_t = np.ascontiguousarray(np.matmul(mats, w[..., None])[..., 0].T)
            if scores_t.ndim == 1:
                scores_t = scores_t[:, None]
            return self.ranks_of(scores_t, total)
        weights = w if total is None else w / total[:, None]
        result = _methods.get_method(self.method)(mats, weights, self.types, **self.options)
        ranks = np.asarray(result.ranks)
        if ranks.ndim == 1:
            ranks = ranks[None, :]
        return np.ascontiguousarray(ranks.T, dtype=_ksmaa.rank_dtype(self.m)), None

    @property
    def scores_direct(self) -> bool:
        """Whether the source scores its own draws (``draw_scores``, weighted sums)."""
        return self.linear_on_raw and hasattr(self.source, "draw_scores")

    def ranks_of(
        self, scores_t: FloatArray, total: FloatArray | None = None
    ) -> tuple[SmallInt, IntArray | None]:
        """Ranks (m, c) of weighted-sum scores (m, c) of weights summing to ``total``."""
        c = scores_t.shape[1]
        size = np.ones(c) if total is None else np.broadcast_to(total, (c,))
        return ranks_from_scores_t(scores_t, np.maximum(size, np.abs(scores_t).max(axis=0)))


def child(seq: np.random.SeedSequence, j: int) -> np.random.SeedSequence:
    """The j-th child of ``seq`` (``seq.spawn(j + 1)[j]``), without touching its counter."""
    return np.random.SeedSequence(
        seq.entropy, spawn_key=(*seq.spawn_key, j), pool_size=seq.pool_size
    )


Job = tuple[np.random.SeedSequence, int, int]


def chunk_jobs(root: np.random.SeedSequence, n_samples: int, size: int) -> Iterator[Job]:
    """``(seed, start, size)`` of each chunk, made one at a time (a generator).

    Chunk k's seed is ``root.spawn(n_chunks)[k]``; nothing is built up front,
    so memory does not grow with the number of chunks.
    """
    for k in range(math.ceil(n_samples / size)):
        start = k * size
        yield child(root, k), start, min(size, n_samples - start)


def main_chunk(
    problem: Problem, seq: np.random.SeedSequence, start: int, size: int
) -> _ksmaa.Tally:
    """Pass 1 of one chunk: draw scores and weights, rank, tally."""
    rng = np.random.default_rng(child(seq, 0))
    if problem.scores_direct:  # weights first, then the source scores fresh draws
        w, total = problem.weights.draw_scaled(rng, size, problem.n)
        w = np.ascontiguousarray(np.broadcast_to(w, (size, problem.n)))
        ranks_t, less = problem.ranks_of(problem.source.draw_scores(rng, w), total)
    else:
        mats = problem.source.draw(rng, start, size)
        if problem.scaled_weights:
            w, total = problem.weights.draw_scaled(rng, size, problem.n)
        else:
            w, total = problem.weights.draw(rng, size, problem.n), None
        w = np.ascontiguousarray(np.broadcast_to(w, (size, problem.n)))
        ranks_t, less = problem.rank_t(mats, w, total)
    if ranks_t.shape[1] != size:  # one matrix and one fixed weight vector
        ranks_t = np.ascontiguousarray(np.broadcast_to(ranks_t, (problem.m, size)))
    inv = None if total is None else 1.0 / total
    if less is None and not problem.pairwise:
        less = np.zeros((problem.m, problem.m), dtype=np.int64)
    return _ksmaa.tally_t(ranks_t, w, inv_total=inv, less=less)


def confidence_chunk(
    problem: Problem,
    seq: np.random.SeedSequence,
    start: int,
    size: int,
    central: FloatArray,
    defined: BoolArray,
) -> IntArray:
    """Pass 2 of one chunk: rank fresh score draws under each central weight vector.

    Returns ``counts[i, g-1]``: draws where i ranks first (in a tie of size g)
    under its own central weights.  Loops over alternatives, not draws.
    """
    rng = np.random.default_rng(child(seq, 1))
    counts = np.zeros((problem.m, problem.m), dtype=np.int64)
    idx = np.flatnonzero(defined)
    if idx.size == 0:
        return counts
    if problem.scores_direct:
        # Fresh draws scored under every central weight vector at once.
        counts[idx] = problem.source.first_place_counts(rng, central[idx], idx, size)
        return counts
    mats = problem.source.draw(rng, start, size)
    for i in idx:
        w = np.ascontiguousarray(np.broadcast_to(central[i], (size, problem.n)))
        ranks_t, _ = problem.rank_t(mats, w)
        counts[i] = _ksmaa.confidence_counts(ranks_t, int(i))
    return counts


def first_place_counts(scores: FloatArray, own: IntArray) -> IntArray:
    """Counts (d, m), by tie size, of the draws in which alternative ``own[p]`` ranks
    first under weight vector p, from weighted-sum scores (d, m, S).

    Under the engine's tie rule (b beats a when ``s_b > s_a + tol``, ``tol``
    as in :meth:`Problem.ranks_of`) a is first exactly when the largest score
    is at most ``s_a + tol``, and the tie size is the number of such a: no
    ranks needed.  Equals :func:`~policyopts._kernels.smaa.confidence_counts`
    of the full ranks.
    """
    d, m, _ = scores.shape
    scale = np.maximum(1.0, np.abs(scores).max(axis=1))
    thresholds = scores + (TIE_RTOL * scale)[:, None, :]
    first = thresholds >= scores.max(axis=1)[:, None, :]
    ties = first.sum(axis=1)  # (d, S)
    mine = first[np.arange(d), own]  # (d, S)
    slot = (np.arange(d)[:, None] * m + ties - 1)[mine]
    return np.bincount(slot, minlength=d * m).reshape(d, m).astype(np.int64)


_R = TypeVar("_R")


def _lazy_as_completed() -> Any:
    try:
        from dask.distributed import as_completed
    except ImportError as exc:  # pragma: no cover - exercised only without dask
        raise ImportError(
            "client: running SMAA on a Dask cluster needs dask.distributed; "
            "pip install policyopts[dask]"
        ) from exc
    return as_completed


def check_client(client: Any) -> None:
    """ValueError unless ``client`` is None or looks like a Dask client."""
    if client is None:
        return
    for attr in ("submit", "scatter"):
        if not callable(getattr(client, attr, None)):
            raise ValueError(
                f"client: expected a dask.distributed.Client (with .submit and .scatter), "
                f"got {type(client).__name__}"
            )


def run_chunks(
    fn: Callable[..., _R],
    problem: Problem,
    jobs: Iterator[Job],
    extra: tuple[Any, ...],
    reduce: Callable[[_R, _R], _R],
    initial: _R,
    client: Any,
    remote: Any,
    report: Callable[[int], None],
) -> _R:
    """Run ``fn(problem, seq, start, size, *extra)`` for every job; reduce in job order.

    Locally the jobs run one after the other.  With a Dask ``client`` at most
    :data:`MAX_IN_FLIGHT` are submitted at a time, with ``remote`` (the
    problem, scattered to every worker beforehand) in place of ``problem``,
    and their results are added in job order as they arrive, so the sum is the
    same, bit for bit, as the local one.
    """
    acc = initial
    if client is None:
        for seq, start, size in jobs:
            acc = reduce(acc, fn(problem, seq, start, size, *extra))
            report(size)
        return acc
    queue = _lazy_as_completed()()
    meta: dict[Any, tuple[int, int]] = {}
    submitted: list[Any] = []
    pending: dict[int, _R] = {}
    counter = iter(range(1 << 62))

    def submit_next() -> None:
        job = next(jobs, None)
        if job is None:
            return
        seq, start, size = job
        fut = client.submit(fn, remote, seq, start, size, *extra, pure=False)
        meta[fut.key] = (next(counter), size)
        submitted.append(fut)
        queue.add(fut)

    next_k = 0
    try:
        for _ in range(MAX_IN_FLIGHT):
            submit_next()
        for fut in queue:
            k, size = meta.pop(fut.key)
            pending[k] = fut.result()
            fut.release()
            report(size)
            while next_k in pending:
                acc = reduce(acc, pending.pop(next_k))
                next_k += 1
            submit_next()
    except BaseException:
        client.cancel([f for f in submitted if f.key in meta])
        raise
    return acc


@dataclass(frozen=True)
class Raw:
    """What a run produced, before it is labelled."""

    tally: _ksmaa.Tally
    confidence_counts: IntArray | None  # None: fixed matrix, confidence computed directly
    confidence: FloatArray
    central: FloatArray
    defined: BoolArray
    seed: int
    chunk_size: int
    n_chunks: int
    confidence_samples: int


def default_chunk(problem: Problem) -> int:
    """Draws per chunk: about :data:`CHUNK_BYTES` of working set, a power of two.

    Bytes per draw: the weights and, per alternative, a score, a threshold and
    a rank, plus the drawn matrix when scores are uncertain (m times more for
    PROMETHEE II called on stacks).
    """
    m, n = problem.m, problem.n
    per_draw = 8 * n + 17 * m + 16
    pairwise = method_facts(problem.method, problem.options).pairwise
    own = getattr(problem.source, "bytes_per_draw", None)
    if own is not None and problem.linear_on_raw:
        per_draw += int(own)
    elif problem.source.stochastic:
        per_draw += 24 * m * n * (m if pairwise and not problem.linear_on_raw else 1)
    elif problem.form is None:
        per_draw += 16 * m * n * (m if pairwise else 1)
    size = 1 << max(0, int(CHUNK_BYTES // per_draw).bit_length() - 1)
    return int(min(_MAX_CHUNK, max(_MIN_CHUNK, size)))


def root_seed(seed: SeedLike) -> tuple[np.random.SeedSequence, int]:
    """A fresh root SeedSequence from ``seed`` and the int that reproduces it."""
    seq = seed_sequence(seed)
    entropy = seq.entropy
    value = (
        int(entropy)
        if isinstance(entropy, int | np.integer)
        else int(np.asarray(entropy).ravel()[0])
    )
    # A fresh copy: spawning from it never depends on earlier use of the caller's object.
    fresh = np.random.SeedSequence(seq.entropy, spawn_key=seq.spawn_key, pool_size=seq.pool_size)
    return fresh, value


def run(
    problem: Problem,
    n_samples: int,
    seed: SeedLike,
    chunk_size: int | None,
    client: Any,
    progress: bool | ProgressCallback | None,
    confidence_samples: int | None = None,
) -> Raw:
    """Both passes of a SMAA run (the confidence pass only with uncertain scores)."""
    size = default_chunk(problem) if chunk_size is None else chunk_size
    size = min(size, n_samples)
    n_chunks = math.ceil(n_samples / size)
    root, seed_value = root_seed(seed)
    stochastic = bool(problem.source.stochastic)
    n_conf = n_samples if confidence_samples is None else min(confidence_samples, n_samples)
    total = n_samples + (n_conf if stochastic else 0)
    callback = resolve_progress(progress, long_run=total >= LONG_RUN_DRAWS, label="smaa")
    done = 0

    def report(k: int) -> None:
        nonlocal done
        done += k
        if callback is not None:
            callback(done, total)

    remote = None if client is None else client.scatter(problem, broadcast=True, hash=False)
    try:
        tally = run_chunks(
            main_chunk,
            problem,
            chunk_jobs(root, n_samples, size),
            (),
            _ksmaa.Tally.__add__,
            _ksmaa.Tally.zeros(problem.m, problem.n),
            client,
            remote,
            report,
        )
        first = tally.first_rank_shares()
        defined = first > 0
        central = np.zeros((problem.m, problem.n), dtype=np.float64)
        central[defined] = tally.weight_sums[defined] / first[defined, None]
        counts: IntArray | None = None
        if stochastic:
            counts = run_chunks(
                confidence_chunk,
                problem,
                chunk_jobs(root, n_conf, size),
                (central, defined),
                np.add,
                np.zeros((problem.m, problem.m), dtype=np.int64),
                client,
                remote,
                report,
            )
            confidence = _ksmaa.shares_by_tie_size(counts) / n_conf
        else:
            confidence = np.zeros(problem.m, dtype=np.float64)
            idx = np.flatnonzero(defined)
            if idx.size:
                # Column k: the nominal matrix ranked under the k-th central weight vector.
                ranks_t, _ = problem.rank_t(problem.source.nominal(), central[idx])
                n_first = np.count_nonzero(ranks_t == 1, axis=0)
                wins = ranks_t[idx, np.arange(idx.size)] == 1
                confidence[idx] = np.where(wins, 1.0 / n_first, 0.0)
    finally:
        close = getattr(callback, "close", None)
        if callable(close):
            close()
        if remote is not None:
            remote.release()
    return Raw(tally, counts, confidence, central, defined, seed_value, size, n_chunks, n_conf)
