r"""SMAA-2: how far to trust a ranking when weights and scores are uncertain.

Stochastic multicriteria acceptability analysis (Lahdelma, Hokkanen &
Salminen 1998; SMAA-2: Lahdelma & Salminen 2001) draws weight vectors from
what is known about the decision makers' preferences -- nothing (uniform on
the simplex), a ranking of the criteria, intervals, or a profile with some
slack -- and, optionally, score matrices from their uncertainty, ranks the
alternatives for every draw and reports:

- the *rank acceptability* :math:`b_i^r`: share of draws in which
  alternative i takes rank r;
- the *central weight vector* :math:`w_i^c`: the mean weight vector of the
  draws in which i ranks first (the typical preferences that favour it);
- the *confidence factor* :math:`p_i^c`: the probability that i ranks first
  when the weights are fixed at :math:`w_i^c` and only the scores vary;
- the *pairwise winning* shares (i beats j) and the *holistic acceptability*
  :math:`a_i^h = \sum_r \alpha^r b_i^r` with meta-weights
  :math:`1 = \alpha^1 \ge \alpha^2 \ge \dots \ge \alpha^m \ge 0`.

Streaming.  Draws are processed in chunks of ``chunk_size``; chunk ``k``
draws from the child seed ``SeedSequence(seed).spawn(n_chunks)[k]`` (see
:func:`policyopts._random.chunk_seeds`) and returns small tallies, which are
added up in chunk order.  Memory is O(chunk_size) whatever ``n_samples``,
and the result depends only on ``(seed, n_samples, chunk_size)`` -- also when
the chunks run on a Dask cluster (``client=``), which gives bit-identical
results.

Two entry points: :func:`smaa` works on arrays, :func:`smaa_case` on a
:class:`~policyopts.Case` (uncertain scores and risk likelihoods from
:func:`~policyopts.uncertain_inputs`, labelled results).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, Protocol, TypeVar

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts._casearrays import case_arrays
from policyopts._kernels import sample as _sample
from policyopts._kernels import smaa as _ksmaa
from policyopts._progress import LONG_RUN_DRAWS, ProgressCallback, resolve_progress
from policyopts._random import SeedLike, rng_from, seed_sequence
from policyopts._tables import html_table, latex_table, markdown_table, text_table
from policyopts._version import __version__
from policyopts.inputs import UncertainInputs, uncertain_inputs
from policyopts.model import Case, Criterion

__all__ = [
    "DEFAULT_CONCENTRATION",
    "DEFAULT_SPREAD",
    "META_WEIGHTS",
    "MIN_ACCEPTANCE",
    "CaseSMAA",
    "SMAAResult",
    "WeightDistribution",
    "centred_weights",
    "fixed_weights",
    "interval_weights",
    "meta_weights",
    "ordinal_weights",
    "smaa",
    "smaa_case",
    "uniform_weights",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

#: Least share of proposals the interval sampler may accept (1 in 1,000).
MIN_ACCEPTANCE = 1e-3
#: Default Dirichlet concentration of :func:`centred_weights` and ``weights="profile"``.
DEFAULT_CONCENTRATION = 100.0
#: Default relative half-width of ``weights="intervals"`` in :func:`smaa_case`.
DEFAULT_SPREAD = 0.2
#: Names of the built-in holistic meta-weights (see :func:`meta_weights`).
META_WEIGHTS: tuple[str, ...] = ("centroid", "linear", "inverse")

_KINDS = ("uniform", "ordinal", "intervals", "centred", "fixed")
_MAX_CHUNK = 250_000
_MIN_CHUNK = 1_000
_CHUNK_ELEMENTS = 12_500_000


# =========================================================================================
# Weight distributions
# =========================================================================================


def _tuple_of_floats(x: ArrayLike, name: str) -> tuple[float, ...]:
    arr = V.as_float_array(x, name)
    if arr.ndim != 1 or arr.size < 1:
        raise ValueError(
            f"{name}: expected a 1-d array with one entry per criterion, got shape {arr.shape}"
        )
    V.check_finite(arr, name)
    return tuple(float(v) for v in arr)


@dataclass(frozen=True)
class WeightDistribution:
    """What is known about the weights, as a distribution on the weight simplex.

    Build one with the factory functions -- :func:`uniform_weights`,
    :func:`ordinal_weights`, :func:`interval_weights`, :func:`centred_weights`,
    :func:`fixed_weights` -- or pass a mapping such as
    ``{"kind": "ordinal", "ranks": [1, 2, 2]}`` wherever a distribution is
    accepted.  Instances are immutable, hashable and picklable (they travel to
    Dask workers).

    Attributes
    ----------
    kind : {"uniform", "ordinal", "intervals", "centred", "fixed"}
    ranks : tuple of int or None
        ``ordinal``: importance rank of each criterion, 1 = most important.
    lower, upper : tuple of float or None
        ``intervals``: bounds of each weight, as given.
    centre : tuple of float or None
        ``centred``: the mean weight vector (normalised to sum 1).
    concentration : float or None
        ``centred``: the Dirichlet concentration :math:`\\kappa`.
    point : tuple of float or None
        ``fixed``: the weight vector (normalised to sum 1).
    """

    kind: str
    ranks: tuple[int, ...] | None = None
    lower: tuple[float, ...] | None = None
    upper: tuple[float, ...] | None = None
    centre: tuple[float, ...] | None = None
    concentration: float | None = None
    point: tuple[float, ...] | None = None
    _box: tuple[tuple[float, ...], tuple[float, ...], float] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        kind = V.check_choice(self.kind, _KINDS, "kind")
        given = {
            "ranks": self.ranks is not None,
            "lower": self.lower is not None,
            "upper": self.upper is not None,
            "centre": self.centre is not None,
            "concentration": self.concentration is not None,
            "point": self.point is not None,
        }
        needed = {
            "uniform": set(),
            "ordinal": {"ranks"},
            "intervals": {"lower", "upper"},
            "centred": {"centre", "concentration"},
            "fixed": {"point"},
        }[kind]
        for key, present in given.items():
            if present and key not in needed:
                raise ValueError(f"{key}: not used by {kind!r} weights")
            if not present and key in needed:
                raise ValueError(f"{key}: required by {kind!r} weights")
        if kind == "ordinal":
            self._check_ranks()
        elif kind == "intervals":
            self._check_box()
        elif kind == "centred":
            self._check_centre()
        elif kind == "fixed":
            w = V.as_weights(
                np.asarray(self.point, dtype=np.float64), len(self.point or ()), "point"
            )
            object.__setattr__(self, "point", tuple(float(v) for v in w))

    # ------------------------------------------------------------------ checks
    def _check_ranks(self) -> None:
        arr = np.asarray(self.ranks)
        if arr.ndim != 1 or arr.size < 1:
            raise ValueError(f"ranks: expected one rank per criterion, got shape {arr.shape}")
        if not np.issubdtype(arr.dtype, np.integer) or arr.min() < 1:
            raise ValueError(
                f"ranks: must be integers >= 1 (1 = most important), got {list(arr)!r}"
            )
        object.__setattr__(self, "ranks", tuple(int(r) for r in arr))

    def _check_box(self) -> None:
        lo = np.asarray(self.lower, dtype=np.float64)
        hi = np.asarray(self.upper, dtype=np.float64)
        if lo.ndim != 1 or lo.size < 1:
            raise ValueError(f"lower: expected one bound per criterion, got shape {lo.shape}")
        if hi.shape != lo.shape:
            raise ValueError(f"upper: expected shape {lo.shape} like lower, got {hi.shape}")
        for name, arr in (("lower", lo), ("upper", hi)):
            V.check_finite(arr, name)
        if lo.min() < 0:
            j = int(np.argmin(lo))
            raise ValueError(f"lower: must be >= 0, got {lo[j]!r} for criterion {j}")
        bad = np.flatnonzero(hi < lo)
        if bad.size:
            j = int(bad[0])
            raise ValueError(
                f"upper: must be >= lower, got upper {hi[j]!r} < lower {lo[j]!r} for criterion {j}"
            )
        if lo.sum() > 1 + 1e-12:
            raise ValueError(
                f"lower: the intervals miss the weight simplex: the lower bounds sum to "
                f"{lo.sum():.6g} > 1"
            )
        if np.minimum(hi, 1.0).sum() < 1 - 1e-12:
            raise ValueError(
                f"upper: the intervals miss the weight simplex: the upper bounds sum to "
                f"{np.minimum(hi, 1.0).sum():.6g} < 1"
            )
        tlo, thi = _sample.tighten_box(lo, hi)
        thi = np.maximum(thi, tlo)  # rounding only: feasibility was checked above
        acc = _sample.box_acceptance(tlo, thi)
        if acc < MIN_ACCEPTANCE:
            raise ValueError(
                f"lower, upper: the intervals keep so little of the weight simplex that the "
                f"exact sampler would accept only {acc:.2g} of its proposals (limit "
                f"{MIN_ACCEPTANCE:g}); widen the intervals or use centred_weights()"
            )
        object.__setattr__(self, "lower", tuple(float(v) for v in lo))
        object.__setattr__(self, "upper", tuple(float(v) for v in hi))
        object.__setattr__(
            self, "_box", (tuple(float(v) for v in tlo), tuple(float(v) for v in thi), acc)
        )

    def _check_centre(self) -> None:
        w = V.as_weights(
            np.asarray(self.centre, dtype=np.float64), len(self.centre or ()), "centre"
        )
        kappa = V.as_scalar(self.concentration, "concentration")
        if kappa <= 0:
            raise ValueError(f"concentration: must be > 0, got {kappa!r}")
        object.__setattr__(self, "centre", tuple(float(v) for v in w))
        object.__setattr__(self, "concentration", kappa)

    # ------------------------------------------------------------------ views
    @property
    def n(self) -> int | None:
        """Number of criteria, or None for ``uniform`` (fits any number)."""
        for values in (self.ranks, self.lower, self.centre, self.point):
            if values is not None:
                return len(values)
        return None

    @property
    def acceptance(self) -> float | None:
        """``intervals``: the share of proposals the exact rejection sampler accepts."""
        return None if self._box is None else self._box[2]

    def describe(self) -> str:
        """A short plain-words description.

        >>> ordinal_weights([1, 2, 2]).describe()
        'ordinal (ranks 1, 2, 2)'
        """
        if self.kind == "uniform":
            return "uniform on the simplex"
        if self.kind == "ordinal":
            return f"ordinal (ranks {', '.join(str(r) for r in self.ranks or ())})"
        if self.kind == "intervals":
            return "intervals " + ", ".join(
                f"[{a:.3g}, {b:.3g}]"
                for a, b in zip(self.lower or (), self.upper or (), strict=True)
            )
        if self.kind == "centred":
            return f"centred Dirichlet (concentration {self.concentration:g})"
        return "fixed " + "(" + ", ".join(f"{v:.3g}" for v in self.point or ()) + ")"

    def check_criteria(self, n: int, name: str = "weights") -> None:
        """Raise ValueError if the distribution is not for ``n`` criteria."""
        own = self.n
        if own is not None and own != n:
            raise ValueError(
                f"{name}: the {self.kind} weight distribution is for {own} criteria, "
                f"the matrix has {n}"
            )

    # ---------------------------------------------------------------- sampling
    def draw(self, rng: np.random.Generator, size: int, n: int) -> FloatArray:
        """``size`` weight vectors ``(size, n)`` from ``rng`` (``(n,)`` for ``fixed``).

        No validation: use :meth:`sample` for a checked public call.
        """
        if self.kind == "uniform":
            return _sample.simplex_uniform(rng, size, n)
        if self.kind == "ordinal":
            return _sample.simplex_ordinal(rng, size, np.asarray(self.ranks, dtype=np.int64))
        if self.kind == "intervals":
            assert self._box is not None
            lo, hi, acc = self._box
            return _sample.simplex_box(rng, size, np.asarray(lo), np.asarray(hi), acceptance=acc)
        if self.kind == "centred":
            alpha = float(self.concentration or 0.0) * np.asarray(self.centre, dtype=np.float64)
            return _sample.dirichlet(rng, size, alpha)
        return np.asarray(self.point, dtype=np.float64)

    def sample(self, size: int, *, n: int | None = None, seed: SeedLike = None) -> FloatArray:
        """``size`` weight vectors, shape ``(size, n)``, each on the simplex.

        ``n`` is needed for ``uniform`` only (the others know their number of
        criteria).

        Examples
        --------
        >>> w = ordinal_weights([1, 2, 3]).sample(5, seed=0)
        >>> bool(np.all(w[:, 0] >= w[:, 1]) and np.all(w[:, 1] >= w[:, 2]))
        True
        """
        size = _positive_int(size, "size", minimum=0)
        own = self.n
        if own is None:
            if n is None:
                raise ValueError("n: uniform weights need the number of criteria, got None")
            n = _positive_int(n, "n")
        elif n is not None and n != own:
            raise ValueError(f"n: this distribution is for {own} criteria, got {n}")
        count = int(own if own is not None else n)  # type: ignore[arg-type]
        out = self.draw(rng_from(seed), size, count)
        return np.array(np.broadcast_to(out, (size, count)), dtype=np.float64)


def uniform_weights() -> WeightDistribution:
    """Uniform on the weight simplex: no preference information (Dirichlet(1, ..., 1)).

    Examples
    --------
    >>> uniform_weights().sample(3, n=4, seed=0).shape
    (3, 4)
    """
    return WeightDistribution("uniform")


def ordinal_weights(ranks: ArrayLike) -> WeightDistribution:
    """Uniform on the weights consistent with a ranking of the criteria.

    ``ranks[j]`` is criterion j's importance rank, 1 = most important; ties
    are allowed and leave tied criteria unordered among themselves.  The
    region ``w_(1) >= w_(2) >= ...`` is sampled exactly (sorted uniform draws;
    the mean weights are the rank-order centroid weights, Barron & Barrett
    1996).

    Examples
    --------
    >>> w = ordinal_weights([2, 1]).sample(1000, seed=0)
    >>> bool(np.all(w[:, 1] >= w[:, 0]))
    True
    """
    arr = np.asarray(ranks)
    if arr.dtype.kind == "f" and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
        arr = arr.astype(np.int64)
    if arr.dtype.kind not in "iu":
        raise ValueError(f"ranks: must be integers >= 1 (1 = most important), got {ranks!r}")
    return WeightDistribution("ordinal", ranks=tuple(int(r) for r in np.atleast_1d(arr)))


def interval_weights(lower: ArrayLike, upper: ArrayLike) -> WeightDistribution:
    """Uniform on the weights with ``lower[j] <= w[j] <= upper[j]`` for every j.

    Sampled exactly: the lower bounds by an affine shift of the simplex, the
    upper bounds by rejection in vectorised batches.  Efficiency guard: the
    share of proposals accepted is computed when the distribution is built
    (exactly for up to 16 free weights, else from a fixed-seed pilot) and
    must be at least :data:`MIN_ACCEPTANCE` (1 in 1,000), else ValueError.

    Raises
    ------
    ValueError
        If a bound is negative, ``upper < lower``, the box does not meet the
        simplex (``sum(lower) > 1`` or ``sum(min(upper, 1)) < 1``), or the
        acceptance is below the guard.

    Examples
    --------
    >>> d = interval_weights([0.2, 0.1, 0.0], [0.5, 0.6, 0.6])
    >>> w = d.sample(1000, seed=0)
    >>> bool(np.all(w >= [0.2, 0.1, 0.0]) and np.all(w <= [0.5, 0.6, 0.6]))
    True
    >>> interval_weights([0.6, 0.6], [0.9, 0.9])
    Traceback (most recent call last):
    ...
    ValueError: lower: the intervals miss the weight simplex: the lower bounds sum to 1.2 > 1
    """
    return WeightDistribution(
        "intervals", lower=_tuple_of_floats(lower, "lower"), upper=_tuple_of_floats(upper, "upper")
    )


def centred_weights(
    centre: ArrayLike, concentration: float = DEFAULT_CONCENTRATION
) -> WeightDistribution:
    r"""Dirichlet weights centred on a profile: :math:`w \sim \mathrm{Dir}(\kappa\, w^0)`.

    The mean is ``centre`` (normalised to sum 1) and

    .. math:: \operatorname{sd}(w_j) = \sqrt{\frac{w^0_j (1 - w^0_j)}{\kappa + 1}},

    so the concentration :math:`\kappa` sets how firmly the weights are held:
    with :math:`\kappa = 100` a weight of 0.10 varies with sd 0.030 (30% of
    itself), with :math:`\kappa = 10` with sd 0.090.  A zero weight stays 0.

    Examples
    --------
    >>> w = centred_weights([0.5, 0.3, 0.2], concentration=100).sample(20000, seed=0)
    >>> np.round(w.mean(axis=0), 2).tolist()
    [0.5, 0.3, 0.2]
    """
    return WeightDistribution(
        "centred",
        centre=_tuple_of_floats(centre, "centre"),
        concentration=V.as_scalar(concentration, "concentration"),
    )


def fixed_weights(weights: ArrayLike) -> WeightDistribution:
    """One weight vector (normalised to sum 1): only the scores vary.

    Examples
    --------
    >>> fixed_weights([1, 3]).point
    (0.25, 0.75)
    """
    return WeightDistribution("fixed", point=_tuple_of_floats(weights, "weights"))


_FACTORIES: Mapping[str, Callable[..., WeightDistribution]] = MappingProxyType(
    {
        "uniform": uniform_weights,
        "ordinal": ordinal_weights,
        "intervals": interval_weights,
        "centred": centred_weights,
        "fixed": fixed_weights,
    }
)


def _as_distribution(spec: Any, n: int, name: str = "weights") -> WeightDistribution:
    """A :class:`WeightDistribution` from ``None``, an instance, a mapping, "uniform"
    or a fixed weight vector, checked against ``n`` criteria."""
    if spec is None:
        dist = uniform_weights()
    elif isinstance(spec, WeightDistribution):
        dist = spec
    elif isinstance(spec, Mapping):
        params = dict(spec)
        kind = params.pop("kind", None)
        kind = V.check_choice(kind, _KINDS, f"{name}['kind']")
        try:
            dist = _FACTORIES[kind](**params)
        except TypeError:
            raise ValueError(
                f"{name}: unexpected keys {sorted(params)} for {kind!r} weights"
            ) from None
    elif isinstance(spec, str):
        if spec != "uniform":
            raise ValueError(
                f"{name}: {spec!r} needs parameters; pass a WeightDistribution (e.g. "
                f"ordinal_weights(ranks)) or a mapping with 'kind', or 'uniform'"
            )
        dist = uniform_weights()
    else:
        arr = V.as_float_array(spec, name)
        if arr.ndim != 1:
            raise ValueError(
                f"{name}: expected None, a WeightDistribution, a mapping or one weight "
                f"vector of shape ({n},), got an array of shape {arr.shape}"
            )
        V.as_weights(arr, n, name)
        dist = fixed_weights(arr)
    dist.check_criteria(n, name)
    return dist


# =========================================================================================
# Holistic meta-weights
# =========================================================================================


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


# =========================================================================================
# Score-matrix sources and the chunked engine
# =========================================================================================


class _Source(Protocol):
    stochastic: bool
    kind: str

    def draw(self, rng: np.random.Generator, start: int, size: int) -> FloatArray: ...

    def nominal(self) -> FloatArray: ...


@dataclass(frozen=True, eq=False)
class _FixedSource:
    """One known matrix (m, n)."""

    matrix: FloatArray
    stochastic: bool = False
    kind: str = "fixed"

    def draw(self, rng: np.random.Generator, start: int, size: int) -> FloatArray:
        return self.matrix

    def nominal(self) -> FloatArray:
        return self.matrix


@dataclass(frozen=True, eq=False)
class _StackSource:
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
class _Problem:
    """Everything a chunk needs; picklable (sent once to each Dask worker)."""

    method: str
    options: Mapping[str, Any]
    types: FloatArray
    weights: WeightDistribution
    source: Any
    m: int
    n: int

    def ranks(self, matrices: FloatArray, weights: FloatArray) -> IntArray:
        result = _methods.get_method(self.method)(matrices, weights, self.types, **self.options)
        return np.asarray(result.ranks, dtype=np.int64)


def _child(seq: np.random.SeedSequence, j: int) -> np.random.SeedSequence:
    """The j-th child of ``seq``, without touching ``seq``'s spawn counter."""
    return np.random.SeedSequence(
        seq.entropy, spawn_key=(*seq.spawn_key, j), pool_size=seq.pool_size
    )


