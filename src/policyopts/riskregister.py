"""The risk register of a case: likelihood, impact, exposure and burden.

An option's burden from a risk is likelihood × impact × exposure; its total
burden, summed over the risks, enters the analysis as a cost criterion under
the Risk branch of the value tree, so risk appetite is a weight like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from policyopts.model import Case
from policyopts.model.views import resolve_view, view_likelihoods
from policyopts.results import Provenance, Result

__all__ = ["RiskRegister", "risk_register"]


@dataclass(frozen=True, eq=False)
class RiskRegister(Result):
    """Risks of a case with each option's exposure and burden.

    Attributes
    ----------
    table : pandas.DataFrame
        Indexed by risk id: ``name``, ``likelihood`` (after any scenario
        override), ``impact``, ``severity`` (likelihood × impact), then one
        column per option id with its exposure (0-1).
    burdens : pandas.DataFrame
        Risks (rows) by options (columns): likelihood × impact × exposure.
    totals : pandas.Series
        Each option's total risk burden (column sums of ``burdens``): the
        value of the risk-burden criterion.
    scenario : str or None
        Scenario whose likelihood overrides were applied.
    """

    table: pd.DataFrame
    burdens: pd.DataFrame
    totals: pd.Series
    provenance: Provenance
    option_names: Mapping[str, str] = field(repr=False)

    def top_risks(self, option: str, n: int = 3) -> pd.Series:
        """The ``n`` risks that weigh most on ``option``."""
        if option not in self.burdens.columns:
            raise ValueError(
                f"option: unknown option {option!r}; options: {', '.join(self.burdens.columns)}"
            )
        return self.burdens[option].sort_values(ascending=False, kind="stable").head(n)

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        columns = list(self.burdens.columns)
        header = ["Risk", "Likelihood", "Impact", *(self.option_names[o] for o in columns)]
        rows: list[list[object]] = []
        labels = self.table["name"].astype(str).tolist()
        lik = self.table["likelihood"].to_numpy(dtype=np.float64)
        imp = self.table["impact"].to_numpy(dtype=np.float64)
        burdens = self.burdens.to_numpy(dtype=np.float64)
        for k, name in enumerate(labels):
            rows.append([name, float(lik[k]), float(imp[k]), *burdens[k].tolist()])
        rows.append(["Total burden", None, None, *self.totals[columns].astype(float).tolist()])
        return header, rows

    def caption(self) -> str:
        """What the table shows and how it was produced."""
        sc = f"scenario {self.scenario}" if self.scenario else "baseline"
        return (
            "Risk burden by option: likelihood × impact × exposure "
            f"({sc}, case {self.case_id}, policyopts {self.version})"
        )

    def to_frame(self) -> pd.DataFrame:
        """The result's main table."""
        return self.table


def risk_register(case: Case, *, scenario: str | None = None) -> RiskRegister:
    """The risk register of ``case``, under ``scenario`` if given.

    ``scenario`` is a scenario id, ``"assessed"``, ``"expected"`` (expected
    likelihoods over the scenarios) or ``None`` (the case's baseline). Risks
    that name ``impacts`` on criteria move scores instead and are left out.

    Examples
    --------
    >>> import policyopts as po
    >>> reg = po.risk_register(po.load_case("mali"))
    >>> bool((reg.burdens.sum() - reg.totals).abs().max() < 1e-12)
    True
    """
    liks = view_likelihoods(case, resolve_view(case, scenario))
    options = case.option_ids
    risks = [r for r in case.risks if r.in_burden]
    rids = [r.id for r in risks]
    lik = np.array([liks[r.id][0] for r in risks], dtype=np.float64)
    imp = np.array([r.impact for r in risks], dtype=np.float64)
    exp = np.array([[r.exposure[o] for o in options] for r in risks], dtype=np.float64)
    exp = exp.reshape(len(rids), len(options))
    burdens = (lik * imp)[:, None] * exp
    index = pd.Index(rids, name="risk")
    table = pd.DataFrame(
        {
            "name": [r.name for r in risks],
            "likelihood": lik,
            "impact": imp,
            "severity": lik * imp,
        },
        index=index,
    )
    for k, o in enumerate(options):
        table[o] = exp[:, k]
    burden_frame = pd.DataFrame(burdens, index=index, columns=pd.Index(options, name="option"))
    return RiskRegister(
        table=table,
        burdens=burden_frame,
        totals=burden_frame.sum(axis=0).rename("burden"),
        provenance=Provenance.of(case, scenario=scenario),
        option_names={o.id: o.label for o in case.options},
    )
