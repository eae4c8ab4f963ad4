"""The ``alliancesim viz`` sub-command (wired into experiments/cli.py). Imports nothing heavy:
the server starts in a child process."""

from __future__ import annotations

import argparse

from viz.serve import DEFAULT_HOST, DEFAULT_PORT


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--port: expected an integer, got {text!r}") from None
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError("--port: expected 1-65535")
    return value


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "viz", help="serve the browser visualisation (SolaraViz)",
        description="Serve the interactive browser visualisation: the state system as a "
        "network on a world map, the date and next events, time series, the event log, "
        "controls (scenario, seed, key parameters, a paired no_pact comparison), what-if "
        "events added from the page (saved as a scenario file), k-seed uncertainty bands and "
        "downloads. Works offline. Prints the URL; Ctrl-C stops it.")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT,
                   help=f"port to listen on (default: {DEFAULT_PORT})")
    return p


def run(args) -> int:
    from viz.serve import serve

    return serve(args.host, args.port)
