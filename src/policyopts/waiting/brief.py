"""The "what to watch" section of a brief: triggers, signposts and the value of waiting.

:func:`watch_brief` gathers what :func:`policyopts.triggers`,
:func:`policyopts.value_of_waiting` and :func:`policyopts.pathways` found
into one section -- plain sentences plus the tables -- for the command line
(``policyopts watch``) and for the HTML brief, whose templates read the
fields of :class:`WatchBrief`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from policyopts._tables import markdown_table, text_table
from policyopts.model import Case
from policyopts.results import Limit, Provenance, Result
from policyopts.waiting.pathways import Pathways, pathways
from policyopts.waiting.triggers import Triggers, triggers
from policyopts.waiting.value import DelayCost, WaitingValue, value_of_waiting

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["WatchBrief", "watch_brief"]

_MD_SPECIAL = set("\\`*_[]<>#|~")


def _plain(text: str) -> str:
    """Case text for a terminal: one line, control characters dropped."""
    return "".join(ch for ch in " ".join(text.split()) if ch.isprintable())


def _md_text(text: str, *, pipes: bool = True) -> str:
    """Case text made inert in Markdown: one line, control characters dropped,
    Markdown punctuation backslash-escaped (so no link, image, HTML, emphasis,
    heading or list)."""
    flat = " ".join(text.split())
    flat = "".join(ch for ch in flat if ch.isprintable())
    special = _MD_SPECIAL if pipes else _MD_SPECIAL - {"|"}
    out = "".join("\\" + ch if ch in special else ch for ch in flat)
    return "\\" + out if out[:1] in ("-", "+", "=") or out[:1].isdigit() else out


def _md_table(header: list[str], rows: list[list[object]], digits: int = 3) -> str:
    """:func:`markdown_table` with the text cells made inert (it escapes the pipes)."""
    safe = [[_md_text(c, pipes=False) if isinstance(c, str) else c for c in r] for r in rows]
    return markdown_table(header, safe, digits=digits)


@dataclass(frozen=True, eq=False)
class WatchBrief(Result):
    """The content of the brief's "what to watch" section.

    Attributes
    ----------
    title : str
    headline : str
        One sentence: decide now or wait.
    paragraphs : list of str
        The triggers, the value of waiting and the adaptive plan, in words.
    triggers : Triggers
    waiting : WaitingValue or None
        None when the case lists no signposts.
    pathways : Pathways or None
        None when the case has fewer than two scenarios.
    provenance : Provenance
        Case, profile and method (those of ``triggers``).

    Its text and Markdown forms are the whole section (headline, paragraphs,
    tables); HTML adds the headline and paragraphs to the tables; LaTeX and
    :meth:`to_frame` give the triggers table.
    """

    title: str
    headline: str
    paragraphs: list[str]
    triggers: Triggers = field(repr=False)
    waiting: WaitingValue | None = field(repr=False)
    pathways: Pathways | None = field(repr=False)
    provenance: Provenance

    def caption(self) -> str:
        """The headline."""
        return self.headline

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        return self.triggers._rows(names=names, limit=limit)

    def to_frame(self) -> pd.DataFrame:
        """The triggers table."""
        return self.triggers.to_frame()

    def _tables(
        self, names: bool, limit: int | None
    ) -> list[tuple[str, tuple[list[str], list[list[object]]]]]:
        out = [("Triggers to watch", self.triggers._rows(names=names, limit=limit))]
        if self.waiting is not None:
            out.append(
                (
                    "Signposts by the value of their information",
                    self.waiting._rows(names=names, limit=limit),
                )
            )
        return out

    def render(
        self,
        kind: str,
        *,
        names: bool = True,
        limit: Limit = "default",
        digits: int | None = None,
        **options: Any,
    ) -> str:
        """The section as ``kind`` (see :meth:`Result.render`): text and Markdown give
        the whole section, HTML the headline, paragraphs and tables."""
        d, lim = self._digits(digits), self._limit(limit)
        tables = self._tables(names, lim)
        if kind == "text":
            parts = [self.title, "=" * len(self.title), _plain(self.headline), ""]
            parts += [_plain(p) + "\n" for p in self.paragraphs]
            for k, (heading, (head, rows)) in enumerate(tables):
                parts += [*([""] if k else []), heading, text_table(head, rows, digits=d)]
            return "\n".join(parts)
        if kind == "markdown":
            parts = [f"## {self.title}", "", _md_text(self.headline), ""]
            parts += [_md_text(p) + "\n" for p in self.paragraphs]
            for k, (heading, (head, rows)) in enumerate(tables):
                parts += [*([""] if k else []), f"### {heading}", "", _md_table(head, rows, d)]
            return "\n".join(parts)
        if kind == "html":
            parts = [Markup("<h2>{}</h2>").format(self.title)]
            parts += [Markup("<p>{}</p>").format(t) for t in (self.headline, *self.paragraphs)]
            parts.append(self.triggers.render("html", names=names, limit=lim, digits=digits))
            if self.waiting is not None:
                parts.append(self.waiting.render("html", names=names, limit=lim, digits=digits))
            return str(
                Markup("\n").join(escape(p) if not isinstance(p, Markup) else p for p in parts)
            )
        return super().render(kind, names=names, limit=limit, digits=digits, **options)

    def as_dict(self) -> dict[str, Any]:
        """Title, headline, paragraphs and the tables' rows, for a template."""
        t_head, t_rows = self.triggers._rows(names=True, limit=None)
        out: dict[str, Any] = {
            "title": self.title,
            "headline": self.headline,
            "paragraphs": list(self.paragraphs),
            "triggers": {"header": t_head, "rows": t_rows},
            "signposts": None,
        }
        if self.waiting is not None:
            s_head, s_rows = self.waiting._rows(names=True, limit=None)
            out["signposts"] = {"header": s_head, "rows": s_rows}
        return out


