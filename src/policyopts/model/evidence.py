"""The evidence base: sources and the claims and figures drawn from them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from policyopts.model._base import DateStr, Id, Model, Text

__all__ = ["Evidence", "EvidenceBase", "Figure", "Source"]


class Source(Model):
    """A document the evidence is drawn from."""

    id: Id
    document: Text
    """File name or other handle of the document."""
    outlet: Text
    """Publisher or outlet."""
    title: Text
    kind: str = ""
    """Analysis, reporting, dataset, interview …"""
    date: DateStr | None = None
    """Publication date, possibly partial (``YYYY-MM``)."""
    author: str | None = None
    url: str | None = None
    note: str = ""
    relays: list[Id] = Field(default_factory=list)
    """Ids of sources this one relays (reports, summarises or republishes),
    so the two are not independent."""

    def citation(self) -> str:
        """A one-line citation: outlet, title, date."""
        who = f"{self.author}, " if self.author else ""
        when = f" ({self.date})" if self.date else ""
        return f"{who}{self.outlet}, “{self.title}”{when}"


class Figure(Model):
    """A number carried over from a source, with its unit and meaning."""

    value: float
    unit: Text
    what: Text
    """What the number counts or measures."""
    qualifier: Literal["exactly", "at_least", "at_most", "about"] = "exactly"


class Evidence(Model):
    """One claim from a source, in our own words, with its figures."""

    id: Id
    source: Id
    """Id of the :class:`Source` it comes from."""
    claim: Text
    """The claim, paraphrased (never a copied sentence)."""
    figures: list[Figure] = Field(default_factory=list)
    location: str = ""
    """Where in the source (paragraph, section)."""
    date: DateStr | None = None
    """When the fact applies, if different from the source's date."""


class EvidenceBase(Model):
    """The content of an evidence file: sources and evidence records."""

    sources: list[Source] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
