"""The one bounded reader and the one atomic writer.

Every file policyopts reads (case files, evidence files, participants files)
goes through :func:`read_bounded`, and every file it writes (saved cases,
reports, exported tables) goes through :func:`write_atomic`.

- :func:`read_bounded` opens the path without blocking, checks on the open
  file that it is a regular file (not a folder, device, FIFO or socket) and
  that its size is within a limit, and only then reads, never more than the
  limit plus one byte.
- :func:`write_atomic` writes to a temporary file in the target's folder,
  flushes it to disk and renames it over the target, so a reader sees the old
  file or the new one and never a mix. It refuses to replace a folder, a
  device, a FIFO or a socket, writes through a symbolic link to the link's
  target (the link stays), and refuses to overwrite any of the files the
  output was made from.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import overload

from policyopts.exceptions import CaseError, OutputError

__all__ = ["MAX_FILE_BYTES", "read_bounded", "write_atomic"]

#: Largest file, in bytes, read by default (256 MiB). A 400 x 300 case with a
#: rationale on every score is about 30 MB of YAML.
MAX_FILE_BYTES = 256 * 2**20

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _size(n: int) -> str:
    if n >= 2**20 and n % 2**20 == 0:
        return f"{n // 2**20:,} MiB"
    if n >= 2**10 and n % 2**10 == 0:
        return f"{n // 2**10:,} KiB"
    return f"{n:,} bytes"


@overload
def read_bounded(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = ...,
    what: str,
    label: str | None = ...,
    encoding: None = ...,
) -> bytes: ...


@overload
def read_bounded(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = ...,
    what: str,
    label: str | None = ...,
    encoding: str,
) -> str: ...


def read_bounded(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_FILE_BYTES,
    what: str,
    label: str | None = None,
    encoding: str | None = None,
) -> bytes | str:
    """Read a regular file of at most ``max_bytes`` bytes.

    The file is opened without blocking (a FIFO does not hang), checked on the
    open descriptor (a regular file, not a folder, device, FIFO or socket, and
    no larger than ``max_bytes``), and read up to ``max_bytes + 1`` bytes, so
    a file that grows, or reports no size (``/proc``), cannot be read past
    the limit either.

    Parameters
    ----------
    path : str or path-like
        The file. A symbolic link is followed.
    max_bytes : int, default :data:`MAX_FILE_BYTES` (256 MiB)
        The largest file accepted.
    what : str
        What the file is, for messages (``"case file"``, ``"evidence file"``).
    label : str, optional
        How to name the file in messages (``path`` by default).
    encoding : str, optional
        Decode the bytes with this codec (``"utf-8-sig"`` accepts and drops a
        byte-order mark); bytes are returned when it is not given.

    Returns
    -------
    bytes or str

    Raises
    ------
    CaseError
        One line naming the file: not found, not a regular file, larger than
        ``max_bytes`` (the limit is named), unreadable, or not decodable with
        ``encoding`` (the offset and line of the first bad byte are named).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("hello")
    >>> read_bounded(p, max_bytes=100, what="note", encoding="utf-8")
    'hello'
    >>> read_bounded(p, max_bytes=3, what="note", label="a.txt")
    Traceback (most recent call last):
    ...
    policyopts.exceptions.CaseError: a.txt: the note is larger than the limit of 3 bytes
    """
    shown = label if label is not None else os.fspath(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise CaseError("file not found", file=shown) from None
    except IsADirectoryError:
        raise CaseError(f"cannot read the {what}: it is a folder", file=shown) from None
    except ValueError as exc:  # a NUL byte in the path
        raise CaseError(f"not a usable file path: {exc}", file=shown) from None
    except OSError as exc:
        if os.path.isdir(path):  # Windows cannot open a folder
            raise CaseError(f"cannot read the {what}: it is a folder", file=shown) from None
        reason = getattr(exc, "strerror", None) or exc
        raise CaseError(f"cannot read the file: {reason}", file=shown) from None
    try:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise CaseError(f"cannot read the {what}: it is {kind}", file=shown)
        too_big = f"the {what} is larger than the limit of {_size(max_bytes)}"
        if info.st_size > max_bytes:
            raise CaseError(too_big, file=shown)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 2**20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > max_bytes:
            raise CaseError(too_big, file=shown)
    except OSError as exc:
        raise CaseError(f"cannot read the file: {exc.strerror or exc}", file=shown) from None
    finally:
        os.close(fd)
    if encoding is None:
        return raw
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CaseError(
            f"not {encoding.upper().removesuffix('-SIG')} text: byte 0x{raw[exc.start]:02x} "
            f"at offset {exc.start} (save the file as UTF-8)",
            file=shown,
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (after resolving links)."""
    with contextlib.suppress(OSError, ValueError):
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(a) == os.path.abspath(b)


def write_atomic(
    dest: str | os.PathLike[str],
    data: str | bytes,
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> Path:
    """Write ``data`` to ``dest`` atomically.

    The data goes to a temporary file in the target's folder, is flushed to
    disk (``fsync``) and renamed over the target in one step: a reader sees
    the old file or the new one, never a mix, and on any failure (read-only
    folder, full disk) the old file is left as it was. An existing file keeps
    its permission bits; a new one gets the usual ones (``0o666`` less the
    umask).

    Parameters
    ----------
    dest : str or path-like
        Where to write. A symbolic link is followed and its target replaced
        (the link stays a link). A folder, character or block device, FIFO or
        socket is refused.
    data : str or bytes
        The content; text is written as UTF-8, newlines as given.
    inputs : sequence of str or path-like, optional
        Files the output was made from (the case file of a report, say):
        writing over any of them is refused. Paths are compared after
        resolving links (``os.path.samefile`` when both exist).

    Returns
    -------
    pathlib.Path
        ``dest`` as given (not the link's target).

    Raises
    ------
    OutputError
        One line naming ``dest`` (never the temporary file): refused target,
        an input in the way, or the operating system's reason for a failed
        write. An :class:`OSError` subclass.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(p, "one\\n") == p
    True
    >>> p.read_text()
    'one\\n'
    >>> write_atomic(p, "two\\n", inputs=[p])
    Traceback (most recent call last):
    ...
    policyopts.exceptions.OutputError: ...out.txt: refusing to overwrite an input file
    """
    path = Path(dest)
    label = os.fspath(dest)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
    except (OSError, ValueError) as exc:
        raise OutputError(f"{label}: not a usable file path: {exc}") from None
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        raise OutputError(
            f"{label}: cannot write: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    if info is not None:
        kind = _kind(info.st_mode)
        if kind is not None:
            raise OutputError(f"{label}: is {kind}; refusing to replace it with a file")
    for source in inputs:
        if _same(Path(source), target):
            raise OutputError(f"{label}: refusing to overwrite an input file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{label}: cannot write: the folder {os.fspath(folder)!r} does not exist")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None:
            mode = info.st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
        _sync_folder(folder)
    except OSError as exc:
        raise OutputError(f"{label}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return path


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk where the platform allows it (best effort)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
