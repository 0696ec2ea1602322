"""Build notebooks/07_portfolios.ipynb: portfolios of options under budgets."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from build_notebooks import build  # noqa: E402

CELLS = [
    (
        "md",
        """# Portfolios: choosing combinations of options under budgets

Ranking options against each other assumes you must pick one. Often you can
fund several: aid *and* mediation, border assistance *and* a governance
programme. What limits the choice is money, staff and political capital, and
a few logical rules: some measures exclude each other, some only make sense
after others, and some work better (or worse) together.

This notebook builds on the bundled toy case `toy_portfolio` (illustrative
numbers, not drawn from any source): six measures, a money budget and a
political-capital budget, one exclusive pair, one prerequisite and two
interactions. It shows how to

1. rank every feasible portfolio (combination) of measures,
2. read the core index of *robust portfolio modelling* (Liesiö, Mild & Salo
   2007): which measures belong in every portfolio that no other beats for
   all plausible weights, and
3. see how a change of budget moves the frontier.""",
    ),
    (
        "code",
        """%matplotlib inline
import policyopts as po
from policyopts import plots

case = po.load_case("toy_portfolio")
for option in case.options:
    costs = ", ".join(f"{r} {v:g}" for r, v in option.costs.items()) or "no new costs"
    print(f"{option.id:12s} {option.name:30s} {costs}")
print()
print("budgets:", case.portfolio.budgets)
print("exclusive:", case.portfolio.exclusive)
print("requires:", case.portfolio.requires)
print("baseline (what 'do nothing new' means):", case.portfolio.baseline_option)""",
    ),
    (
        "md",
        """## The portfolio section of a case

Options carry `costs` per resource, and the case's `portfolio:` section sets
the rules. In YAML the toy case says:

```yaml
resources:
  - {id: money, name: Money, unit: USD million}
  - {id: political_capital, name: Political capital, unit: points}
portfolio:
  baseline_option: status_quo
  budgets: {money: 180, political_capital: 5}
  exclusive: [[sanctions, relief]]
  requires: {governance: [mediation]}
  interactions:
    - id: access_deal
      options: [aid, mediation]
      criterion: humanitarian
      effect: 1.0          # +1 point on the humanitarian scale when both are funded
      rationale: Mediators can negotiate access for aid convoys.
```

An interaction's `effect` is a shift on the criterion's own scale, like a
scenario's `shift`; on a cost criterion (escalation risk here) a positive
effect is a conflict.""",
    ),
    (
        "md",
        """## Every feasible portfolio, ranked

With the additive value model (WSM on value scales) a portfolio's score is the
baseline option's score plus each member's improvement over the baseline,
plus the interactions it completes. The empty portfolio, `(none)`, scores
exactly what the status quo scores.""",
    ),
    (
        "code",
        """ranking = po.portfolios(case, "balanced")
print(ranking.to_text())
print("best:", ranking.best)""",
    ),
    (
        "md",
        """The frontier shows what each portfolio buys for its cost. Blue points are
efficient (no other portfolio scores as well for no more money *and* no more
political capital); orange rings mark the portfolios that stay non-dominated
when the balanced weights may each move by ±20%.""",
    ),
    (
        "code",
        """robust = po.rpm_case(case, "balanced", weights="intervals", spread=0.2)
plots.portfolio_frontier(ranking, robust=robust)""",
    ),
    (
        "md",
        """## The core index: what to fund whatever the weights

A portfolio is *dominated* when another feasible portfolio is worth at least
as much for every weight vector in the set, and more for some. Among the
non-dominated portfolios, an action's *core index* is the share that contain
it: **core** actions (100%) can be started now, **exterior** ones (0%) can be
set aside, and the **borderline** ones are where the discussion about weights
should go.""",
    ),
    (
        "code",
        """print(robust.to_text())
print("core:", robust.core, "| borderline:", robust.borderline, "| exterior:", robust.exterior)
plots.core_index(robust)""",
    ),
    (
        "md",
        """Less information about the weights leaves more portfolios non-dominated. With
only the order of importance of the criteria (ordinal weights):""",
    ),
    (
        "code",
        """ordinal = po.rpm_case(case, "balanced", weights="ordinal")
print(ordinal.to_text())
plots.portfolio_membership(ordinal)""",
    ),
    (
        "md",
        """## How often is each portfolio best? (SMAA over portfolios)

Drawing weights within the intervals and scores from their uncertainty, count
how often each portfolio comes out on top, and how often each action is in
the winning portfolio.""",
    ),
    (
        "code",
        """sm = po.portfolio_smaa(case, "balanced", n_samples=20_000, seed=1)
print(sm.best_share.sort_values(ascending=False).head(5).round(3))
print(sm.action_share.round(3))
plots.portfolio_membership(sm, limit=5)""",
    ),
    (
        "md",
        """## A budget change moves the frontier

Suppose the money budget is cut from 180 to 120. Portfolios that no longer
fit drop out, and the best portfolio and the core change.""",
    ),
    (
        "code",
        """tight = po.portfolios(case, "balanced", budgets={"money": 120})
tight_robust = po.rpm_case(case, "balanced", budgets={"money": 120})
print("best at 180:", ranking.best, round(ranking.table['score'].iloc[0], 3))
print("best at 120:", tight.best, round(tight.table['score'].iloc[0], 3))
print("core at 120:", tight_robust.core, "| borderline:", tight_robust.borderline)
plots.portfolio_frontier(tight, robust=tight_robust, title="With a money budget of 120")""",
    ),
    (
        "md",
        """## On arrays

The same analysis runs on plain arrays: `values` (actions × criteria, on a
benefit value scale), `costs` (actions × resources) and a budget per
resource; the weight set is any weight distribution SMAA accepts, or the
extreme points of a polytope of weights. Here is a textbook capital-budgeting
example (Hillier & Lieberman, *Introduction to Operations Research*, Sec. 12.1):
two factories and two warehouses, at most one warehouse, a warehouse only
where a factory is built, $10 million to spend.""",
    ),
    (
        "code",
        """res = po.rpm(
    [[9.0], [5.0], [6.0], [4.0]],      # net present value, $ million
    [6.0, 3.0, 5.0, 2.0],              # capital required
    10.0,
    po.fixed_weights([1.0]),
    exclusive=[[2, 3]],
    requires={2: 0, 3: 1},
)
print(res.portfolios.astype(int), res.values.ravel())
print(po.best_portfolio([[9.0], [5.0], [6.0], [4.0]], [6, 3, 5, 2], 10, [1.0],
                        exclusive=[[2, 3]], requires={2: 0, 3: 1}))""",
    ),
]

if __name__ == "__main__":
    build("07_portfolios.ipynb", CELLS)
