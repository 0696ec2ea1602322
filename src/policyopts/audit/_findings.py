"""What the coherence audit returns: findings (code, severity, field path,
message, numbers) and the audit that holds them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import pandas as pd

from policyopts.model._base import Loc
from policyopts.results import Provenance, Result

Severity = Literal["error", "warning", "info"]
_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One finding of the audit.

    Attributes
    ----------
    code : str
        What kind of problem (``likelihood_incoherent``, ``scenario_inert``, …).
    severity : {"error", "warning", "info"}
    path : str
        The field the finding is about, e.g. ``risks[aid_blocked].likelihood``.
    message : str
        What is wrong, in plain words.
    numbers : mapping
        The numbers behind the finding.
    loc : tuple
        The field's location as a tuple (for finding its line in a file).
    """

    code: str
    severity: Severity
    path: str
    message: str
    numbers: Mapping[str, float] = field(default_factory=dict)
    loc: Loc = ()

    def line(self, where: Callable[[Loc], tuple[str, int | None]] | None = None) -> str:
        """One line: ``[file:line: ]severity code path: message``."""
        prefix = ""
        if where is not None:
            file, line = where(self.loc)
            prefix = f"{file}:{line}: " if line is not None else f"{file}: "
        return f"{prefix}{self.severity} {self.code} {self.path}: {self.message}"


@dataclass(frozen=True, eq=False)
class Audit(Result):
    """The findings of :func:`audit`, most severe first, and the basis split.

    Attributes
    ----------
    findings : list of Finding
    basis : pandas.DataFrame
        Per option: counts of scores by basis (``fact``, ``opinion``,
        ``source``, ``judgement``) and ``sourced_share``.
    provenance : Provenance
        The case audited and the library version.
    """

    _csv_index: ClassVar[bool] = False

    findings: list[Finding]
    basis: pd.DataFrame
    provenance: Provenance

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def codes(self) -> list[str]:
        """The distinct codes found, in order of first appearance."""
        return list(dict.fromkeys(f.code for f in self.findings))

    def by_code(self, code: str) -> list[Finding]:
        """The findings with ``code``."""
        return [f for f in self.findings if f.code == code]

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, *, strict: bool = False) -> bool:
        """Whether an error remains (or, with ``strict``, a warning)."""
        return self.count("error") > 0 or (strict and self.count("warning") > 0)

    def lines(self, where: Callable[[Loc], tuple[str, int | None]] | None = None) -> list[str]:
        """One line per finding (with file and line when ``where`` locates fields)."""
        return [f.line(where) for f in self.findings]

    def caption(self) -> str:
        """What was found, and in which case."""
        counts = ", ".join(
            f"{self.count(s)} {s}{'' if s == 'info' or self.count(s) == 1 else 's'}"
            for s in ("error", "warning", "info")
        )
        return f"Coherence audit: {counts} (case {self.case_id}, policyopts {self.version})"

    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        rows: list[list[object]] = [
            [f.severity, f.code, f.path, f.message] for f in self.findings[:limit]
        ]
        return ["Severity", "Code", "Field", "Finding"], rows

    def to_frame(self) -> pd.DataFrame:
        """One row per finding: code, severity, path, message."""
        return pd.DataFrame(
            {
                "code": [f.code for f in self.findings],
                "severity": [f.severity for f in self.findings],
                "path": [f.path for f in self.findings],
                "message": [f.message for f in self.findings],
            }
        )
