"""Worker processes die with the sweep that started them.

The process backend's forkserver is started by the sweep; its workers are forked from the
forkserver. Neither notices on its own when the sweep is killed (``kill -9``): the workers wait
for tasks on a queue whose write end they hold themselves, and the forkserver waits for them.
So, on Linux, each asks the kernel for a parent-death signal (``prctl(PR_SET_PDEATHSIG)``):

- the forkserver imports this module first (``executor.PRELOAD``) and gets SIGKILL when the
  sweep dies (the sweep's pid is passed in ``ALLIANCESIM_SWEEP_PID``);
- each worker runs :func:`worker_init` and gets SIGKILL when the forkserver dies, and ignores
  SIGINT: on Ctrl-C the sweep, not its workers, decides what to keep.

Either also exits at once if its parent is already gone (the signal is set too late then).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PARENT_ENV = "ALLIANCESIM_SWEEP_PID"
PR_SET_PDEATHSIG = 1  # <sys/prctl.h>

SERVER_PID: int | None = None  # set in the forkserver; its forked workers inherit it


def die_with_parent(expected_parent: int) -> None:
    """SIGKILL this process when its parent exits; exit now if the parent is already gone."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != expected_parent:
        os._exit(1)


def worker_init() -> None:
    """ProcessPoolExecutor initializer of the process backend's workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if SERVER_PID is not None:
        die_with_parent(SERVER_PID)


def _on_import() -> None:
    global SERVER_PID
    sweep_pid = os.environ.get(PARENT_ENV, "")
    if sweep_pid.isdigit() and int(sweep_pid) != os.getpid():  # the forkserver, not the sweep
        SERVER_PID = os.getpid()
        die_with_parent(int(sweep_pid))


_on_import()
