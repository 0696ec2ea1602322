"""Every public result has one shape: a frozen dataclass carrying a
:class:`~policyopts.results.Provenance`, a ``to_frame()`` and the same
renderers (:class:`~policyopts.results.Result`), and one vocabulary for
``top``, ``ranking``, ``weights`` and ``option_names``."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import policyopts as po
from policyopts.results import Provenance, Result

SRC = Path(po.__file__).parent
DATA = Path(__file__).parent / "data"


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@cache
def _result_classes() -> tuple[type[Result], ...]:
    """Every concrete Result subclass defined in policyopts (all modules imported)."""
    for info in pkgutil.walk_packages(po.__path__, "policyopts."):
        importlib.import_module(info.name)
    found = {c for c in _subclasses(Result) if c.__module__.startswith("policyopts.")}
    return tuple(sorted(found, key=lambda c: (c.__module__, c.__name__)))


# One small instance of each result class, from the bundled cases.
@cache
def _mali() -> po.Case:
    return po.load_case("mali")


@cache
def _toy_portfolio() -> po.Case:
    return po.load_case("toy_portfolio")


_VALUES = [[0.6, 0.1], [0.2, 0.7], [0.1, 0.9]]
_BOX = po.interval_weights([0.3, 0.3], [0.7, 0.7])

BUILDERS: dict[str, Callable[[], Result]] = {
    "Participants": lambda: po.read_participants(DATA / "participants_swing.csv", criteria=_mali()),
    "GroupRanking": lambda: po.group_rankings(
        _mali(), po.read_participants(DATA / "participants_swing.csv", criteria=_mali())
    ),
    "Comparison": lambda: po.compare(_mali(), "balanced"),
    "ProfileComparison": lambda: po.compare_profiles(_mali()),
    "Drivers": lambda: po.drivers(_mali(), "balanced"),
    "OneWayResult": lambda: po.one_way_case(_mali(), "ct_effect", "balanced", grid=11),
    "OneWayAll": lambda: po.one_way_all(_mali(), "balanced", grid=11),
    "TornadoResult": lambda: po.tornado(_mali(), "balanced"),
    "SobolResult": lambda: po.sobol(_mali(), "balanced", n=64, seed=0, n_resamples=10),
    "StabilityTable": lambda: po.stability_table(_mali(), "balanced"),
    "FlipAnalysis": lambda: po.flip_analysis(_mali(), "balanced"),
    "RobustnessSummary": lambda: po.robustness_summary(_mali(), n_samples=500, seed=0),
    "ScenarioRobustness": lambda: po.scenario_robustness(_mali(), "balanced"),
    "ValueOfInformation": lambda: po.value_of_information(_mali(), n_samples=500, seed=0),
    "Triangulation": lambda: po.triangulate(_mali(), "balanced"),
    "RiskRegister": lambda: po.risk_register(_mali()),
    "Audit": lambda: po.audit(_mali()),
    "SMAAResult": lambda: po.smaa(np.array(_VALUES), [1, 1], n_samples=200, seed=0),
    "CaseSMAA": lambda: po.smaa_case(_mali(), "balanced", n_samples=500, seed=0),
    "ScenarioUpdate": lambda: po.update_scenarios(_mali(), {"fuel_convoys_bamako": True}),
    "Triggers": lambda: po.triggers(_mali(), "balanced"),
    "Pathways": lambda: po.pathways(_mali(), "balanced"),
    "WaitingValue": lambda: po.value_of_waiting(_mali(), "balanced"),
    "WatchBrief": lambda: po.watch_brief(_mali(), "balanced"),
    "Discovery": lambda: po.discover(_mali(), "balanced", n_samples=500, seed=0),
    "EVSIResult": lambda: po.evsi(
        [[200.0, -180.0], [100.0, -20.0], [0.0, 0.0]], [0.5, 0.5], [[0.7, 0.3], [0.2, 0.8]]
    ),
    "PortfolioRanking": lambda: po.portfolios(_toy_portfolio()),
    "CaseRPM": lambda: po.rpm_case(_toy_portfolio()),
    "PortfolioSMAA": lambda: po.portfolio_smaa(_toy_portfolio(), n_samples=200, seed=0),
    "RPMResult": lambda: po.rpm(_VALUES, [2, 3, 3], 5, _BOX),
    "ScoredPortfolios": lambda: po.score_portfolios(_VALUES, [2, 3, 3], 5, [0.5, 0.5]),
    "BestPortfolio": lambda: po.best_portfolio(_VALUES, [2, 3, 3], 5, [0.5, 0.5]),
    "VertexPortfolios": lambda: po.vertex_portfolios(_VALUES, [2, 3, 3], 5, _BOX),
}


@cache
def _instance(name: str) -> Result:
    return BUILDERS[name]()


def _names() -> list[str]:
    return [c.__name__ for c in _result_classes()]


def test_every_result_class_is_found_and_has_a_builder() -> None:
    names = _names()
    assert len(names) == len(set(names)), "two result classes share a name"
    assert len(names) >= 30
    missing = sorted(set(names) - set(BUILDERS))
    assert not missing, f"add a builder for {missing} to BUILDERS"
    assert not sorted(set(BUILDERS) - set(names)), "a builder names no result class"


def test_every_result_class_is_public() -> None:
    for cls in _result_classes():
        assert getattr(po, cls.__name__, None) is cls, f"{cls.__name__} is not po.{cls.__name__}"


@pytest.mark.parametrize("cls", _result_classes(), ids=lambda c: c.__name__)
def test_result_class_shape(cls: type[Result]) -> None:
    assert dataclasses.is_dataclass(cls)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen, f"{cls.__name__} is not frozen"
    fields = {f.name: f for f in dataclasses.fields(cls)}
    assert "provenance" in fields, f"{cls.__name__} has no provenance field"
    hints = typing.get_type_hints(cls)
    assert hints["provenance"] is Provenance
    # Provenance's own fields live in provenance only, never twice.
    doubled = {"case_id", "version", "method", "profile", "scenario", "seed", "n_samples"}
    assert not doubled & set(fields), f"{cls.__name__} repeats {doubled & set(fields)}"
    holds_frames = any(
        isinstance(h, type) and issubclass(h, pd.DataFrame | pd.Series | np.ndarray)
        for h in hints.values()
    )
    if holds_frames:
        assert not params.eq, f"{cls.__name__} holds arrays or frames: use eq=False"


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_result_instance_renders(name: str) -> None:
    res = _instance(name)
    assert type(res).__name__ == name
    assert isinstance(res.provenance, Provenance)
    assert res.provenance.version == po.__version__
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.provenance = Provenance()  # type: ignore[misc]
    frame = res.to_frame()
    assert isinstance(frame, pd.DataFrame)
    for kind in ("text", "markdown", "html", "latex"):
        out = res.render(kind)
        assert isinstance(out, str) and out, kind
    for out in (res.to_text(), res.to_markdown(), res.to_html(), res.to_latex(), str(res)):
        assert isinstance(out, str) and out
    assert isinstance(res.to_csv(), str)
    assert isinstance(res._repr_html_(), str)
    assert isinstance(res.caption(), str) and res.caption()


def _case_level(res: Result) -> bool:
    return res.provenance.case_id is not None


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_provenance_names_the_case(name: str) -> None:
    res = _instance(name)
    p = res.provenance
    if _case_level(res):
        assert p.case_hash is not None and len(p.case_hash) == 64
    else:
        assert p.case_hash is None
    # The Result properties read provenance.
    assert (res.case_id, res.profile, res.seed, res.n_samples) == (
        p.case_id,
        p.profile,
        p.seed,
        p.n_samples,
    )


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_result_vocabulary(name: str) -> None:
    """``top`` is an id (str), ``ranking`` a list of ids best first starting with
    ``top``, ``weights`` a Series by criterion id (a frame with one row per
    profile or participant where there are several), ``option_names`` a
    mapping from id to display name."""
    res = _instance(name)
    top = getattr(res, "top", None)
    ranking = getattr(res, "ranking", None)
    if top is not None:
        assert isinstance(top, str), f"{name}.top is {type(top).__name__}"
    if ranking is not None:
        assert isinstance(ranking, list) and all(isinstance(r, str) for r in ranking), name
        if top is not None:
            assert ranking[0] == top, name
    if hasattr(res, "weights"):
        w = res.weights
        assert isinstance(w, pd.Series | pd.DataFrame), f"{name}.weights is {type(w).__name__}"
        columns = w.index if isinstance(w, pd.Series) else w.columns
        assert all(isinstance(c, str) for c in columns), name
    if hasattr(res, "option_names"):
        names = res.option_names
        assert isinstance(names, Mapping) and names, name
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in names.items()), name


def test_limit_cuts_rows() -> None:
    res = _instance("PortfolioRanking")
    assert len(res.to_text(limit=2).splitlines()) < len(res.to_text(limit=None).splitlines())


_REMOVED_VIEW = re.compile(r"\b(TableView|TopTableView|_TableBase)\b")


def test_no_class_uses_the_removed_table_views() -> None:
    hits = [
        f"{path.relative_to(SRC)}:{k}"
        for path in sorted(SRC.rglob("*.py"))
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _REMOVED_VIEW.search(line)
    ]
    assert hits == []
    import policyopts._tables as tables

    for name in ("TableView", "TopTableView", "_TableBase"):
        assert not hasattr(tables, name)


def _all_fields() -> Iterator[tuple[str, str, Any]]:
    for cls in _result_classes():
        for name, hint in typing.get_type_hints(cls).items():
            yield cls.__name__, name, hint


def test_no_result_field_misuses_the_vocabulary() -> None:
    """Statically: no result declares ``top`` as anything but str, nor a str ``weights``."""
    for cls_name, name, hint in _all_fields():
        if name == "top":
            assert hint is str, f"{cls_name}.top is {hint}"
        if name == "weights":
            assert hint in (pd.Series, pd.DataFrame), f"{cls_name}.weights is {hint}"
        if name == "ranking":
            assert hint == list[str], f"{cls_name}.ranking is {hint}"


def test_figure_provenance_reads_the_weight_set() -> None:
    from policyopts.plots._common import _result_provenance

    res = _instance("CaseSMAA")
    assert isinstance(res, po.CaseSMAA)
    line = _result_provenance(res)
    assert f"weights {res.weight_set}" in line.lower()
    assert "500 draws" in line and "seed 0" in line
