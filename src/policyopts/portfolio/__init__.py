"""Portfolios of options under budgets, with robust portfolio modelling.

Array level (:mod:`policyopts.portfolio.rpm`): :func:`rpm`,
:func:`feasible_portfolios`, :func:`portfolio_values`, :func:`best_portfolio`.
"""

from policyopts.portfolio.rpm import (
    BestPortfolio,
    RPMResult,
    best_portfolio,
    feasible_portfolios,
    portfolio_values,
    rpm,
)

__all__ = [
    "BestPortfolio",
    "RPMResult",
    "best_portfolio",
    "feasible_portfolios",
    "portfolio_values",
    "rpm",
]
