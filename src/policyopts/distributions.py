r"""Weight distributions: what is known about the weights, as a distribution on the simplex.

SMAA (and, later, robust portfolio modelling) needs a *set* of weight vectors
rather than one: nothing known (uniform on the simplex), a ranking of the
criteria, an interval for each weight, or a profile held with some slack.
Each is a frozen, hashable, picklable :class:`WeightDistribution` (it travels
to Dask workers) built by one factory:

- :func:`uniform_weights` -- Dirichlet(1, ..., 1) (Rubinstein & Kroese 2016);
- :func:`ordinal_weights` -- uniform on the weights that respect a ranking
  (their mean is the rank-order centroid, Barron & Barrett 1996);
- :func:`interval_weights` -- uniform on a box cut from the simplex, exact;
- :func:`centred_weights` -- Dirichlet centred on a profile;
- :func:`fixed_weights` -- one weight vector.

The samplers are the pure-numpy kernels of :mod:`policyopts._kernels.sample`:
every draw of ``size`` vectors is a handful of batched generator calls.

Examples
--------
>>> from policyopts import distributions as wd
>>> wd.ordinal_weights([1, 2, 2]).describe()
'ordinal (ranks 1, 2, 2)'
>>> wd.uniform_weights().sample(2, n=3, seed=0).shape
(2, 3)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts._kernels import sample as _sample
from policyopts._random import SeedLike, rng_from

__all__ = [
    "DEFAULT_CONCENTRATION",
    "KINDS",
    "MIN_ACCEPTANCE",
    "WeightDistribution",
    "as_distribution",
    "centred_weights",
    "fixed_weights",
    "interval_weights",
    "ordinal_weights",
    "uniform_weights",
]

FloatArray = NDArray[np.float64]

#: Least share of proposals the interval sampler may accept (1 in 1,000).
MIN_ACCEPTANCE = 1e-3
#: Default Dirichlet concentration of :func:`centred_weights`.
DEFAULT_CONCENTRATION = 100.0
#: The kinds of weight distribution.
KINDS: tuple[str, ...] = ("uniform", "ordinal", "intervals", "centred", "fixed")
_KINDS = KINDS


def positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    """``value`` as an int >= ``minimum``, else ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name}: expected an integer >= {minimum}, got {value!r}")
    if int(value) < minimum:
        raise ValueError(f"{name}: expected an integer >= {minimum}, got {int(value)}")
    return int(value)


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

    def draw_scaled(
        self, rng: np.random.Generator, size: int, n: int
    ) -> tuple[FloatArray, FloatArray | None]:
        """Like :meth:`draw`, but ``(x, total)`` with the weights ``x / total[:, None]``.

        Uniform weights come back unnormalised (standard exponentials and
        their row sums), which spares a pass over the draws when only ranks
        and weighted sums are needed; the other kinds return ``(w, None)``.
        The random stream is the one :meth:`draw` uses.
        """
        if self.kind == "uniform":
            return _sample.exponential_rows(rng, size, n)
        return self.draw(rng, size, n), None

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
        size = positive_int(size, "size", minimum=0)
        own = self.n
        if own is None:
            if n is None:
                raise ValueError("n: uniform weights need the number of criteria, got None")
            n = positive_int(n, "n")
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


def as_distribution(spec: Any, n: int, name: str = "weights") -> WeightDistribution:
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
