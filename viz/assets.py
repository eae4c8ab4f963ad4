"""Fill solara's CDN proxy cache from the npm registry, so the page renders offline.

Solara's page loads its front-end bundles through the server route ``/_solara/cdn/<spec>/<file>``.
On a cache miss the server fetches them from a public CDN; with no internet the page stays
blank. This module puts each package solara 1.64.1 requests into the cache folder
(``SOLARA_ASSETS_PROXY_CACHE_DIR``, default ``<venv>/share/solara/cdn``), in a folder named
exactly as the spec in the URL, using ``npm pack <spec>`` (the npm registry is reachable where
the CDN may not be).

    python -m viz.assets            # idempotent; a fast no-op when the cache is complete
    python -m viz.assets --check    # exit 1 if something is missing, fetch nothing

Kept free of heavy imports (solara's settings module takes over a second to import): the
cache folder is computed the way solara computes it (a test checks they agree).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SOLARA_VERSION = "1.64.1"
# Every spec solara 1.64.1 requests through its CDN proxy (templates and .vue files):
SPECS = (
    "@widgetti/solara-vuetify-app@10.1.1",  # the page bundle used with ipyvuetify < 2
    "@widgetti/solara-vuetify3-app@5.2.0",  # the bundle used with ipyvuetify 3
    "requirejs@2.3.6",
    "font-awesome@4.5.0",
    "@widgetti/vue-grid-layout@2.3.13-alpha.2",  # SolaraViz's component grid
    "vega@5",  # Altair charts (solara.FigureAltair)
    "vega-lite@5",
    "vega-embed@6",
)
# Also requested by solara, but only by solara.Markdown for maths and diagrams, which the page
# does not use (mermaid alone is tens of MB):
NOT_NEEDED = ("katex@0.16.9", "mermaid@10.8.0")
MARKER = "package.json"  # present in every npm package; written last (the folder is renamed in)
ENV_DIR = "SOLARA_ASSETS_PROXY_CACHE_DIR"


class AssetError(RuntimeError):
    pass


def cache_dir() -> Path:
    """solara's ``settings.assets.proxy_cache_dir`` (without importing solara)."""
    env = os.environ.get(ENV_DIR) or os.environ.get(ENV_DIR.lower())
    return Path(env) if env else Path(sys.prefix) / "share" / "solara" / "cdn"


def missing(cache: Path | None = None) -> list[str]:
    cache = cache or cache_dir()
    return [s for s in SPECS if not (cache / s / MARKER).is_file()]


def _npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError(
            "npm not found: it is needed once to fill solara's asset cache for offline use "
            "(install Node.js/npm, e.g. `apt-get install -y npm`, then run "
            "`python -m viz.assets`)")
    return npm


def _fetch(npm: str, spec: str, cache: Path) -> None:
    """``npm pack spec`` into a temporary folder, unpack ``package/`` and rename it in."""
    dest = cache / spec
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".fetch-") as tmp:
        proc = subprocess.run([npm, "pack", spec, "--json", "--silent", "--pack-destination",
                               tmp], capture_output=True, text=True, timeout=300, cwd=tmp)
        if proc.returncode != 0:
            raise AssetError(f"npm pack {spec} failed: {(proc.stderr or proc.stdout).strip()}")
        try:
            tarball = Path(tmp) / json.loads(proc.stdout)[0]["filename"]
        except (ValueError, LookupError, TypeError):
            raise AssetError(f"npm pack {spec}: unexpected output {proc.stdout[:200]!r}") from None
        out = Path(tmp) / "unpacked"
        with tarfile.open(tarball) as tar:
            tar.extractall(out, filter="data")
        package = out / "package"
        if not (package / MARKER).is_file():
            raise AssetError(f"npm pack {spec}: no package/{MARKER} in {tarball.name}")
        if dest.exists():  # an incomplete folder from an older, interrupted layout
            shutil.rmtree(dest)
        package.rename(dest)


def ensure(cache: Path | None = None, *, quiet: bool = False) -> list[str]:
    """Fetch whatever is missing; return the specs fetched (empty: nothing to do)."""
    cache = cache or cache_dir()
    todo = missing(cache)
    if not todo:
        return []
    npm = _npm()
    cache.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda s: _fetch(npm, s, cache), todo))
    if not quiet:
        print(f"viz.assets: fetched {len(todo)} package(s) into {cache} with npm in "
              f"{time.perf_counter() - t0:.1f} s ({size_mb(cache):.0f} MB in the cache)")
    return todo


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m viz.assets", description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only report; exit 1 if incomplete")
    ap.add_argument("--quiet", action="store_true", help="print nothing when already filled")
    args = ap.parse_args(argv)
    cache = cache_dir()
    if args.check:
        todo = missing(cache)
        print(f"viz.assets: {cache}: " + (f"missing {', '.join(todo)}" if todo else "complete"))
        return 1 if todo else 0
    try:
        fetched = ensure(cache)
    except AssetError as exc:
        print(f"viz.assets: error: {exc}", file=sys.stderr)
        return 1
    if not fetched and not args.quiet:
        print(f"viz.assets: solara {SOLARA_VERSION} asset cache complete ({cache})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
