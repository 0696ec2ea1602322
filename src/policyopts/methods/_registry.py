"""The method registry: one :class:`MethodSpec` per method, the only place that
knows method facts (label, reference, direction, normalisations, options, data
domain, and the structural facts that analyses rely on)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from policyopts import _validate as V
from policyopts._kernels import aggregate as _agg
from policyopts._kernels import aggregate_more as _more
from policyopts.methods._common import NORMALIZATIONS, FloatArray, domain_reason
from policyopts.methods._outranking import promethee_ii
from policyopts.methods._reference import edas, mabac, spotis, spotis_bounds, topsis, vikor
from policyopts.methods._result import MethodResult
from policyopts.methods._utility import aras, copras, moora, wpm, wsm

__all__ = [
    "METHODS",
    "REGISTRY",
    "SCALE_NORMALIZATION",
    "MethodCall",
    "MethodSpec",
    "applicable",
    "available",
    "bind",
    "reason",
    "spec",
]

#: Case-level pseudo-normalisation of the methods with ``case_scale``: every score
#: goes through its criterion's value function over the criterion's declared scale
#: (multi-attribute value theory), and the method aggregates those values as they are.
SCALE_NORMALIZATION = "scale"

Terms = Callable[[FloatArray, FloatArray, str | None, Mapping[str, Any]], FloatArray]


@dataclass(frozen=True)
class MethodSpec:
    """What the library knows about one MCDA method.

    Attributes
    ----------
    name : str
        Registry key and ``MethodResult.method``, e.g. ``"wsm"``.
    abbreviation : str
        Short display name for table headers, e.g. ``"WSM"``.
    label : str
        Display name for prose, e.g. ``"Weighted sum (WSM)"``.
    reference : str
        Author, year and title of the method's source.
    principle : str
        The assumption the method rests on, as a phrase ("full compensation
        between criteria"), for explanations that compare methods.
    function : callable
        The validating function ``f(matrix, weights, types, **options)``.
    higher_is_better : bool
        Direction of the scores.
    additive : bool
        The score is :math:`\\sum_j w_j e_{ij}` for terms :math:`e` that do not
        depend on the weights, so each criterion's contribution exists
        (:meth:`MethodCall.terms`).
    linear_in_weights : bool
        For a fixed matrix the scores are linear in the (normalised) weights, so
        rank crossings along a weight path have closed forms.
    pairwise : bool
        An outranking method built on pairwise comparisons.
    requires_positive, requires_nonnegative, positive_costs : bool
        Data domain: every entry > 0 (ratio scale); every entry >= 0; every
        alternative > 0 on at least one cost criterion (when there are any).
        :func:`applicable` turns a violation into a reason.
    normalizations : tuple
        Normalisations the function accepts as ``normalization=`` (``None`` meaning
        raw values); empty when the method has its own fixed normalisation.
    default_normalization : str or None
        The function's default ``normalization``.
    options : mapping
        Names and defaults of the method's further keyword options.
    case_scale : bool
        At case level the method can aggregate value-function values on the
        criteria's declared scales (normalisation ``"scale"``), and does so by default.
    """

    name: str
    abbreviation: str
    label: str
    reference: str
    principle: str
    function: Callable[..., MethodResult] = field(repr=False)
    higher_is_better: bool = True
    additive: bool = False
    linear_in_weights: bool = False
    pairwise: bool = False
    requires_positive: bool = False
    requires_nonnegative: bool = False
    positive_costs: bool = False
    normalizations: tuple[str | None, ...] = ()
    default_normalization: str | None = None
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    case_scale: bool = False
    terms: Terms | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.additive != (self.terms is not None):
            raise ValueError(f"{self.name}: an additive method needs terms, and only one does")
        if self.normalizations and self.default_normalization not in self.normalizations:
            raise ValueError(f"{self.name}: default_normalization must be allowed")
        if self.case_scale and not (self.additive and None in self.normalizations):
            raise ValueError(f"{self.name}: case_scale needs an additive method on raw values")
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))

    @property
    def case_normalizations(self) -> tuple[str, ...]:
        """Normalisations accepted at case level (``"scale"`` first where allowed)."""
        kernel = tuple(n for n in self.normalizations if n is not None)
        return (SCALE_NORMALIZATION, *kernel) if self.case_scale else kernel

    @property
    def case_default_normalization(self) -> str | None:
        """The case-level default: ``"scale"`` where allowed, else the function's default."""
        return SCALE_NORMALIZATION if self.case_scale else self.default_normalization


def _wsm_terms(
    matrix: FloatArray, types: FloatArray, norm: str | None, options: Mapping[str, Any]
) -> FloatArray:
    return _agg.wsm_terms(matrix, types, norm)


def _moora_terms(
    matrix: FloatArray, types: FloatArray, norm: str | None, options: Mapping[str, Any]
) -> FloatArray:
    return _more.moora_terms(matrix, types)


def _mabac_terms(
    matrix: FloatArray, types: FloatArray, norm: str | None, options: Mapping[str, Any]
) -> FloatArray:
    return _more.mabac_terms(matrix, types, str(norm))


def _spotis_terms(
    matrix: FloatArray, types: FloatArray, norm: str | None, options: Mapping[str, Any]
) -> FloatArray:
    return _more.spotis_terms(matrix, types, spotis_bounds(options.get("bounds"), matrix))


_ALL = (*NORMALIZATIONS,)

_SPECS = (
    MethodSpec(
        name="wsm",
        abbreviation="WSM",
        label="Weighted sum (WSM)",
        reference="Fishburn 1967, Additive utilities with incomplete product sets",
        principle="full compensation between criteria",
        function=wsm,
        additive=True,
        linear_in_weights=True,
        normalizations=(*_ALL, None),
        default_normalization="minmax",
        case_scale=True,
        terms=_wsm_terms,
    ),
    MethodSpec(
        name="wpm",
        abbreviation="WPM",
        label="Weighted product (WPM)",
        reference="Bridgman 1922, Dimensional Analysis; Miller & Starr 1969",
        principle="ratio scales",
        function=wpm,
        requires_positive=True,
        normalizations=("sum", "max", "minmax", "vector", None),
        default_normalization="sum",
    ),
    MethodSpec(
        name="topsis",
        abbreviation="TOPSIS",
        label="Closeness to the ideal (TOPSIS)",
        reference="Hwang & Yoon 1981, Multiple Attribute Decision Making",
        principle="distance to an ideal option",
        function=topsis,
        normalizations=("vector", "minmax", "max", "sum"),
        default_normalization="vector",
    ),
    MethodSpec(
        name="vikor",
        abbreviation="VIKOR",
        label="Compromise ranking (VIKOR)",
        reference="Opricovic & Tzeng 2004, Compromise solution by MCDM methods",
        principle="a compromise between group utility and the worst regret",
        function=vikor,
        higher_is_better=False,
        options={"v": 0.5},
    ),
    MethodSpec(
        name="promethee_ii",
        abbreviation="PROMETHEE II",
        label="Outranking flows (PROMETHEE II)",
        reference="Brans, Vincke & Mareschal 1986, How to select and how to rank projects",
        principle="pairwise outranking",
        function=promethee_ii,
        linear_in_weights=True,
        pairwise=True,
        options={"preference": "usual", "q": None, "p": None, "s": None},
    ),
    MethodSpec(
        name="moora",
        abbreviation="MOORA",
        label="Ratio system (MOORA)",
        reference="Brauers & Zavadskas 2006, The MOORA method and its application to "
        "privatization in a transition economy",
        principle="a ratio system of benefits minus costs",
        function=moora,
        additive=True,
        linear_in_weights=True,
        terms=_moora_terms,
    ),
    MethodSpec(
        name="copras",
        abbreviation="COPRAS",
        label="Complex proportional assessment (COPRAS)",
        reference="Zavadskas, Kaklauskas & Šarka 1994, The new method of multicriteria "
        "complex proportional assessment of projects",
        principle="proportional benefits with costs weighed apart",
        function=copras,
        requires_nonnegative=True,
        positive_costs=True,
    ),
    MethodSpec(
        name="edas",
        abbreviation="EDAS",
        label="Distance from the average (EDAS)",
        reference="Keshavarz Ghorabaee, Zavadskas, Olfat & Turskis 2015, Multi-criteria "
        "inventory classification using a new method (EDAS)",
        principle="distance from the average option",
        function=edas,
        requires_nonnegative=True,
    ),
    MethodSpec(
        name="aras",
        abbreviation="ARAS",
        label="Additive ratio assessment (ARAS)",
        reference="Zavadskas & Turskis 2010, A new additive ratio assessment (ARAS) method",
        principle="utility relative to an optimal option",
        function=aras,
        normalizations=("sum", "max", "minmax", "vector"),
        default_normalization="sum",
    ),
    MethodSpec(
        name="mabac",
        abbreviation="MABAC",
        label="Border approximation area (MABAC)",
        reference="Pamučar & Ćirović 2015, The selection of transport and handling "
        "resources in logistics centers using MABAC",
        principle="distance from a border approximation area",
        function=mabac,
        additive=True,
        linear_in_weights=True,
        normalizations=("minmax", "max", "sum", "vector"),
        default_normalization="minmax",
        terms=_mabac_terms,
    ),
    MethodSpec(
        name="spotis",
        abbreviation="SPOTIS",
        label="Ideal solution point (SPOTIS)",
        reference="Dezert, Tchamova, Han & Tacnet 2020, The SPOTIS rank reversal free method",
        principle="distance to an ideal point on fixed bounds",
        function=spotis,
        higher_is_better=False,
        additive=True,
        linear_in_weights=True,
        options={"bounds": None},
        terms=_spotis_terms,
    ),
)

#: Every method's :class:`MethodSpec`, by name, in presentation order.
REGISTRY: Mapping[str, MethodSpec] = MappingProxyType({s.name: s for s in _SPECS})

#: The validating function of every method, by name.
METHODS: Mapping[str, Callable[..., MethodResult]] = MappingProxyType(
    {name: s.function for name, s in REGISTRY.items()}
)


def available() -> tuple[str, ...]:
    """Names of the available methods.

    >>> available()[:5]
    ('wsm', 'wpm', 'topsis', 'vikor', 'promethee_ii')
    """
    return tuple(REGISTRY)


def spec(name: str) -> MethodSpec:
    """The :class:`MethodSpec` of method ``name``; a ValueError lists the valid names.

    >>> spec("wpm").requires_positive
    True
    >>> spec("electre")
    Traceback (most recent call last):
    ...
    ValueError: method: 'electre' is not one of 'wsm', 'wpm', 'topsis', 'vikor', \
'promethee_ii', 'moora', 'copras', 'edas', 'aras', 'mabac', 'spotis'
    """
    return REGISTRY[V.check_choice(name, REGISTRY, "method")]


def reason(
    method: MethodSpec, matrix: FloatArray, types: FloatArray, normalization: str | None
) -> str | None:
    """:func:`applicable` on validated arrays and a resolved normalisation."""
    return domain_reason(
        method.abbreviation,
        matrix,
        types,
        positive=method.requires_positive,
        nonnegative=method.requires_nonnegative,
        positive_costs=method.positive_costs,
        normalization=normalization,
    )


def applicable(
    name: str, matrix: ArrayLike, types: ArrayLike, *, normalization: str | None = None
) -> str | None:
    """Why method ``name`` cannot run on ``matrix``, in plain language; None when it can.

    Parameters
    ----------
    name : str
        A method name (see :func:`available`).
    matrix : array_like, shape (..., m, n)
        Decision matrix.
    types : array_like, shape (n,)
        +1 for benefit, -1 for cost criteria.
    normalization : str, optional
        The normalisation the method would use (its default when omitted);
        ``"max"`` and ``"sum"`` need non-negative data.

    Returns
    -------
    str or None

    Examples
    --------
    >>> applicable("wpm", [[1, 2, 3], [4, 5, 6], [7, 8, 0]], [1, 1, -1])
    'WPM needs strictly positive scores (ratio scale); entry [2, 2] is 0'
    >>> applicable("topsis", [[1, 2, 3], [4, 5, 6], [7, 8, 0]], [1, 1, -1]) is None
    True
    """
    s = spec(name)
    m_arr = V.as_matrix(matrix, "matrix", min_alternatives=1)
    t_arr = V.as_types(types, m_arr.shape[-1], "types")
    norm = s.default_normalization if normalization is None else normalization
    if s.normalizations:
        V.check_choice(norm, s.normalizations, "normalization")
    else:
        norm = None
    return reason(s, m_arr, t_arr, norm)


@dataclass(frozen=True)
class MethodCall:
    """A method with its normalisation and options resolved, ready to run on arrays.

    Made by :func:`bind`.  ``normalization`` is what results report: ``"scale"``
    (for methods with ``case_scale``), a column normalisation, or None.  With
    ``"scale"`` the caller passes the criteria's *values* (benefit-oriented, on
    the declared scales) as ``matrix``; they are aggregated as they are.
    """

    spec: MethodSpec
    normalization: str | None
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def name(self) -> str:
        """The method's name."""
        return self.spec.name

    @property
    def on_scale(self) -> bool:
        """Whether the method aggregates value-function values (normalisation ``"scale"``)."""
        return self.normalization == SCALE_NORMALIZATION

    def _kernel(self, types: FloatArray) -> tuple[FloatArray, str | None]:
        if self.on_scale:
            return np.ones(len(types)), None
        return types, self.normalization

    @property
    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``spec.function``: the options and, for methods that
        take one, ``normalization`` (None, raw values, when on the value scales)."""
        kwargs = dict(self.options)
        if self.spec.normalizations:
            kwargs["normalization"] = None if self.on_scale else self.normalization
        return kwargs

    def kernel_types(self, types: ArrayLike) -> FloatArray:
        """The ``types`` to pass to ``spec.function``: all +1 (benefit) on the value scales."""
        return self._kernel(np.asarray(types, dtype=np.float64))[0]

    def __call__(self, matrix: ArrayLike, weights: ArrayLike, types: ArrayLike) -> MethodResult:
        """Run the method: scores of shape ``(..., m)``."""
        result = self.spec.function(matrix, weights, self.kernel_types(types), **self.kwargs)
        return replace(result, normalization=self.normalization) if self.on_scale else result

    def reason(self, matrix: ArrayLike, types: ArrayLike) -> str | None:
        """Why the method cannot run on ``matrix`` (see :func:`applicable`), or None."""
        if self.on_scale:
            return None
        return applicable(self.name, matrix, types, normalization=self.normalization)

    def terms(self, matrix: FloatArray, types: FloatArray) -> FloatArray:
        """Per-criterion terms ``e`` (..., m, n) of an additive method: score = Σ_j w_j e_ij."""
        if self.spec.terms is None:
            raise ValueError(f"method: {self.name} is not additive; it has no contributions")
        t_arr, norm = self._kernel(types)
        return self.spec.terms(matrix, t_arr, norm, self.options)


def bind(
    method: str,
    normalization: str | None = None,
    options: Mapping[str, Any] | None = None,
    *,
    options_name: str = "options",
    scales: bool = True,
) -> MethodCall:
    """Resolve and check a method, its case-level normalisation and its options.

    Parameters
    ----------
    method : str
        A method name.
    normalization : str, optional
        One of the method's :attr:`MethodSpec.case_normalizations`; the case-level
        default (``"scale"`` for WSM, the method's own default otherwise) when None.
    options : mapping, optional
        Keyword options of the method (see :attr:`MethodSpec.options`).
    options_name : str
        Argument name used in error messages about ``options``.
    scales : bool, default True
        Whether the criteria have declared scales and value functions.  Without
        them ``"scale"`` is not offered and the default is the function's own.

    Returns
    -------
    MethodCall

    Examples
    --------
    >>> bind("wsm").normalization
    'scale'
    >>> bind("topsis").normalization
    'vector'
    >>> bind("wsm", scales=False).normalization
    'minmax'
    >>> bind("wsm", options={"v": 0.3})
    Traceback (most recent call last):
    ...
    ValueError: options: wsm takes no method options, got ['v']
    """
    s = spec(method)
    allowed = s.case_normalizations
    default = s.case_default_normalization
    if not scales:
        if s.case_scale and normalization == SCALE_NORMALIZATION:
            raise ValueError(
                "normalization: 'scale' needs declared scales (a scale and value "
                "function for every criterion)"
            )
        allowed = tuple(n for n in allowed if n != SCALE_NORMALIZATION)
        default = s.default_normalization
    norm = normalization if normalization is not None else default
    if norm is not None and norm not in allowed:
        shown = ", ".join(map(repr, allowed)) if allowed else "none (it has its own)"
        raise ValueError(f"normalization: {norm!r} is not one of {shown} for method {s.name!r}")
    opts = dict(options or {})
    unknown = sorted(k for k in opts if k not in s.options)
    if unknown:
        if not s.options:
            raise ValueError(f"{options_name}: {s.name} takes no method options, got {unknown}")
        raise ValueError(
            f"{options_name}: {s.name} takes options {sorted(s.options)}, got unknown {unknown}"
        )
    return MethodCall(s, norm, MappingProxyType(opts))
