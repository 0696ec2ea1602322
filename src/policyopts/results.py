"""The one result shape: provenance, a frame, and the same renderers everywhere.

Every labelled result of the analysis layer is a frozen dataclass that

- carries a :class:`Provenance` — the case (id and content hash), profile,
  scenario, method, normalisation, seed, number of draws and library version
  that produced it;
- returns its main table with :meth:`Result.to_frame`;
- renders through one mechanism, :class:`Result`: ``to_text``,
  ``to_markdown``, ``to_html``, ``to_latex`` (each taking ``names``, ``limit``
  and ``digits``), ``to_csv`` and the notebook's ``_repr_html_``.

A result class supplies three hooks: :meth:`Result._rows` (the header and the
rows to show), :meth:`Result.caption` and :meth:`Result.to_frame`.
"""

from __future__ import annotations

import hashlib
import json
import os
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from policyopts._tables import html_table, latex_table, markdown_table, text_table, to_csv_text
from policyopts._text import plural
from policyopts._version import __version__

if TYPE_CHECKING:
    import pandas as pd

    from policyopts.model import Case

__all__ = ["Provenance", "Result", "case_hash"]

#: ``limit`` of a renderer: a number of rows, None for all, or the class's default.
Limit = int | None | Literal["default"]


def case_hash(case: Case) -> str:
    """SHA-256 of the case's canonical JSON (what :func:`policyopts.save_case` writes).

    Computed once per case object and cached.
    """
    cached = _HASHES.get(id(case))
    if cached is not None and cached[0] is case:
        return cached[1]
    from policyopts.io import case_to_data

    text = json.dumps(case_to_data(case), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if len(_HASHES) > 64:
        _HASHES.clear()
    _HASHES[id(case)] = (case, digest)
    return digest


_HASHES: dict[int, tuple[Any, str]] = {}


@dataclass(frozen=True)
class Provenance:
    """What produced a result, so that it can be reproduced and cited.

    Attributes
    ----------
    case_id : str or None
        The case's id (``"table"`` for a problem built from a DataFrame,
        ``None`` for array-level results).
    case_hash : str or None
        SHA-256 of the case's content (:func:`case_hash`).
    profile, scenario : str or None
        The weight profile and the scenario (``None``: custom weights, the
        baseline).
    method, normalization : str or None
        The MCDA method and its normalisation.
    seed : int or None
        The seed of a stochastic analysis.
    n_samples : int or None
        Its number of draws.
    version : str
        The library version.
    extra : mapping
        Anything else the analysis wants on record (for example the weight
        information of an SMAA run, or the signposts observed).
    """

    case_id: str | None = None
    case_hash: str | None = None
    profile: str | None = None
    scenario: str | None = None
    method: str | None = None
    normalization: str | None = None
    seed: int | None = None
    n_samples: int | None = None
    version: str = __version__
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))

    @classmethod
    def of(
        cls,
        case: Case | None = None,
        *,
        case_id: str | None = None,
        profile: str | None = None,
        scenario: str | None = None,
        method: str | None = None,
        normalization: str | None = None,
        seed: Any = None,
        n_samples: int | None = None,
        **extra: Any,
    ) -> Provenance:
        """Provenance of a result computed from ``case`` (hash included)."""
        return cls(
            case_id=case.id if case is not None else case_id,
            case_hash=case_hash(case) if case is not None else None,
            profile=profile,
            scenario=scenario,
            method=method,
            normalization=normalization,
            seed=seed if isinstance(seed, int) else None,
            n_samples=n_samples,
            extra=extra,
        )

    def describe(
        self,
        *,
        profile: bool = True,
        weights: str | None = None,
        details: Sequence[str] | None = None,
        case: bool = True,
    ) -> str:
        """In words: ``method wsm, normalization scale, profile balanced, baseline, case mali,
        policyopts 0.1.0``.

        ``profile=False`` leaves the profile out; ``weights`` replaces it (for
        weights that come from elsewhere, such as a group); ``details``
        replaces the draws and seed; ``case=False`` stops before the case and
        the library version.
        """
        bits: list[str] = []
        if self.method:
            bits.append(f"method {self.method}")
        if self.normalization:
            bits.append(f"normalization {self.normalization}")
        if weights is not None:
            bits.append(weights)
        elif profile:
            bits.append(f"profile {self.profile}" if self.profile else "custom weights")
        bits.append(f"scenario {self.scenario}" if self.scenario else "baseline")
        if details is not None:
            bits.extend(details)
        else:
            if self.n_samples is not None:
                bits.append(plural(self.n_samples, "draw"))
            if self.seed is not None:
                bits.append(f"seed {self.seed}")
        if case:
            if self.case_id:
                bits.append(f"case {self.case_id}")
            bits.append(f"policyopts {self.version}")
        return ", ".join(bits)

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary (for JSON, a report footer, a log)."""
        out = asdict(self)
        out["extra"] = dict(self.extra)
        return out


class Result(ABC):
    """The renderers every labelled result shares.

    A subclass (a frozen dataclass with a ``provenance`` field) supplies
    :meth:`_rows`, :meth:`caption` and :meth:`to_frame`, and may override
    :meth:`_highlight_row`. Every renderer takes ``names`` (labels rather than
    ids, where the table has both), ``limit`` (show only the first rows of a
    table sorted by importance; all when None) and ``digits`` (decimals of
    non-integers). Two class-level knobs: ``_caption_period`` (close the
    Markdown caption with a period) and ``_csv_index`` (write the frame's
    index to CSV).
    """

    _caption_period: ClassVar[bool] = True
    _csv_index: ClassVar[bool] = True
    _default_limit: ClassVar[int | None] = None
    _default_digits: ClassVar[int] = 3

    provenance: Provenance

    # ------------------------------------------------------------------ hooks
    @abstractmethod
    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        """The header and rows; ``names`` picks labels over ids, ``limit`` cuts the rows;
        ``options`` are a result's own rendering options (``detail`` for a comparison)."""

    @abstractmethod
    def caption(self) -> str:
        """How the table was produced."""

    @abstractmethod
    def to_frame(self) -> pd.DataFrame:
        """The result's main table as a DataFrame."""

    def _highlight_row(self) -> int | None:
        """Index of the row the HTML table highlights, or None."""
        return None

    @staticmethod
    def _head(frame: pd.DataFrame, n: int) -> pd.DataFrame:
        """The first ``n`` rows of ``frame``; ValueError unless ``n >= 1``."""
        if int(n) < 1:
            raise ValueError(f"n: need at least 1, got {n!r}")
        return frame.head(int(n))

    # ------------------------------------------------------------- provenance
    @property
    def case_id(self) -> str | None:
        """The case the result was computed from."""
        return self.provenance.case_id

    @property
    def version(self) -> str:
        """The library version that computed the result."""
        return self.provenance.version

    @property
    def profile(self) -> str | None:
        """The weight profile (None: custom weights or none)."""
        return self.provenance.profile

    @property
    def scenario(self) -> str | None:
        """The scenario applied (None: the baseline)."""
        return self.provenance.scenario

    @property
    def method(self) -> str | None:
        """The MCDA method."""
        return self.provenance.method

    @property
    def normalization(self) -> str | None:
        """The method's normalisation."""
        return self.provenance.normalization

    @property
    def seed(self) -> int | None:
        """The seed of a stochastic analysis."""
        return self.provenance.seed

    @property
    def n_samples(self) -> int | None:
        """The number of draws of a stochastic analysis."""
        return self.provenance.n_samples

    # -------------------------------------------------------------- renderers
    def _digits(self, digits: int | None) -> int:
        return self._default_digits if digits is None else digits

    def _limit(self, limit: Limit) -> int | None:
        return self._default_limit if limit == "default" else limit

    def render(
        self,
        kind: str,
        *,
        names: bool = True,
        limit: Limit = "default",
        digits: int | None = None,
        **options: Any,
    ) -> str:
        """The table as ``kind``: ``"text"``, ``"markdown"``, ``"html"`` or ``"latex"``.

        ``width=`` (columns, text only) makes a wide table fit a terminal; other
        ``options`` are the result's own rendering options.
        """
        width = options.pop("width", None)
        header, rows = self._rows(names=names, limit=self._limit(limit), **options)
        d = self._digits(digits)
        if kind == "text":
            return text_table(header, rows, digits=d, width=width)
        if kind == "markdown":
            end = "." if self._caption_period else ""
            return markdown_table(header, rows, digits=d) + f"\n\n*{self.caption()}{end}*"
        if kind == "html":
            return html_table(
                header, rows, digits=d, caption=self.caption(), highlight_row=self._highlight_row()
            )
        if kind == "latex":
            return latex_table(header, rows, digits=d, caption=self.caption())
        raise ValueError(f"kind: expected text, markdown, html or latex, got {kind!r}")

    def to_text(self, **kw: Any) -> str:
        """A fixed-width text table (see :meth:`render`)."""
        return self.render("text", **kw)

    def to_markdown(self, **kw: Any) -> str:
        """A Markdown table followed by its caption in italics (see :meth:`render`)."""
        return self.render("markdown", **kw)

    def to_html(self, **kw: Any) -> str:
        """An escaped, self-contained HTML table with its caption (see :meth:`render`)."""
        return self.render("html", **kw)

    def to_latex(self, **kw: Any) -> str:
        """A booktabs LaTeX table with its caption (see :meth:`render`)."""
        return self.render("latex", **kw)

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """The result's frame as CSV: the text, or written to ``path`` atomically
        (returning None). Text cells that would start a spreadsheet formula are
        prefixed with ``'`` (:func:`policyopts._tables.csv_safe`)."""
        return to_csv_text(self.to_frame(), path, index=self._csv_index)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text() + "\n" + self.caption()
