"""Exceptions raised by policyopts.

Every problem with a case — a missing or unreadable file, a syntax error, a
wrong type, an unknown field, a broken cross-reference, a violated rule — is
raised as a :class:`CaseError`. It is a :class:`ValueError`, so code that
already guards against bad values catches it, and it carries each problem in a
structured form (:class:`CaseProblem`): the file, the field path and the
offending value.

Writing a file that must not be replaced (a folder, a device, a FIFO, one of
the inputs) or that the system refuses to write (read-only folder, full disk)
raises :class:`OutputError`, an :class:`OSError` naming the destination.

Numeric functions (``policyopts.methods``, ``policyopts.weights`` …) raise a
plain :class:`ValueError` naming the argument at fault.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["CaseError", "CaseProblem", "OutputError", "PolicyoptsError"]

_MISSING = object()


class PolicyoptsError(Exception):
    """Base class of the exceptions defined by policyopts."""


def _short(value: object, limit: int = 60) -> str:
    try:
        text = repr(value)
    except Exception:  # a value whose repr fails must not hide the problem
        text = "<" + type(value).__name__ + ">"
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class CaseProblem:
    """One located problem in a case.

    Attributes
    ----------
    message : str
        What is wrong, in words (``"7 > high 5"``, ``"unknown option 'foo'"``).
    path : str
        The field path inside the case, with list items named by their ids
        where they have one (``"assessments[re_partner][ct_effect].low"``);
        empty for a problem with the file as a whole.
    file : str or None
        The file the problem is in, when the case came from a file.
    line : int or None
        1-based line of the field in the file, when it could be located.
    value : object
        The offending value, or :data:`None` when there is none to show
        (``has_value`` tells the two apart).
    loc : tuple
        The raw location (field names and list indices), used to find the line.
    """

    message: str
    path: str = ""
    file: str | None = None
    line: int | None = None
    value: object = None
    has_value: bool = False
    loc: tuple[str | int, ...] = field(default=(), repr=False, compare=False)

    def __str__(self) -> str:
        where = self.file or "<case>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        parts = [where]
        if self.path:
            parts.append(self.path)
        text = ": ".join(parts) + ": " + self.message
        if self.has_value:
            shown = _short(self.value)
            if not re.search(rf"(?<![\w.+-]){re.escape(shown)}(?![\w.+-])", self.message):
                text += f" (got {shown})"
        return " ".join(text.splitlines())  # always one line


class CaseError(PolicyoptsError, ValueError):
    """A case file or case object is invalid.

    ``str(error)`` is one line naming the file, the field path and the value
    of the first problem, with a count of any further problems; every problem
    is in :attr:`problems`.

    Parameters
    ----------
    message : str
        What is wrong.
    file, path, line, value
        Where (see :class:`CaseProblem`).
    problems : sequence of CaseProblem, optional
        Several problems at once; when given, ``message`` and the location
        arguments are ignored.

    Examples
    --------
    >>> err = CaseError("7 > high 5", file="mali.yaml", path="assessments[a][b].low")
    >>> print(err)
    mali.yaml: assessments[a][b].low: 7 > high 5
    >>> isinstance(err, ValueError)
    True
    """

    problems: tuple[CaseProblem, ...]

    def __init__(
        self,
        message: str = "",
        *,
        file: str | None = None,
        path: str = "",
        line: int | None = None,
        value: object = _MISSING,
        problems: Sequence[CaseProblem] | None = None,
    ) -> None:
        if problems:
            self.problems = tuple(problems)
        else:
            has_value = value is not _MISSING
            self.problems = (
                CaseProblem(
                    message=message,
                    path=path,
                    file=file,
                    line=line,
                    value=value if has_value else None,
                    has_value=has_value,
                ),
            )
        super().__init__(self._summary())

    def _summary(self) -> str:
        first = str(self.problems[0])
        extra = len(self.problems) - 1
        if extra:
            first += f" (and {extra} more problem{'s' if extra > 1 else ''})"
        return first

    @property
    def file(self) -> str | None:
        """File of the first problem."""
        return self.problems[0].file

    @property
    def path(self) -> str:
        """Field path of the first problem."""
        return self.problems[0].path

    @property
    def value(self) -> object:
        """Offending value of the first problem (``None`` if there is none)."""
        return self.problems[0].value

    def report(self) -> str:
        """All problems, one per line."""
        return "\n".join(str(p) for p in self.problems)


class OutputError(PolicyoptsError, OSError):
    """An output file could not be written, or must not be.

    Raised by :func:`policyopts.io.write_atomic` (and so by
    :func:`~policyopts.save_case` and every command that writes a file): the
    target is a folder, a device, a FIFO or a socket, or one of the files the
    output was made from, or the operating system refused the write
    (read-only folder, full disk). The message is one line naming the
    destination, never a temporary file; the previous file, if any, is left
    as it was. It is an :class:`OSError`, so code that already guards file
    writes catches it.

    Examples
    --------
    >>> err = OutputError("out.html: is a FIFO (named pipe); refusing to replace it with a file")
    >>> isinstance(err, OSError), str(err).startswith("out.html")
    (True, True)
    """
