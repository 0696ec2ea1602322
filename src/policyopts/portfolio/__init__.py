"""Portfolios of options under budgets, with robust portfolio modelling.

Array level (:mod:`policyopts.portfolio.rpm`): :func:`rpm`,
:func:`feasible_portfolios`, :func:`portfolio_values`, :func:`best_portfolio`.
Case level (:mod:`policyopts.portfolio.case`): :func:`portfolios`,
:func:`rpm_case`, :func:`portfolio_smaa`.
"""

from policyopts.portfolio.best import (
    BestPortfolio,
    VertexPortfolios,
    best_portfolio,
    vertex_portfolios,
)
from policyopts.portfolio.case import PortfolioRanking, portfolios
from policyopts.portfolio.robust import CaseRPM, PortfolioSMAA, portfolio_smaa, rpm_case
from policyopts.portfolio.rpm import (
    RPMResult,
    ScoredPortfolios,
    feasible_portfolios,
    portfolio_values,
    rpm,
    score_portfolios,
)

__all__ = [
    "BestPortfolio",
    "CaseRPM",
    "PortfolioRanking",
    "PortfolioSMAA",
    "RPMResult",
    "ScoredPortfolios",
    "VertexPortfolios",
    "best_portfolio",
    "feasible_portfolios",
    "portfolio_smaa",
    "portfolio_values",
    "portfolios",
    "rpm",
    "rpm_case",
    "score_portfolios",
    "vertex_portfolios",
]
