"""One writer per sweep folder: ``DIR/.lock``, held (``flock``) for the sweep's whole life.

A second sweep or ``--resume`` on the same folder gets one line and exit 2, instead of both
passing the emptiness check and writing duplicate runs. The kernel releases the lock when the
holder exits, however it dies (``kill -9`` included), so a stale lock never blocks a resume.
The file stays (removing it would race with a process that has just opened it).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from model.errors import InputError

LOCK_NAME = ".lock"


def holder(out: Path) -> str | None:
    """The pid holding ``out``'s lock, or None if nobody does (reading never creates it)."""
    path = Path(out) / LOCK_NAME
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return fh.read(32).decode(errors="replace").strip() or "?"
    return None


def _refuse(out: Path, pid: str) -> InputError:
    return InputError(out, "--out", f"another sweep (pid {pid}) is writing to this folder; "
                      "wait for it to finish (`alliancesim status` shows its progress) or "
                      "choose another --out")


def check_unlocked(out: Path) -> None:
    pid = holder(out)
    if pid is not None:
        raise _refuse(out, pid)


@contextlib.contextmanager
def sweep_lock(out: Path) -> Iterator[None]:
    """Hold ``out/.lock`` (``out`` must exist) for the ``with`` block, or refuse."""
    fd = os.open(Path(out) / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _refuse(out, os.pread(fd, 32, 0).decode(errors="replace").strip() or "?") \
                from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
