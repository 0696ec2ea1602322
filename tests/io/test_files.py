"""The one bounded reader and the one atomic writer (``policyopts.io._files``)."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

import policyopts as po
from policyopts.io import read_bounded, write_atomic

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this OS")


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    try:
        os.mkfifo(path)
    except OSError as exc:  # pragma: no cover - some filesystems refuse FIFOs
        pytest.skip(f"cannot make a FIFO here: {exc}")
    return path


# ---------------------------------------------------------------- writer
def test_write_atomic_writes_text_and_bytes(tmp_path: Path) -> None:
    dest = tmp_path / "out.txt"
    assert write_atomic(dest, "é\n") == dest
    assert dest.read_bytes() == "é\n".encode()
    write_atomic(dest, b"\x00\x01")
    assert dest.read_bytes() == b"\x00\x01"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_write_atomic_keeps_the_mode_of_an_existing_file(tmp_path: Path) -> None:
    dest = tmp_path / "out.txt"
    dest.write_text("old")
    dest.chmod(0o640)
    write_atomic(dest, "new")
    assert stat.S_IMODE(dest.stat().st_mode) == 0o640
    assert dest.read_text() == "new"


def test_write_atomic_refuses_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "d.html"
    folder.mkdir()
    with pytest.raises(po.OutputError, match=r"d\.html: is a folder"):
        write_atomic(folder, "x")
    assert folder.is_dir()


@needs_fifo
def test_write_atomic_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, "out.html")
    with pytest.raises(po.OutputError, match="is a FIFO"):
        write_atomic(fifo, "x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_write_atomic_refuses_a_character_device() -> None:
    if not os.path.exists(os.devnull) or not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("no character device at os.devnull")
    with pytest.raises(po.OutputError, match="is a character device"):
        write_atomic(os.devnull, "x")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real" / "case.yaml"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.yaml"
    try:
        link.symlink_to(target)
    except OSError as exc:  # pragma: no cover - Windows without the privilege
        pytest.skip(f"cannot make a symlink: {exc}")
    write_atomic(link, "new")
    assert link.is_symlink()
    assert target.read_text() == "new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["case.yaml"]


def test_write_atomic_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    src = tmp_path / "case.yaml"
    src.write_text("keep")
    with pytest.raises(po.OutputError, match="refusing to overwrite an input"):
        write_atomic(tmp_path / "." / "case.yaml", "x", inputs=[src])
    if hasattr(os, "symlink"):
        link = tmp_path / "alias.yaml"
        link.symlink_to(src)
        with pytest.raises(po.OutputError, match="input"):
            write_atomic(link, "x", inputs=[str(src)])
    assert src.read_text() == "keep"
    write_atomic(tmp_path / "other.yaml", "x", inputs=[src])  # another name is fine


def test_write_atomic_failure_names_dest_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policyopts.io._files as files

    dest = tmp_path / "out.txt"
    dest.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(po.OutputError) as info:
        write_atomic(dest, "new")
    message = str(info.value)
    assert message.startswith(str(dest)) and "No space left on device" in message
    assert ".tmp" not in message and "\n" not in message
    assert isinstance(info.value, OSError)
    assert dest.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(po.OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.txt", "x")


def test_save_case_uses_the_writer(tmp_path: Path) -> None:
    case = po.load_case("mali")
    folder = tmp_path / "case.yaml"
    folder.mkdir()
    with pytest.raises(po.OutputError, match="is a folder"):
        po.save_case(case, folder)


# ---------------------------------------------------------------- reader
def test_read_bounded_reads_and_decodes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfhi")
    assert read_bounded(path, max_bytes=10, what="note") == b"\xef\xbb\xbfhi"
    assert read_bounded(path, max_bytes=10, what="note", encoding="utf-8-sig") == "hi"


def test_read_bounded_refuses_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(po.CaseError, match=r"a\.txt: the note is larger than the limit of 1 KiB"):
        read_bounded(path, max_bytes=1024, what="note")
    with pytest.raises(po.CaseError, match="limit of 2,047 bytes"):
        read_bounded(path, max_bytes=2047, what="note")
    assert len(read_bounded(path, max_bytes=2048, what="note")) == 2048


def test_read_bounded_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(po.CaseError, match="cannot read the case file: it is a folder"):
        read_bounded(tmp_path, max_bytes=10, what="case file")


def test_read_bounded_refuses_devices() -> None:
    for dev in ("/dev/zero", "/dev/urandom"):
        if not os.path.exists(dev):
            pytest.skip(f"no {dev}")
        with pytest.raises(
            po.CaseError, match="cannot read the case file: it is a character device"
        ):
            read_bounded(dev, max_bytes=10, what="case file")


@needs_fifo
def test_read_bounded_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, "case.yaml")
    with pytest.raises(po.CaseError, match="is a FIFO"):
        read_bounded(fifo, max_bytes=10, what="case file")


def test_read_bounded_missing_and_bad_bytes(tmp_path: Path) -> None:
    with pytest.raises(po.CaseError, match="file not found"):
        read_bounded(tmp_path / "nope", max_bytes=10, what="note")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff")
    with pytest.raises(po.CaseError, match=r"bad\.txt:2: not UTF-8 text: byte 0xff at offset 3"):
        read_bounded(bad, max_bytes=10, what="note", encoding="utf-8")


def test_validate_dev_zero_is_refused_quickly() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    from policyopts.cli import main

    assert main(["validate", "/dev/zero"]) == 1


@needs_fifo
def test_save_case_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path, "case.yaml")
    with pytest.raises(po.OutputError, match=r"case\.yaml: is a FIFO"):
        po.save_case(po.load_case("mali"), fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_save_case_over_a_symlinked_case_updates_the_target(tmp_path: Path) -> None:
    case = po.load_case("mali")
    target = po.save_case(case, tmp_path / "real.yaml")
    link = tmp_path / "link.yaml"
    try:
        link.symlink_to(target)
    except OSError as exc:  # pragma: no cover
        pytest.skip(f"cannot make a symlink: {exc}")
    changed = case.model_copy(update={"title": "Changed through the link"})
    po.save_case(changed, link)
    assert link.is_symlink()
    assert po.load_case(target).title == "Changed through the link"


def test_save_case_to_dev_null_is_refused() -> None:
    if not os.path.exists(os.devnull) or not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("no character device at os.devnull")
    with pytest.raises(po.OutputError, match="character device"):
        po.save_case(po.load_case("mali"), os.devnull, format="yaml")
