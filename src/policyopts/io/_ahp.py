"""Reading AHP judgements from a participants file (YAML) or a mapping.

Each participant gives either a full pairwise matrix over a list of criteria or
a list of upper-triangle judgements ``{a, b, value}``; every problem is a
one-line :class:`~policyopts.CaseError` naming the file, the participant, the
place and the line.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import yaml
from numpy.typing import NDArray

from policyopts import weights as _weights
from policyopts.exceptions import CaseError
from policyopts.io._yaml import line_of

__all__ = ["RECIPROCAL_RTOL", "read_judgements"]

FloatArray = NDArray[np.float64]

#: Tolerance on ``a_ij * a_ji == 1`` in an AHP matrix (as in :func:`policyopts.weights.ahp`:
#: accepts reciprocals rounded to two decimals, catches a wrong scale value).
RECIPROCAL_RTOL = 0.05
#: Largest judgement (and smallest, its reciprocal) read: far beyond Saaty's
#: 1/9 .. 9, small enough that the eigenvector computation cannot overflow.
MAX_JUDGEMENT = 1e6
_MAX_AHP = len(_weights.SAATY_RANDOM_INDEX)


def _fmt_num(x: float) -> str:
    return f"{x:.4g}"


def _number(value: object) -> float | str:
    """A float, or a message saying why ``value`` is not a usable number."""
    if value is None:
        return "missing value"
    if isinstance(value, bool):
        return "must be a number, not a boolean"
    if isinstance(value, int | float | np.integer | np.floating):
        try:
            x = float(value)
        except OverflowError:  # an integer beyond the largest float
            return "must be a finite number"
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
        except (ValueError, ZeroDivisionError, OverflowError):
            return "not a number"
    else:
        return f"must be a number, got a {type(value).__name__}"
    if not math.isfinite(x):
        return "must be a finite number"
    return x


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
            line=line_of(self.node, loc),
            value=value,
        )

    def number(self, value: object, loc: Sequence[str | int]) -> float:
        x = _number(value)
        if isinstance(x, str):
            raise self.error(x, loc, value)
        if x <= 0:
            raise self.error("judgements must be positive (Saaty's scale 1/9 .. 9)", loc, value)
        if not 1 / MAX_JUDGEMENT <= x <= MAX_JUDGEMENT:
            raise self.error(
                f"judgements run from 1/{MAX_JUDGEMENT:g} to {MAX_JUDGEMENT:g} "
                "(Saaty's scale is 1/9 .. 9)",
                loc,
                value,
            )
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


def read_judgements(
    data: Any, node: yaml.Node | None, crit_ids: list[str] | None, label: str
) -> tuple[list[str], list[str], list[FloatArray]]:
    """Participant ids, criterion order and each participant's pairwise matrix."""
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
                line=line_of(node, [str(key)]),
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
    return ids, order, mats
