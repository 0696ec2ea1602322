"""Reading participants' weights: workshop files (CSV, YAML), DataFrames, mappings.

:func:`read_participants` checks the input line by line: every problem is a
one-line :class:`~policyopts.CaseError` naming the file, the participant, the
column and the value. Files are read through the bounded reader
(:func:`policyopts.io.read_bounded`) and YAML through the same guarded loader
as case files (no tags, no duplicate keys, no alias bombs, bounded nesting).
Aggregation, disagreement and group rankings are in :mod:`policyopts.group`.

File formats
------------
CSV (``.csv``): a header row, first column ``participant``, then one column per
criterion id; an optional ``method`` column says how each row is meant,
``swing`` (points 0-100, the most valued swing usually 100) or ``weights``
(any non-negative numbers).  Either way a row's weights are its numbers
divided by their sum.  Example::

    participant,method,gain,cost,risk_burden
    ana,swing,100,40,20
    bo,weights,30,50,20

YAML (``.yaml``/``.yml``): a mapping from participant to AHP judgements, either
a full matrix or a list of upper-triangle judgements ``{a, b, value}`` (how many
times more important ``a`` is than ``b``; ``"1/3"`` style fractions are
accepted)::

    ana:
      criteria: [gain, cost, risk_burden]
      matrix: [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]]
    bo:
      judgements:
        - {a: gain, b: cost, value: 2}
        - {a: gain, b: risk_burden, value: 4}
        - {a: cost, b: risk_burden, value: 2}
"""

from __future__ import annotations

import csv
import io as _io
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from numpy.typing import NDArray

from policyopts import _validate as V
from policyopts import weights as _weights
from policyopts.exceptions import CaseError
from policyopts.io._ahp import RECIPROCAL_RTOL, _number, read_judgements
from policyopts.io._files import MAX_FILE_BYTES, read_bounded
from policyopts.io._yaml import parse_yaml
from policyopts.model import Case
from policyopts.results import Provenance, Result

__all__ = ["KINDS", "RECIPROCAL_RTOL", "Participants", "read_participants"]

FloatArray = NDArray[np.float64]

#: How a participant's weights were elicited.
KINDS: tuple[str, ...] = ("swing", "weights", "ahp")

_PARTICIPANT = "participant"
_METHOD = "method"


