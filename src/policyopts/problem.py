"""A labelled decision problem: the one path from a case or a table to arrays.

A :class:`Problem` holds what the numeric core needs — a matrix of shape
``(..., m, n)``, criterion ``types`` of +1 (benefit) / -1 (cost) and, when
known, ``weights`` — together with the labels that turn the core's arrays back
into tables: alternative ids and names, criterion ids and names. When the
criteria have declared scales (every criterion of a :class:`~policyopts.Case`
has one), the problem also carries each criterion's value function, so an
additive model can score on the scales (multi-attribute value theory) rather
than normalising over whichever alternatives happen to be on the table.

Build one from a :class:`pandas.DataFrame` (what a pymcdm or scikit-criteria
user has) or from a case, then hand it to :func:`policyopts.compare`:

>>> import pandas as pd
>>> import policyopts as po
>>> df = pd.DataFrame(
...     {"price": [250, 200, 300], "quality": [7, 6, 9]},
...     index=pd.Index(["a1", "a2", "a3"], name="car"),
... )
>>> p = po.Problem.from_frame(df, types=["cost", "benefit"], weights={"price": 1, "quality": 1})
>>> p.shape
(3, 2)
>>> po.compare(p, method="topsis").ranking
['a3', 'a2', 'a1']
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import value_functions as vf
from policyopts._casearrays import case_arrays
from policyopts.methods._result import frozen
from policyopts.model import Case
from policyopts.model.require import require_case

__all__ = ["Problem"]

FloatArray = NDArray[np.float64]
ValueFunction = Callable[[ArrayLike], FloatArray]

_TYPE_WORDS: Mapping[str, int] = MappingProxyType(
    {"benefit": 1, "max": 1, "+1": 1, "1": 1, "cost": -1, "min": -1, "-1": -1}
)


def _one_type(value: object, where: str) -> float:
    if isinstance(value, str):
        key = value.strip().lower()
        if key in _TYPE_WORDS:
            return float(_TYPE_WORDS[key])
    elif isinstance(value, int | float | np.integer | np.floating) and float(value) in (1.0, -1.0):
        return float(value)
    raise ValueError(f"types: {where} must be +1/-1 or 'benefit'/'cost', got {value!r}")


def _check_keys(
    name: str, given: Mapping[Any, Any], columns: Sequence[Hashable], missing_text: str
) -> None:
    """A ValueError naming ``name`` when ``given`` misses a column or has an unknown one."""
    missing = [c for c in columns if c not in given]
    extra = [c for c in given if c not in columns]
    if missing or extra:
        parts = [f"{missing_text} {missing}"] if missing else []
        parts += [f"unknown criteria {extra}"] if extra else []
        raise ValueError(f"{name}: " + "; ".join(parts))


def _parse_types(types: Any, columns: Sequence[Hashable]) -> FloatArray:
    if isinstance(types, Mapping):
        _check_keys("types", types, columns, "no type for columns")
        return np.array([_one_type(types[c], f"column {c!r}") for c in columns])
    if isinstance(types, str):
        raise ValueError(f"types: expected one type per column, got the string {types!r}")
    try:
        items = list(types)
    except TypeError:
        raise ValueError(
            f"types: expected a list or a mapping by column, got {type(types).__name__}"
        ) from None
    if len(items) != len(columns):
        raise ValueError(
            f"types: expected {len(columns)} entries (one per column), got {len(items)}"
        )
    return np.array([_one_type(t, f"entry {k}") for k, t in enumerate(items)])


def _parse_weights(weights: Any, columns: Sequence[Hashable]) -> FloatArray:
    from policyopts import weights as w

    if isinstance(weights, Mapping):
        _check_keys("weights", weights, columns, "missing criteria")
        raw: ArrayLike = [weights[c] for c in columns]
    else:
        raw = weights
    values = w.direct(raw).weights
    if values.shape != (len(columns),):
        raise ValueError(f"weights: expected {len(columns)} weights, got shape {values.shape}")
    return np.asarray(values, dtype=np.float64)


def _unique_labels(labels: Sequence[Hashable], what: str) -> None:
    seen: set[Hashable] = set()
    for label in labels:
        if label in seen:
            raise ValueError(f"{what}: labels must be unique, {label!r} appears more than once")
        seen.add(label)


@dataclass(frozen=True, eq=False)
class Problem:
    """A labelled decision problem: alternatives scored on criteria.

    Attributes
    ----------
    alternatives : tuple
        Alternative ids (row labels), ``m`` of them.
    criteria : tuple of str
        Criterion ids (column labels), ``n`` of them.
    matrix : ndarray, shape (..., m, n)
        Scores on each criterion's own scale; leading axes are samples (for
        example score draws). Read-only.
    types : ndarray, shape (n,)
        +1 for a benefit criterion (more is better), -1 for a cost criterion.
    weights : ndarray, shape (n,), or None
        Weights summing to 1, or ``None`` when the problem has none yet.
    alternative_names, criterion_names : mapping
        Display names by id.
    value_functions : tuple of callables, or None
        One per criterion: maps scores on the criterion's declared scale to a
        value in [0, 1], 1 best. ``None`` when the criteria have no declared
        scales (a table without ``scales=``).
    source : str
        The case id, or ``"table"`` for a problem built from a DataFrame.
    case : Case or None
        The case the problem was built from.
    profile, scenario : str or None
        The profile whose weights were taken and the scenario applied.
    index_name : str or None
        Name of the alternatives' axis (the DataFrame's index name, or
        ``"option"`` for a case).
    """

    alternatives: tuple[Any, ...]
    criteria: tuple[str, ...]
    matrix: FloatArray
    types: FloatArray
    weights: FloatArray | None = None
    alternative_names: Mapping[Any, str] = field(default_factory=dict, repr=False)
    criterion_names: Mapping[str, str] = field(default_factory=dict, repr=False)
    value_functions: tuple[ValueFunction, ...] | None = field(default=None, repr=False)
    source: str = "table"
    case: Case | None = field(default=None, repr=False)
    profile: str | None = None
    scenario: str | None = None
    index_name: str | None = "alternative"
    fixed_values: FloatArray | None = field(default=None, repr=False)
    """Values of the problem's own matrix when they are not the value functions of
    its scores (the expected view of a case mixes the scenarios' values)."""

    def __post_init__(self) -> None:
        mat = np.asarray(self.matrix, dtype=np.float64)
        if mat.ndim < 2:
            raise ValueError(f"matrix: expected shape (..., m, n), got {mat.shape}")
        m, n = mat.shape[-2:]
        if len(self.alternatives) != m:
            raise ValueError(f"alternatives: {len(self.alternatives)} labels for {m} matrix rows")
        if len(self.criteria) != n:
            raise ValueError(f"criteria: {len(self.criteria)} labels for {n} matrix columns")
        if m < 2:
            raise ValueError(f"matrix: need at least 2 alternatives, got {m}")
        _unique_labels(self.alternatives, "alternatives")
        _unique_labels(self.criteria, "criteria")
        if not np.all(np.isfinite(mat)):
            bad = tuple(int(i) for i in np.argwhere(~np.isfinite(mat))[0])
            raise ValueError(f"matrix: entries must be finite, got {mat[bad]!r} at {list(bad)}")
        types = np.asarray(self.types, dtype=np.float64)
        if types.shape != (n,) or not np.all(np.isin(types, (1.0, -1.0))):
            raise ValueError(f"types: expected {n} entries of +1/-1, got {types.tolist()}")
        object.__setattr__(self, "matrix", frozen(np.array(mat, dtype=np.float64)))
        object.__setattr__(self, "types", frozen(np.array(types, dtype=np.float64)))
        if self.weights is not None:
            w = np.asarray(self.weights, dtype=np.float64)
            if w.shape != (n,):
                raise ValueError(f"weights: expected shape ({n},), got {w.shape}")
            object.__setattr__(self, "weights", frozen(np.array(w, dtype=np.float64)))
        if self.value_functions is not None and len(self.value_functions) != n:
            raise ValueError(
                f"value_functions: {len(self.value_functions)} functions for {n} criteria"
            )
        names = {a: str(self.alternative_names.get(a, a)) for a in self.alternatives}
        object.__setattr__(self, "alternative_names", MappingProxyType(names))
        cnames = {c: str(self.criterion_names.get(c, c)) for c in self.criteria}
        object.__setattr__(self, "criterion_names", MappingProxyType(cnames))

    # ------------------------------------------------------------ constructors
    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        *,
        types: Sequence[Any] | Mapping[Any, Any] | ArrayLike,
        weights: Mapping[Any, float] | ArrayLike | None = None,
        scales: Mapping[Any, tuple[float, float]] | None = None,
        names: Mapping[Any, str] | None = None,
    ) -> Problem:
        """A problem from a table: one row per alternative, one column per criterion.

        Parameters
        ----------
        df : pandas.DataFrame
            Numeric scores; the index labels the alternatives, the columns the
            criteria.
        types : list or mapping
            One entry per column, ``+1``/``-1`` or ``"benefit"``/``"cost"``
            (``"max"``/``"min"`` also accepted), as a list in column order or a
            mapping by column.
        weights : array_like or mapping, optional
            Non-negative weights (normalised to sum 1), in column order or by
            column.
        scales : mapping, optional
            ``{column: (low, high)}`` for every column: declared scales, so an
            additive model can use linear values over them
            (``compare(..., normalization="scale")``).
        names : mapping, optional
            Display names of the alternatives by index label.

        Raises
        ------
        ValueError
            Naming the argument at fault: a non-numeric or missing score, a
            type that is neither benefit nor cost, weights that miss a column.
        """
        if not isinstance(df, pd.DataFrame):
            raise ValueError(f"df: expected a pandas DataFrame, got {type(df).__name__}")
        columns = list(df.columns)
        if not columns:
            raise ValueError("df: has no columns (criteria)")
        try:
            matrix = df.to_numpy(dtype=np.float64)
        except (TypeError, ValueError):
            bad = [c for c in columns if not pd.api.types.is_numeric_dtype(df[c])]
            raise ValueError(f"df: columns must be numeric, not {bad}") from None
        if np.isnan(matrix).any():
            i, j = (int(k) for k in np.argwhere(np.isnan(matrix))[0])
            raise ValueError(f"df: missing score for {df.index[i]!r} on {columns[j]!r}")
        t = _parse_types(types, columns)
        w = None if weights is None else _parse_weights(weights, columns)
        funcs: tuple[ValueFunction, ...] | None = None
        if scales is not None:
            missing = [c for c in columns if c not in scales]
            if missing:
                raise ValueError(f"scales: no scale for columns {missing}")
            bounds = [(float(scales[c][0]), float(scales[c][1])) for c in columns]
            for c, (lo, hi) in zip(columns, bounds, strict=True):
                if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
                    raise ValueError(
                        f"scales: column {c!r} needs finite low < high, got {(lo, hi)}"
                    )
            funcs = tuple(
                partial(vf.linear, lo=lo, hi=hi, direction=int(s))
                for (lo, hi), s in zip(bounds, t, strict=True)
            )
        ids = tuple(str(c) for c in columns)
        return cls(
            alternatives=tuple(df.index),
            criteria=ids,
            matrix=matrix,
            types=t,
            weights=w,
            alternative_names=dict(names or {}),
            criterion_names={},
            value_functions=funcs,
            source="table",
            index_name=None if df.index.name is None else str(df.index.name),
        )

    @classmethod
    def from_case(
        cls,
        case: Case,
        profile: str | None = None,
        scenario: str | None = None,
        *,
        weights: Mapping[str, float] | None = None,
    ) -> Problem:
        """The problem a case poses under one profile and one scenario.

        The matrix holds the assessed scores (the risk-burden column last when
        the case has risks), with a scenario's score changes and likelihood
        overrides applied; the weights are the profile's (the default profile
        when ``profile`` is None) unless ``weights`` gives them by criterion id.
        """
        require_case(case)
        arrays = case_arrays(case, scenario)
        ids = arrays.criterion_ids
        profile_id: str | None
        if weights is not None:
            if profile is not None:
                raise ValueError("weights: give either profile or weights, not both")
            w = _parse_weights(weights, ids)
            profile_id = None
        elif case.profiles or profile is not None:
            prof = case.profile(profile)
            w = np.asarray(prof.resolve(ids, case.tree_parents), dtype=np.float64)
            profile_id = prof.id
        else:
            w, profile_id = None, None
        return cls(
            alternatives=tuple(arrays.option_ids),
            criteria=tuple(ids),
            matrix=arrays.matrix,
            types=arrays.types,
            weights=w,
            alternative_names={o.id: o.label for o in case.options},
            criterion_names={c.id: c.label for c in arrays.criteria},
            value_functions=tuple(c.value for c in arrays.criteria),
            source=case.id,
            case=case,
            profile=profile_id,
            scenario=scenario,
            index_name="option",
            fixed_values=arrays.mixed_values,
        )

    # ------------------------------------------------------------------ views
    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of the matrix, ``(..., m, n)``."""
        return tuple(self.matrix.shape)

    @property
    def m(self) -> int:
        """Number of alternatives."""
        return int(self.matrix.shape[-2])

    @property
    def n(self) -> int:
        """Number of criteria."""
        return int(self.matrix.shape[-1])

    @property
    def has_scales(self) -> bool:
        """Whether every criterion has a declared scale (and value function)."""
        return self.value_functions is not None

    def values(self, matrix: ArrayLike | None = None) -> FloatArray:
        """Scores mapped through each criterion's value function: values in [0, 1], 1 best.

        ``matrix`` (any leading axes, ``n`` columns) defaults to the problem's
        own; the functions are applied to whole columns, batched over draws.
        """
        if self.value_functions is None:
            raise ValueError(
                "normalization: 'scale' needs declared scales; build the problem with "
                "Problem.from_frame(..., scales=...) or from a case"
            )
        if matrix is None and self.fixed_values is not None:
            return np.array(self.fixed_values, dtype=np.float64)
        mat = self.matrix if matrix is None else np.asarray(matrix, dtype=np.float64)
        if mat.shape[-1] != self.n:
            raise ValueError(f"matrix: expected {self.n} columns, got shape {mat.shape}")
        cols = [f(mat[..., j]) for j, f in enumerate(self.value_functions)]
        return np.stack(cols, axis=-1)

    def weight_vector(self, weights: Mapping[str, float] | ArrayLike | None = None) -> FloatArray:
        """The weights to use: ``weights`` (by criterion id or in order) or the problem's own."""
        if weights is not None:
            return _parse_weights(weights, list(self.criteria))
        if self.weights is None:
            raise ValueError(
                "weights: this problem has no weights; pass weights= (by criterion id) "
                "or build it with weights"
            )
        return np.asarray(self.weights, dtype=np.float64)

    def frame(self) -> pd.DataFrame:
        """The (2-D) matrix as a labelled DataFrame."""
        if self.matrix.ndim != 2:
            raise ValueError(f"matrix: frame() needs a 2-D matrix, got shape {self.matrix.shape}")
        index = pd.Index(list(self.alternatives), name=self.index_name)
        return pd.DataFrame(
            np.array(self.matrix), index=index, columns=pd.Index(list(self.criteria))
        )

    def with_matrix(self, matrix: ArrayLike) -> Problem:
        """The same problem with another matrix (for example stacked score draws)."""
        from dataclasses import replace

        return replace(self, matrix=np.asarray(matrix, dtype=np.float64))

    def __repr__(self) -> str:
        return (
            f"Problem(source={self.source!r}, shape={self.shape}, "
            f"criteria={list(self.criteria)}, profile={self.profile!r}, "
            f"scenario={self.scenario!r})"
        )
