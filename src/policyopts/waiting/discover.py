r"""Scenario discovery: which combinations of uncertain inputs change the top option.

:func:`discover` samples the uncertain inputs of a case -- scores and risk
likelihoods from their uncertainty distributions
(:func:`policyopts.uncertain_inputs`), weights and scenario probabilities
from Dirichlet distributions centred on the profile's weights and the
scenarios' probabilities -- scores every draw (the expected ``wsm`` score
over the drawn scenario probabilities, each scenario's scores drawn with
common random numbers so an input's quantile is the same in every scenario),
marks the draws where the currently top option loses first place (or where
``target`` comes first), and finds with PRIM (Friedman & Fisher 1999) the box
of inputs where those draws concentrate, reported with its coverage (share
of the marked draws inside the box) and density (share of the draws inside
the box that are marked), as Bryant & Lempert (2010) propose.

Why our own PRIM: the EMA Workbench's ``ema_workbench.analysis.prim`` is the
reference implementation but brings scikit-learn, statsmodels, seaborn,
SALib, platypus and tqdm as required dependencies; the standalone ``PRIM``
package on PyPI is GPL-3 (this library is MIT) and pulls mplcursors.
Peeling, pasting and selection are short in numpy (:mod:`._prim`), each peel
scored in one vectorised pass.

References
----------
Friedman, J. H., & Fisher, N. I. (1999). Bump hunting in high-dimensional
data. Statistics and Computing, 9(2), 123-143.
Bryant, B. P., & Lempert, R. J. (2010). Thinking inside the box: A
participatory, computer-assisted approach to scenario discovery.
Technological Forecasting and Social Change, 77(1), 34-49.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from policyopts._casearrays import case_arrays
from policyopts._random import SeedLike, rng_from
from policyopts._tables import fmt
from policyopts.inputs import uncertain_inputs
from policyopts.methods import SCALE_NORMALIZATION
from policyopts.model import Case
from policyopts.model.require import require_case
from policyopts.results import Provenance, Result
from policyopts.sensitivity.oneway._setup import lower_first
from policyopts.waiting._prim import PrimBox, prim

__all__ = ["Discovery", "discover"]

FloatArray = NDArray[np.float64]

VARY = ("scores", "likelihoods", "weights", "probabilities")


@dataclass(frozen=True, eq=False)
class Discovery(Result):
    """A PRIM box: the region of the inputs where the outcome of interest concentrates.

    Attributes
    ----------
    box : DataFrame
        One row per restricted input (index: input id): ``name``, ``low``,
        ``high`` (``-inf``/``inf`` where open), ``sample_low``,
        ``sample_high`` (range drawn).
    coverage, density, mass : float
        Share of the cases of interest inside the box; share of the draws in
        the box that are cases of interest; share of all draws in the box.
    base_rate : float
        Share of the draws that are cases of interest.
    outcome : str
        What a case of interest is, in words ("Aid loses first place").
    sentence : str
        The rule in words.
    samples : DataFrame
        The drawn inputs (one column per input id).
    cases : Series of bool
        Which draws are cases of interest.
    trajectory : DataFrame
        Coverage, density, mass and number of restricted inputs along the peel.
    provenance : Provenance
        Case, profile, method, seed and number of draws; ``extra`` holds the
        ``target``, the inputs varied (``vary``) and the Dirichlet ``concentration``.
    """

    box: pd.DataFrame
    coverage: float
    density: float
    mass: float
    base_rate: float
    outcome: str
    sentence: str
    samples: pd.DataFrame = field(repr=False)
    cases: pd.Series = field(repr=False)
    trajectory: pd.DataFrame = field(repr=False)
    provenance: Provenance

    def summary(self) -> str:
        """The box in plain words."""
        return self.sentence

    def caption(self) -> str:
        """How the table was produced."""
        seed = "none" if self.seed is None else self.seed
        return (
            f"PRIM box for '{self.outcome}' (base rate {fmt(self.base_rate, 2)}, "
            f"{self.n_samples} draws, seed {seed}, profile {self.profile}, case "
            f"{self.case_id}, policyopts {self.version})"
        )

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        header = ["Input" if names else "input", "Low", "High", "Drawn from", "Drawn to"]
        rows: list[list[object]] = []
        if self.box.empty:
            return header, [["(no restriction)", None, None, None, None]]
        for ident, r in self.box.iterrows():
            rows.append(
                [
                    r["name"] if names else ident,
                    None if not np.isfinite(r["low"]) else float(r["low"]),
                    None if not np.isfinite(r["high"]) else float(r["high"]),
                    float(r["sample_low"]),
                    float(r["sample_high"]),
                ]
            )
        return header, rows[:limit]

    def to_frame(self) -> pd.DataFrame:
        """The box: one row per restricted input."""
        return self.box


def _dirichlet(rng: np.random.Generator, centre: FloatArray, conc: float, n: int) -> FloatArray:
    alpha = np.maximum(conc * centre / centre.sum(), 1e-3)
    out: FloatArray = rng.dirichlet(alpha, size=n)
    return out


def _bound(x: float) -> str:
    return fmt(x, 3) if abs(x) < 1 else fmt(x, 2)


def _clause(name: str, low: float, high: float) -> str:
    if np.isfinite(low) and np.isfinite(high):
        return f"{name} is between {_bound(low)} and {_bound(high)}"
    if np.isfinite(low):
        return f"{name} is ≥ {_bound(low)}"
    return f"{name} is ≤ {_bound(high)}"


def discover(
    case: Case,
    profile: str | None = None,
    *,
    target: str | None = None,
    n_samples: int = 5_000,
    seed: SeedLike = None,
    vary: Collection[str] = VARY,
    concentration: float = 50.0,
    alpha: float = 0.05,
    min_mass: float = 0.05,
    threshold: float = 0.8,
    max_inputs: int | None = 4,
) -> Discovery:
    r"""PRIM scenario discovery: when does the top option lose (or ``target`` win)?

    Parameters
    ----------
    case : Case
    profile : str, optional
        Weight profile; the case's default when omitted.
    target : str, optional
        An option id: find where it comes first.  By default, find where the
        option that comes first at the point estimates loses first place.
    n_samples : int, default 5000
    seed : int or numpy Generator, optional
    vary : collection of str, default all of ``("scores", "likelihoods",
        "weights", "probabilities")``
        Which inputs to draw; the others stay at their point values.
    concentration : float, default 50
        Dirichlet concentration of the weight and probability draws around the
        profile's weights and the scenarios' probabilities (larger: closer).
    alpha, min_mass : float, default 0.05
        PRIM's peeling share and smallest box mass.
    threshold : float, default 0.8
        Of the boxes along the peeling trajectory at least this dense, the
        one with the largest coverage x density is reported (the densest box
        when none is).
    max_inputs : int or None, default 4
        Most inputs the rule may name (Bryant & Lempert stress that a box is
        only useful if people can read it); None: no limit.

    Returns
    -------
    Discovery
        ``.box``, ``.coverage``, ``.density``, ``.sentence``.

    Raises
    ------
    ValueError
        An unknown ``target`` or ``vary`` entry, ``n_samples`` < 10, a
        non-positive ``concentration``.

    References
    ----------
    Friedman & Fisher (1999); Bryant & Lempert (2010).

    Examples
    --------
    >>> import policyopts as po
    >>> d = po.discover(po.load_case("mali"), n_samples=2000, seed=1)
    >>> 0 <= d.density <= 1 and 0 <= d.coverage <= 1
    True
    """
    require_case(case)
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer):
        raise ValueError(f"n_samples: expected an int >= 10, got {n_samples!r}")
    if n_samples < 10:
        raise ValueError(f"n_samples: expected an int >= 10, got {n_samples!r}")
    bad = [v for v in vary if v not in VARY]
    if bad or isinstance(vary, str):
        raise ValueError(f"vary: expected a subset of {list(VARY)}, got {vary!r}")
    if not (isinstance(concentration, int | float) and concentration > 0):
        raise ValueError(f"concentration: expected a positive number, got {concentration!r}")
    options = case.option_ids
    labels = {o.id: o.label for o in case.options}
    if target is not None and target not in options:
        raise ValueError(f"target: unknown option {target!r}; options: {', '.join(options)}")
    prof = case.profile(profile)
    rng = rng_from(seed)
    n = int(n_samples)

    base = uncertain_inputs(case)
    keep = [
        k
        for k, inp in enumerate(base.inputs)
        if (inp.kind == "score" and "scores" in vary)
        or (inp.kind == "likelihood" and "likelihoods" in vary)
    ]
    u = np.full((n, len(base.inputs)), 0.5)
    drawn = rng.random((n, len(keep)))
    u[:, keep] = drawn
    point_q = np.array([float(inp.dist.cdf(inp.point)) for inp in base.inputs])
    fixed = [k for k in range(len(base.inputs)) if k not in set(keep)]
    u[:, fixed] = point_q[fixed]  # inputs not varied stay at their point values
    pos = {inp.id: k for k, inp in enumerate(base.inputs)}

    crit_ids = case.criterion_ids
    w0 = np.array([case.weights(prof.id)[c] for c in crit_ids])
    weights = (
        _dirichlet(rng, w0, float(concentration), n)
        if "weights" in vary
        else np.broadcast_to(w0, (n, w0.size))
    )
    scen = case.scenarios
    p0 = np.array([s.probability for s in scen]) if scen else np.ones(1)
    probs = (
        _dirichlet(rng, p0, float(concentration), n)
        if scen and "probabilities" in vary and len(scen) > 1
        else np.broadcast_to(p0, (n, p0.size))
    )

    def values_under(scenario: str | None) -> FloatArray:
        inputs = base if scenario is None else uncertain_inputs(case, scenario)
        cols = [pos[i] for i in inputs.ids]
        q = u[:, cols] if cols else np.zeros((n, 0))
        vals = inputs.ppf(q) if cols else q
        mats = inputs.matrices(vals)  # (n, m, c)
        crits = inputs.base.criteria
        return np.stack([c.value(mats[..., j]) for j, c in enumerate(crits)], axis=-1)

    expected = np.zeros((n, len(options)))
    nominal = np.zeros(len(options))
    for k, s in enumerate(scen or [None]):
        v = values_under(None if s is None else s.id)
        expected += probs[:, k : k + 1] * np.einsum("smc,sc->sm", v, weights)
        point = case_arrays(case, None if s is None else s.id).values() @ w0
        nominal += (1.0 if s is None else s.probability) * point
    top = options[int(np.argmax(nominal))]
    tol = 1e-12 * np.maximum(1.0, np.abs(expected).max(axis=1))
    winners = expected >= expected.max(axis=1, keepdims=True) - tol[:, None]
    if target is None:
        cases = ~winners[:, options.index(top)] | (winners.sum(axis=1) > 1)
        outcome = f"{labels[top]} loses first place"
        subject = f"{labels[top]} loses first place"
    else:
        cases = winners[:, options.index(target)] & (winners.sum(axis=1) == 1)
        outcome = f"{labels[target]} comes first"
        subject = outcome

    cols_x: dict[str, FloatArray] = {}
    names: dict[str, str] = {}
    base_vals = base.ppf(u) if len(base.inputs) else np.zeros((n, 0))
    crit_name = {c.id: c.name for c in case.all_criteria}
    for k in keep:
        inp = base.inputs[k]
        cols_x[inp.id] = base_vals[:, k]
        if inp.kind == "score":
            assert inp.option is not None and inp.criterion is not None
            names[inp.id] = f"{labels[inp.option]}'s {lower_first(crit_name[inp.criterion])} score"
        else:
            assert inp.risk is not None
            names[inp.id] = f"the likelihood of {lower_first(case.risk(inp.risk).name)}"
    if "weights" in vary:
        for j, c in enumerate(crit_ids):
            cols_x[f"weight:{c}"] = weights[:, j]
            names[f"weight:{c}"] = f"the weight on {lower_first(crit_name[c])}"
    if scen and "probabilities" in vary and len(scen) > 1:
        for k, s in enumerate(scen):
            cols_x[f"probability:{s.id}"] = probs[:, k]
            names[f"probability:{s.id}"] = f"the probability of {lower_first(s.name)}"
    samples = pd.DataFrame(cols_x)
    samples.index.name = "draw"
    x = samples.to_numpy(dtype=np.float64).reshape(n, len(cols_x))
    base_rate = float(cases.mean())
    provenance = Provenance.of(
        case,
        profile=prof.id,
        method="wsm",
        normalization=SCALE_NORMALIZATION,
        seed=seed,
        n_samples=n,
        target=target,
        vary=sorted(vary),
        concentration=float(concentration),
    )
    empty_box = pd.DataFrame(
        columns=["name", "low", "high", "sample_low", "sample_high"],
        index=pd.Index([], name="input"),
    )
    if not cases.any() or cases.all() or x.shape[1] == 0:
        what = "never happens" if not cases.any() else "happens in every draw"
        if cases.any() and not cases.all():
            what = "happens, but no input was drawn to explain it"
        return Discovery(
            box=empty_box,
            coverage=float(cases.any()),
            density=base_rate,
            mass=1.0,
            base_rate=base_rate,
            outcome=outcome,
            sentence=f"{subject} {what} in the {n} draws: there is no box to find.",
            samples=samples,
            cases=pd.Series(cases, index=samples.index, name="case"),
            trajectory=pd.DataFrame(columns=["coverage", "density", "mass", "restricted"]),
            provenance=provenance,
        )
    box: PrimBox = prim(
        x, cases, alpha=alpha, min_mass=min_mass, threshold=threshold, max_inputs=max_inputs
    )
    ids = list(cols_x)
    restricted = box.restricted
    order = sorted(restricted.tolist(), key=lambda j: -_importance(x, cases, box, int(j)))
    table = pd.DataFrame(
        {
            "name": [names[ids[j]] for j in order],
            "low": [float(box.low[j]) for j in order],
            "high": [float(box.high[j]) for j in order],
            "sample_low": [float(x[:, j].min()) for j in order],
            "sample_high": [float(x[:, j].max()) for j in order],
        },
        index=pd.Index([ids[j] for j in order], name="input"),
    )
    clauses = [_clause(r["name"], r["low"], r["high"]) for _, r in table.iterrows()]
    when = " and ".join(clauses) if clauses else "whatever the inputs"
    sentence = (
        f"{subject} when {when} (coverage {fmt(box.coverage, 2)}, density "
        f"{fmt(box.density, 2)}; it happens in {fmt(base_rate, 2)} of all draws)."
    )
    return Discovery(
        box=table,
        coverage=box.coverage,
        density=box.density,
        mass=box.mass,
        base_rate=base_rate,
        outcome=outcome,
        sentence=sentence,
        samples=samples,
        cases=pd.Series(cases, index=samples.index, name="case"),
        trajectory=pd.DataFrame(
            box.trajectory, columns=["coverage", "density", "mass", "restricted"]
        ),
        provenance=provenance,
    )


def _importance(x: FloatArray, y: NDArray[np.bool_], box: PrimBox, j: int) -> float:
    """How much density the box loses without its restriction on input ``j``."""
    inside = np.all((x >= box.low) & (x <= box.high), axis=1)
    lo, hi = box.low.copy(), box.high.copy()
    lo[j], hi[j] = -np.inf, np.inf
    wider = np.all((x >= lo) & (x <= hi), axis=1)
    d_in = float(y[inside].mean()) if inside.any() else 0.0
    d_wide = float(y[wider].mean()) if wider.any() else 0.0
    return d_in - d_wide
