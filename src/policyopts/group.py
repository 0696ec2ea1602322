"""Group elicitation: read participants' weights, aggregate them, measure disagreement.

In a workshop every participant states how much each criterion matters, either
as numbers per criterion (swing points or direct weights, one CSV row per
participant) or as Saaty pairwise judgements (a YAML file with one matrix or
one list of judgements per participant).  This module

- reads those inputs and checks them line by line (:func:`read_participants`,
  every problem a :class:`~policyopts.CaseError` naming the file, the
  participant, the column and the value);
- combines the participants' weights into group weights (:func:`aggregate`:
  arithmetic or geometric mean of priorities, or AHP aggregation of
  individual judgements);
- says where the group disagrees (:func:`disagreement`, with Kendall's
  coefficient of concordance :func:`kendall_w` and the mean cosine distance
  between weight vectors);
- ranks a case's options under every participant's weights in one batched
  call and shows whether the top option depends on who is asked
  (:func:`group_rankings`).

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
from numpy.typing import ArrayLike, NDArray

from policyopts import _validate as V
from policyopts import methods as _methods
from policyopts import weights as _weights
from policyopts._casearrays import case_arrays
from policyopts._tables import TableView, html_table, markdown_table, text_table
from policyopts._version import __version__
from policyopts.exceptions import CaseError
from policyopts.model import Case

__all__ = [
    "AGGREGATIONS",
    "KINDS",
    "GroupRanking",
    "Participants",
    "aggregate",
    "concordance",
    "cosine_disagreement",
    "disagreement",
    "group_rankings",
    "kendall_w",
    "read_participants",
]

FloatArray = NDArray[np.float64]

#: How a participant's weights were elicited.
KINDS: tuple[str, ...] = ("swing", "weights", "ahp")
#: Ways to combine the participants' weights (see :func:`aggregate`).
AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric", "ahp_aij")

#: Tolerance on ``a_ij * a_ji == 1`` in an AHP matrix (as in :func:`policyopts.weights.ahp`:
#: accepts reciprocals rounded to two decimals, catches a wrong scale value).
RECIPROCAL_RTOL = 0.05

_PARTICIPANT = "participant"
_METHOD = "method"
_SCALE = "scale"
_KERNEL_NORMALIZATIONS = ("minmax", "max", "sum", "vector")
_MAX_AHP = len(_weights.SAATY_RANDOM_INDEX)


# =====================================================================================
# Participants
# =====================================================================================


@dataclass(frozen=True)
class Participants:
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
    source : str or None
        The file the participants came from (``None`` for a DataFrame).
    """

    weights: pd.DataFrame
    raw: pd.DataFrame
    kinds: pd.Series
    consistency_ratio: pd.Series
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
    def _rows(self, digits: int) -> tuple[list[str], list[list[object]]]:
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
        return header, rows

    def caption(self) -> str:
        """What the table shows."""
        src = f", from {self.source}" if self.source else ""
        return f"Normalised weights of {len(self)} participants{src} (policyopts {__version__})"

    def to_text(self, *, digits: int = 3) -> str:
        """Fixed-width table of the normalised weights."""
        return text_table(*self._rows(digits), digits=digits)

    def to_markdown(self, *, digits: int = 3) -> str:
        """Markdown table of the normalised weights, with a caption."""
        return markdown_table(*self._rows(digits), digits=digits) + f"\n\n*{self.caption()}.*"

    def to_html(self, *, digits: int = 3) -> str:
        """HTML table of the normalised weights."""
        header, rows = self._rows(digits)
        return html_table(header, rows, digits=digits, caption=self.caption())

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text() + "\n" + self.caption()


