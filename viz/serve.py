"""Serve the page: ``python -m viz.serve [--host H] [--port P]`` (``alliancesim viz``).

Starts ``python -m solara run viz/app.py --host H --port P --production --no-open`` as a child
process, prints the URL, and stops cleanly on Ctrl-C or SIGTERM (the child is terminated and
the exit code is 0). Binds to loopback unless told otherwise. Fills solara's offline asset
cache first if it is incomplete (:mod:`viz.assets`).
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from viz import assets

APP = Path(__file__).resolve().with_name("app.py")
ROOT = APP.parent.parent
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
READY_TIMEOUT_S = 60.0


def command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "solara", "run", str(APP), "--host", host, "--port",
            str(port), "--production", "--no-open"]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    env.setdefault("MPLBACKEND", "Agg")
    # solara warns once that a session cookie cannot be SameSite=None over plain http on a
    # host other than "localhost", and falls back to SameSite=Lax: right for this local app.
    quiet = "ignore:Cookies with samesite=none require https:UserWarning"
    env["PYTHONWARNINGS"] = ",".join(w for w in (env.get("PYTHONWARNINGS"), quiet) if w)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/"


def bind_problem(host: str, port: int) -> str | None:
    """Why this machine cannot listen on ``host:port`` (naming the flag to change), or None."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except socket.gaierror:
            return f"--host {host}: not a host name or address this machine knows"
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (f"--port {port}: cannot listen on {host}:{port}, the port is in use; "
                        "choose another --port")
            if exc.errno == errno.EACCES:
                return f"--port {port}: needs privileges (ports below 1024); choose another"
            return (f"--host {host}: cannot listen there ({exc.strerror}); use an address "
                    "of this machine, such as 127.0.0.1")
    return None


def wait_ready(address: str, proc: subprocess.Popen, timeout: float = READY_TIMEOUT_S) -> bool:
    """Poll ``address`` until HTTP 200; False if the process died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(address, timeout=2) as r:
                if r.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    return False


def stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class _Stop(Exception):
    pass


def _on_sigterm(signum, frame):
    raise _Stop


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Run the page until Ctrl-C/SIGTERM (→ 0) or until the server exits (→ its code)."""
    prog = "alliancesim viz"
    if not 0 < port < 65536:
        print(f"{prog}: error: --port {port}: expected 1-65535", file=sys.stderr)
        return 2
    problem = bind_problem(host, port)
    if problem:
        print(f"{prog}: error: {problem}", file=sys.stderr)
        return 2
    try:
        assets.ensure()
    except assets.AssetError as exc:
        print(f"{prog}: warning: {exc}. Without the cache the page needs internet access.",
              file=sys.stderr)
    address = url(host, port)
    print(f"{prog}: starting on {address}", flush=True)
    old = signal.signal(signal.SIGTERM, _on_sigterm)
    proc = subprocess.Popen(command(host, port), env=environment(), cwd=ROOT)
    try:
        if wait_ready(address, proc):
            print(f"{prog}: ready at {address} (Ctrl-C to stop)", flush=True)
        code = proc.wait()
        if code:
            print(f"{prog}: the server exited with code {code}", file=sys.stderr)
        return code
    except (KeyboardInterrupt, _Stop):
        print(f"\n{prog}: stopping", flush=True)
        stop(proc)
        return 0
    finally:
        signal.signal(signal.SIGTERM, old)
        stop(proc)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m viz.serve", description="Serve the alliancesim "
                                 "browser visualisation.")
    ap.add_argument("--host", default=DEFAULT_HOST, help=f"address (default {DEFAULT_HOST})")
    ap.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    args = ap.parse_args(argv)
    return serve(args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
