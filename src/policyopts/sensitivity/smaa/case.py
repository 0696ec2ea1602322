"""SMAA-2 of a case: :func:`smaa_case` and its labelled result, :class:`CaseSMAA`.

The case's uncertain scores and risk likelihoods
(:func:`~policyopts.uncertain_inputs`) are drawn in blocks, one numpy call per
distribution family, mapped through the criteria's value functions in one
vectorised pass, and ranked by the engine of
:mod:`policyopts.sensitivity.smaa.engine`; the result is labelled by option
and criterion ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts._casearrays import case_arrays
from policyopts._kernels.rank import TIE_RTOL
from policyopts._progress import ProgressCallback, resolve_progress
from policyopts._random import SeedLike
from policyopts.distributions import (
    DEFAULT_CONCENTRATION,
    WeightDistribution,
    as_distribution,
    centred_weights,
    fixed_weights,
    interval_weights,
    ordinal_weights,
    positive_int,
    uniform_weights,
)
from policyopts.inputs import UncertainInputs, ValueMap, ValueScores, uncertain_inputs
from policyopts.inputs._compiled import use_for as use_compiled
from policyopts.model import Case
from policyopts.results import Provenance, Result
from policyopts.sensitivity.smaa.arrays import SMAAResult, probe, result_from
from policyopts.sensitivity.smaa.engine import (
    FixedSource,
    Problem,
    check_client,
    first_place_counts,
    run,
)
from policyopts.sensitivity.smaa.scoring import method_facts

__all__ = ["CONFIDENCE_SAMPLES", "DEFAULT_SPREAD", "CaseSMAA", "smaa_case"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Default number of score draws of the confidence pass of :func:`smaa_case`.
CONFIDENCE_SAMPLES = 100_000
#: Default relative half-width of ``weights="intervals"`` in :func:`smaa_case`.
DEFAULT_SPREAD = 0.2


@dataclass(frozen=True, eq=False)
class CaseSource:
    """Score matrices of a case: the uncertain inputs drawn in blocks per chunk, then
    (for WSM on the criteria's scales) every column through its value function."""

    inputs: UncertainInputs
    values: ValueMap | None
    stochastic: bool = True
    kind: str = "case"

    def draw(self, rng: np.random.Generator, start: int, size: int) -> FloatArray:
        mats = self.inputs.matrices(self.inputs.draw(rng, size))
        return mats if self.values is None else self.values(mats)

    def nominal(self) -> FloatArray:
        base = self.inputs.base.matrix
        return base if self.values is None else self.values(base)


@dataclass(frozen=True, eq=False)
class CaseValueSource:
    """The case's uncertain inputs for the weighted sum on value functions: the engine
    asks for the scores of fresh draws under given weights
    (:meth:`~policyopts.inputs.ValueScores.draw_scores`), no matrices are built."""

    values: ValueScores
    compiled: bool = False  # the compiled kernels (numba), for a large run
    stochastic: bool = True
    kind: str = "case"

    @property
    def _use_compiled(self) -> bool:
        # Checked where the draws are made: a Dask worker may lack numba.
        from policyopts.inputs import _compiled

        return self.compiled and _compiled.available()

    @property
    def bytes_per_draw(self) -> int:
        return self.values.bytes_per_draw

    def draw(self, rng: np.random.Generator, start: int, size: int) -> FloatArray:
        return self.values.draw(rng, size)

    def draw_scores(self, rng: np.random.Generator, w: FloatArray) -> FloatArray:
        return self.values.draw_scores(rng, w, compiled=self._use_compiled)

    def first_place_counts(
        self, rng: np.random.Generator, weights: FloatArray, own: IntArray, size: int
    ) -> IntArray:
        """Counts (d, m), by tie size, of ``size`` fresh draws in which option
        ``own[p]`` comes first under weights ``weights[p]`` (the confidence pass)."""
        if self._use_compiled:
            return self.values.first_place_counts(rng, weights, own, size, rtol=TIE_RTOL)
        return first_place_counts(self.values.draw_scores_many(rng, weights, size), own)

    def nominal(self) -> FloatArray:
        return self.values.nominal


_WEIGHT_CHOICES = ("uniform", "ordinal", "intervals", "profile", "fixed")


def _order_ranks(w: FloatArray) -> IntArray:
    """Importance ranks from weights: 1 = largest; equal weights (to 12 digits) tie."""
    levels = np.unique(np.round(w, 12))[::-1]
    return np.searchsorted(-levels, -np.round(w, 12)).astype(np.int64) + 1


@dataclass(frozen=True, eq=False)
class CaseSMAA(Result):
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
    weight_set : str
        Plain description of the weight information used.
    uncertain_scores : bool
        Whether scores and risk likelihoods were drawn from their uncertainty.
    n_inputs : int
        Number of uncertain inputs drawn (0 when scores were fixed).
    chunk_size : int
        Draws per chunk.
    provenance : Provenance
        Case, profile, scenario, method, normalisation (``"scale"``: WSM on
        the criteria's value functions, as in :func:`~policyopts.compare`),
        ``seed`` (reproduces the run) and ``n_samples``.
    option_names, criterion_names : mapping
        Display names by id.
    """

    rank_acceptability: pd.DataFrame
    central_weights: pd.DataFrame
    has_central_weights: pd.Series
    confidence: pd.Series
    pairwise_winning: pd.DataFrame
    result: SMAAResult = field(repr=False)
    weight_set: str
    uncertain_scores: bool
    n_inputs: int
    chunk_size: int
    provenance: Provenance
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

    @property
    def top(self) -> str:
        """The option that ranks first most often (the first of :attr:`ranking`)."""
        return self.ranking[0]

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
        scores = "uncertain scores" if self.uncertain_scores else "fixed scores"
        run = (f"seed {self.seed}", f"chunk size {self.chunk_size:,}")
        return (
            f"SMAA-2, {self.n_samples:,} draws, weights {self.weight_set}, {scores}, "
            + self.provenance.describe(profile=False, details=run)
        )

    def caption(self) -> str:
        """How the table was produced."""
        return f"Rank acceptability and confidence factors ({self._provenance()})"

    # ------------------------------------------------------------ rendering
    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        m = self.rank_acceptability.shape[1]
        header = ["Option" if names else "option"]
        header += [f"Rank {r}" if names else f"rank {r}" for r in range(1, m + 1)]
        header += ["Confidence" if names else "confidence"]
        rows: list[list[object]] = []
        for o in self.ranking:
            label = self.option_names[o] if names else o
            shares = self.rank_acceptability.loc[o].to_numpy(dtype=np.float64).tolist()
            rows.append([label, *shares, float(self.confidence[o])])
        return header, rows[:limit]

    def _highlight_row(self) -> int | None:
        return 0

    def to_frame(self) -> pd.DataFrame:
        """Rank acceptability and confidence factor by option, most often first first."""
        frame = self.rank_acceptability.loc[self.ranking].copy()
        frame["confidence"] = self.confidence[self.ranking]
        return frame


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
    confidence_samples: int | None = None,
    inputs: UncertainInputs | None = None,
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
        As in :func:`~policyopts.sensitivity.smaa.arrays.smaa`: bounded memory,
        Dask cluster, progress bar.
    confidence_samples : int, optional
        Score draws of the confidence pass, a separate pass after the main one
        (it needs the central weights).  Default: ``min(n_samples, 100_000)``
        -- a confidence factor from 100,000 draws has a Monte Carlo error
        below 0.0016, and drawing a case's uncertain inputs costs far more
        than ranking them.
    inputs : UncertainInputs, optional
        ``uncertain_inputs(case, scenario)``, when the caller already has it
        (e.g. one SMAA per profile): spares building it again.
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
    additive = method_facts(method).additive
    norm = normalization
    if norm is None and additive:
        norm = "scale"
    kernel_norms = tuple(_methods.NORMALIZATIONS)
    allowed = ("scale", *kernel_norms) if additive else kernel_norms
    if norm is not None and norm not in allowed:
        raise ValueError(
            f"normalization: {norm!r} is not one of {', '.join(map(repr, allowed))} "
            f"for method {method!r}"
        )
    to_values = additive and norm == "scale"
    options = dict(method_options)
    if to_values:
        if options:
            raise ValueError(
                f"method_options: {method} takes no method options, got {sorted(options)}"
            )
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
    if uncertain_scores and inputs is None:
        inputs = uncertain_inputs(case, scenario)
    elif not uncertain_scores:
        inputs = None
    elif not isinstance(inputs, UncertainInputs) or inputs.base.scenario != scenario:
        raise ValueError(
            f"inputs: expected the UncertainInputs of this case under scenario {scenario!r} "
            f"(from uncertain_inputs(case, scenario)), got {type(inputs).__name__}"
        )
    weighted_sum = to_values and method_facts(method, options).linear_on_raw
    if inputs is not None and len(inputs) > 0 and weighted_sum:
        source = CaseValueSource(inputs.value_scores(), compiled=use_compiled(n_samples))
        n_inputs = len(inputs)
    elif inputs is not None and len(inputs) > 0:
        source = CaseSource(inputs, ValueMap.from_criteria(arrays.criteria) if to_values else None)
        n_inputs = len(inputs)
    else:
        nominal = arrays.values() if to_values else arrays.matrix
        source = FixedSource(np.ascontiguousarray(nominal, dtype=np.float64))
        n_inputs = 0

    n_samples = positive_int(n_samples, "n_samples")
    if chunk_size is not None:
        chunk_size = positive_int(chunk_size, "chunk_size")
    if confidence_samples is None:
        confidence_samples = min(n_samples, CONFIDENCE_SAMPLES)
    confidence_samples = positive_int(confidence_samples, "confidence_samples")
    check_client(client)
    resolve_progress(progress, long_run=False)
    used_norm = probe(method, options, types, source)
    problem = Problem.build(method, options, types, dist, source)
    raw = run(problem, n_samples, seed, chunk_size, client, progress, confidence_samples)
    res = result_from(problem, raw, n_samples)

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
        weight_set=described,
        uncertain_scores=bool(uncertain_scores) and n_inputs > 0,
        n_inputs=n_inputs,
        chunk_size=res.chunk_size,
        provenance=Provenance.of(
            case,
            profile=profile_id,
            scenario=scenario,
            method=method,
            normalization="scale" if to_values else used_norm,
            seed=res.seed,
            n_samples=n_samples,
        ),
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
        dist = as_distribution(weights, n)
        return dist, None, dist.describe()
    raise ValueError(
        f"weights: expected one of {', '.join(map(repr, _WEIGHT_CHOICES))}, a "
        f"WeightDistribution or a mapping, got {type(weights).__name__}"
    )
