"""The participants of a live workshop, kept on disk after every change.

:class:`ParticipantStore` holds one record per participant (their name, how
they answered, the numbers they gave) and writes the whole set to the
participants file, atomically, before a submission is acknowledged. The file
is the CSV that :func:`policyopts.read_participants` reads, so a session can
be restarted from it, analysed in a notebook, or merged with paper forms.

Each participant also gets a secret (a random token, or the browser's cookie)
on their first submission; only its SHA-256 digest is kept, in a sidecar file
``<participants file>.secrets.json``. A later submission under the same name
must present the same secret, so nobody can overwrite someone else's answer.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import math
import secrets
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import policyopts as po
from policyopts._suggest import hint
from policyopts.io import write_atomic
from policyopts.model import Case

__all__ = [
    "KINDS",
    "MAX_NAME",
    "ParticipantStore",
    "Record",
    "SubmissionError",
    "records_frame",
    "validate_submission",
]

#: How a participant can answer: swing points (0-100) or direct weights.
KINDS: tuple[str, ...] = ("swing", "weights")
#: Longest participant name accepted.
MAX_NAME = 60
#: Largest number accepted as a direct weight (keeps sums finite and files short).
MAX_WEIGHT = 1e6
#: Characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@")


class SubmissionError(ValueError):
    """A submission that cannot be stored.

    Attributes
    ----------
    field : str
        The field at fault (``"name"``, ``"weights.fiscal_cost"``, ``"body"``).
    status : int
        The HTTP status the API answers with: 400 (bad input) or 403 (the
        name belongs to someone else).
    """

    def __init__(self, field: str, message: str, *, status: int = 400) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.status = status


@dataclass(frozen=True)
class Record:
    """One participant's stored answer.

    Attributes
    ----------
    name : str
        The participant's name (their id in the participants file).
    kind : {"swing", "weights"}
    values : dict of str to float
        The numbers as given, by criterion id (case order).
    weights : dict of str to float
        The normalised weights :func:`policyopts.read_participants` derives.
    updated : str
        When the answer was last stored (UTC, ISO 8601).
    """

    name: str
    kind: str
    values: dict[str, float]
    weights: dict[str, float]
    updated: str

    def to_json(self) -> dict[str, Any]:
        """The record as plain JSON data."""
        return {
            "name": self.name,
            "kind": self.kind,
            "values": dict(self.values),
            "weights": dict(self.weights),
            "updated": self.updated,
        }


def _check_name(value: object) -> str:
    if value is None:
        raise SubmissionError("name", "missing")
    if not isinstance(value, str):
        raise SubmissionError("name", f"must be text, got {type(value).__name__}")
    name = value.strip()
    if not name:
        raise SubmissionError("name", "empty")
    if len(name) > MAX_NAME:
        raise SubmissionError("name", f"longer than {MAX_NAME} characters")
    if any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise SubmissionError("name", "contains control characters")
    if name.startswith(_FORMULA_START):
        raise SubmissionError("name", "must not start with =, +, - or @")
    return name


def _check_values(kind: str, value: object, criteria: list[str]) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise SubmissionError(kind, "must be an object mapping criterion ids to numbers")
    for key in value:
        if key not in criteria:
            raise SubmissionError(
                f"{kind}.{key}",
                f"unknown criterion{hint(key, criteria)}; known: {', '.join(criteria)}",
            )
    out: dict[str, float] = {}
    for cid in criteria:
        where = f"{kind}.{cid}"
        if cid not in value:
            raise SubmissionError(where, "missing (give a number for every criterion)")
        x = value[cid]
        if isinstance(x, bool) or not isinstance(x, int | float):
            raise SubmissionError(where, f"must be a number, got {x!r:.40}")
        number = float(x)
        if not math.isfinite(number):
            raise SubmissionError(where, "must be a finite number")
        if number < 0:
            raise SubmissionError(where, f"must be non-negative, got {number:g}")
        if kind == "swing" and number > 100:
            raise SubmissionError(where, f"swing points run from 0 to 100, got {number:g}")
        if number > MAX_WEIGHT:
            raise SubmissionError(where, f"must be at most {MAX_WEIGHT:g}, got {number:g}")
        out[cid] = number
    if not any(x > 0 for x in out.values()):
        raise SubmissionError(kind, "all zero: give at least one criterion a positive number")
    return out


def validate_submission(body: object, case: Case) -> tuple[str, str, dict[str, float]]:
    """Check a submission against the case; returns ``(name, kind, values)``.

    ``body`` is a mapping with ``name`` and exactly one of ``weights`` (any
    non-negative numbers) or ``swing`` (points 0-100), each mapping every
    criterion id of ``case`` (risk burden included) to a number; a ``secret``
    key is allowed and ignored here.

    Raises
    ------
    SubmissionError
        Naming the field at fault (``name``, ``weights.<criterion>``, ...).
    """
    if not isinstance(body, Mapping):
        raise SubmissionError("body", "expected a JSON object")
    for key in body:
        if key not in ("name", "weights", "swing", "secret"):
            raise SubmissionError(
                str(key)[:40], "unknown field; use name, weights or swing (and secret)"
            )
    name = _check_name(body.get("name"))
    given = [k for k in KINDS if k in body]
    if not given:
        raise SubmissionError("weights", "missing: give 'weights' or 'swing'")
    if len(given) > 1:
        raise SubmissionError("swing", "give either 'weights' or 'swing', not both")
    kind = given[0]
    values = _check_values(kind, body[kind], list(case.criterion_ids))
    return name, kind, values


def records_frame(criteria: Sequence[str], records: Sequence[Record]) -> pd.DataFrame:
    """Records as the table :func:`policyopts.read_participants` reads.

    Columns ``participant``, ``method`` (``swing`` or ``weights``), then one per
    criterion id in ``criteria``, holding the numbers as given.
    """
    return pd.DataFrame(
        [[r.name, r.kind, *(r.values[c] for c in criteria)] for r in records],
        columns=["participant", "method", *criteria],
    )


def _write(path: Path, text: str) -> None:
    """The one place the workshop writes a file: atomically (temporary file, then rename)."""
    write_atomic(path, text)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _fmt(x: float) -> str:
    return str(int(x)) if x.is_integer() and abs(x) < 2**53 else repr(x)


class ParticipantStore:
    """Thread-safe store of a workshop's participants, persisted to a CSV file.

    Parameters
    ----------
    case : Case
        The case the participants weigh (its criterion ids, risk burden included).
    path : path-like
        The participants file (``.csv``). If it exists, its participants are
        loaded (through :func:`policyopts.read_participants`), so restarting a
        session with the same file restores everyone.

    Notes
    -----
    Every accepted submission rewrites the file atomically (temporary file,
    then rename) under a lock, before :meth:`submit` returns: a reply to a
    participant means their answer is on disk.
    """

    def __init__(self, case: Case, path: str | Path) -> None:
        self.case = case
        self.path = Path(path)
        if self.path.suffix.lower() != ".csv":
            raise ValueError(
                f"participants: the workshop file must be a .csv, got {self.path.name!r}"
            )
        self.secrets_path = self.path.with_name(self.path.name + ".secrets.json")
        self.criteria = list(case.criterion_ids)
        self._lock = threading.Lock()
        self._records: dict[str, Record] = {}
        self._digests: dict[str, str] = {}
        self._version = 0
        self._load()

    # ------------------------------------------------------------ loading
    def _load(self) -> None:
        if self.path.exists():
            parts = po.read_participants(self.path, criteria=self.case, default_kind="weights")
            stamp = datetime.fromtimestamp(self.path.stat().st_mtime, UTC).isoformat()
            raw = parts.raw.loc[:, self.criteria].to_numpy(dtype=np.float64)
            norm = parts.weights.loc[:, self.criteria].to_numpy(dtype=np.float64)
            for k, pid in enumerate(parts.ids):
                self._records[pid] = Record(
                    name=pid,
                    kind=str(parts.kinds[pid]),
                    values=dict(zip(self.criteria, raw[k].tolist(), strict=True)),
                    weights=dict(zip(self.criteria, norm[k].tolist(), strict=True)),
                    updated=stamp,
                )
        if self.secrets_path.exists():
            data = json.loads(self.secrets_path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in data.items()
            ):
                raise ValueError(
                    f"{self.secrets_path}: expected a JSON object of participant -> digest"
                )
            self._digests = dict(data)

    # ------------------------------------------------------------ reading
    @property
    def version(self) -> int:
        """Increases by one with every stored submission."""
        return self._version

    def records(self) -> list[Record]:
        """Every stored record, in order of first submission."""
        with self._lock:
            return list(self._records.values())

    def get(self, name: str) -> Record | None:
        """The record stored under ``name``, if any."""
        with self._lock:
            return self._records.get(name)

    def owned_by(self, secret: str | None) -> Record | None:
        """The record whose secret is ``secret`` (a browser's own answer), if any."""
        if not secret:
            return None
        digest = _digest(secret)
        with self._lock:
            for name, held in self._digests.items():
                if hmac.compare_digest(held, digest) and name in self._records:
                    return self._records[name]
        return None

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    def snapshot(self) -> tuple[int, list[Record]]:
        """The version and the records, read together."""
        with self._lock:
            return self._version, list(self._records.values())

    def participants(self) -> po.Participants | None:
        """The stored answers as :class:`policyopts.Participants` (None when empty)."""
        return self.participants_of(self.records())

    def participants_of(self, records: list[Record]) -> po.Participants | None:
        """:class:`policyopts.Participants` of ``records`` (None when empty)."""
        if not records:
            return None
        return po.read_participants(self.frame(records), criteria=self.case)

    def frame(self, records: list[Record] | None = None) -> pd.DataFrame:
        """The records as the table :func:`policyopts.read_participants` reads."""
        return records_frame(self.criteria, self.records() if records is None else records)

    def csv_text(self, records: list[Record] | None = None) -> str:
        """The participants file's text (what is written to :attr:`path`)."""
        rows = self.records() if records is None else records
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["participant", "method", *self.criteria])
        for r in rows:
            writer.writerow([r.name, r.kind, *(_fmt(r.values[c]) for c in self.criteria)])
        return buffer.getvalue()

    # ------------------------------------------------------------ writing
    def submit(self, body: object, *, secret: str | None = None) -> tuple[Record, str | None, bool]:
        """Validate and store one participant's answer.

        Parameters
        ----------
        body : mapping
            ``{"name": ..., "weights": {...}}`` or ``{"name": ..., "swing": {...}}``
            (see :func:`validate_submission`).
        secret : str, optional
            The participant's secret. A new name without one gets a fresh
            random secret; an existing name needs the secret it was first
            stored with.

        Returns
        -------
        record : Record
        new_secret : str or None
            The secret generated for a new participant (None if one was given
            or the name existed).
        created : bool
            Whether the name was new.

        Raises
        ------
        SubmissionError
            Bad input (status 400), or an existing name with a missing or
            wrong secret (status 403). Nothing is stored then.
        """
        name, kind, values = validate_submission(body, self.case)
        single = Record(name=name, kind=kind, values=values, weights={}, updated="")
        try:
            parsed = po.read_participants(
                records_frame(self.criteria, [single]), criteria=self.case
            )
        except po.CaseError as exc:
            raise SubmissionError(kind, str(exc)) from None
        row = parsed.weights.loc[:, self.criteria].to_numpy(dtype=np.float64)[0]
        weights = dict(zip(self.criteria, row.tolist(), strict=True))
        with self._lock:
            created = name not in self._records
            new_secret: str | None = None
            if created:
                if not secret:
                    new_secret = secrets.token_urlsafe(24)
                digest = _digest(secret or new_secret or "")
            else:
                held = self._digests.get(name)
                if held is None or not secret or not hmac.compare_digest(held, _digest(secret)):
                    raise SubmissionError(
                        "name",
                        f"{name!r} is already taken; only the person who submitted it "
                        "(same browser, or the secret returned on first submission) can "
                        "change it",
                        status=403,
                    )
                digest = held
            record = Record(
                name=name,
                kind=kind,
                values=values,
                weights=weights,
                updated=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            records = dict(self._records)
            records[name] = record
            digests = dict(self._digests)
            digests[name] = digest
            # the secret first: a participant on disk always has their secret
            _write(self.secrets_path, json.dumps(digests, indent=1) + "\n")
            _write(self.path, self.csv_text(list(records.values())))
            self._records = records
            self._digests = digests
            self._version += 1
        return record, new_secret, created