def _main_chunk(
    problem: _Problem, seq: np.random.SeedSequence, start: int, size: int
) -> _ksmaa.Tally:
    """Pass 1 of one chunk: draw scores and weights, rank, tally."""
    rng = np.random.default_rng(_child(seq, 0))
    mats = problem.source.draw(rng, start, size)
    w = problem.weights.draw(rng, size, problem.n)
    ranks = np.broadcast_to(problem.ranks(mats, w), (size, problem.m))
    return _ksmaa.tally(ranks, np.broadcast_to(w, (size, problem.n)))


def _confidence_chunk(
    problem: _Problem,
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
    rng = np.random.default_rng(_child(seq, 1))
    mats = problem.source.draw(rng, start, size)
    counts = np.zeros((problem.m, problem.m), dtype=np.int64)
    for i in np.flatnonzero(defined):
        ranks = np.broadcast_to(problem.ranks(mats, central[i]), (size, problem.m))
        counts[i] = _ksmaa.confidence_counts(ranks, int(i))
    return counts


_R = TypeVar("_R")


def _lazy_as_completed() -> Callable[..., Any]:
    try:
        from dask.distributed import as_completed
    except ImportError as exc:  # pragma: no cover - exercised only without dask
        raise ImportError(
            "client: running SMAA on a Dask cluster needs dask.distributed; "
            "pip install policyopts[dask]"
        ) from exc
    return as_completed


def _check_client(client: Any) -> None:
    if client is None:
        return
    for attr in ("submit", "scatter"):
        if not callable(getattr(client, attr, None)):
            raise ValueError(
                f"client: expected a dask.distributed.Client (with .submit and .scatter), "
                f"got {type(client).__name__}"
            )


def _run_chunks(
    fn: Callable[..., _R],
    problem: _Problem,
    jobs: Sequence[tuple[np.random.SeedSequence, int, int]],
    extra: tuple[Any, ...],
    reduce: Callable[[_R, _R], _R],
    initial: _R,
    client: Any,
    remote: Any,
    report: Callable[[int], None],
) -> _R:
    """Run ``fn(problem, seq, start, size, *extra)`` for every job; reduce in job order.

    Locally the jobs run one after the other.  With a Dask ``client`` they are
    submitted at once, with ``remote`` (the problem, scattered to every worker
    beforehand) in place of ``problem``, and their results are added in job
    order as they arrive, so the sum is the same, bit for bit, as the local one.
    """
    acc = initial
    if client is None:
        for seq, start, size in jobs:
            acc = reduce(acc, fn(problem, seq, start, size, *extra))
            report(size)
        return acc
    as_completed = _lazy_as_completed()
    futures = [
        client.submit(fn, remote, seq, start, size, *extra, pure=False) for seq, start, size in jobs
    ]
    index = {f.key: k for k, f in enumerate(futures)}
    pending: dict[int, _R] = {}
    next_k = 0
    try:
        for fut in as_completed(futures):
            k = index[fut.key]
            pending[k] = fut.result()
            fut.release()
            report(jobs[k][2])
            while next_k in pending:
                acc = reduce(acc, pending.pop(next_k))
                next_k += 1
    except BaseException:
        client.cancel(futures)
        raise
    return acc


@dataclass(frozen=True)
class _Raw:
    tally: _ksmaa.Tally
    confidence_counts: IntArray | None  # None: fixed matrix, confidence computed directly
    confidence: FloatArray
    central: FloatArray
    defined: BoolArray
    seed: int
    chunk_size: int
    n_chunks: int


def _positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name}: expected an integer >= {minimum}, got {value!r}")
    if int(value) < minimum:
        raise ValueError(f"{name}: expected an integer >= {minimum}, got {int(value)}")
    return int(value)


