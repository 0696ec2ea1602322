"""Case text in figures is drawn literally (issue 11): ``$`` is never mathtext,
and very long names are cut for display."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from matplotlib.text import Text

import policyopts as po
from policyopts import plots
from policyopts.report import build_report


def _named(toy_data: dict[str, Any], name: str) -> po.Case:
    toy_data["options"][0]["name"] = name
    toy_data["criteria"][0]["name"] = name
    toy_data["profiles"][0]["name"] = name
    return po.Case.model_validate(toy_data)


def _texts_with(fig: Any, fragment: str) -> list[Text]:
    return [t for t in fig.findobj(Text) if fragment in t.get_text()]


@pytest.mark.parametrize("name", ["Price $x^$", "Cost $5 to $10"])
def test_dollar_signs_are_literal_in_a_plot(toy_data: dict[str, Any], name: str) -> None:
    case = _named(toy_data, name)
    fig = plots.contributions(po.compare(case, "even"), case=case)
    fig.savefig(io.BytesIO(), format="png")  # "Price $x^$" raised a mathtext error
    shown = _texts_with(fig, "$")
    assert shown
    for text in shown:
        # Not parsed as maths: the text is drawn as written.
        assert text._preprocess_math(text.get_text()) == (text.get_text(), False)


@pytest.mark.parametrize("name", ["Price $x^$", "Cost $5 to $10"])
def test_dollar_signs_do_not_stop_the_brief(toy_data: dict[str, Any], name: str) -> None:
    html = build_report(_named(toy_data, name), n_samples=200, date=dt.date(2026, 1, 2))
    assert name.replace("$", "$") in html


def test_every_plot_function_draws_literally(toy_data: dict[str, Any]) -> None:
    case = _named(toy_data, "Cost $5 to $10")
    figures = [
        plots.contributions(po.compare(case, "even"), case=case),
        plots.value_tree(case),
        plots.weights_by_profile(po.compare_profiles(case)),
        plots.ranks_by_profile(po.compare_profiles(case)),
    ]
    for fig in figures:
        fig.savefig(io.BytesIO(), format="png")
        for text in fig.findobj(Text):
            assert not text.get_parse_math() or "$" not in text.get_text()


def test_long_names_are_cut_in_plots(toy_data: dict[str, Any]) -> None:
    name = "x" * 200  # the longest name a case may have, without a space to wrap at
    case = _named(toy_data, name)
    fig = plots.contributions(po.compare(case, "even"), case=case)
    longest = max(len(line) for t in fig.findobj(Text) for line in t.get_text().split("\n"))
    assert longest <= plots.MAX_LABEL
    fig.savefig(io.BytesIO(), format="png")
