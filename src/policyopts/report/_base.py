"""What every section of the brief shares: the templates and the brief being built."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from policyopts.model import Case
from policyopts.report._analysis import BriefAnalysis

__all__ = ["Brief", "Section", "render", "table"]


@functools.cache
def _environment() -> jinja2.Environment:
    """The template environment: every value is HTML-escaped unless it is
    :class:`markupsafe.Markup` (markup rendered by another template)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("policyopts.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def render(template: str, **context: Any) -> Markup:
    """Render ``template`` (escaping every value) into trusted markup."""
    return Markup(_environment().get_template(template).render(**context))


def table(html: str) -> Markup:
    """A table rendered by :func:`policyopts._tables.html_table` (already escaped)."""
    return Markup(html)


@dataclass
class Section:
    anchor: str
    title: str
    body: Markup
    appendix: bool = False


@dataclass
class Brief:
    """The brief being built: its analyses and the sections rendered so far."""

    analysis: BriefAnalysis
    sections: list[Section] = field(default_factory=list)

    @property
    def case(self) -> Case:
        return self.analysis.case

    @property
    def profile(self) -> str | None:
        return self.analysis.profile

    @property
    def method(self) -> str:
        return self.analysis.method

    def name(self, option: str) -> str:
        return self.case.option(option).name

    def label(self, option: str) -> str:
        return self.case.option(option).label

    def add(
        self, anchor: str, title: str, template: str, *, appendix: bool = False, **context: Any
    ) -> None:
        """Render ``template`` with ``context`` as the section ``anchor``."""
        self.sections.append(Section(anchor, title, render(template, **context), appendix))