def watch_brief(
    case: Case,
    profile: str | None = None,
    *,
    delay: float | None = None,
    delay_cost: DelayCost | None = None,
) -> WatchBrief:
    """The brief's "what to watch" section for ``case``.

    Parameters
    ----------
    case : Case
    profile : str, optional
    delay, delay_cost
        Passed to :func:`policyopts.value_of_waiting`.

    Returns
    -------
    WatchBrief

    Examples
    --------
    >>> import policyopts as po
    >>> b = po.watch_brief(po.load_case("mali"))
    >>> b.waiting is not None  # the bundled case lists its signposts
    True
    >>> b.headline.startswith("Aid comes first now")
    True
    """
    prof = case.profile(profile)
    trig = triggers(case, prof.id)
    label = trig.option_names[trig.top]
    paragraphs = [trig.summary()]
    waiting: WaitingValue | None = None
    plan: Pathways | None = None
    if case.signposts and case.scenarios:
        waiting = value_of_waiting(case, prof.id, delay=delay, delay_cost=delay_cost)
        paragraphs.append(waiting.summary())
        if waiting.pays:
            headline = (
                f"{label} comes first now, but watching the signposts for "
                f"{waiting.delay:g} months before committing is worth more than deciding now."
            )
        else:
            headline = (
                f"{label} comes first now, and waiting to watch the signposts does not pay: "
                "decide now, and keep watching the triggers."
            )
    else:
        headline = (
            f"{label} comes first now. The case lists no signposts, so the value of waiting "
            "is not assessed: watch the triggers below."
        )
    if len(case.scenarios) >= 2:
        plan = pathways(case, prof.id)
        paragraphs.append("Adaptive plan: " + plan.summary())
    return WatchBrief(
        title="What to watch",
        headline=headline,
        paragraphs=paragraphs,
        triggers=trig,
        waiting=waiting,
        pathways=plan,
        provenance=trig.provenance,
    )
