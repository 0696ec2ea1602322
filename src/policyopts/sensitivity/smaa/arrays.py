r"""SMAA-2 on arrays: :func:`smaa` and its result, :class:`SMAAResult`.

Stochastic multicriteria acceptability analysis (Lahdelma, Hokkanen &
Salminen 1998; SMAA-2: Lahdelma & Salminen 2001) draws weight vectors from
what is known about the decision makers' preferences -- nothing (uniform on
the simplex), a ranking of the criteria, intervals, or a profile with some
slack (see :mod:`policyopts.distributions`) -- and, optionally, score
matrices from their uncertainty, ranks the alternatives for every draw and
reports:

- the *rank acceptability* :math:`b_i^r`: share of draws in which
  alternative i takes rank r;
- the *central weight vector* :math:`w_i^c`: the mean weight vector of the
  draws in which i ranks first (the typical preferences that favour it);
- the *confidence factor* :math:`p_i^c`: the probability that i ranks first
  when the weights are fixed at :math:`w_i^c` and only the scores vary;
- the *pairwise winning* shares (i beats j) and the *holistic acceptability*
  :math:`a_i^h = \sum_r \alpha^r b_i^r` with meta-weights
  :math:`1 = \alpha^1 \ge \alpha^2 \ge \dots \ge \alpha^m \ge 0`.

The chunked, seeded engine behind it is :mod:`policyopts.sensitivity.smaa.engine`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts._kernels import smaa as _ksmaa
from policyopts._progress import ProgressCallback, resolve_progress
from policyopts._random import SeedLike
from policyopts.distributions import WeightDistribution, as_distribution, positive_int
from policyopts.results import Provenance, Result
from policyopts.sensitivity.smaa.engine import (
    PAIRWISE_MAX_M,
    FixedSource,
    Problem,
    Raw,
    StackSource,
    check_client,
    run,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["META_WEIGHTS", "PAIRWISE_MAX_M", "SMAAResult", "meta_weights", "smaa"]


FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

#: Names of the built-in holistic meta-weights (see :func:`meta_weights`).
META_WEIGHTS: tuple[str, ...] = ("centroid", "linear", "inverse")


def meta_weights(m: int, kind: str | ArrayLike = "centroid") -> FloatArray:
    r"""Meta-weights :math:`1 = \alpha^1 \ge \alpha^2 \ge \dots \ge \alpha^m \ge 0` of ranks.

    The holistic acceptability index (Lahdelma & Salminen 2001) is
    :math:`a_i^h = \sum_r \alpha^r b_i^r`.  Built-in choices, for rank
    :math:`r = 1..m`:

    - ``"centroid"``: :math:`\alpha^r = \sum_{k=r}^m \frac1k \big/ \sum_{k=1}^m \frac1k`
      (rank-order centroid weights of the positions, rescaled to
      :math:`\alpha^1 = 1`);
    - ``"linear"``: :math:`\alpha^r = (m - r)/(m - 1)`;
    - ``"inverse"``: :math:`\alpha^r = 1/r`.

    An array of m non-negative, non-increasing numbers is rescaled so that
    its first entry is 1.

    Examples
    --------
    >>> meta_weights(3, "linear").tolist()
    [1.0, 0.5, 0.0]
    >>> meta_weights(2, "centroid").round(4).tolist()
    [1.0, 0.3333]
    """
    if isinstance(kind, str):
        name = V.check_choice(kind, META_WEIGHTS, "meta_weights")
        r = np.arange(1, m + 1, dtype=np.float64)
        if name == "linear":
            return np.asarray((m - r) / max(m - 1, 1), dtype=np.float64)
        if name == "inverse":
            return np.asarray(1.0 / r, dtype=np.float64)
        tail = np.cumsum((1.0 / r)[::-1])[::-1]
        return np.asarray(tail / tail[0], dtype=np.float64)
    arr = V.as_float_array(kind, "meta_weights")
    if arr.shape != (m,):
        raise ValueError(f"meta_weights: expected shape ({m},), one per rank, got {arr.shape}")
    V.check_finite(arr, "meta_weights")
    if arr.min() < 0 or np.any(np.diff(arr) > 0) or arr[0] <= 0:
        raise ValueError(
            f"meta_weights: must be non-negative and non-increasing with a positive first "
            f"entry, got {arr.tolist()!r}"
        )
    return np.asarray(arr / arr[0], dtype=np.float64)


def _frozen(a: NDArray[Any]) -> NDArray[Any]:
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False, repr=False)
class SMAAResult(Result):
    """SMAA-2 indices of m alternatives on n criteria (arrays; see :func:`smaa`).

    Attributes
    ----------
    rank_acceptability : ndarray, shape (m, m)
        ``[i, r]`` = share of draws in which alternative i takes rank r+1.  A
        tie of g alternatives at competition rank r counts 1/g for each of them
        in each of the rank slots r .. r+g-1, so rows and columns sum to 1.
    central_weights : ndarray, shape (m, n)
        Mean weight vector of the draws in which i ranks first (a draw with g
        alternatives tied first counts 1/g for each).  Alternatives that never
        rank first have no central weights: their row is all zeros and
        ``has_central_weights[i]`` is False (never NaN).
    has_central_weights : ndarray of bool, shape (m,)
        Whether i ranked first in at least one draw.
    confidence : ndarray, shape (m,)
        Confidence factor: share of score draws in which i ranks first when the
        weights are fixed at its central weights (Lahdelma & Salminen 2001).
        With one fixed matrix it is 1 or 0 (1/g in a g-way tie); 0 for an
        alternative without central weights.
    pairwise_winning : ndarray, shape (m, m), or None
        ``[i, j]`` = share of draws in which i ranks strictly better than j,
        ties counted half to each; ``[i, j] + [j, i] = 1``, diagonal 0.
        None when not counted (``pairwise=False``, the default above
        :data:`PAIRWISE_MAX_M` alternatives: it costs m(m-1)/2 comparisons
        per draw).
    method_options : mapping
        The options passed to the method.
    weight_distribution : WeightDistribution
        What the weights were drawn from.
    score_draws : {"fixed", "paired", "resampled", "case"}
        How score matrices were drawn (see :func:`smaa`).
    chunk_size, n_chunks : int
        Draws per chunk and the number of chunks.
    provenance : Provenance
        Array level (no case): the MCDA ``method``, ``n_samples`` and ``seed``
        -- the entropy of the root seed sequence, an int that reproduces the
        run also when ``seed=None`` was given -- and the library version.
    """

    rank_acceptability: FloatArray
    central_weights: FloatArray
    has_central_weights: BoolArray
    confidence: FloatArray
    pairwise_winning: FloatArray | None
    method_options: Mapping[str, Any]
    weight_distribution: WeightDistribution
    score_draws: str
    chunk_size: int
    n_chunks: int
    provenance: Provenance

    def __post_init__(self) -> None:
        for name in (
            "rank_acceptability",
            "central_weights",
            "has_central_weights",
            "confidence",
            "pairwise_winning",
        ):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, _frozen(value))
        object.__setattr__(self, "method_options", dict(self.method_options))

    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``: alternatives and criteria."""
        m, n = self.central_weights.shape
        return int(m), int(n)

    @property
    def first_rank_acceptability(self) -> FloatArray:
        """Share of draws in which each alternative ranks first, shape (m,)."""
        return np.asarray(self.rank_acceptability[:, 0])

    @property
    def expected_rank(self) -> FloatArray:
        """Mean rank slot of each alternative, :math:`\\sum_r r\\, b_i^r`, shape (m,)."""
        m = self.rank_acceptability.shape[0]
        return np.asarray(self.rank_acceptability @ np.arange(1, m + 1, dtype=np.float64))

    def holistic(self, meta_weights: str | ArrayLike = "centroid") -> FloatArray:
        """Holistic acceptability :math:`a_i^h = \\sum_r \\alpha^r b_i^r` (Lahdelma &
        Salminen 2001), with meta-weights from :func:`meta_weights`."""
        alpha = _meta(self.rank_acceptability.shape[0], meta_weights)
        return np.asarray(self.rank_acceptability @ alpha)

    def __repr__(self) -> str:
        m, n = self.shape
        return (
            f"SMAAResult(method={self.method!r}, m={m}, n={n}, "
            f"weights={self.weight_distribution.describe()!r}, "
            f"score_draws={self.score_draws!r}, n_samples={self.n_samples}, seed={self.seed}, "
            f"chunk_size={self.chunk_size})"
        )

    def caption(self) -> str:
        """How the table was produced."""
        return repr(self)

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        m = self.shape[0]
        header = ["alternative", *(f"rank {r}" for r in range(1, m + 1)), "confidence"]
        rows: list[list[object]] = [
            [f"a{i + 1}", *self.rank_acceptability[i].tolist(), float(self.confidence[i])]
            for i in range(m)
        ]
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """Rank acceptability (``rank 1`` ..) and confidence by alternative index."""
        import pandas as pd

        m = self.shape[0]
        frame = pd.DataFrame(
            self.rank_acceptability,
            index=pd.RangeIndex(m, name="alternative"),
            columns=[f"rank {r}" for r in range(1, m + 1)],
        )
        frame["confidence"] = self.confidence
        return frame


