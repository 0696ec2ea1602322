"""The brief's inline SVG charts: geometry, escaping, XML validity, accessibility, and
that writing a brief never imports matplotlib."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from typing import Any
from xml.etree import ElementTree

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyopts as po
from policyopts.report import build_report
from policyopts.report._svg import (
    Bar,
    Key,
    TreeNode,
    bubbles,
    diverging_bars,
    escape,
    grouped_bars,
    heatmap,
    num,
    range_bars,
    stacked_bars,
    tree,
)
from policyopts.report._svg._canvas import fit, nice_ticks

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert(1)</script>",
    '"onload="alert(1)',
    "Aid & trade",
    "]]><x>",
    "Бамако — 巴马科 " + "very long name " * 12,
    "ctrl\x00\x1b[31m",
]


def _tree(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(str(svg))


def _titled(root: ElementTree.Element, tag: str) -> list[ElementTree.Element]:
    """Elements ``tag`` carrying a tooltip (the data marks; frames and grids have none)."""
    return [e for e in root.iter(NS + tag) if e.find(NS + "title") is not None]


def _width(e: ElementTree.Element) -> float:
    return float(e.get("width", "0"))


def _stacked(labels: list[str], values: Any, **kw: Any) -> str:
    k = np.asarray(values).shape[1]
    return str(
        stacked_bars(
            labels,
            values,
            ["#0072B2", "#E69F00", "#009E73"][:k],
            names=[f"s{j}" for j in range(k)],
            title="T",
            subtitle="sub",
            xlabel="x",
            label="alt",
            keys=[Key("s0", "#0072B2")],
            **kw,
        )
    )


# ---------------------------------------------------------------- primitives


def test_escape_is_the_one_escape() -> None:
    assert escape('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;"
    assert escape("a\x00b\x1bc") == "a\ufffdb\ufffdc"
    assert num(1.25) == "1.2" and num(-0.04) == "0" and num(7.0) == "7"
    with pytest.raises(ValueError, match="finite"):
        num(float("nan"))


def test_fit_and_ticks() -> None:
    lines = fit("a " * 200, 100, 13, lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert fit("short", 500, 13) == ["short"]
    assert nice_ticks(0.0, 1.0) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(-0.013, 0.08)[0] <= -0.013


def test_stacked_bars_proportional_and_summing() -> None:
    values = np.array([[0.1, 0.2, 0.3], [0.05, 0.05, 0.1]])
    root = _tree(_stacked(["a", "b"], values, totals=["0.600", "0.200"]))
    rects = _titled(root, "rect")
    assert len(rects) == 6
    widths = np.array([_width(r) for r in rects]).reshape(2, 3)
    scale = widths[0, 0] / 0.1
    np.testing.assert_allclose(widths, values * scale, atol=0.15)  # one decimal in the SVG
    # each bar's segments abut: the last one ends where the total says
    ends = [float(r.get("x", 0)) + _width(r) for r in rects]
    starts = [float(r.get("x", 0)) for r in rects]
    np.testing.assert_allclose(starts[1:3], ends[0:2], atol=0.15)
    np.testing.assert_allclose(widths.sum(axis=1), values.sum(axis=1) * scale, atol=0.3)


def test_stacked_percent_bars_write_cells() -> None:
    shares = np.array([[0.7, 0.3], [0.3, 0.7]])
    cells = [["70%", "30%"], ["30%", "70%"]]
    svg = _stacked(["a", "b"], shares, cells=cells, percent=True)
    texts = ["".join(t.itertext()) for t in _tree(svg).iter(NS + "text")]
    assert texts.count("70%") >= 2 and "100%" in texts  # cells and the axis


def test_grouped_and_range_and_diverging_bars() -> None:
    series = [Bar("w", [0.2, 0.4], "#999999"), Bar("s", [0.1, 0.3], "#0072B2", ["10%", "30%"])]
    root = _tree(
        grouped_bars(
            ["a", "b"], series, title="T", subtitle=None, xlabel="x", label="alt", percent=True
        )
    )
    w = [_width(r) for r in _titled(root, "rect")]
    assert len(w) == 4
    assert w[1] / w[0] == pytest.approx(0.1 / 0.2, abs=0.01)
    assert w[3] / w[2] == pytest.approx(0.3 / 0.4, abs=0.01)
    root = _tree(
        range_bars(
            ["a", "b"],
            [0.0, 0.2],
            [0.5, 1.0],
            [0.1, 0.3],
            ends=[(None, "X"), ("Y", None)],
            fill="#aaaaaa",
            edge="#000000",
            keys=[],
            title="T",
            subtitle=None,
            xlabel="x",
            label="alt",
        )
    )
    a, b = (_width(r) for r in _titled(root, "rect"))
    assert b / a == pytest.approx(0.8 / 0.5, abs=0.01)
    assert len(list(root.iter(NS + "polygon"))) == 2  # a marker per row
    ends = [[(0.5, "#E69F00", "1"), (-0.5, "#0072B2", "2")], [(0.25, "#E69F00", "3")]]
    root = _tree(
        diverging_bars(
            ["a", "b"],
            0.0,
            ends,
            lo=-1.0,
            hi=1.0,
            keys=[],
            key_title=None,
            title="T",
            subtitle=None,
            xlabel="x",
            label="alt",
            threshold=-0.2,
        )
    )
    bars = [r for r in root.iter(NS + "rect") if r.get("fill") in ("#E69F00", "#0072B2")]
    assert len(bars) == 3
    assert _width(bars[0]) == pytest.approx(_width(bars[1]), abs=0.15)
    assert _width(bars[2]) == pytest.approx(_width(bars[0]) / 2, abs=0.15)


def test_heatmap_has_a_cell_per_value() -> None:
    values = np.arange(12.0).reshape(3, 4)
    texts = [[f"{v:g}" for v in row] for row in values]
    root = _tree(
        heatmap(
            ["r1", "r2", "r3"],
            ["c1", "c2\nsub", "c3", "max"],
            values,
            texts,
            cmap="Oranges",
            vmin=0.0,
            vmax=11.0,
            bar_label="v",
            title="T",
            subtitle=None,
            label="alt",
            framed=(0, 3),
            split_before=3,
        )
    )
    cells = _titled(root, "rect")
    assert len(cells) == 12
    fills = [c.get("fill") for c in cells]
    assert fills[0] != fills[-1]  # low and high values differ in colour
    assert len(root.findall(f"{NS}defs/{NS}linearGradient")) == 1


def test_tree_has_a_marker_per_node() -> None:
    nodes = [
        TreeNode("Branch", 1, -1, "#0072B2", True, 0.6),
        TreeNode("Leaf a", 2, 0, "#0072B2", False, 0.4),
        TreeNode("Leaf b", 2, 0, "#0072B2", False, 0.2),
    ]
    root = _tree(
        tree(nodes, root="Q", header="Global weight", title="T", subtitle=None, label="alt")
    )
    assert len(list(root.iter(NS + "circle"))) == 2
    assert len([r for r in root.iter(NS + "rect") if r.get("width") == "12"]) == 1
    texts = ["".join(t.itertext()) for t in root.iter(NS + "text")]
    assert {"60.0%", "40.0%", "20.0%", "Global weight"} <= set(texts)


def test_bubbles_area_follows_size() -> None:
    root = _tree(
        bubbles(
            [0.2, 0.5, 0.8],
            [1.0, 3.0, 5.0],
            [0.25, 1.0, 0.0],
            ["a", "b", "c"],
            colour="#E69F00",
            y_range=(1.0, 5.0),
            y_ticks=[(1.0, "1"), (5.0, "5")],
            field=["#e5f5e0", "#fdf0b0", "#f4a582"],
            xlabel="x",
            ylabel="y",
            key_title="Exposure",
            key_sizes=(0.5,),
            order=[1, 0, 2],
            title="T",
            subtitle=None,
            label="alt",
        )
    )
    r = [float(c.get("r", 0)) for c in _titled(root, "circle")]
    assert len(r) == 3
    assert (r[1] / r[0]) ** 2 == pytest.approx(4.0, rel=0.02)
    assert _titled(root, "circle")[2].get("fill") == "none"  # no exposure: a hollow ring


@pytest.mark.parametrize("name", HOSTILE)
def test_primitives_escape_hostile_text(name: str) -> None:
    charts = [
        _stacked([name, "b"], np.ones((2, 2)), totals=["1", "2"]),
        str(
            grouped_bars(
                [name],
                [Bar(name, [0.5], "#000000", [name])],
                title=name,
                subtitle=name,
                xlabel=name,
                label=name,
            )
        ),
        str(
            heatmap(
                [name],
                [name],
                np.ones((1, 1)),
                [[name]],
                cmap="Blues",
                vmin=0.0,
                vmax=1.0,
                bar_label=name,
                title=name,
                subtitle=name,
                label=name,
            )
        ),
        str(
            tree(
                [TreeNode(name, 1, -1, "#000000", True, 1.0)],
                root=name,
                header=name,
                title=name,
                subtitle=name,
                label=name,
            )
        ),
        str(
            bubbles(
                [0.5],
                [3.0],
                [1.0],
                [name],
                colour="#000000",
                y_range=(1.0, 5.0),
                y_ticks=[(3.0, name)],
                field=["#ffffff", "#000000"],
                xlabel=name,
                ylabel=name,
                key_title=name,
                key_sizes=(1.0,),
                order=[0],
                title=name,
                subtitle=name,
                label=name,
            )
        ),
    ]
    for svg in charts:
        root = _tree(svg)  # well-formed XML
        assert root.get("role") == "img" and root.get("viewBox", "").startswith("0 0 ")
        assert "<script" not in svg and "<x>" not in svg and '"onload=' not in svg
        shown = "".join(root.itertext())
        assert name.split("\x00")[0][:10] in shown  # the text is there, as text


# ---------------------------------------------------------------- the brief


@pytest.fixture(scope="module")
def html(mali: po.Case) -> str:
    return build_report(mali, n_samples=500, seed=3, date=dt.date(2026, 1, 2))


def test_the_mali_brief_has_nine_accessible_charts(html: str) -> None:
    charts = re.findall(r"<figure>(<svg .*?</svg>)<figcaption>", html, flags=re.S)
    assert len(charts) == 9
    labels = []
    for chart in charts:
        root = _tree(chart)
        assert root.get("role") == "img" and root.get("viewBox")
        label = root.get("aria-label")
        assert label and root.find(NS + "title") is not None
        assert root.find(NS + "title").text == label  # type: ignore[union-attr]
        sizes = {float(t.get("font-size", 0)) for t in root.iter(NS + "text")}
        assert min(sizes) >= 12.0  # readable on a projector
        labels.append(label)
    assert labels[0] == "contributions" and labels[-1] == "risk matrix"
    assert "figure svg.chart" in html  # the charts scale with the page


def test_chart_text_is_real_text(html: str, mali: po.Case) -> None:
    chart = re.findall(r"<svg .*?</svg>", html, flags=re.S)[0]
    shown = "".join(_tree(chart).itertext())
    for option in mali.options:
        assert option.label in shown


def test_hostile_case_charts_are_escaped_xml(toy_data: dict[str, Any]) -> None:
    payload = '<script>alert(1)</script>"onload="x" & ]]> Бамако 巴马科'
    for option in toy_data["options"]:
        option["name"] = option["name"] + payload
    for criterion in toy_data["criteria"]:
        criterion["name"] = criterion["name"] + payload + " long" * 25
    case = po.Case.model_validate(toy_data)
    text = build_report(case, n_samples=64, seed=0)
    charts = re.findall(r"<svg .*?</svg>", text, flags=re.S)
    assert charts
    for chart in charts:
        _tree(chart)
        assert "<script" not in chart
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in "".join(charts)


def test_writing_a_brief_never_imports_matplotlib() -> None:
    code = (
        "import sys, policyopts as po\n"
        "from policyopts.report import build_report\n"
        "build_report(po.load_case('mali'), n_samples=64)\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert out.stdout.strip() == "False"


def test_all_zero_bars_still_draw_an_axis() -> None:
    root = _tree(_stacked(["a"], np.zeros((1, 2)), totals=["0.000"]))
    assert _titled(root, "rect") == []  # no segment of zero width
    texts = ["".join(t.itertext()) for t in root.iter(NS + "text")]
    assert "0" in texts and "1" in texts  # a 0-1 axis, not a degenerate one
    series = [Bar("w", [0.0], "#999999")]
    grouped = _tree(grouped_bars(["a"], series, title="T", subtitle=None, xlabel="x", label="a"))
    assert "1" in ["".join(t.itertext()) for t in grouped.iter(NS + "text")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4))
def test_any_text_gives_well_formed_escaped_xml(names: list[str]) -> None:
    """Whatever the labels hold, the chart parses, holds only its own elements and
    gives each label back as text (characters XML forbids replaced)."""
    root = _tree(_stacked(names, np.ones((len(names), 1)), totals=names))
    assert all(str(e.tag).startswith(NS) for e in root.iter())
    titles = {t.text for t in root.iter(NS + "title")}
    for name in names:
        text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", name)
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as an XML parser reads it
        assert f"{text} · s0: 1.000" in titles