def _square(values: FloatArray, labels: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(values, index=pd.Index(list(labels), name="criterion"))
    frame.columns = pd.Index(list(labels), name="criterion")
    return frame


# =====================================================================================
# Reading
# =====================================================================================


def _fmt_num(x: float) -> str:
    return f"{x:.4g}"


def _number(value: object) -> float | str:
    """A float, or a message saying why ``value`` is not a usable number."""
    if value is None:
        return "missing value"
    if isinstance(value, bool):
        return "must be a number, not a boolean"
    if isinstance(value, int | float | np.integer | np.floating):
        x = float(value)
        if math.isnan(x):
            return "missing value"
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return "missing value"
        try:
            if "/" in text:
                num, den = text.split("/", 1)
                x = float(num) / float(den)
            else:
                x = float(text)
        except (ValueError, ZeroDivisionError):
            return "not a number"
    else:
        return f"must be a number, got a {type(value).__name__}"
    if not math.isfinite(x):
        return "must be a finite number"
    return x


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


def _read_text(path: Path, label: str) -> str:
    if not path.exists():
        raise CaseError("file not found", file=label)
    if path.is_dir():
        raise CaseError("is a folder, not a participants file", file=label)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CaseError(f"cannot read the file: {exc.strerror or exc}", file=label) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseError(f"not UTF-8 text (bad byte at offset {exc.start})", file=label) from None
    if not text.strip():
        raise CaseError("the file is empty", file=label)
    return text


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
        return _from_ahp(dict(source), None, crit_ids, "<mapping>")
    if not isinstance(source, str | os.PathLike):
        raise TypeError(
            "source: expected a path to a .csv/.yaml file, a DataFrame or a mapping, "
            f"got {type(source).__name__}"
        )
    path = Path(source)
    label = os.fspath(source)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise CaseError(
            f"unsupported file type {path.suffix or '(none)'!r}: use .csv, .yaml or .yml",
            file=label,
        )
    text = _read_text(path, label)
    if suffix == ".csv":
        return _from_csv(text, label, crit_ids, default)
    data, node = _parse_yaml(text, label)
    return _from_ahp(data, node, crit_ids, label)


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
    for k, name in enumerate(names):
        if not name:
            raise head_err(f"column {k + 2} has no name", None, name)
        if names.index(name) != k:
            raise head_err("duplicate column", name, name)
    method_pos = names.index(_METHOD) if _METHOD in names else None
    crit_cols = [n for n in names if n != _METHOD]
    if not crit_cols:
        raise head_err("no criterion columns after 'participant'", None, header)
    if crit_ids is not None:
        for c in crit_ids:
            if c not in crit_cols:
                raise head_err(f"missing criterion column {c!r}", c, c)
        for c in crit_cols:
            if c not in crit_ids:
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
        pairwise={},
        source=None if label.startswith("<") else label,
    )