def _default_chunk(problem: _Problem) -> int:
    per_draw = problem.m * problem.n * (problem.m if problem.method == "promethee_ii" else 1)
    return int(min(_MAX_CHUNK, max(_MIN_CHUNK, _CHUNK_ELEMENTS // per_draw)))


def _root_seed(seed: SeedLike) -> tuple[np.random.SeedSequence, int]:
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


def _run(
    problem: _Problem,
    n_samples: int,
    seed: SeedLike,
    chunk_size: int | None,
    client: Any,
    progress: bool | ProgressCallback | None,
) -> _Raw:
    size = _default_chunk(problem) if chunk_size is None else chunk_size
    size = min(size, n_samples)
    n_chunks = math.ceil(n_samples / size)
    root, seed_value = _root_seed(seed)
    seqs = root.spawn(n_chunks)
    jobs = [(seqs[k], k * size, min(size, n_samples - k * size)) for k in range(n_chunks)]
    stochastic = bool(problem.source.stochastic)
    total = n_samples * (2 if stochastic else 1)
    callback = resolve_progress(progress, long_run=total >= LONG_RUN_DRAWS, label="smaa")
    done = 0

    def report(k: int) -> None:
        nonlocal done
        done += k
        if callback is not None:
            callback(done, total)

    remote = None if client is None else client.scatter(problem, broadcast=True, hash=False)
    try:
        tally = _run_chunks(
            _main_chunk,
            problem,
            jobs,
            (),
            _ksmaa.Tally.__add__,
            _ksmaa.Tally.zeros(problem.m, problem.n),
            client,
            remote,
            report,
        )
        first = _ksmaa.first_rank_shares(tally.rank_ties)
        defined = first > 0
        central = np.zeros((problem.m, problem.n), dtype=np.float64)
        central[defined] = tally.weight_sums[defined] / first[defined, None]
        counts: IntArray | None = None
        if stochastic:
            counts = _run_chunks(
                _confidence_chunk,
                problem,
                jobs,
                (central, defined),
                np.add,
                np.zeros((problem.m, problem.m), dtype=np.int64),
                client,
                remote,
                report,
            )
            confidence = _ksmaa.shares_by_tie_size(counts) / n_samples
        else:
            confidence = np.zeros(problem.m, dtype=np.float64)
            matrix = problem.source.nominal()
            for i in np.flatnonzero(defined):
                ranks = problem.ranks(matrix, central[i])
                if ranks[i] == 1:
                    confidence[i] = 1.0 / float(np.count_nonzero(ranks == 1))
    finally:
        close = getattr(callback, "close", None)
        if callable(close):
            close()
        if remote is not None:
            remote.release()
    return _Raw(tally, counts, confidence, central, defined, seed_value, size, n_chunks)


def _frozen(a: NDArray[Any]) -> NDArray[Any]:
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


# =========================================================================================
# Array-level result and entry point
# =========================================================================================


@dataclass(frozen=True, eq=False, repr=False)
class SMAAResult:
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
    pairwise_winning : ndarray, shape (m, m)
        ``[i, j]`` = share of draws in which i ranks strictly better than j,
        ties counted half to each; ``[i, j] + [j, i] = 1``, diagonal 0.
    method, method_options :
        The MCDA method and the options passed to it.
    weights : WeightDistribution
        What the weights were drawn from.
    score_draws : {"fixed", "paired", "resampled", "case"}
        How score matrices were drawn (see :func:`smaa`).
    n_samples, seed, chunk_size, n_chunks :
        The draws: ``seed`` is the entropy of the root seed sequence (an int
        that reproduces the run, also when ``seed=None`` was given).
    version : str
        policyopts version.
    """

    rank_acceptability: FloatArray
    central_weights: FloatArray
    has_central_weights: BoolArray
    confidence: FloatArray
    pairwise_winning: FloatArray
    method: str
    method_options: Mapping[str, Any]
    weights: WeightDistribution
    score_draws: str
    n_samples: int
    seed: int
    chunk_size: int
    n_chunks: int
    version: str

    def __post_init__(self) -> None:
        for name in (
            "rank_acceptability",
            "central_weights",
            "has_central_weights",
            "confidence",
            "pairwise_winning",
        ):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
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
            f"weights={self.weights.describe()!r}, "
            f"score_draws={self.score_draws!r}, n_samples={self.n_samples}, seed={self.seed}, "
            f"chunk_size={self.chunk_size})"
        )

    def __str__(self) -> str:
        m = self.shape[0]
        header = ["alternative", *(f"rank {r}" for r in range(1, m + 1)), "confidence"]
        rows = [
            [f"a{i + 1}", *self.rank_acceptability[i].tolist(), float(self.confidence[i])]
            for i in range(m)
        ]
        return text_table(header, rows) + "\n" + repr(self)


def _meta(m: int, kind: str | ArrayLike) -> FloatArray:
    return meta_weights(m, kind)


def _probe(problem: _Problem, name: str = "method_options") -> str | None:
    """Run the method once on the nominal matrix to surface bad options early.

    Returns the normalisation the method used (for provenance).
    """
    w = np.full(problem.n, 1.0 / problem.n)
    method = _methods.get_method(problem.method)
    try:
        result = method(problem.source.nominal(), w, problem.types, **problem.options)
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
        Draws per chunk (memory is O(chunk_size)).  Default: 250,000 draws, or
        fewer for large problems (about 12.5 million matrix entries per chunk;
        PROMETHEE II counts m times more).  The result depends on
        ``(seed, n_samples, chunk_size)`` only.
    client : dask.distributed.Client, optional
        Run the chunks on this Dask cluster; the result is bit-identical to a
        local run with the same seed and chunk size.  Needs
        ``pip install policyopts[dask]``.
    progress : bool, callable or None
        ``True`` shows a progress bar on stderr; ``None`` shows it for runs of
        at least 2 million draws when stderr is a terminal; a callable
        ``progress(done, total)`` receives the number of draws done.

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
    n_samples = _positive_int(n_samples, "n_samples")
    if chunk_size is not None:
        chunk_size = _positive_int(chunk_size, "chunk_size")
    m, n = int(arr.shape[-2]), int(arr.shape[-1])
    t = V.as_types(types, n, "types")
    dist = _as_distribution(weights, n)
    _check_client(client)
    resolve_progress(progress, long_run=False)  # validates the argument
    source: Any
    if arr.ndim == 2:
        source = _FixedSource(np.ascontiguousarray(arr))
    else:
        source = _StackSource(np.ascontiguousarray(arr), paired=arr.shape[0] == n_samples)
    problem = _Problem(method, dict(method_options), t, dist, source, m, n)
    _probe(problem)
    raw = _run(problem, n_samples, seed, chunk_size, client, progress)
    return _result(problem, raw, n_samples)


def _result(problem: _Problem, raw: _Raw, n_samples: int) -> SMAAResult:
    t = raw.tally
    return SMAAResult(
        rank_acceptability=_ksmaa.rank_acceptability(t.rank_ties, t.count),
        central_weights=raw.central,
        has_central_weights=raw.defined,
        confidence=raw.confidence,
        pairwise_winning=_ksmaa.pairwise_winning(t.less, t.count),
        method=problem.method,
        method_options=dict(problem.options),
        weights=problem.weights,
        score_draws=str(problem.source.kind),
        n_samples=n_samples,
        seed=raw.seed,
        chunk_size=raw.chunk_size,
        n_chunks=raw.n_chunks,
        version=__version__,
    )


# =========================================================================================
# Case level
# =========================================================================================


@dataclass(frozen=True, eq=False)
class _CaseSource:
    """Score matrices of a case: uncertain inputs drawn per chunk, then (for WSM on
    the criteria's scales) each column mapped through its value function."""

    inputs: UncertainInputs
    criteria: tuple[Criterion, ...]
    to_values: bool
    stochastic: bool = True
    kind: str = "case"

    def _finish(self, mats: FloatArray) -> FloatArray:
        if not self.to_values:
            return mats
        out = np.empty_like(mats)
        for j, crit in enumerate(self.criteria):  # loop over criteria, batched over draws
            out[..., j] = crit.value(mats[..., j])
        return out

    def draw(self, rng: np.random.Generator, start: int, size: int) -> FloatArray:
        cols = [
            np.asarray(inp.dist.rvs(size=size, random_state=rng), dtype=np.float64)
            for inp in self.inputs.inputs
        ]
        values = np.stack(cols, axis=1)
        return self._finish(self.inputs.matrices(values))

    def nominal(self) -> FloatArray:
        return self._finish(self.inputs.base.matrix)


_WEIGHT_CHOICES = ("uniform", "ordinal", "intervals", "profile", "fixed")


def _order_ranks(w: FloatArray) -> IntArray:
    """Importance ranks from weights: 1 = largest; equal weights (to 12 digits) tie."""
    levels = np.unique(np.round(w, 12))[::-1]
    return np.searchsorted(-levels, -np.round(w, 12)).astype(np.int64) + 1


@dataclass(frozen=True)
class CaseSMAA:
    """SMAA-2 of a case's options: how far to trust the ranking.

    Attributes
    ----------
    rank_acceptability : pandas.DataFrame
        Options (rows, case order) by ``"rank 1" .. "rank m"``: share of draws
        in which the option takes that rank (rows and columns sum to 1).
    central_weights : pandas.DataFrame
        Options by criteria: the mean weights of the draws in which the
        option ranks first; a row of zeros where ``has_central_weights`` is False.
    has_central_weights : pandas.Series of bool
        Whether the option ever ranks first.
    confidence : pandas.Series
        Confidence factor of each option: share of score draws in which it
        ranks first under its own central weights (0 if it never ranks first).
    pairwise_winning : pandas.DataFrame
        Options by options: share of draws in which the row option beats the
        column option (ties count half).
    result : SMAAResult
        The array-level result.
    method, normalization, profile, scenario : str or None
        What produced the result (``normalization="scale"``: WSM on the
        criteria's value functions, as in :func:`~policyopts.compare`).
    weights : str
        Plain description of the weight information used.
    uncertain_scores : bool
        Whether scores and risk likelihoods were drawn from their uncertainty.
    n_inputs : int
        Number of uncertain inputs drawn (0 when scores were fixed).
    seed, n_samples, chunk_size : int
        The draws (``seed`` reproduces the run).
    case_id, version : str
    option_names, criterion_names : mapping
        Display names by id.
    """

    rank_acceptability: pd.DataFrame
    central_weights: pd.DataFrame
    has_central_weights: pd.Series
    confidence: pd.Series
    pairwise_winning: pd.DataFrame
    result: SMAAResult = field(repr=False)
    method: str
    normalization: str | None
    profile: str | None
    scenario: str | None
    weights: str
    uncertain_scores: bool
    n_inputs: int
    seed: int
    n_samples: int
    chunk_size: int
    case_id: str
    version: str
    option_names: Mapping[str, str] = field(repr=False)
    criterion_names: Mapping[str, str] = field(repr=False)

    # ---------------------------------------------------------------- views
    @property
    def first_rank(self) -> pd.Series:
        """Share of draws in which each option ranks first."""
        out = self.rank_acceptability.iloc[:, 0].copy()
        out.name = "first_rank"
        return out

    @property
    def expected_rank(self) -> pd.Series:
        """Mean rank of each option over the draws."""
        return pd.Series(
            self.result.expected_rank, index=self.rank_acceptability.index, name="expected_rank"
        )

    def holistic(self, meta_weights: str | ArrayLike = "centroid") -> pd.Series:
        """Holistic acceptability of each option (see :func:`meta_weights`)."""
        return pd.Series(
            self.result.holistic(meta_weights),
            index=self.rank_acceptability.index,
            name="holistic",
        )

    @property
    def ranking(self) -> list[str]:
        """Option ids by first-rank acceptability, then holistic acceptability."""
        frame = pd.DataFrame({"first": self.first_rank, "holistic": self.holistic()})
        ordered = frame.sort_values(["first", "holistic"], ascending=False, kind="stable")
        return [str(i) for i in ordered.index]

    def summary(self) -> str:
        """Plain words: how often each option ranks first, and how it was obtained."""
        first = self.first_rank
        order = self.ranking
        winners = [o for o in order if float(first[o]) > 0]
        never = [self.option_names[o] for o in order if float(first[o]) == 0]
        parts = []
        for k, o in enumerate(winners):
            name = self.option_names[o]
            share = _percent(float(first[o]))
            parts.append(
                f"{name} ranks first in {share} of draws" if k == 0 else f"{name} in {share}"
            )
        text = "; ".join(parts)
        if never:
            text += (
                "; "
                + _join(never)
                + (" never ranks first" if len(never) == 1 else " never rank first")
            )
        top = order[0]
        if self.uncertain_scores:
            text += (
                f". Under its central weights {self.option_names[top]} stays first in "
                f"{_percent(float(self.confidence[top]))} of score draws (confidence factor)"
            )
        return f"{text} — {self._provenance()}."

    def _provenance(self) -> str:
        bits = [f"SMAA-2, {self.n_samples:,} draws", f"weights {self.weights}"]
        bits.append("uncertain scores" if self.uncertain_scores else "fixed scores")
        bits.append(f"method {self.method}")
        if self.normalization:
            bits.append(f"normalization {self.normalization}")
        bits.append(f"scenario {self.scenario}" if self.scenario else "baseline")
        bits.append(f"seed {self.seed}")
        bits.append(f"chunk size {self.chunk_size:,}")
        bits.append(f"case {self.case_id}")
        bits.append(f"policyopts {self.version}")
        return ", ".join(bits)

    def caption(self) -> str:
        """How the table was produced."""
        return f"Rank acceptability and confidence factors ({self._provenance()})"

    # ------------------------------------------------------------ rendering
    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        m = self.rank_acceptability.shape[1]
        header = ["Option" if names else "option"]
        header += [f"Rank {r}" if names else f"rank {r}" for r in range(1, m + 1)]
        header += ["Confidence" if names else "confidence"]
        rows: list[list[object]] = []
        for o in self.ranking:
            label = self.option_names[o] if names else o
            shares = self.rank_acceptability.loc[o].to_numpy(dtype=np.float64).tolist()
            rows.append([label, *shares, float(self.confidence[o])])
        return header, rows

    def to_text(self, *, names: bool = True, digits: int = 3) -> str:
        """A fixed-width table, most often first option first."""
        return text_table(*self._rows(names), digits=digits)

    def to_markdown(self, *, names: bool = True, digits: int = 3) -> str:
        """A Markdown table with its caption."""
        header, rows = self._rows(names)
        return markdown_table(header, rows, digits=digits) + f"\n\n*{self.caption()}.*"

    def to_html(self, *, names: bool = True, digits: int = 3) -> str:
        """An HTML table (escaped) with its caption."""
        header, rows = self._rows(names)
        return html_table(header, rows, digits=digits, caption=self.caption(), highlight_row=0)

    def to_latex(self, *, names: bool = True, digits: int = 3) -> str:
        """A booktabs LaTeX table with its caption."""
        header, rows = self._rows(names)
        return latex_table(header, rows, digits=digits, caption=self.caption())

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text() + "\n" + self.caption()


def _percent(x: float) -> str:
    if 0 < x < 0.005:
        return "<1%"
    if 0.995 < x < 1:
        return ">99%"
    return f"{100 * x:.0f}%"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def smaa_case(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    n_samples: int = 10_000,
    seed: SeedLike = None,
    weights: Literal["uniform", "ordinal", "intervals", "profile", "fixed"]
    | WeightDistribution
    | Mapping[str, Any] = "uniform",
    concentration: float = DEFAULT_CONCENTRATION,
    spread: float = DEFAULT_SPREAD,
    uncertain_scores: bool = True,
    scenario: str | None = None,
    normalization: str | None = None,
    chunk_size: int | None = None,
    client: Any = None,
    progress: bool | ProgressCallback | None = None,
    **method_options: Any,
) -> CaseSMAA:
    """SMAA-2 of a case: uncertain weights and, optionally, uncertain scores.

    Every draw takes a weight vector from the chosen weight information and,
    with ``uncertain_scores``, every uncertain score and risk likelihood of
    the case from its distribution (:func:`~policyopts.uncertain_inputs`;
    risk burdens are recomputed from the drawn likelihoods), then ranks the
    options exactly as :func:`~policyopts.compare` would: WSM by default on
    each criterion's value function over its declared scale
    (``normalization="scale"``), other methods on the raw scores with their
    own normalisation.  With fixed weights and fixed scores the ranks are
    those of ``compare``.

    Parameters
    ----------
    case : Case
    profile : str, optional
        The weight profile behind ``weights`` other than ``"uniform"`` (the
        case's default profile when omitted).
    method : str, default "wsm"
        One of :func:`policyopts.methods.available`.
    n_samples : int, default 10,000
    seed : int, SeedSequence, Generator or None
    weights : str, WeightDistribution or mapping, default "uniform"
        - ``"uniform"``: uniform on the simplex, no preference information
          (the profile is not used);
        - ``"ordinal"``: uniform on the weights that keep the profile's order
          of importance (equal profile weights are unordered ties);
        - ``"intervals"``: uniform with each weight within ``±spread`` (relative)
          of the profile's, ``[w(1 - spread), w(1 + spread)]``;
        - ``"profile"``: Dirichlet centred on the profile with ``concentration``
          (see :func:`centred_weights`);
        - ``"fixed"``: the profile's weights exactly (only scores vary);
        - a :class:`WeightDistribution` or mapping over the case's criteria
          (risk burden last, as in ``case.criterion_ids``).
    concentration : float, default 100
        Dirichlet concentration for ``weights="profile"``.
    spread : float, default 0.2
        Relative half-width for ``weights="intervals"``, in (0, 1].
    uncertain_scores : bool, default True
        Draw scores and risk likelihoods from their uncertainty; False keeps
        the point estimates.
    scenario : str, optional
        Apply a scenario first (its score changes and likelihood overrides).
    normalization : str, optional
        As in :func:`~policyopts.compare` (``"scale"`` by default for WSM).
    chunk_size, client, progress :
        As in :func:`smaa`: bounded memory, Dask cluster, progress bar.
    **method_options
        Passed to the method (``v`` for VIKOR; ``preference``, ``q``, ``p``,
        ``s`` for PROMETHEE II).

    Returns
    -------
    CaseSMAA

    References
    ----------
    Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
    acceptability analysis for group decision making. Operations Research,
    49(3), 444-454.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.sensitivity.smaa import smaa_case
    >>> s = smaa_case(po.load_case("mali"), n_samples=2000, seed=1)
    >>> s.rank_acceptability.shape
    (6, 6)
    >>> bool(np.allclose(s.rank_acceptability.sum(axis=1), 1.0))
    True
    """
    if not isinstance(case, Case):
        raise ValueError(f"case: expected a policyopts Case, got {type(case).__name__}")
    method = V.check_choice(method, _methods.available(), "method")
    if scenario is not None:
        case.scenario(scenario)
    if not isinstance(uncertain_scores, bool | np.bool_):
        raise ValueError(f"uncertain_scores: expected True or False, got {uncertain_scores!r}")
    arrays = case_arrays(case, scenario)
    ids = arrays.criterion_ids
    n = len(ids)

    # Normalisation, as in compare().
    norm = normalization
    if norm is None and method == "wsm":
        norm = "scale"
    kernel_norms = tuple(_methods.NORMALIZATIONS)
    allowed = ("scale", *kernel_norms) if method == "wsm" else kernel_norms
    if norm is not None and norm not in allowed:
        raise ValueError(
            f"normalization: {norm!r} is not one of {', '.join(map(repr, allowed))} "
            f"for method {method!r}"
        )
    to_values = method == "wsm" and norm == "scale"
    options = dict(method_options)
    if to_values:
        if options:
            raise ValueError(f"method_options: wsm takes no method options, got {sorted(options)}")
        options["normalization"] = None
        types = np.ones(n)
    else:
        if norm is not None:
            options["normalization"] = norm
        types = arrays.types

    # Weight information.
    dist, profile_id, described = _case_weights(case, profile, weights, concentration, spread, ids)

    # Score source.
    source: Any
    inputs = uncertain_inputs(case, scenario) if uncertain_scores else None
    if inputs is not None and len(inputs) > 0:
        source = _CaseSource(inputs, tuple(arrays.criteria), to_values)
        n_inputs = len(inputs)
    else:
        nominal = arrays.values() if to_values else arrays.matrix
        source = _FixedSource(np.ascontiguousarray(nominal, dtype=np.float64))
        n_inputs = 0

    n_samples = _positive_int(n_samples, "n_samples")
    if chunk_size is not None:
        chunk_size = _positive_int(chunk_size, "chunk_size")
    _check_client(client)
    resolve_progress(progress, long_run=False)
    problem = _Problem(method, options, types, dist, source, len(arrays.option_ids), n)
    used_norm = _probe(problem)
    raw = _run(problem, n_samples, seed, chunk_size, client, progress)
    res = _result(problem, raw, n_samples)

    opts = list(arrays.option_ids)
    m = len(opts)
    option_index = pd.Index(opts, name="option")
    ra = pd.DataFrame(
        np.asarray(res.rank_acceptability),
        index=option_index,
        columns=pd.Index([f"rank {r}" for r in range(1, m + 1)], name="rank"),
    )
    cw = pd.DataFrame(
        np.asarray(res.central_weights),
        index=option_index.copy(),
        columns=pd.Index(list(ids), name="criterion"),
    )
    pw = pd.DataFrame(
        np.asarray(res.pairwise_winning),
        index=option_index.copy(),
        columns=pd.Index(opts, name="against"),
    )
    return CaseSMAA(
        rank_acceptability=ra,
        central_weights=cw,
        has_central_weights=pd.Series(
            np.asarray(res.has_central_weights),
            index=option_index.copy(),
            name="has_central_weights",
        ),
        confidence=pd.Series(
            np.asarray(res.confidence), index=option_index.copy(), name="confidence"
        ),
        pairwise_winning=pw,
        result=res,
        method=method,
        normalization="scale" if to_values else used_norm,
        profile=profile_id,
        scenario=scenario,
        weights=described,
        uncertain_scores=bool(uncertain_scores) and n_inputs > 0,
        n_inputs=n_inputs,
        seed=res.seed,
        n_samples=n_samples,
        chunk_size=res.chunk_size,
        case_id=case.id,
        version=__version__,
        option_names={o.id: o.label for o in case.options},
        criterion_names={c.id: c.label for c in case.all_criteria},
    )


def _case_weights(
    case: Case,
    profile: str | None,
    weights: Any,
    concentration: float,
    spread: float,
    ids: Sequence[str],
) -> tuple[WeightDistribution, str | None, str]:
    n = len(ids)
    if isinstance(weights, str):
        kind = V.check_choice(weights, _WEIGHT_CHOICES, "weights")
        if kind == "uniform":
            return uniform_weights(), None, "uniform on the simplex"
        prof = case.profile(profile)
        w0 = np.asarray(prof.resolve(list(ids), case.tree_parents), dtype=np.float64)
        if kind == "ordinal":
            return (
                ordinal_weights(_order_ranks(w0)),
                prof.id,
                f"ordinal (the order of profile {prof.id})",
            )
        if kind == "intervals":
            s = V.as_scalar(spread, "spread")
            if not 0 < s <= 1:
                raise ValueError(f"spread: must be in (0, 1], got {s!r}")
            lo = np.clip(w0 * (1 - s), 0.0, 1.0)
            hi = np.clip(w0 * (1 + s), 0.0, 1.0)
            return (
                interval_weights(lo, hi),
                prof.id,
                f"intervals (profile {prof.id} ±{100 * s:.0f}%)",
            )
        if kind == "profile":
            kappa = V.as_scalar(concentration, "concentration")
            if kappa <= 0:
                raise ValueError(f"concentration: must be > 0, got {kappa!r}")
            return (
                centred_weights(w0, kappa),
                prof.id,
                f"centred on profile {prof.id} (Dirichlet, concentration {kappa:g})",
            )
        return fixed_weights(w0), prof.id, f"fixed at profile {prof.id}"
    if isinstance(weights, WeightDistribution | Mapping):
        dist = _as_distribution(weights, n)
        return dist, None, dist.describe()
    raise ValueError(
        f"weights: expected one of {', '.join(map(repr, _WEIGHT_CHOICES))}, a "
        f"WeightDistribution or a mapping, got {type(weights).__name__}"
    )
