"""Tests of the matplotlib figures in :mod:`policyopts.plots`.

Plots draw results the analysis layer computed, so there is no published
worked example to check them against. What is checked instead is that every
figure shows exactly the numbers of the result it was given (bar lengths,
cell values, marker positions, read back from the artists), that labels are
names in the right order, and that each figure is legible: every text at
10 pt or more, no overlapping tick labels or placed labels, nothing outside
the figure. The one computed quantity, regret from a payoff table, is checked
against a hand derivation.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text
from numpy.typing import NDArray

import policyopts as po
from policyopts import plots
from policyopts.scenarios import scenario_robustness, scenario_table
from policyopts.sensitivity.oneway import one_way_case
from policyopts.sensitivity.smaa import smaa, smaa_case
from policyopts.sensitivity.sobol import sobol
from policyopts.sensitivity.stability import stability_table
from policyopts.sensitivity.tornado import tornado

# --------------------------------------------------------------------- results


#: The five methods of the first release; the bump-chart tests rely on their ranks.
FIRST_FIVE = ["wsm", "wpm", "topsis", "vikor", "promethee_ii"]


@pytest.fixture(scope="module")
def res(mali: po.Case) -> dict[str, Any]:
    """Every result the plots draw, computed once for the module (Mali case)."""
    return {
        "cmp": po.compare(mali, "balanced"),
        "pc": po.compare_profiles(mali),
        "tri": po.triangulate(mali, "balanced", methods=FIRST_FIVE),
        "reg": po.risk_register(mali),
        "ow": one_way_case(mali, "ct_effect", "balanced"),
        "st": stability_table(mali, "balanced"),
        "tor": tornado(mali, "balanced"),
        "sob": sobol(mali, "balanced", n=64, seed=3),
        "rob": scenario_robustness(mali, "balanced"),
        "smaa": smaa_case(mali, "balanced", n_samples=500, seed=2),
    }


def _builders(mali: po.Case, r: dict[str, Any]) -> dict[str, Callable[[], Figure]]:
    return {
        "contributions": lambda: plots.contributions(r["cmp"], case=mali),
        "why": lambda: plots.why(r["cmp"], "humanitarian", "negotiate"),
        "weights_heatmap": lambda: plots.weights_by_profile(r["pc"]),
        "weights_bars": lambda: plots.weights_by_profile(mali, kind="bars"),
        "ranks_by_profile": lambda: plots.ranks_by_profile(r["pc"]),
        "ranks_by_method": lambda: plots.ranks_by_method(r["tri"]),
        "ranks_heatmap": lambda: plots.ranks_by_method(r["tri"], kind="heatmap"),
        "risk_matrix_one": lambda: plots.risk_matrix(r["reg"], option="re_partner", case=mali),
        "risk_matrix_all": lambda: plots.risk_matrix(r["reg"], case=mali),
        "value_tree": lambda: plots.value_tree(mali, profile="balanced"),
        "risk_burden": lambda: plots.risk_burden(r["reg"]),
        "rank_acceptability": lambda: plots.rank_acceptability(r["smaa"]),
        "rank_acceptability_heatmap": lambda: plots.rank_acceptability(r["smaa"], kind="heatmap"),
        "one_way": lambda: plots.one_way(r["ow"]),
        "tornado": lambda: plots.tornado(r["tor"], top=12),
        "regret": lambda: plots.regret_heatmap(r["rob"]),
        "sobol": lambda: plots.sobol(r["sob"], top=8),
        "stability": lambda: plots.stability(r["st"]),
    }


@pytest.fixture(scope="module")
def figs(mali: po.Case, res: dict[str, Any]) -> Iterator[dict[str, Figure]]:
    """Each Mali figure, built once and drawn once (Agg canvas), by name."""
    out: dict[str, Figure] = {}
    for name, build in _builders(mali, res).items():
        fig = build()
        FigureCanvasAgg(fig)
        fig.canvas.draw()
        out[name] = fig
    yield out
    out.clear()


# --------------------------------------------------------------------- helpers


def _bars(ax: Axes) -> list[Rectangle]:
    """The bar rectangles of an Axes."""
    return [
        p
        for p in ax.patches
        if isinstance(p, Rectangle) and p.get_data_transform() is ax.transData  # not spans
    ]


def _arr(x: Any) -> NDArray[np.float64]:
    """Artist data (image array, line data, offsets) as a float array."""
    assert x is not None
    return np.asarray(x, dtype=np.float64)


def _image(ax: Axes) -> NDArray[np.float64]:
    return _arr(ax.images[0].get_array())


def _legend(ax: Axes) -> Legend:
    legend = ax.get_legend()
    assert legend is not None
    return legend


def _by_row(bars: list[Rectangle]) -> dict[float, list[Rectangle]]:
    rows: dict[float, list[Rectangle]] = {}
    for b in bars:
        rows.setdefault(round(b.get_y() + b.get_height() / 2, 6), []).append(b)
    return dict(sorted(rows.items(), reverse=True))  # top row first


def _labels(texts: Iterable[Text]) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in texts]


def _drawn_texts(fig: Figure) -> list[Text]:
    """The texts a draw shows: titles, labels, annotations, legend entries and
    the tick labels within the view limits of visible axes."""
    out: list[Text] = [*fig.texts]
    for t in (getattr(fig, "_suptitle", None), getattr(fig, "_supxlabel", None)):
        if t is not None:
            out.append(t)
    for legend in fig.legends:
        out += [*legend.get_texts(), legend.get_title()]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        out += [c for c in ax.get_children() if isinstance(c, Text)]  # titles, texts
        ax_legend = ax.get_legend()
        if ax_legend is not None:
            out += [*ax_legend.get_texts(), ax_legend.get_title()]
        if not ax.axison:
            continue
        out += [ax.xaxis.label, ax.yaxis.label]
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            lo, hi = min(lo, hi), max(lo, hi)
            for tick in axis.get_major_ticks():
                if lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    out += [tick.label1, tick.label2]
    return [t for t in out if t.get_visible() and t.get_text().strip()]


def _overlap(a: Any, b: Any) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return float(w * h) if w > 0 and h > 0 else 0.0


# ------------------------------------------------------------------ legibility

NAMES = [
    "contributions",
    "why",
    "weights_heatmap",
    "weights_bars",
    "ranks_by_profile",
    "ranks_by_method",
    "ranks_heatmap",
    "risk_matrix_one",
    "risk_matrix_all",
    "value_tree",
    "risk_burden",
    "rank_acceptability",
    "rank_acceptability_heatmap",
    "one_way",
    "tornado",
    "regret",
    "sobol",
    "stability",
]


@pytest.mark.parametrize("name", NAMES)
def test_legible(figs: dict[str, Figure], name: str) -> None:
    fig = figs[name]
    assert isinstance(fig, Figure)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    texts = _drawn_texts(fig)
    small = [(t.get_text(), t.get_fontsize()) for t in texts if float(t.get_fontsize()) < 10]
    assert not small, f"texts below 10 pt: {small}"
    # nothing cut off: every text and legend lies inside the figure
    page = fig.bbox.padded(2.0)
    for t in texts:
        box = t.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1, t.get_text()
        assert page.y0 <= box.y0 and box.y1 <= page.y1, t.get_text()
    for legend in [*fig.legends, *(a.get_legend() for a in fig.axes)]:
        if legend is not None:
            box = legend.get_window_extent(renderer)
            assert page.x0 <= box.x0 and box.x1 <= page.x1
            assert page.y0 <= box.y0 and box.y1 <= page.y1
    # no two tick labels of an axis overlap
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for ticks in (ax.get_xticklabels(), ax.get_yticklabels()):
            boxes = [t.get_window_extent(renderer) for t in ticks if t.get_text()]
            for i in range(len(boxes)):
                for j in range(i + 1, len(boxes)):
                    assert _overlap(boxes[i], boxes[j]) == 0.0


@pytest.mark.parametrize("name", ["risk_matrix_one", "risk_matrix_all", "one_way"])
def test_placed_labels_do_not_overlap(figs: dict[str, Figure], name: str) -> None:
    fig = figs[name]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ax in fig.axes:
        placed = [
            a
            for a in ax.texts
            if isinstance(a, Annotation) and not a.get_in_layout() and a.get_text()
        ]
        # the text's own box, without its leader line
        boxes = [Text.get_window_extent(a, renderer) for a in placed]
        area = ax.get_window_extent(renderer).padded(1.0)
        for box in boxes:
            assert area.x0 <= box.x0 and box.x1 <= area.x1
            assert area.y0 <= box.y0 and box.y1 <= area.y1
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                assert _overlap(boxes[i], boxes[j]) == 0.0, (placed[i], placed[j])


def test_figures_are_not_registered_with_pyplot(mali: po.Case, res: dict[str, Any]) -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = plots.contributions(res["cmp"])
    assert plt.get_fignums() == before
    assert isinstance(fig, Figure)


def test_import_is_lazy() -> None:
    code = (
        "import sys, policyopts, policyopts.plots\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported eagerly'\n"
        "from policyopts import plots\n"
        "plots.risk_burden(policyopts.risk_register(policyopts.load_case('mali')))\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- contributions


def test_contributions_bars_add_up_to_scores(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    cmp = res["cmp"]
    ax = figs["contributions"].axes[0]
    rows = _by_row(_bars(ax))
    assert len(rows) == len(cmp.ranking)
    assert sum(len(b) for b in rows.values()) == cmp.contributions.size
    for oid, bars in zip(cmp.ranking, rows.values(), strict=True):
        assert sum(b.get_width() for b in bars) == pytest.approx(float(cmp.scores[oid]), abs=1e-12)
    ticks = ax.get_yticklabels()
    assert _labels(ticks) == [cmp.option_names[o] for o in cmp.ranking]
    assert ticks[0].get_fontweight() == "bold"
    assert f"{float(cmp.scores[cmp.top]):.3f}" in _labels(ax.texts)
    legend = _legend(ax)
    bold = [t.get_text() for t in legend.get_texts() if t.get_fontweight() == "bold"]
    assert bold == [
        "Security",
        "Humanitarian",
        "Governance",
        "Strategic",
        "Cost and feasibility",
        "Risk",
    ]


def test_contributions_without_case_and_into_an_axes(toy_case: po.Case) -> None:
    cmp = po.compare(toy_case, "even")
    host = Figure()
    ax = host.subplots()
    out = plots.contributions(cmp, ax=ax, title="Mine")
    assert out is host
    assert ax.get_title(loc="left") == "Mine"
    assert len(_bars(ax)) == 3 * 3
    assert _labels(_legend(ax).get_texts()) == ["Gain", "Cost", "Risk burden"]


def test_contributions_rejects_bad_input(
    mali: po.Case, toy_case: po.Case, res: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="additive"):
        plots.contributions(po.compare(mali, "balanced", "topsis"))
    with pytest.raises(ValueError, match="case: its criteria"):
        plots.contributions(res["cmp"], case=toy_case)
    with pytest.raises(TypeError, match="cmp"):
        plots.contributions(res["pc"])
    with pytest.raises(ValueError, match="figsize"):
        plots.contributions(res["cmp"], figsize=(0, 3))
    with pytest.raises(ValueError, match="ax"):
        plots.contributions(res["cmp"], ax="axes")  # type: ignore[arg-type]


# ------------------------------------------------------------------------- why


def test_why_bars_are_the_contribution_differences(
    figs: dict[str, Figure], res: dict[str, Any]
) -> None:
    cmp = res["cmp"]
    table = cmp.why("humanitarian", "negotiate")
    ax = figs["why"].axes[0]
    bars = [b[0] for b in _by_row(_bars(ax)).values()]
    widths = np.array([b.get_width() for b in bars])
    np.testing.assert_allclose(widths, table["difference"].to_numpy(), atol=1e-15)
    assert widths.sum() == pytest.approx(
        float(cmp.scores["humanitarian"] - cmp.scores["negotiate"]), abs=1e-12
    )
    for b, w in zip(bars, widths, strict=True):
        want = "#0072B2" if w >= 0 else "#D55E00"
        assert b.get_facecolor() == pytest.approx(to_rgba(want))
    assert _labels(ax.get_yticklabels()) == [cmp.criterion_names[c] for c in table.index]


def test_why_top_and_errors(res: dict[str, Any]) -> None:
    fig = plots.why(res["cmp"], "negotiate", "re_partner", top=3)
    assert len(_bars(fig.axes[0])) == 3
    with pytest.raises(ValueError, match="top"):
        plots.why(res["cmp"], "negotiate", "re_partner", top=0)
    with pytest.raises(ValueError, match="unknown option"):
        plots.why(res["cmp"], "negotiate", "nope")


# --------------------------------------------------------------------- weights


def test_weights_heatmap_shows_the_profile_weights(
    figs: dict[str, Figure], res: dict[str, Any], mali: po.Case
) -> None:
    pc = res["pc"]
    ax = figs["weights_heatmap"].axes[0]
    np.testing.assert_allclose(_image(ax), 100 * pc.weights.to_numpy())
    assert _labels(ax.get_xticklabels()) == [p.name for p in mali.profiles]
    assert _labels(ax.get_yticklabels()) == [c.label for c in mali.all_criteria]
    assert len(ax.texts) == pc.weights.size + 1  # the cells and the subtitle
    from_case = plots.weights_by_profile(mali)
    np.testing.assert_allclose(_image(from_case.axes[0]), _image(ax))


def test_weights_bars(figs: dict[str, Figure], mali: po.Case) -> None:
    ax = figs["weights_bars"].axes[0]
    bars = _bars(ax)
    assert len(bars) == len(mali.criterion_ids) * len(mali.profiles)
    balanced = [b.get_width() for b in bars[: len(mali.criterion_ids)]]
    want = [100 * w for w in mali.weights("balanced").values()]
    np.testing.assert_allclose(balanced, want)


def test_weights_errors(res: dict[str, Any], toy_data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="kind"):
        plots.weights_by_profile(res["pc"], kind="pie")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source"):
        plots.weights_by_profile(res["cmp"])


# ----------------------------------------------------------------------- ranks


def test_bump_chart_lines_follow_the_ranks(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    pc = res["pc"]
    ax = figs["ranks_by_profile"].axes[0]
    lines = ax.get_lines()
    assert [ln.get_label() for ln in lines] == [pc.option_names[o] for o in pc.ranks.index]
    assert all(pc.ranks[p].is_unique for p in pc.ranks.columns)  # no ties to spread
    for ln, oid in zip(lines, pc.ranks.index, strict=True):
        np.testing.assert_array_equal(_arr(ln.get_ydata()), pc.ranks.loc[oid].to_numpy(dtype=float))
    assert _labels(ax.get_xticklabels()) == [pc.profile_names[p] for p in pc.ranks.columns]
    widths = {ln.get_label(): ln.get_linewidth() for ln in lines}
    leader = pc.option_names[str((pc.ranks == 1).sum(axis=1).idxmax())]
    assert widths[leader] == max(widths.values())


def test_bump_chart_spreads_ties(res: dict[str, Any]) -> None:
    import dataclasses

    ranks = res["tri"].ranks.copy()
    first, second = ranks["promethee_ii"].sort_values().index[:2]
    ranks.loc[[first, second], "promethee_ii"] = 1  # two options tied first
    tri = dataclasses.replace(res["tri"], ranks=ranks)
    last = tri.ranks.iloc[:, -1]
    tied = last[last.duplicated(keep=False)]
    assert len(tied) == 2
    ax = plots.ranks_by_method(tri).axes[0]
    ys = {str(ln.get_label()): float(_arr(ln.get_ydata())[-1]) for ln in ax.get_lines()}
    shown = [ys[tri.option_names[o]] for o in tied.index]
    assert len(set(shown)) == len(shown)
    assert np.mean(shown) == pytest.approx(float(tied.iloc[0]))
    assert _labels(ax.get_xticklabels()) == ["WSM", "WPM", "TOPSIS", "VIKOR", "PROMETHEE II"]


def test_rank_heatmap(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    tri = res["tri"]
    ax = figs["ranks_heatmap"].axes[0]
    order = tri.ranks.mean(axis=1).sort_values(kind="stable").index
    np.testing.assert_array_equal(_image(ax), tri.ranks.loc[order].to_numpy())
    assert _labels(ax.get_yticklabels()) == [tri.option_names[o] for o in order]
    with pytest.raises(ValueError, match="kind"):
        plots.ranks_by_profile(res["pc"], kind="pie")  # type: ignore[arg-type]


# ----------------------------------------------------------------- risk matrix


def test_risk_matrix_one_option(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    reg = res["reg"]
    ax = figs["risk_matrix_one"].axes[0]
    bubbles = next(c for c in ax.collections if isinstance(c, PathCollection))
    xy = _arr(bubbles.get_offsets())
    np.testing.assert_allclose(xy[:, 1], reg.table["impact"].to_numpy())
    np.testing.assert_allclose(xy[:, 0], reg.table["likelihood"].to_numpy(), atol=0.03)
    np.testing.assert_allclose(
        bubbles.get_sizes(), np.maximum(2000 * reg.table["re_partner"].to_numpy(), 1.0)
    )
    names = _labels([a for a in ax.texts if not a.get_in_layout()])
    assert sorted(names) == sorted(reg.table["name"])
    assert _labels(ax.get_yticklabels()) == [
        "1 minor",
        "2 moderate",
        "3 serious",
        "4 severe",
        "5 catastrophic",
    ]


def test_risk_matrix_small_multiples(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    reg = res["reg"]
    fig = figs["risk_matrix_all"]
    titled = [a.get_title() for a in fig.axes if a.get_visible() and a.get_title()]
    assert titled == [reg.option_names[o] for o in reg.burdens.columns]
    key = _labels(fig.legends[0].get_texts())
    assert key == [f"{k + 1}. {n}" for k, n in enumerate(reg.table["name"])]
    for ax, oid in zip(fig.axes, reg.burdens.columns, strict=False):
        bubbles = next(c for c in ax.collections if isinstance(c, PathCollection))
        np.testing.assert_allclose(
            bubbles.get_sizes(), np.maximum(2000 * reg.table[oid].to_numpy(), 1.0)
        )


def test_risk_matrix_toy_and_errors(toy_case: po.Case) -> None:
    reg = po.risk_register(toy_case)
    fig = plots.risk_matrix(reg)  # three panels, no spare one: size key outside
    assert sum(a.get_visible() for a in fig.axes) == 3
    assert len(fig.legends) == 2
    with pytest.raises(ValueError, match="option"):
        plots.risk_matrix(reg, option="nope")
    host = Figure()
    with pytest.raises(ValueError, match="ax"):
        plots.risk_matrix(reg, ax=host.subplots())
    out = plots.risk_matrix(reg, option="act", ax=host.axes[0])
    assert out is host


# ------------------------------------------------------------------ value tree


def test_value_tree(figs: dict[str, Figure], mali: po.Case) -> None:
    ax = figs["value_tree"].axes[0]
    texts = _labels(ax.texts)
    for node in [*(b.name for b in mali.all_branches), *(c.label for c in mali.all_criteria)]:
        assert node in texts
    assert mali.title in texts
    weights = mali.weights("balanced")
    percents = [t for t in texts if t.endswith("%")]
    assert len(percents) == len(mali.all_branches) + len(mali.all_criteria)
    for w in weights.values():
        assert f"{100 * w:.1f}%" in percents
    bare = plots.value_tree(mali)
    assert not [t for t in _labels(bare.axes[0].texts) if t.endswith("%")]


# ----------------------------------------------------------------- risk burden


def test_risk_burden_stacks_add_up(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    reg = res["reg"]
    ax = figs["risk_burden"].axes[0]
    order = reg.totals.sort_values(kind="stable").index
    rows = _by_row(_bars(ax))
    assert len(rows) == len(order)
    for oid, bars in zip(order, rows.values(), strict=True):
        assert len(bars) == len(reg.burdens)
        assert sum(b.get_width() for b in bars) == pytest.approx(float(reg.totals[oid]))
    assert _labels(ax.get_yticklabels()) == [reg.option_names[o] for o in order]


# ---------------------------------------------------------- rank acceptability


def test_rank_acceptability_from_case_result(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    s = res["smaa"]
    ra = s.rank_acceptability
    ax = figs["rank_acceptability"].axes[0]
    order = ra.sort_values(list(ra.columns), ascending=False, kind="stable").index
    assert _labels(ax.get_yticklabels()) == [s.option_names[o] for o in order]
    rows = _by_row(_bars(ax))
    for oid, bars in zip(order, rows.values(), strict=True):
        np.testing.assert_allclose([b.get_width() for b in bars], ra.loc[oid].to_numpy())
    heat = figs["rank_acceptability_heatmap"].axes[0]
    np.testing.assert_allclose(_image(heat), 100 * ra.loc[order].to_numpy())


def test_rank_acceptability_from_arrays() -> None:
    ra = np.array([[0.2, 0.5, 0.3], [0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
    fig = plots.rank_acceptability(ra, labels=["A", "B", "C"])
    ax = fig.axes[0]
    assert _labels(ax.get_yticklabels()) == ["B", "A", "C"]
    assert len(_bars(ax)) == 9
    colours = [b.get_facecolor() for b in _bars(ax)[::3]]
    darkness = [sum(to_rgba(c)[:3]) for c in colours]
    assert darkness == sorted(darkness)  # rank 1 darkest
    matrix = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    result = smaa(matrix, np.array([1, 1]), n_samples=200, seed=0)
    fig = plots.rank_acceptability(result, labels=["x", "y", "z"], kind="heatmap")
    np.testing.assert_allclose(
        np.sort(_image(fig.axes[0]), axis=None),
        np.sort(100 * result.rank_acceptability, axis=None),
    )
    unlabelled = plots.rank_acceptability(ra)
    assert "Alternative 2" in _labels(unlabelled.axes[0].get_yticklabels())


def test_rank_acceptability_errors() -> None:
    ra = np.full((2, 2), 0.5)
    with pytest.raises(ValueError, match="labels"):
        plots.rank_acceptability(ra, labels=["a"])
    with pytest.raises(ValueError, match="2-d"):
        plots.rank_acceptability(np.array([0.5, 0.5]))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        plots.rank_acceptability(np.array([[1.5, -0.5], [0.5, 0.5]]))
    with pytest.raises(ValueError, match="kind"):
        plots.rank_acceptability(ra, kind="pie")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="result"):
        plots.rank_acceptability(object())


# --------------------------------------------------------------------- one-way


def test_one_way_lines_current_weight_and_crossings(
    figs: dict[str, Figure], res: dict[str, Any]
) -> None:
    ow = res["ow"]
    ax = figs["one_way"].axes[0]
    lines = [ln for ln in ax.get_lines() if not str(ln.get_label()).startswith("_")]
    assert [ln.get_label() for ln in lines] == [ow.option_labels[o] for o in ow.options]
    for ln, oid in zip(lines, ow.options, strict=True):
        np.testing.assert_array_equal(_arr(ln.get_ydata()), ow.scores[oid].to_numpy())
    vlines = [ln for ln in ax.get_lines() if str(ln.get_label()).startswith("_")]
    assert any(np.allclose(_arr(ln.get_xdata()), ow.current) for ln in vlines)
    marked = np.sort(np.concatenate([_arr(c.get_offsets())[:, 0] for c in ax.collections]))
    np.testing.assert_allclose(marked, np.sort(ow.crossings["weight"].to_numpy()))
    notes = [t for t in _labels(ax.texts) if t[:1].isdigit()]
    assert len(notes) == len(ow.crossings)
    for w in ow.crossings["weight"]:
        assert any(t.startswith(f"{w:.2f}") for t in notes)
    # crossings that change the top option are drawn as diamonds, with both names
    flips = ow.crossings[ow.crossings["top_change"]]
    for _, row in flips.iterrows():
        want = f"{row['weight']:.2f}: {ow.option_labels[row['overtaking']]} passes"
        assert any(t.startswith(want) for t in notes)


def test_one_way_rejects_other_results(res: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match="OneWayResult"):
        plots.one_way(res["st"])


# --------------------------------------------------------------------- tornado


def test_tornado_bars_reach_the_margins(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    tor = res["tor"]
    table = tor.table.head(12)
    ax = figs["tornado"].axes[0]
    rows = _by_row(_bars(ax))
    assert len(rows) == 12
    for (_, row), bars in zip(table.iterrows(), rows.values(), strict=True):
        assert len(bars) == 2
        for b in bars:
            assert b.get_x() == pytest.approx(tor.margin)
        ends = sorted(b.get_x() + b.get_width() for b in bars)
        assert ends == pytest.approx(sorted([row["margin_low"], row["margin_high"]]))
    labels = [t.removesuffix(" *") for t in _labels(ax.get_yticklabels())]
    assert labels == list(table["label"])
    starred = [t.endswith("*") for t in _labels(ax.get_yticklabels())]
    assert starred == list(table["flips_top"])


def test_tornado_for_one_option(res: dict[str, Any]) -> None:
    tor = res["tor"]
    fig = plots.tornado(tor, option="negotiate", top=4)
    frame = tor.for_option("negotiate").head(4)
    rows = _by_row(_bars(fig.axes[0]))
    for (_, row), bars in zip(frame.iterrows(), rows.values(), strict=True):
        ends = sorted(b.get_x() + b.get_width() for b in bars)
        assert ends == pytest.approx(sorted([row["score_low"], row["score_high"]]))
    with pytest.raises(ValueError, match="top"):
        plots.tornado(tor, top=0)
    with pytest.raises(ValueError, match="option"):
        plots.tornado(tor, option="nope")


# ---------------------------------------------------------------------- regret


def test_regret_heatmap_from_scenario_robustness(
    figs: dict[str, Figure], res: dict[str, Any]
) -> None:
    rob = res["rob"]
    ax = figs["regret"].axes[0]
    worst = rob.regret.max(axis=1)
    order = worst.sort_values(kind="stable").index
    want = np.column_stack([rob.regret.loc[order].to_numpy(), worst[order].to_numpy()])
    np.testing.assert_allclose(_image(ax), want)
    ticks = ax.get_yticklabels()
    assert ticks[0].get_text() == rob.option_names[rob.choices["max_regret"]]
    assert ticks[0].get_fontweight() == "bold"


def test_regret_heatmap_from_a_payoff_table() -> None:
    # Hand derivation: column maxima 10 and 9, so regrets are
    # A (0, 7), B (4, 2), C (6, 0); maximum regrets 7, 4, 6: minimax regret picks B.
    pay = pd.DataFrame(
        {"baseline": [0.0, 0.0, 0.0], "wet": [10.0, 6.0, 4.0], "dry": [2.0, 7.0, 9.0]},
        index=["A", "B", "C"],
    )
    fig = plots.regret_heatmap(pay)
    ax = fig.axes[0]
    np.testing.assert_allclose(_image(ax), [[4.0, 2.0, 4.0], [6.0, 0.0, 6.0], [0.0, 7.0, 7.0]])
    assert _labels(ax.get_yticklabels()) == ["B", "C", "A"]
    assert _labels(ax.get_xticklabels()) == ["wet", "dry", "Max regret"]
    with pytest.raises(TypeError, match="result"):
        plots.regret_heatmap(np.zeros((2, 2)))  # type: ignore[arg-type]


def test_regret_heatmap_from_scenario_table(mali: po.Case) -> None:
    fig = plots.regret_heatmap(scenario_table(mali, "balanced"))
    assert _image(fig.axes[0]).shape == (len(mali.options), len(mali.scenarios) + 1)


# ----------------------------------------------------------------------- sobol


def test_sobol_bars(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    sob = res["sob"]
    ax = figs["sobol"].axes[0]
    head = sob.margin.head(8)
    assert len(_bars(ax)) == 16
    widths = sorted(b.get_width() for b in _bars(ax))
    np.testing.assert_allclose(
        widths, sorted([*head["first"].to_numpy(), *head["total"].to_numpy()])
    )
    assert _labels(ax.get_yticklabels()) == list(head["label"])
    fig = plots.sobol(sob, option="humanitarian", top=3)
    assert len(_bars(fig.axes[0])) == 6
    with pytest.raises(ValueError, match="top"):
        plots.sobol(sob, top=-1)


# ------------------------------------------------------------------- stability


def test_stability_intervals(figs: dict[str, Figure], res: dict[str, Any]) -> None:
    st = res["st"]
    ax = figs["stability"].axes[0]
    bars = _bars(ax)
    assert len(bars) == len(st.table)
    np.testing.assert_allclose([b.get_x() for b in bars], st.table["low"].to_numpy())
    np.testing.assert_allclose(
        [b.get_width() for b in bars], (st.table["high"] - st.table["low"]).to_numpy()
    )
    marker = next(ln for ln in ax.get_lines() if ln.get_marker() == "D")
    np.testing.assert_allclose(_arr(marker.get_xdata()), st.table["current"].to_numpy())
    named = st.table[["challenger_low", "challenger_high"]].notna().to_numpy().sum()
    assert len(ax.texts) - 1 == named  # one annotation per challenger, plus the subtitle
    assert _labels(ax.get_yticklabels()) == [st.criterion_labels[c] for c in st.table.index]


def test_savefig_png(figs: dict[str, Figure]) -> None:
    buf = io.BytesIO()
    figs["contributions"].savefig(buf, format="png", dpi=40)
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