def _meta(m: int, kind: str | ArrayLike) -> FloatArray:
    return meta_weights(m, kind)


def probe(
    method: str,
    options: Mapping[str, Any],
    types: FloatArray,
    source: Any,
    name: str = "method_options",
) -> str | None:
    """Run the method once on the nominal matrix to surface bad options early.

    Returns the normalisation the method used (for provenance).
    """
    nominal = source.nominal()
    w = np.full(nominal.shape[-1], 1.0 / nominal.shape[-1])
    fn = _methods.get_method(method)
    try:
        result = fn(nominal, w, types, **options)
    except TypeError as exc:
        raise ValueError(f"{name}: {exc}") from None
    return result.normalization


def smaa(
    matrix: ArrayLike,
    types: ArrayLike,
    *,
    method: str = "wsm",
    n_samples: int = 10_000,
    seed: SeedLike = None,
    weights: WeightDistribution | Mapping[str, Any] | ArrayLike | str | None = None,
    chunk_size: int | None = None,
    client: Any = None,
    progress: bool | ProgressCallback | None = None,
    confidence_samples: int | None = None,
    pairwise: bool | None = None,
    **method_options: Any,
) -> SMAAResult:
    r"""SMAA-2 rank acceptabilities, central weights and confidence factors.

    For each of ``n_samples`` draws a weight vector :math:`w` is drawn from
    ``weights`` (and, with a stack of matrices, a score matrix), the
    alternatives are ranked with ``method``, and the draws are tallied
    (Lahdelma & Salminen 2001):

    .. math::

        b_i^r = P(\mathrm{rank}_i = r), \qquad
        w_i^c = E[w \mid \mathrm{rank}_i = 1], \qquad
        p_i^c = P(\mathrm{rank}_i = 1 \mid w = w_i^c).

    The confidence factors need the central weights, so with uncertain scores
    a second pass over the same chunks draws fresh score matrices (or reuses
    the paired ones) and ranks them under each :math:`w_i^c`.

    Parameters
    ----------
    matrix : array_like, shape (m, n) or (S, m, n)
        Decision matrix, or S draws of it (score uncertainty).  With S draws:
        if ``S == n_samples`` draw k uses ``matrix[k]`` (paired, e.g. values
        sampled elsewhere); otherwise every draw picks one of the S matrices
        uniformly at random with replacement, using the chunk's seeded
        generator.
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    method : str, default "wsm"
        Any name in :data:`policyopts.methods.METHODS`; ``**method_options``
        are passed to it (e.g. ``normalization=None`` for WSM on values that
        are already on a common scale, ``v=`` for VIKOR, ``preference=`` for
        PROMETHEE II).
    n_samples : int, default 10,000
        Number of draws.  The Monte Carlo error of an acceptability ``b`` is
        about :math:`\sqrt{b(1-b)/n}` (at most 0.005 for 10,000 draws).
    seed : int, SeedSequence, Generator or None
        Seed of the run.  ``None`` draws fresh entropy, recorded in
        ``result.seed`` so the run can be repeated.
    weights : WeightDistribution, mapping, array_like, "uniform" or None
        Where weights come from: ``None``/``"uniform"`` uniform on the simplex;
        a :class:`WeightDistribution` (:func:`ordinal_weights`,
        :func:`interval_weights`, :func:`centred_weights`, ...); a mapping
        like ``{"kind": "ordinal", "ranks": [1, 2, 2]}``; or one weight
        vector of shape (n,) (fixed weights: only the scores vary).
    chunk_size : int, optional
        Draws per chunk (memory is O(chunk_size)).  Default: a power of two
        between 1,024 and 65,536 that keeps one chunk's working set near
        2 MiB, so that it stays in the cache (8,192 draws for 5 alternatives
        on 10 criteria; 1,024 for 1,024 alternatives); see
        :func:`~policyopts.sensitivity.smaa.engine.default_chunk`.
        The result depends on ``(seed, n_samples, chunk_size)`` only.
    client : dask.distributed.Client, optional
        Run the chunks on this Dask cluster; the result is bit-identical to a
        local run with the same seed and chunk size.  Needs
        ``pip install policyopts[dask]``.
    progress : bool, callable or None
        ``True`` shows a progress bar (tqdm: a widget in notebooks, a text bar
        on stderr elsewhere); ``None`` shows it for runs of at least 2 million
        draws when stderr is a terminal; a callable ``progress(done, total)``
        receives the number of draws done.
    confidence_samples : int, optional
        With uncertain scores, the number of score draws of the confidence
        pass (a separate pass: it needs the central weights, which are known
        only after the main pass).  Default: ``n_samples``.  The pass reuses
        the seeds of the first chunks of the main pass.
    pairwise : bool, optional
        Count the pairwise winning shares.  Default: up to
        :data:`PAIRWISE_MAX_M` (256) alternatives; above that they cost more
        than everything else together (m(m-1)/2 comparisons per draw against
        an argsort's m log m), so ask for them explicitly.

    Returns
    -------
    SMAAResult

    Raises
    ------
    ValueError
        For bad input, naming the argument.

    References
    ----------
    Lahdelma, R., Hokkanen, J., & Salminen, P. (1998). SMAA - Stochastic
    multiobjective acceptability analysis. European Journal of Operational
    Research, 106(1), 137-143.
    Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
    acceptability analysis for group decision making. Operations Research,
    49(3), 444-454.
    Tervonen, T., & Lahdelma, R. (2007). Implementing stochastic multicriteria
    acceptability analysis. European Journal of Operational Research, 178(2),
    500-513.

    Examples
    --------
    Two criteria on a common scale, so WSM scores are ``w1 x + (1 - w1) y``
    with ``w1`` uniform on [0, 1]: A = (1, 0) wins when w1 > 0.6, B = (0, 1)
    when w1 < 0.4, C = (0.6, 0.6) in between.

    >>> import numpy as np
    >>> s = smaa([[1, 0], [0, 1], [0.6, 0.6]], [1, 1], normalization=None,
    ...          n_samples=200_000, seed=1)
    >>> print(s.rank_acceptability.round(2))
    [[0.4 0.1 0.5]
     [0.4 0.1 0.5]
     [0.2 0.8 0. ]]
    >>> print(s.central_weights.round(2))
    [[0.8 0.2]
     [0.2 0.8]
     [0.5 0.5]]
    >>> s.confidence.tolist()
    [1.0, 1.0, 1.0]
    """
    method = V.check_choice(method, _methods.available(), "method")
    arr = V.as_matrix(matrix, "matrix")
    if arr.ndim > 3:
        raise ValueError(
            f"matrix: expected shape (m, n) or (S, m, n) (S score draws), got {arr.shape}"
        )
    n_samples = positive_int(n_samples, "n_samples")
    if chunk_size is not None:
        chunk_size = positive_int(chunk_size, "chunk_size")
    if confidence_samples is not None:
        confidence_samples = positive_int(confidence_samples, "confidence_samples")
    n = int(arr.shape[-1])
    t = V.as_types(types, n, "types")
    dist = as_distribution(weights, n)
    check_client(client)
    resolve_progress(progress, long_run=False)  # validates the argument
    source: Any
    if arr.ndim == 2:
        source = FixedSource(np.ascontiguousarray(arr))
    else:
        source = StackSource(np.ascontiguousarray(arr), paired=arr.shape[0] == n_samples)
    if pairwise is not None and not isinstance(pairwise, bool | np.bool_):
        raise ValueError(f"pairwise: expected True, False or None, got {pairwise!r}")
    probe(method, dict(method_options), t, source)
    problem = Problem.build(method, dict(method_options), t, dist, source, pairwise=pairwise)
    raw = run(problem, n_samples, seed, chunk_size, client, progress, confidence_samples)
    return result_from(problem, raw, n_samples)


def result_from(problem: Problem, raw: Raw, n_samples: int) -> SMAAResult:
    """The :class:`SMAAResult` of a finished run."""
    t = raw.tally
    return SMAAResult(
        rank_acceptability=_ksmaa.rank_acceptability(t),
        central_weights=raw.central,
        has_central_weights=raw.defined,
        confidence=raw.confidence,
        pairwise_winning=_ksmaa.pairwise_winning(t.less, t.count) if problem.pairwise else None,
        method_options=dict(problem.options),
        weight_distribution=problem.weights,
        score_draws=str(problem.source.kind),
        chunk_size=raw.chunk_size,
        n_chunks=raw.n_chunks,
        provenance=Provenance(method=problem.method, seed=int(raw.seed), n_samples=n_samples),
    )
