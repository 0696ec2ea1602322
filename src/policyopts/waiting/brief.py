"""The "what to watch" section of a brief: triggers, signposts and the value of waiting.

:func:`watch_brief` gathers what :func:`policyopts.triggers`,
:func:`policyopts.value_of_waiting` and :func:`policyopts.pathways` found
into one section -- plain sentences plus the tables -- for the command line
(``policyopts watch``) and for the HTML brief, whose templates read the
fields of :class:`WatchBrief`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policyopts._tables import markdown_table, text_table
from policyopts._text import plural
from policyopts.model import Case
from policyopts.waiting.pathways import Pathways, pathways
from policyopts.waiting.triggers import Triggers, triggers
from policyopts.waiting.value import DelayCost, WaitingValue, value_of_waiting

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


def _md_table(header: list[str], rows: list[list[object]]) -> str:
    """:func:`markdown_table` with the text cells made inert (it escapes the pipes)."""
    safe = [[_md_text(c, pipes=False) if isinstance(c, str) else c for c in r] for r in rows]
    return markdown_table(header, safe)


@dataclass(frozen=True, eq=False)
class WatchBrief:
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
    """

    title: str
    headline: str
    paragraphs: list[str]
    triggers: Triggers = field(repr=False)
    waiting: WaitingValue | None = field(repr=False)
    pathways: Pathways | None = field(repr=False)

    def to_text(self) -> str:
        """Plain text for a terminal."""
        parts = [self.title, "=" * len(self.title), _plain(self.headline), ""]
        parts += [_plain(p) + "\n" for p in self.paragraphs]
        parts += ["Triggers to watch", text_table(*self.triggers._rows(True))]
        if self.waiting is not None:
            parts += ["", "Signposts by the value of their information"]
            parts += [text_table(*self.waiting._rows(True))]
        return "\n".join(parts)

    def to_markdown(self) -> str:
        """Markdown, with the tables."""
        parts = [f"## {self.title}", "", _md_text(self.headline), ""]
        parts += [_md_text(p) + "\n" for p in self.paragraphs]
        parts += ["### Triggers to watch", "", _md_table(*self.triggers._rows(True))]
        if self.waiting is not None:
            parts += ["", "### Signposts by the value of their information", ""]
            parts += [_md_table(*self.waiting._rows(True))]
        return "\n".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """Title, headline, paragraphs and the tables' rows, for a template."""
        t_head, t_rows = self.triggers._rows(True)
        out: dict[str, Any] = {
            "title": self.title,
            "headline": self.headline,
            "paragraphs": list(self.paragraphs),
            "triggers": {"header": t_head, "rows": t_rows},
            "signposts": None,
        }
        if self.waiting is not None:
            s_head, s_rows = self.waiting._rows(True)
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
    label = trig.option_labels[trig.top]
    paragraphs = [trig.summary()]
    waiting: WaitingValue | None = None
    plan: Pathways | None = None
    if case.signposts and case.scenarios:
        waiting = value_of_waiting(case, prof.id, delay=delay, delay_cost=delay_cost)
        paragraphs.append(waiting.summary())
        if waiting.pays:
            headline = (
                f"{label} comes first now, but watching the signposts for "
                f"{plural(waiting.delay, 'month')} before committing is worth more than "
                "deciding now."
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
    )