def _frame(values: FloatArray, index: pd.Index, columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(values, index=index)
    frame.columns = pd.Index(list(columns), name="criterion")
    return frame


# ------------------------------------------------------------------ YAML / AHP input
class _Loader(yaml.SafeLoader):
    """Safe loader that refuses duplicate mapping keys (a repeated participant)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict):
            continue
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _parse_yaml(text: str, label: str) -> tuple[Any, yaml.Node | None]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "duplicate key" in problem:
            problem = problem.replace("duplicate key", "duplicate participant or key")
        raise CaseError(
            f"invalid YAML: {problem}", file=label, line=mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise CaseError(f"invalid YAML: {exc}", file=label) from None
    finally:
        loader.dispose()
    if data is None:
        raise CaseError("the file is empty", file=label)
    return data, node


def _line_of(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    if node is None:
        return None
    best = node.start_mark.line + 1
    for elem in loc:
        if isinstance(node, yaml.MappingNode):
            found = None
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(elem):
                    found = (k, v)
                    break
            if found is None:
                return best
            best = found[0].start_mark.line + 1
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(elem, int):
            if not 0 <= elem < len(node.value):
                return best
            node = node.value[elem]
            best = node.start_mark.line + 1
        else:
            return best
    return best


def _path(loc: Sequence[str | int]) -> str:
    out = ""
    for elem in loc:
        out += f"[{elem}]" if isinstance(elem, int) else (f".{elem}" if out else str(elem))
    return out


class _AhpReader:
    def __init__(self, label: str, node: yaml.Node | None) -> None:
        self.label = label
        self.node = node

    def error(self, message: str, loc: Sequence[str | int], value: object) -> CaseError:
        return CaseError(
            message,
            file=self.label,
            path=f"participant {loc[0]!r}" + (f": {_path(loc[1:])}" if len(loc) > 1 else ""),
            line=_line_of(self.node, loc),
            value=value,
        )

    def number(self, value: object, loc: Sequence[str | int]) -> float:
        x = _number(value)
        if isinstance(x, str):
            raise self.error(x, loc, value)
        if x <= 0:
            raise self.error("judgements must be positive (Saaty's scale 1/9 .. 9)", loc, value)
        return x

    def criteria_list(self, value: object, loc: list[str | int]) -> list[str]:
        if not isinstance(value, list) or not value:
            raise self.error("criteria must be a non-empty list of criterion ids", loc, value)
        ids: list[str] = []
        for k, c in enumerate(value):
            if not isinstance(c, str | int) or isinstance(c, bool) or not str(c).strip():
                raise self.error("must be a criterion id", [*loc, k], c)
            cid = str(c).strip()
            if cid in ids:
                raise self.error("criterion repeated", [*loc, k], cid)
            ids.append(cid)
        if len(ids) < 2:
            raise self.error("need at least two criteria to compare", loc, value)
        if len(ids) > _MAX_AHP:
            raise self.error(
                f"at most {_MAX_AHP} criteria in one AHP matrix (Saaty's random index); "
                "split them into a value tree",
                loc,
                len(ids),
            )
        return ids

    def matrix(self, pid: str, spec: Mapping[str, Any]) -> tuple[list[str], FloatArray]:
        ids = self.criteria_list(spec.get("criteria"), [pid, "criteria"])
        n = len(ids)
        rows = spec.get("matrix")
        if not isinstance(rows, list) or len(rows) != n:
            raise self.error(
                f"matrix must be a list of {n} rows, one per criterion", [pid, "matrix"], rows
            )
        a = np.empty((n, n))
        for i, row in enumerate(rows):
            if not isinstance(row, list) or len(row) != n:
                raise self.error(f"row must have {n} entries", [pid, "matrix", i], row)
            for j, cell in enumerate(row):
                a[i, j] = self.number(cell, [pid, "matrix", i, j])
        for i in range(n):
            if abs(a[i, i] - 1.0) > 1e-9:
                raise self.error("the diagonal must be 1", [pid, "matrix", i, i], rows[i][i])
        for i in range(n):
            for j in range(i + 1, n):
                if abs(a[i, j] * a[j, i] - 1.0) > RECIPROCAL_RTOL:
                    raise self.error(
                        f"not reciprocal: matrix[{i}][{j}] = {_fmt_num(a[i, j])} "
                        f"({ids[i]} vs {ids[j]}) but matrix[{j}][{i}] = {_fmt_num(a[j, i])}, "
                        f"expected 1/{_fmt_num(a[i, j])} = {_fmt_num(1.0 / a[i, j])}",
                        [pid, "matrix", j, i],
                        rows[j][i],
                    )
        return ids, a

    def judgements(
        self, pid: str, items: object, loc: list[str | int], crit_ids: list[str] | None
    ) -> tuple[list[str], FloatArray]:
        if not isinstance(items, list) or not items:
            raise self.error("judgements must be a non-empty list of {a, b, value}", loc, items)
        order: list[str] = list(crit_ids) if crit_ids is not None else []
        given: dict[frozenset[str], tuple[str, str, float]] = {}
        for k, item in enumerate(items):
            here = [*loc, k]
            if not isinstance(item, Mapping):
                raise self.error("a judgement must be a mapping {a, b, value}", here, item)
            extra = sorted(str(key) for key in item if key not in ("a", "b", "value"))
            if extra:
                raise self.error(f"unknown keys {extra}; use a, b, value", here, item)
            for key in ("a", "b", "value"):
                if key not in item:
                    raise self.error(f"missing {key!r}", here, dict(item))
            a_id, b_id = str(item["a"]).strip(), str(item["b"]).strip()
            if a_id == b_id:
                raise self.error("compares a criterion with itself", [*here, "b"], b_id)
            value = self.number(item["value"], [*here, "value"])
            pair = frozenset((a_id, b_id))
            if pair in given:
                raise self.error(f"pair ({a_id}, {b_id}) judged twice", here, dict(item))
            given[pair] = (a_id, b_id, value)
            for cid, key in ((a_id, "a"), (b_id, "b")):
                if cid not in order:
                    if crit_ids is not None:
                        raise self.error(
                            f"unknown criterion {cid!r}; known: {', '.join(crit_ids)}",
                            [*here, key],
                            cid,
                        )
                    order.append(cid)
        n = len(order)
        if n > _MAX_AHP:
            raise self.error(f"at most {_MAX_AHP} criteria in one AHP matrix", loc, n)
        a = np.eye(n)
        pos = {c: i for i, c in enumerate(order)}
        for i in range(n):
            for j in range(i + 1, n):
                got = given.get(frozenset((order[i], order[j])))
                if got is None:
                    raise self.error(
                        f"no judgement for the pair ({order[i]}, {order[j]}); "
                        f"AHP needs all {n * (n - 1) // 2} pairs",
                        loc,
                        None,
                    )
                a_id, b_id, v = got
                a[pos[a_id], pos[b_id]] = v
                a[pos[b_id], pos[a_id]] = 1.0 / v
        return order, a

    def participant(
        self, pid: str, spec: object, crit_ids: list[str] | None
    ) -> tuple[list[str], FloatArray]:
        if isinstance(spec, list):
            return self.judgements(pid, spec, [pid], crit_ids)
        if not isinstance(spec, Mapping):
            raise self.error(
                "expected a mapping with criteria and matrix, or a list of judgements",
                [pid],
                spec,
            )
        keys = {str(k) for k in spec}
        allowed = {"criteria", "matrix", "judgements", "judgments", "note"}
        extra = sorted(keys - allowed)
        if extra:
            raise self.error(
                f"unknown keys {extra}; use criteria + matrix, or judgements", [pid], extra
            )
        for key in ("judgements", "judgments"):
            if key in spec:
                if "matrix" in spec:
                    raise self.error("give either a matrix or judgements, not both", [pid], keys)
                return self.judgements(pid, spec[key], [pid, key], crit_ids)
        if "matrix" not in spec or "criteria" not in spec:
            missing = "matrix" if "matrix" not in spec else "criteria"
            raise self.error(f"missing {missing!r}", [pid], sorted(keys))
        return self.matrix(pid, spec)


def _from_ahp(
    data: Any, node: yaml.Node | None, crit_ids: list[str] | None, label: str
) -> Participants:
    reader = _AhpReader(label, node)
    if not isinstance(data, Mapping) or not data:
        raise CaseError(
            "the top level must be a mapping: participant -> AHP judgements",
            file=label,
            value=type(data).__name__,
        )
    order: list[str] | None = list(crit_ids) if crit_ids is not None else None
    ids: list[str] = []
    mats: list[FloatArray] = []
    for key, spec in data.items():
        if isinstance(key, bool) or not isinstance(key, str | int) or not str(key).strip():
            raise CaseError(
                "a participant id must be a non-empty name",
                file=label,
                line=_line_of(node, [str(key)]),
                value=key,
            )
        pid = str(key).strip()
        if pid in ids:
            raise reader.error("duplicate participant", [pid], pid)
        theirs, a = reader.participant(pid, spec, order)
        if order is None:
            order = theirs
        for c in order:
            if c not in theirs:
                raise reader.error(f"missing criterion {c!r}", [pid], c)
        for c in theirs:
            if c not in order:
                raise reader.error(f"unknown criterion {c!r}; known: {', '.join(order)}", [pid], c)
        idx = [theirs.index(c) for c in order]
        ids.append(pid)
        mats.append(a[np.ix_(idx, idx)])
    assert order is not None
    results = []
    for pid, a in zip(ids, mats, strict=True):
        try:
            results.append(_weights.ahp(a, reciprocal_rtol=RECIPROCAL_RTOL))
        except ValueError as exc:  # pragma: no cover - pre-validated above
            raise reader.error(str(exc), [pid], None) from None
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
        pairwise={p: _square(a, order) for p, a in zip(ids, mats, strict=True)},
        source=None if label.startswith("<") else label,
    )


# =====================================================================================
# Aggregation
# =====================================================================================


def _check_participants(participants: object) -> Participants:
    if not isinstance(participants, Participants):
        raise TypeError(
            "participants: expected Participants (see read_participants), "
            f"got {type(participants).__name__}"
        )
    return participants


def _require_ahp(participants: Participants, what: str) -> None:
    other = participants.kinds[participants.kinds != "ahp"]
    if len(other):
        pid = str(other.index[0])
        raise ValueError(
            f"method: {what} needs AHP judgements from every participant; "
            f"{pid!r} gave {other.iloc[0]} weights"
        )


def aggregate(participants: Participants, *, method: str = "arithmetic") -> pd.Series:
    r"""Combine the participants' weights into the group's weights.

    With :math:`w_{kj}` participant k's normalised weight of criterion j
    (K participants):

    ``"arithmetic"``
        :math:`\bar w_j = \frac1K \sum_k w_{kj}` (already sums to 1).  Suits a
        group of separate individuals whose priorities are pooled; the
        aggregation of individual priorities (AIP) of Forman & Peniwati (1998).
    ``"geometric"``
        :math:`\tilde w_j \propto \prod_k w_{kj}^{1/K}`, renormalised to sum 1;
        AIP with the geometric mean.  One participant's zero weight makes the
        criterion's group weight zero.
    ``"ahp_aij"``
        Aggregation of individual judgements (AIJ): the element-wise geometric
        mean of the participants' pairwise matrices,
        :math:`a^G_{ij} = \prod_k (a^{(k)}_{ij})^{1/K}`, then its principal
        eigenvector (Forman & Peniwati, 1998).  The geometric mean is the
        aggregation that keeps the group matrix reciprocal, so that the group
        judgement of j over i is the reciprocal of that of i over j (Aczél &
        Saaty, 1983).  Needs AHP judgements from everyone.  For consistent
        matrices it equals ``"geometric"``.

    Parameters
    ----------
    participants : Participants
    method : {"arithmetic", "geometric", "ahp_aij"}

    Returns
    -------
    pandas.Series
        The group's weights by criterion id, summing to 1 (name ``"weight"``).

    Raises
    ------
    ValueError
        For an unknown method, ``"ahp_aij"`` with non-AHP participants, or a
        geometric mean that is zero on every criterion.

    References
    ----------
    Aczél, J., & Saaty, T. L. (1983). Procedures for synthesizing ratio
    judgements. J. Math. Psychol. 27(1), 93-102.
    Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and
    priorities with the analytic hierarchy process. Eur. J. Oper. Res.
    108(1), 165-169.

    Examples
    --------
    >>> import pandas as pd
    >>> p = read_participants(
    ...     pd.DataFrame({"participant": ["ana", "bo"], "x": [1, 4], "y": [1, 1]})
    ... )
    >>> print(aggregate(p).round(4).tolist())
    [0.65, 0.35]
    >>> print(aggregate(p, method="geometric").round(4).tolist())  # sqrt(.5*.8), sqrt(.5*.2)
    [0.6667, 0.3333]
    """
    participants = _check_participants(participants)
    method = V.check_choice(method, AGGREGATIONS, "method")
    w = participants.weights.to_numpy(dtype=np.float64)
    if method == "arithmetic":
        out = w.mean(axis=0)
    elif method == "geometric":
        g = np.prod(w ** (1.0 / w.shape[0]), axis=0)
        total = g.sum()
        if total <= 0:
            raise ValueError(
                "method: the geometric mean is zero on every criterion (each criterion "
                "has a participant giving it weight 0); use 'arithmetic'"
            )
        out = g / total
    else:
        _require_ahp(participants, "'ahp_aij'")
        group = participants.aij_matrix().to_numpy(dtype=np.float64)
        out = np.asarray(_weights.ahp(group, reciprocal_rtol=RECIPROCAL_RTOL).weights)
    return pd.Series(out, index=pd.Index(participants.criteria, name="criterion"), name="weight")


# =====================================================================================
# Disagreement
# =====================================================================================


def kendall_w(scores: ArrayLike, *, correct_ties: bool = True) -> float:
    r"""Kendall's coefficient of concordance W of k rankings of n objects.

    Each row of ``scores`` is one rater's scores of the n objects (ranks, or
    numbers that are ranked, ties getting their average rank).  With
    :math:`R_j` the sum of the ranks of object j,

    .. math::

        S = \sum_j \Big(R_j - \frac{k (n + 1)}{2}\Big)^2, \qquad
        W = \frac{12 S}{k^2 (n^3 - n) - k \sum_i T_i}, \qquad
        T_i = \sum_{g} (t_g^3 - t_g)

    where :math:`t_g` are the sizes of the groups of tied ranks of rater i
    (the tie correction; ``correct_ties=False`` drops it).  W = 1 means every
    rater orders the objects the same way, W = 0 no agreement.  If every rater
    ties every object (or n = 1) the denominator vanishes; W is then 1 (the
    raters agree that nothing differs).

    Parameters
    ----------
    scores : array_like, shape (k, n)
        One row per rater, one column per object; finite.
    correct_ties : bool, default True

    Returns
    -------
    float

    References
    ----------
    Kendall, M. G., & Babington Smith, B. (1939). The problem of m rankings.
    Ann. Math. Statist. 10(3), 275-287.

    Examples
    --------
    >>> kendall_w([[1, 2, 3], [1, 2, 3]])
    1.0
    >>> round(kendall_w([[1, 2, 3], [3, 2, 1]]), 6)
    0.0
    """
    x = V.as_float_array(scores, "scores")
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] < 1:
        raise ValueError(f"scores: expected shape (k raters, n objects), got {x.shape}")
    V.check_finite(x, "scores")
    k, n = x.shape
    from scipy.stats import rankdata  # imported here: scipy.stats is slow to import

    r = rankdata(x, axis=1)
    rank_sums = r.sum(axis=0)
    s = float(((rank_sums - k * (n + 1) / 2.0) ** 2).sum())
    denom = float(k * k * (n**3 - n))
    if correct_ties:
        # the tie group of each entry: sum over entries of (t^2 - 1) = sum over groups of t^3 - t
        t = (r[:, :, None] == r[:, None, :]).sum(axis=-1).astype(np.float64)
        denom -= k * float((t**2 - 1.0).sum())
    if denom <= 0:
        return 1.0
    return min(max(12.0 * s / denom, 0.0), 1.0)


def concordance(participants: Participants) -> float:
    """Kendall's W of the participants' rankings of the criteria by weight.

    See :func:`kendall_w` (ties corrected).  1 = everyone puts the criteria in
    the same order of importance.
    """
    participants = _check_participants(participants)
    return kendall_w(participants.weights.to_numpy(dtype=np.float64))


def cosine_disagreement(participants: Participants) -> float:
    r"""Mean pairwise cosine distance between the participants' weight vectors.

    .. math:: \bar d = \binom{K}{2}^{-1} \sum_{k < l}
              \Big(1 - \frac{w_k \cdot w_l}{\lVert w_k \rVert \, \lVert w_l \rVert}\Big)

    0 when everyone gives the same (proportional) weights; at most 1 (weights
    on disjoint criteria).  0 for a single participant.
    """
    participants = _check_participants(participants)
    w = participants.weights.to_numpy(dtype=np.float64)
    k = w.shape[0]
    if k < 2:
        return 0.0
    unit = w / np.linalg.norm(w, axis=1, keepdims=True)
    cos = unit @ unit.T
    iu = np.triu_indices(k, k=1)
    return float(np.clip(1.0 - cos[iu], 0.0, 1.0).mean())


def disagreement(participants: Participants) -> pd.DataFrame:
    r"""Where the participants disagree, criterion by criterion.

    Returns
    -------
    pandas.DataFrame
        One row per criterion (index ``criterion``), sorted by ``std``, the
        largest disagreement first: ``mean``, ``min``, ``max``, ``std``
        (population standard deviation of the normalised weights, ddof = 0:
        the workshop group is the whole population), ``cv`` (std / mean, the
        coefficient of variation; 0 when the mean is 0), ``range``
        (max - min), ``furthest`` (the participant whose weight is furthest
        from the mean; the first in input order on a tie) and
        ``furthest_deviation`` (that participant's weight minus the mean).
        ``attrs`` holds the overall indices ``"kendall_w"``
        (:func:`concordance`), ``"mean_cosine_distance"``
        (:func:`cosine_disagreement`) and ``"n_participants"``.

    References
    ----------
    Kendall, M. G., & Babington Smith, B. (1939). The problem of m rankings.
    Ann. Math. Statist. 10(3), 275-287.

    Examples
    --------
    >>> import pandas as pd
    >>> p = read_participants(
    ...     pd.DataFrame({"participant": ["ana", "bo"], "x": [3, 3], "y": [1, 2]})
    ... )
    >>> d = disagreement(p)
    >>> print(d[["mean", "std", "range", "furthest"]].round(3))  # doctest: +NORMALIZE_WHITESPACE
                mean    std  range furthest
    criterion
    x          0.675  0.075   0.15      ana
    y          0.325  0.075   0.15      ana
    >>> d.attrs["kendall_w"]  # both put x first
    1.0
    """
    participants = _check_participants(participants)
    w = participants.weights.to_numpy(dtype=np.float64)
    mean = w.mean(axis=0)
    std = w.std(axis=0)
    dev = w - mean
    gap = np.abs(dev)
    # first participant within rounding of the largest gap (ties in input order)
    far = np.argmax(gap >= gap.max(axis=0) - 1e-12, axis=0)
    cols = np.arange(w.shape[1])
    safe = np.where(mean > 0, mean, 1.0)
    table = pd.DataFrame(
        {
            "mean": mean,
            "min": w.min(axis=0),
            "max": w.max(axis=0),
            "std": std,
            "cv": np.where(mean > 0, std / safe, 0.0),
            "range": w.max(axis=0) - w.min(axis=0),
            "furthest": [participants.ids[i] for i in far],
            "furthest_deviation": dev[far, cols],
        },
        index=pd.Index(participants.criteria, name="criterion"),
    )
    table = table.sort_values("std", ascending=False, kind="stable")
    table.attrs["kendall_w"] = concordance(participants)
    table.attrs["mean_cosine_distance"] = cosine_disagreement(participants)
    table.attrs["n_participants"] = len(participants)
    return table


# =====================================================================================
# Group rankings
# =====================================================================================


@dataclass(frozen=True)
class GroupRanking(TableView):
    """A case's options ranked under each participant's weights and the group's.

    Attributes
    ----------
    ranks : pandas.DataFrame
        Options (rows, case order) by participants (columns): rank, 1 = best.
    scores : pandas.DataFrame
        The same layout with the method's scores.
    group_ranks, group_scores : pandas.Series
        Rank and score of each option under the aggregated weights.
    weights : pandas.DataFrame
        Participants by criteria: the weights used (case criterion order).
    group_weights : pandas.Series
        The aggregated weights.
    top : pandas.Series
        Each participant's top option (ties: the first in case order).
    group_top : str
        The top option under the group's weights.
    top_changes : bool
        Whether the participants' top options differ.
    top_share : pandas.Series
        Share of participants putting each option first (all options, largest first).
    method, normalization, aggregation, scenario : str or None
        How the ranks were produced.
    higher_is_better : bool
        Direction of ``scores`` (False for VIKOR's Q).
    case_id, version, source : str or None
        The case, the library version and the participants' file.
    option_names : mapping
        Display names by option id.
    """

    ranks: pd.DataFrame
    scores: pd.DataFrame
    group_ranks: pd.Series
    group_scores: pd.Series
    weights: pd.DataFrame
    group_weights: pd.Series
    top: pd.Series
    group_top: str
    top_changes: bool
    top_share: pd.Series
    method: str
    normalization: str | None
    aggregation: str
    scenario: str | None
    higher_is_better: bool
    case_id: str
    version: str
    source: str | None
    option_names: Mapping[str, str] = field(repr=False)

    @property
    def participants(self) -> list[str]:
        """Participant ids in column order."""
        return [str(p) for p in self.ranks.columns]

    @property
    def group_ranking(self) -> list[str]:
        """Option ids, best first under the group's weights (ties in case order)."""
        return [str(o) for o in self.group_ranks.sort_values(kind="stable").index]

    def _provenance(self) -> str:
        bits = [f"method {self.method}"]
        if self.normalization:
            bits.append(f"normalization {self.normalization}")
        bits.append(f"group weights: {self.aggregation} aggregation")
        bits.append(f"scenario {self.scenario}" if self.scenario else "baseline")
        bits.append(f"case {self.case_id}")
        if self.source:
            bits.append(f"participants from {self.source}")
        bits.append(f"policyopts {self.version}")
        return ", ".join(bits)

    def summary(self) -> str:
        """The result in plain words: who puts which option first, and the group's choice."""
        k = len(self.participants)
        name = self.option_names
        gt = self.group_top
        lines = [
            f"Under the group's weights ({self.aggregation} aggregation of {k} "
            f"participant{'s' if k != 1 else ''}), {name[gt]} ranks first."
        ]
        tops = self.top
        if not self.top_changes:
            only = str(tops.iloc[0])
            who = "The only participant" if k == 1 else f"All {k} participants"
            same = "too" if only == gt else f"while the group's weights favour {name[gt]}"
            lines.append(f"{who} put {name[only]} first, {same}.")
        else:
            parts = []
            for option, share in self.top_share.items():
                if share <= 0:
                    continue
                members = [str(p) for p in tops.index[tops == option]]
                parts.append(
                    f"{name[str(option)]} for {len(members)} of {k} ({share:.0%}: "
                    f"{', '.join(members)})"
                )
            lines.append("The top option depends on who is asked: " + "; ".join(parts) + ".")
            if float(self.top_share.get(gt, 0.0)) == 0.0:
                lines.append(f"No participant puts the group's choice, {name[gt]}, first.")
        lines.append(f"({self._provenance()}.)")
        return " ".join(lines)

    # ------------------------------------------------------------ rendering
    def _rows(self, names: bool) -> tuple[list[str], list[list[object]]]:
        header = ["Option" if names else "option", "Group" if names else "group"]
        header += self.participants
        rows: list[list[object]] = []
        order = self.group_ranking
        ranks = self.ranks.loc[order].to_numpy(dtype=np.int64)
        group = self.group_ranks.loc[order].to_numpy(dtype=np.int64)
        for k, o in enumerate(order):
            label = self.option_names[o] if names else o
            rows.append([label, int(group[k]), *ranks[k].tolist()])
        return header, rows

    def caption(self) -> str:
        """How the ranks were produced."""
        return f"Rank of each option under each participant's weights ({self._provenance()})"

    def _highlight_row(self) -> int | None:
        return 0

    def _csv_frame(self) -> pd.DataFrame:
        frame = self.ranks.copy()
        frame.insert(0, "group", self.group_ranks)
        return frame


def _aligned(case: Case, participants: Participants) -> pd.DataFrame:
    ids = case.criterion_ids
    have = participants.criteria
    for c in ids:
        if c not in have:
            raise CaseError(
                f"the participants give no weight for criterion {c!r} of case {case.id!r}",
                file=participants.source,
                path="criteria",
                value=c,
            )
    for c in have:
        if c not in ids:
            raise CaseError(
                f"unknown criterion {c!r} for case {case.id!r}; known: {', '.join(ids)}",
                file=participants.source,
                path="criteria",
                value=c,
            )
    return participants.weights.loc[:, ids]


def group_rankings(
    case: Case,
    participants: Participants,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    aggregation: str = "arithmetic",
    normalization: str | None = None,
    **options: Any,
) -> GroupRanking:
    r"""Rank the options of ``case`` under each participant's weights, and the group's.

    All participants' weight vectors and the aggregated one are stacked into a
    ``(K + 1, n)`` array and scored in **one** batched method call.  The scoring
    follows :func:`policyopts.compare` exactly, so each participant's column
    equals ``compare(case, weights=<their weights>, method=method)``: for
    ``wsm`` the default normalization is ``"scale"``,

    .. math:: A_{ik} = \sum_j w_{kj} \, v_j(x_{ij})

    with :math:`v_j` criterion j's value function over its declared scale
    (multi-attribute value theory; Belton & Stewart, 2002); other methods run
    on the raw scores with their own default normalization.

    Parameters
    ----------
    case : Case
    participants : Participants
        Their criteria must be exactly ``case.criterion_ids`` (risk burden included).
    method : str, default "wsm"
        One of :func:`policyopts.methods.available`.
    scenario : str, optional
        Apply a scenario's score changes and likelihood overrides.
    aggregation : {"arithmetic", "geometric", "ahp_aij"}
        How the group's weights are formed (:func:`aggregate`).
    normalization : str, optional
        As in :func:`policyopts.compare`.
    **options
        Passed to the method (VIKOR ``v``; PROMETHEE ``preference``, ``q``, ...).

    Returns
    -------
    GroupRanking

    Raises
    ------
    CaseError
        If the participants' criteria do not match the case's, or the scenario
        is unknown.
    ValueError
        For an unknown method, normalization or aggregation.

    References
    ----------
    Belton, V., & Stewart, T. J. (2002). Multiple Criteria Decision Analysis:
    An Integrated Approach. Kluwer.

    Examples
    --------
    >>> import pandas as pd
    >>> import policyopts as po
    >>> case = po.load_case("mali")
    >>> ids = case.criterion_ids
    >>> frame = pd.DataFrame([[1.0] * len(ids), [2.0] + [1.0] * (len(ids) - 1)], columns=ids)
    >>> frame.insert(0, "participant", ["ana", "bo"])
    >>> g = group_rankings(case, read_participants(frame, criteria=case))
    >>> g.ranks.shape
    (6, 2)
    >>> g.group_top in case.option_ids
    True
    """
    if not isinstance(case, Case):
        raise TypeError(f"case: expected a policyopts Case, got {type(case).__name__}")
    participants = _check_participants(participants)
    method = V.check_choice(method, _methods.available(), "method")
    aggregation = V.check_choice(aggregation, AGGREGATIONS, "aggregation")
    if scenario is not None:
        case.scenario(scenario)
    norm = normalization
    if norm is None and method == "wsm":
        norm = _SCALE
    allowed = (_SCALE, *_KERNEL_NORMALIZATIONS) if method == "wsm" else _KERNEL_NORMALIZATIONS
    if norm is not None:
        norm = V.check_choice(norm, allowed, "normalization")
    if options and method == "wsm":
        raise ValueError(f"options: wsm takes no method options, got {sorted(options)}")

    w_frame = _aligned(case, participants)
    group_w = aggregate(participants, method=aggregation).loc[case.criterion_ids]
    stacked = np.vstack(
        [w_frame.to_numpy(dtype=np.float64), group_w.to_numpy(dtype=np.float64)[None, :]]
    )
    arrays = case_arrays(case, scenario)
    kwargs = dict(options)
    if method == "wsm" and norm == _SCALE:
        values = arrays.values()
        result = _methods.wsm(values, stacked, np.ones(values.shape[1]), normalization=None)
        used_norm: str | None = _SCALE
    else:
        if norm is not None:
            kwargs["normalization"] = norm
        try:
            result = _methods.METHODS[method](arrays.matrix, stacked, arrays.types, **kwargs)
        except TypeError as exc:
            raise ValueError(f"options: {exc}") from None
        used_norm = result.normalization
    scores = np.asarray(result.scores, dtype=np.float64)  # (K + 1, m)
    ranks = np.asarray(result.ranks, dtype=np.int64)

    option_idx = pd.Index(arrays.option_ids, name="option")
    pids = pd.Index(participants.ids, name="participant")
    rank_frame = pd.DataFrame(ranks[:-1].T, index=option_idx, columns=pids)
    score_frame = pd.DataFrame(scores[:-1].T, index=option_idx, columns=pids)
    # top per participant: best rank, first in case order on a tie
    top_pos = np.argmin(ranks[:-1], axis=1)
    top = pd.Series([arrays.option_ids[i] for i in top_pos], index=pids, name="top")
    group_top = arrays.option_ids[int(np.argmin(ranks[-1]))]
    counts = top.value_counts()
    share = pd.Series(
        [float(counts.get(o, 0)) / len(pids) for o in arrays.option_ids],
        index=option_idx,
        name="share",
    ).sort_values(ascending=False, kind="stable")
    return GroupRanking(
        ranks=rank_frame,
        scores=score_frame,
        group_ranks=pd.Series(ranks[-1], index=option_idx, name="group"),
        group_scores=pd.Series(scores[-1], index=option_idx, name="group"),
        weights=w_frame,
        group_weights=group_w,
        top=top,
        group_top=group_top,
        top_changes=bool(top.nunique() > 1),
        top_share=share,
        method=method,
        normalization=used_norm,
        aggregation=aggregation,
        scenario=scenario,
        higher_is_better=bool(result.higher_is_better),
        case_id=case.id,
        version=__version__,
        source=participants.source,
        option_names={o.id: o.label for o in case.options},
    )
