"""The bottom line of a brief: a few plain sentences, robust findings first.

:func:`bottom_line` is the one place the brief's bottom line is worded; the
HTML brief (:func:`policyopts.report.build_report`) and the terminal
(``policyopts brief``) both print what it returns.

The top choice is **contested** when the leading option comes first in fewer
than :data:`CONTESTED_BELOW` of the simulations (SMAA-2 with the weights
centred on the leading profile and the scores drawn from their ranges) — the
same line the robustness summary draws between "firm" and "contested"
(:data:`policyopts.sensitivity.summary.FIRM`). A contested bottom line names
the contender and the share of simulations each option wins in its first
sentence. Waiting is called **worth little** when watching the signposts is
worth less than :data:`WORTH_LITTLE` on the 0–1 value scale.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from policyopts.model import Case
from policyopts.report._analysis import DEFAULT_DRAWS, BriefAnalysis, as_of_words, lower_first
from policyopts.report._estimative import estimative, percent
from policyopts.sensitivity.summary import FIRM

__all__ = [
    "CONTESTED_BELOW",
    "WORTH_LITTLE",
    "BottomLine",
    "bottom_line",
    "count",
    "join",
    "lower_first",
    "waiting_sentence",
]

#: First-rank share below which the top choice is called contested.
CONTESTED_BELOW = FIRM
#: Value of waiting (0–1 value scale) below which waiting is "worth little".
WORTH_LITTLE = 0.01

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` in words up to ten, with the noun in the right number."""
    word = _WORDS[n] if 0 <= n < len(_WORDS) else f"{n:,}"
    return f"{word} {noun if n == 1 else plural or noun + 's'}"