@dataclass(frozen=True, eq=False)
class Participants(Result):
    """The weights a group of participants gave, one row per participant.

    Build it with :func:`read_participants`.

    Attributes
    ----------
    weights : pandas.DataFrame
        Participants (rows, index ``participant``) by criteria (columns,
        ``criterion``): each row normalised to sum 1 (swing and direct weights
        divided by their sum; AHP rows are the principal eigenvector).
    raw : pandas.DataFrame
        The input as given.  For swing/direct input: participants by criteria,
        the numbers as written.  For AHP input: one row per upper-triangle
        judgement, columns ``participant``, ``a``, ``b``, ``value``.
    kinds : pandas.Series
        How each participant's weights were given: ``"swing"``, ``"weights"``
        or ``"ahp"``.
    consistency_ratio : pandas.Series
        Saaty's consistency ratio of each AHP participant (empty when nobody
        used AHP); judgements are conventionally acceptable below 0.10.
    pairwise : mapping
        AHP participants' pairwise matrices (criteria by criteria DataFrames, in
        the column order of ``weights``).
    provenance : Provenance
        The library version (participants belong to no case yet).
    source : str or None
        The file the participants came from (``None`` for a DataFrame).
    """

    weights: pd.DataFrame
    raw: pd.DataFrame
    kinds: pd.Series
    consistency_ratio: pd.Series
    provenance: Provenance
    pairwise: Mapping[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    source: str | None = None

    @property
    def ids(self) -> list[str]:
        """Participant ids, in input order."""
        return [str(p) for p in self.weights.index]

    @property
    def criteria(self) -> list[str]:
        """Criterion ids, in column order."""
        return [str(c) for c in self.weights.columns]

    @property
    def kind(self) -> str:
        """The common kind (``"swing"``, ``"weights"``, ``"ahp"``), or ``"mixed"``."""
        kinds = set(self.kinds.astype(str))
        return kinds.pop() if len(kinds) == 1 else "mixed"

    @property
    def inconsistent(self) -> list[str]:
        """AHP participants whose consistency ratio is 0.10 or more."""
        cr = self.consistency_ratio
        return [str(p) for p in cr.index[cr >= _weights.CR_THRESHOLD]]

    def __len__(self) -> int:
        return int(self.weights.shape[0])

    def aij_matrix(self) -> pd.DataFrame:
        """The group's pairwise matrix: element-wise geometric mean of the participants' matrices.

        Only when every participant gave AHP judgements (see :func:`aggregate`).
        """
        _require_ahp(self, "aij_matrix()")
        stack = np.stack([self.pairwise[p].to_numpy(dtype=np.float64) for p in self.ids])
        group = np.exp(np.log(stack).mean(axis=0))
        return _square(group, self.criteria)

    # ------------------------------------------------------------ rendering
    def _rows(
        self, *, names: bool, limit: int | None, **options: Any
    ) -> tuple[list[str], list[list[object]]]:
        ahp = bool(len(self.consistency_ratio))
        header = ["participant", "kind", *self.criteria]
        if ahp:
            header.append("CR")
        rows: list[list[object]] = []
        w = self.weights.to_numpy(dtype=np.float64)
        for k, pid in enumerate(self.ids):
            row: list[object] = [pid, str(self.kinds[pid]), *w[k].tolist()]
            if ahp:
                row.append(
                    float(self.consistency_ratio[pid]) if pid in self.consistency_ratio else None
                )
            rows.append(row)
        return header, rows[:limit]

    def caption(self) -> str:
        """What the table shows."""
        src = f", from {self.source}" if self.source else ""
        return f"Normalised weights of {len(self)} participants{src} (policyopts {self.version})"

    def to_frame(self) -> pd.DataFrame:
        """The normalised weights with each participant's ``kind`` (and ``CR`` for AHP)."""
        frame = self.weights.copy()
        frame.insert(0, "kind", self.kinds)
        if len(self.consistency_ratio):
            frame["CR"] = self.consistency_ratio
        return frame


def _square(values: FloatArray, labels: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(values, index=pd.Index(list(labels), name="criterion"))
    frame.columns = pd.Index(list(labels), name="criterion")
    return frame


def _require_ahp(participants: Participants, what: str) -> None:
    other = participants.kinds[participants.kinds != "ahp"]
    if len(other):
        pid = str(other.index[0])
        raise ValueError(
            f"method: {what} needs AHP judgements from every participant; "
            f"{pid!r} gave {other.iloc[0]} weights"
        )


def _criterion_ids(criteria: Case | Sequence[str] | None) -> list[str] | None:
    if criteria is None:
        return None
    if isinstance(criteria, Case):
        return list(criteria.criterion_ids)
    if isinstance(criteria, str) or not isinstance(criteria, Sequence):
        raise TypeError(
            f"criteria: expected a Case or a sequence of criterion ids, got {criteria!r:.80}"
        )
    ids = [str(c) for c in criteria]
    if not ids:
        raise ValueError("criteria: must name at least one criterion")
    dupes = sorted({c for c in ids if ids.count(c) > 1})
    if dupes:
        raise ValueError(f"criteria: repeated ids {dupes}")
    return ids


def read_participants(
    source: str | os.PathLike[str] | pd.DataFrame | Mapping[str, Any],
    *,
    criteria: Case | Sequence[str] | None = None,
    default_kind: str = "weights",
) -> Participants:
    """Read participants' weights from a workshop file (CSV or YAML) or a DataFrame.

    Parameters
    ----------
    source : path, DataFrame or mapping
        ``.csv``: one row per participant, first column ``participant``, then one
        column per criterion id, plus an optional ``method`` column (``swing`` or
        ``weights``).  ``.yaml``/``.yml``: AHP judgements per participant (a
        ``criteria`` list with a ``matrix``, or a list of ``{a, b, value}``
        judgements); see the module documentation.  A DataFrame is read like the
        CSV (a ``participant`` column, or the index); a mapping like the YAML.
    criteria : Case or sequence of str, optional
        The criterion ids the weights must cover, exactly; with a Case, its
        :attr:`~policyopts.Case.criterion_ids` (risk burden included).  The
        columns of the result follow this order.  Without it the criteria are
        taken from the input.
    default_kind : {"weights", "swing"}
        How to read rows without a ``method`` (the weights are the same, but
        swing points must not exceed 100).

    Returns
    -------
    Participants

    Raises
    ------
    CaseError
        For every bad input, naming the file, the participant (and CSV line),
        the column and the value: an unreadable or empty file, a missing
        ``participant`` column, a duplicate or empty participant, a missing or
        unknown criterion, a missing, non-numeric, negative or non-finite value,
        swing points above 100, an all-zero row, an unknown method, and for AHP
        a malformed, non-positive, non-reciprocal or incomplete set of judgements.

    Notes
    -----
    Swing weights: von Winterfeldt & Edwards (1986); AHP weights and consistency
    ratio: Saaty (1980), computed by :func:`policyopts.weights.ahp`.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame(
    ...     {"participant": ["ana", "bo"], "gain": [100, 30], "cost": [50, 60], "risk": [50, 10]}
    ... )
    >>> p = read_participants(frame)
    >>> print(p.weights.round(2))  # doctest: +NORMALIZE_WHITESPACE
    criterion    gain  cost  risk
    participant
    ana           0.5  0.25  0.25
    bo            0.3  0.60  0.10
    """
    crit_ids = _criterion_ids(criteria)
    default = V.check_choice(default_kind, ("weights", "swing"), "default_kind")
    if isinstance(source, pd.DataFrame):
        return _from_frame(source, crit_ids, default)
    if isinstance(source, Mapping):
        return _guarded(_read_mapping, dict(source), None, "<mapping>", crit_ids)
    if not isinstance(source, str | os.PathLike):
        raise TypeError(
            "source: expected a path to a .csv/.yaml file, a DataFrame or a mapping, "
            f"got {type(source).__name__}"
        )
    path = Path(source)
    label = os.fspath(source)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml", ".xlsx"):
        raise CaseError(
            f"unsupported file type {path.suffix or '(none)'!r}: use .csv, .xlsx, .yaml or .yml",
            file=label,
        )
    if suffix == ".xlsx":  # an Excel form (policyopts form): its Weights sheet, read as CSV
        from policyopts.io.participants_xlsx import xlsx_to_csv_text

        return _guarded(_read_file, xlsx_to_csv_text(path, label), ".csv", label, crit_ids, default)
    text: str = read_bounded(
        path, max_bytes=MAX_FILE_BYTES, what="participants file", label=label, encoding="utf-8-sig"
    )
    if not text.strip():
        raise CaseError("the file is empty", file=label)
    return _guarded(_read_file, text, suffix, label, crit_ids, default)


def _read_file(
    text: str, suffix: str, label: str, crit_ids: list[str] | None, default: str
) -> Participants:
    if suffix == ".csv":
        return _from_csv(text, label, crit_ids, default)
    parsed = parse_yaml(text, label, what="participants files", key="participant or key")
    return _from_ahp(parsed.data, parsed.node, crit_ids, label)


def _guarded(read: Any, *args: Any) -> Participants:
    """Run a reader; a failure it did not foresee still comes out as one CaseError."""
    label = str(args[2])
    try:
        result: Participants = read(*args)
    except CaseError:
        raise
    except RecursionError:
        raise CaseError("nested too deeply", file=label) from None
    except (ValueError, TypeError, OverflowError, KeyError, IndexError) as exc:
        text = " ".join(str(exc).split())[:80]
        raise CaseError(f"cannot read the participants: {text}", file=label) from None
    return result


# ------------------------------------------------------------------ tabular input
@dataclass(frozen=True)
class _Row:
    where: str  # "row 3" for frames, "" for files (the line says it)
    line: int | None
    pid: str
    method: object
    cells: list[object]


def _err(
    message: str, label: str, row: _Row | None, column: str | None, value: object
) -> CaseError:
    bits: list[str] = []
    if row is not None:
        if row.where:
            bits.append(row.where)
        if row.pid:
            bits.append(f"participant {row.pid!r}")
    if column is not None:
        bits.append(f"column {column!r}")
    return CaseError(
        message, file=label, path=", ".join(bits), line=row.line if row else None, value=value
    )


def _from_csv(text: str, label: str, crit_ids: list[str] | None, default: str) -> Participants:
    try:
        records = [
            (num, [c.strip() for c in cells])
            for num, cells in _csv_rows(text)
            if any(c.strip() for c in cells)
        ]
    except csv.Error as exc:
        raise CaseError(f"invalid CSV: {exc}", file=label) from None
    if not records:
        raise CaseError("the file is empty", file=label)
    (head_line, header), body = records[0], records[1:]
    rows: list[_Row] = []
    for num, cells in body:
        if len(cells) != len(header):
            raise CaseError(
                f"expected {len(header)} fields like the header, got {len(cells)}",
                file=label,
                line=num,
                path=f"participant {cells[0]!r}" if cells and cells[0] else "",
                value=",".join(cells),
            )
        rows.append(_Row("", num, cells[0], None, list(cells[1:])))
    return _from_table(header, rows, label, head_line, crit_ids, default)


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(_io.StringIO(text))
    out: list[tuple[int, list[str]]] = []
    start = 1
    for cells in reader:
        out.append((start, cells))
        start = reader.line_num + 1
    return out


def _from_frame(frame: pd.DataFrame, crit_ids: list[str] | None, default: str) -> Participants:
    label = "<DataFrame>"
    columns = [str(c) for c in frame.columns]
    if _PARTICIPANT in columns:
        pos = columns.index(_PARTICIPANT)
        pids = list(frame.iloc[:, pos])
        rest = [k for k in range(len(columns)) if k != pos]
    else:
        if isinstance(frame.index, pd.RangeIndex) and frame.index.name != _PARTICIPANT:
            raise CaseError(
                f"no {_PARTICIPANT!r} column and no participant ids in the index",
                file=label,
                path="columns",
                value=columns,
            )
        pids = list(frame.index)
        rest = list(range(len(columns)))
    header = [_PARTICIPANT, *(columns[k] for k in rest)]
    values = frame.iloc[:, rest].to_numpy(dtype=object) if rest else np.empty((len(frame), 0))
    rows = [
        _Row(
            f"row {k}",
            None,
            "" if _number(pid) == "missing value" else str(pid).strip(),
            None,
            list(values[k]),
        )
        for k, pid in enumerate(pids)
    ]
    return _from_table(header, rows, label, None, crit_ids, default)


def _from_table(
    header: list[str],
    rows: list[_Row],
    label: str,
    head_line: int | None,
    crit_ids: list[str] | None,
    default: str,
) -> Participants:
    def head_err(message: str, column: str | None, value: object) -> CaseError:
        return CaseError(
            message,
            file=label,
            line=head_line,
            path="header" + (f", column {column!r}" if column is not None else ""),
            value=value,
        )

    if not header or header[0].strip().lower() != _PARTICIPANT:
        raise head_err(
            f"the first column must be {_PARTICIPANT!r}", None, header[0] if header else ""
        )
    names = [h.strip() for h in header[1:]]
    seen_col: dict[str, int] = {}
    for k, name in enumerate(names):
        if not name:
            raise head_err(f"column {k + 2} has no name", None, name)
        if name in seen_col:
            raise head_err("duplicate column", name, name)
        seen_col[name] = k
    method_pos = names.index(_METHOD) if _METHOD in names else None
    crit_cols = [n for n in names if n != _METHOD]
    if not crit_cols:
        raise head_err("no criterion columns after 'participant'", None, header)
    if crit_ids is not None:
        have, known = set(crit_cols), set(crit_ids)
        for c in crit_ids:
            if c not in have:
                raise head_err(f"missing criterion column {c!r}", c, c)
        for c in crit_cols:
            if c not in known:
                raise head_err(f"unknown criterion {c!r}; known: {', '.join(crit_ids)}", c, c)
        order = list(crit_ids)
    else:
        order = crit_cols
    col_pos = {n: k for k, n in enumerate(names)}
    if not rows:
        raise CaseError("no participants (only a header)", file=label, line=head_line)

    seen: dict[str, _Row] = {}
    raw = np.empty((len(rows), len(order)))
    kinds: list[str] = []
    out = np.empty((len(rows), len(order)))
    for r, row in enumerate(rows):
        if not row.pid:
            raise _err("empty participant id", label, row, _PARTICIPANT, "")
        if row.pid in seen:
            first = seen[row.pid]
            at = f"line {first.line}" if first.line is not None else first.where
            raise _err(f"duplicate participant (first at {at})", label, row, _PARTICIPANT, row.pid)
        seen[row.pid] = row
        kind = default
        if method_pos is not None:
            m = row.cells[method_pos]
            text = "" if _number(m) == "missing value" else str(m).strip().lower()
            if text:
                if text not in ("swing", "weights"):
                    raise _err(
                        f"unknown method {m!r}: use 'swing' or 'weights'", label, row, _METHOD, m
                    )
                kind = text
        total = 0.0
        for j, c in enumerate(order):
            cell = row.cells[col_pos[c]]
            x = _number(cell)
            if isinstance(x, str):
                raise _err(x, label, row, c, cell)
            if x < 0:
                raise _err("must be non-negative", label, row, c, cell)
            if kind == "swing" and x > 100:
                raise _err("swing points run from 0 to 100", label, row, c, cell)
            raw[r, j] = x
            total += x
            if not math.isfinite(total):
                raise _err(
                    "too large: the row's weights add up to more than the largest number",
                    label,
                    row,
                    c,
                    cell,
                )
        if not np.any(raw[r] > 0):
            raise _err("all weights are zero", label, row, None, raw[r].tolist())
        res = _weights.swing(raw[r]) if kind == "swing" else _weights.direct(raw[r])
        out[r] = res.weights
        kinds.append(kind)
    index = pd.Index([row.pid for row in rows], name="participant")
    return Participants(
        weights=_frame(out, index, order),
        raw=_frame(raw, index, order),
        kinds=pd.Series(kinds, index=index, name="kind", dtype=object),
        consistency_ratio=pd.Series(
            [], index=pd.Index([], name="participant", dtype=object), name="CR", dtype=np.float64
        ),
        provenance=Provenance(),
        pairwise={},
        source=None if label.startswith("<") else label,
    )


def _frame(values: FloatArray, index: pd.Index, columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(values, index=index)
    frame.columns = pd.Index(list(columns), name="criterion")
    return frame


def _read_mapping(
    data: dict[str, Any], node: None, label: str, crit_ids: list[str] | None
) -> Participants:
    return _from_ahp(data, node, crit_ids, label)


def _from_ahp(
    data: Any, node: yaml.Node | None, crit_ids: list[str] | None, label: str
) -> Participants:
    ids, order, mats = read_judgements(data, node, crit_ids, label)
    results = []
    for pid, a in zip(ids, mats, strict=True):
        try:
            results.append(_weights.ahp(a, reciprocal_rtol=RECIPROCAL_RTOL))
        except ValueError as exc:  # pragma: no cover - pre-validated above
            raise CaseError(str(exc), file=label, path=f"participant {pid!r}") from None
    index = pd.Index(ids, name="participant")
    iu, ju = np.triu_indices(len(order), k=1)
    raw = pd.DataFrame(
        {
            "participant": [p for p in ids for _ in iu],
            "a": [order[i] for _ in ids for i in iu],
            "b": [order[j] for _ in ids for j in ju],
            "value": np.concatenate([a[iu, ju] for a in mats]),
        }
    )
    return Participants(
        weights=_frame(np.stack([r.weights for r in results]), index, order),
        raw=raw,
        kinds=pd.Series(["ahp"] * len(ids), index=index, name="kind", dtype=object),
        consistency_ratio=pd.Series(
            [float(r.consistency_ratio or 0.0) for r in results], index=index, name="CR"
        ),
        provenance=Provenance(),
        pairwise={p: _square(a, order) for p, a in zip(ids, mats, strict=True)},
        source=None if label.startswith("<") else label,
    )