def join(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plain(text: str) -> str:
    """Case text for a terminal: one line, control characters dropped."""
    return "".join(ch for ch in " ".join(text.split()) if ch.isprintable())


@dataclass(frozen=True)
class BottomLine:
    """The bottom line of a brief.

    Attributes
    ----------
    sentences : list of str
        Plain sentences, the most important first.
    top : str
        Id of the option the leading profile puts first.
    contender : str or None
        Id of the option that comes first most often after ``top`` in the
        simulations (None with a single option).
    top_share, contender_share : float
        Share of simulations each comes first in.
    contested : bool
        ``top_share < CONTESTED_BELOW``.
    strategy : tuple of str
        Members of the best strategy (empty when the case prices no option).
    title, as_of : str
        The case's title and the date its assumptions are as of, in words
        ("December 2025").
    """

    sentences: list[str]
    top: str
    contender: str | None
    top_share: float
    contender_share: float
    contested: bool
    strategy: tuple[str, ...] = ()
    title: str = ""
    as_of: str = ""
    n_samples: int = field(default=DEFAULT_DRAWS, repr=False)

    def to_text(self, width: int = 100) -> str:
        """The bottom line for a terminal, wrapped at ``width`` columns."""
        head = f"Bottom line: {_plain(self.title)}"
        lines = textwrap.wrap(head, width, subsequent_indent="  ")
        if self.as_of:
            lines.append(f"Assumptions as of {_plain(self.as_of)}.")
        lines.append("")
        for s in self.sentences:
            lines += textwrap.wrap(
                _plain(s),
                width,
                initial_indent="- ",
                subsequent_indent="  ",
                break_on_hyphens=False,
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()


def _lead(a: BriefAnalysis) -> tuple[str, str | None, float, float, bool]:
    shares = a.first_shares()
    top = a.top
    top_share = float(shares[top])
    others = shares.drop(top)
    contender = str(others.index[0]) if len(others) else None
    c_share = float(others.iloc[0]) if len(others) else 0.0
    contested = top_share < CONTESTED_BELOW
    draws = f"{a.n_samples:,} simulations that vary the weights and the scores"
    whose = f"under the {a.profile_name()} priorities, " if a.profile else ""
    if contested and contender is not None:
        first, second = (top, contender) if top_share >= c_share else (contender, top)
        s1, s2 = float(shares[first]), float(shares[second])
        text = (
            f"The top choice is contested: {whose}{a.label(first)} comes first in {percent(s1)} "
            f"of {draws} ({estimative(s1)}, not assured), {a.label(second)}, the contender, "
            f"in {percent(s2)} ({estimative(s2)})"
        )
        if first != top:
            text += f", although {a.label(top)} scores best at the central estimates"
        text += "."
    else:
        text = (
            f"{a.label(top)} is the clear first choice: {whose}it comes first in "
            f"{percent(top_share)} of {draws} ({estimative(top_share)})."
        )
    return text, contender, top_share, c_share, contested


def _robust_bottom(a: BriefAnalysis) -> str | None:
    counts = a.last_counts()
    total = a.views.shape[1]
    if total == 0 or counts.iloc[0] == 0 or len(a.case.options) < 3:
        return None
    worst = str(counts.index[0])
    n = int(counts.iloc[0])
    frac = n / total
    quant = (
        "every view"
        if n == total
        else "nearly every view"
        if frac >= 0.8
        else "most views"
        if frac > 0.5
        else "many views"
    )
    views = []
    if a.profiles is not None:
        ranks = a.profiles.ranks
        k = int((ranks.loc[worst] == ranks.max(axis=0)).sum())
        views.append(f"under {k} of {ranks.shape[1]} sets of stakeholder priorities")
    if a.case.scenarios:
        views.append(f"in {n} of {total} combinations of priorities and scenarios")
    last = float(a.smaa(None).rank_acceptability.iloc[:, -1].astype(float)[worst])
    where = join(views) if views else f"in {n} of {total} views"
    return (
        f"What holds under {quant}: {a.label(worst)} ranks last {where}; it comes last in "
        f"{percent(last)} of the simulations ({estimative(last)})."
    )


def _priorities(a: BriefAnalysis) -> str | None:
    if a.profiles is None:
        return None
    ranks = a.profiles.ranks  # option x profile, 1 = first
    tops = ranks.astype(float).idxmin(axis=0)
    top = a.top
    k = int((tops == top).sum())
    by_option: dict[str, list[str]] = {}
    for p, o in tops.items():
        if o != top:
            by_option.setdefault(str(o), []).append(a.profile_name(str(p)))
    others = [f"{a.label(o)} under {join(names)}" for o, names in by_option.items()]
    text = f"{a.label(top)} comes first under {k} of {len(tops)} sets of stakeholder priorities"
    return text + "".join(f"; {o}" for o in others) + "."


def _strategy(a: BriefAnalysis) -> str | None:
    ranking = a.strategies
    if ranking is None or not ranking.best:
        return None
    best = tuple(ranking.best)
    name = " + ".join(a.label(m) for m in best)
    per = a.strategies_by_scenario
    holds = [s for s in a.case.scenarios if set(per.get(s.id, ())) == set(best)]
    text = f"The best strategy is {name}"
    if a.case.scenarios:
        p = sum(s.probability for s in holds)
        text += (
            f": it stays best in {len(holds)} of {len(a.case.scenarios)} scenarios"
            f" (together {percent(p)}, {estimative(p)})"
        )
    rpm = a.robust_strategies
    if rpm is not None and rpm.core:
        text += (
            f", and {join([a.label(c) for c in rpm.core])} belongs in every strategy that stays"
            " best when the priorities shift"
        )
    row = ranking.table.iloc[0]
    costs = [
        f"{float(row[f'cost {r.id}']):,.0f} {r.unit} of {lower_first(r.name)}"
        for r in a.case.resources
        if f"cost {r.id}" in row.index
    ]
    if costs:
        text += f". It uses about {join(costs)} (estimates)"
    return text + "."


def waiting_sentence(a: BriefAnalysis) -> str | None:
    if a.triggers is None:
        return None
    trig = a.triggers.table
    first = trig[(trig["kind"] == "scenario") & trig["first"].astype(bool)]
    switch = ""
    if len(first):
        row = first.sort_values("distance").iloc[0]
        switch = (
            f"; switch to {a.label(str(row['challenger']))} if the chance of "
            f"“{a.case.scenario(str(row['target'])).name}” rises above "
            f"{percent(float(row['threshold']))} (now {percent(float(row['current']))})"
        )
    w = a.waiting
    if w is None:
        return f"Decide now{switch}." if switch else None
    watched = count(len(w.watched), "signpost")
    months = count(int(w.delay), "month") if float(w.delay).is_integer() else f"{w.delay:g} months"
    if w.value <= 0:
        return (
            f"Waiting {months} to watch the {watched} does not pay ({w.value:.3f} on a 0–1 "
            f"scale, net of the cost of delay): decide now{switch}."
        )
    if w.value < WORTH_LITTLE:
        return (
            f"Waiting {months} to watch the {watched} is worth little ({w.value:.3f} on a 0–1 "
            f"scale): decide now{switch}."
        )
    return (
        f"Waiting {months} to watch the {watched} is worth {w.value:.3f} on a 0–1 scale, more "
        f"than deciding now: commit after watching{switch}."
    )


def bottom_line(
    case: Case | BriefAnalysis,
    *,
    profile: str | None = None,
    method: str = "wsm",
    seed: int = 0,
    n_samples: int = DEFAULT_DRAWS,
) -> BottomLine:
    """The bottom line of the brief of ``case``: plain sentences, robust findings first.

    The first sentence says whether the top choice is clear or contested
    (below :data:`CONTESTED_BELOW` of the simulations); when contested it
    names the contender and the share of simulations each wins. Then what
    ranks last under nearly every combination of stakeholder priorities and
    scenarios, the best strategy (when the case prices its options) and how
    far it holds across scenarios, whose priorities change the top option,
    and whether waiting to watch the signposts pays.

    Parameters
    ----------
    case : Case or BriefAnalysis
        A case, or the analyses of a brief already under way (reused).
    profile, method, seed, n_samples
        As for :func:`policyopts.report.build_report`; ignored when ``case``
        is a :class:`BriefAnalysis`.

    Returns
    -------
    BottomLine

    Raises
    ------
    ValueError
        For a case beyond the sizes in :mod:`policyopts._limits`, before any work.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.report import bottom_line
    >>> b = bottom_line(po.load_case("mali"), n_samples=2_000)
    >>> b.top, b.contested, b.contender
    ('humanitarian', True, 'negotiate')
    >>> b.sentences[0].startswith("The top choice is contested: under the balanced")
    True
    """
    if isinstance(case, BriefAnalysis):
        a = case
    else:
        from policyopts._limits import check_size

        check_size(case, "the brief")
        a = BriefAnalysis(case, profile, method=method, seed=seed, n_samples=n_samples)
    lead, contender, top_share, c_share, contested = _lead(a)
    parts = [lead, _robust_bottom(a), _strategy(a), _priorities(a), waiting_sentence(a)]
    best = tuple(a.strategies.best) if a.strategies is not None else ()
    return BottomLine(
        sentences=[p for p in parts if p],
        top=a.top,
        contender=contender,
        top_share=top_share,
        contender_share=c_share,
        contested=contested,
        strategy=best,
        title=a.case.title,
        as_of=as_of_words(a.case.as_of),
        n_samples=a.n_samples,
    )
