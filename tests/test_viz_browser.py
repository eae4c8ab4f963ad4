"""The browser visualisation in a real browser: Debian's headless Chromium driven by Playwright.

A module fixture serves the page with ``python -m viz.serve`` on a free loopback port; the test
loads it, steps it, switches the edge layer, resets it with another scenario and with the paired
comparison, and checks that nothing failed: no HTTP responses >= 400, no page errors, no console
errors or warnings, no requests off loopback. A second test runs the what-if loop (form,
divergence after the event's date, k-seed bands, the saved scenario run from the CLI, a
download). The final pages are saved to ``tests/artifacts/viz.png`` and ``viz_whatif.png``;
with ``UPDATE_SCREENSHOT=1`` the latter also to ``docs/viz.png`` (the README's).

Chromium is Debian's (``apt-get install -y chromium``; ``.ci/run`` installs it). Under
``CI=true`` a missing browser fails the test; elsewhere it skips. pytest-playwright's fixtures
are not used (they must not be mixed with ``sync_playwright()`` in one process).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS_SCREENSHOT = ROOT / "docs" / "viz.png"
DOCS_MAX_BYTES = 400_000
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
START_TIMEOUT_S = 60.0
UI_TIMEOUT_MS = 30_000

pytestmark = pytest.mark.browser


def _unavailable(reason: str) -> None:
    """Fail under CI (the browser test must run there), skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser test must run)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``python -m viz.serve`` on a free port; yields the URL; stops it with Ctrl-C (SIGINT to
    its process group, as a terminal does) and checks that it exits cleanly with code 0."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found: install Debian's chromium "
                     "(apt-get update && apt-get install -y chromium)")
    from viz import assets

    try:
        assets.ensure()
    except assets.AssetError as exc:
        _unavailable(f"solara's offline asset cache is incomplete and cannot be filled: {exc}")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path_factory.mktemp("viz") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "viz.serve", "--host", "127.0.0.1",
                                 "--port", str(port)], cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_http_ok(url, proc, log)
    except BaseException:
        _kill(proc)
        raise
    yield url
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal signals the whole group
    try:
        code = proc.wait(20)
    except subprocess.TimeoutExpired:
        _kill(proc)
        code = None
    text = log.read_text(errors="replace")
    assert code == 0, f"the server did not stop cleanly on Ctrl-C (code {code}):\n{text}"
    assert "Traceback" not in text, text


def _wait_http_ok(url: str, proc: subprocess.Popen, log: Path) -> None:
    """Poll until HTTP 200; fail at once if the server died, or after START_TIMEOUT_S."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if proc.poll() is not None:
            pytest.fail(f"the server exited with code {proc.returncode}:\n"
                        f"{log.read_text(errors='replace')}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"no HTTP 200 from {url} within {START_TIMEOUT_S:.0f} s:\n"
                        f"{log.read_text(errors='replace')}", pytrace=False)
        time.sleep(0.25)


def _kill(proc: subprocess.Popen) -> None:
    """Kill the server's process group (it was started in a new session)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _png(locator) -> bytes:
    return locator.screenshot(animations="disabled")


def _wait_changed(locator, before: bytes, what: str, timeout_s: float = 15.0) -> bytes:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = _png(locator)
        if now != before:
            return now
        time.sleep(0.2)
    pytest.fail(f"{what} did not change within {timeout_s:.0f} s")


def _choose_scenario(page, name: str) -> None:
    page.locator(".v-select").filter(has_text="Scenario").click()
    page.get_by_role("option", name=name, exact=True).click()


def _reset(page, expect, locator, text: str) -> None:
    """Click Reset and wait for ``text`` in ``locator``. The browser sends widget state to the
    server throttled while the server is busy (ipywidgets), so a click can overtake a control
    change made just before it; one more Reset then applies it."""
    page.get_by_role("button", name="Reset").click()
    try:
        expect(locator).to_contain_text(text, timeout=10_000)
    except AssertionError:
        page.get_by_role("button", name="Reset").click()
        expect(locator).to_contain_text(text)


def _months_per_step(page, expect, months: int) -> None:
    """Set Mesa's Render Interval slider (1 + 2·k) to ``months`` with the keyboard."""
    interval = page.get_by_role("slider", name="Render Interval (steps)")
    interval.focus()
    interval.press("Home")
    for _ in range((months - 1) // 2):
        interval.press("ArrowRight")
    expect(interval).to_have_attribute("aria-valuenow", str(months))
    page.wait_for_timeout(1000)


def _watch(page) -> list[str]:
    """Collect what must not happen on the page: console errors and warnings, page errors,
    requests off loopback, HTTP responses >= 400."""
    problems: list[str] = []

    def on_console(msg):
        if msg.type in ("error", "warning"):
            problems.append(f"console {msg.type}: {msg.text}")

    def on_request(req):
        parts = urlsplit(req.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK:
            problems.append(f"request off loopback: {req.url}")

    def on_response(resp):
        if resp.status >= 400:
            problems.append(f"HTTP {resp.status}: {resp.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("request", on_request)
    page.on("response", on_response)
    return problems


@contextmanager
def _opened(tmp_path: Path, url: str, height: int):
    """Chromium on the page, loaded (January 2013 shown), with its problems watched."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1600, "height": height}, accept_downloads=True)
        try:
            page = ctx.new_page()
            problems = _watch(page)
            page.set_default_timeout(UI_TIMEOUT_MS)
            expect.set_options(timeout=UI_TIMEOUT_MS)
            page.goto(url)
            expect(page.locator(".as-date")).to_have_text("January 2013", timeout=60_000)
            yield page, problems
        finally:
            ctx.close()


def test_page_in_browser(server, tmp_path):
    from playwright.sync_api import expect

    from viz.controls import COMPARE_LABEL

    with _opened(tmp_path, server, 1000) as (page, problems):
        # --- loads: the date, the network and the plots
        date = page.locator(".as-date")
        expect(page.locator(".as-scenario")).to_have_text("baseline")
        for name in ("network", "china_share", "threat", "firms", "trust"):
            img = page.locator(f"img.as-{name}")
            expect(img).to_be_visible()
            assert img.evaluate("e => e.naturalWidth") > 300, name
        expect(page.get_by_text("Next scheduled events")).to_be_visible()

        # --- Step: one month on, and a plot changes
        threat = page.locator("img.as-threat")
        before = _png(threat)
        page.get_by_role("button", name="Step").click()
        expect(date).to_have_text("February 2013")
        _wait_changed(threat, before, "the threat plot after Step")

        # --- the edge-layer switch redraws the network
        network = page.locator("img.as-network")
        before = _png(network)
        page.get_by_role("button", name="sanctions", exact=True).click()
        _wait_changed(network, before, "the network after switching to sanctions")
        page.get_by_role("button", name="trust", exact=True).click()

        # --- Reset with another scenario
        _choose_scenario(page, "no_pact")
        _reset(page, expect, page.locator(".as-scenario"), "no_pact")
        expect(page.locator(".as-scenario")).to_have_text("no_pact")
        expect(date).to_have_text("January 2013")

        # --- Reset with the paired comparison (baseline vs no_pact, same seed), then run
        # past the treaty: Render Interval 51 months per Step. (Widget state is sent to the
        # server throttled, so the first Steps may still use a smaller interval.)
        _choose_scenario(page, "baseline")
        page.get_by_text(COMPARE_LABEL).click()
        _reset(page, expect, page.locator(".as-run"), "compared with no_pact")
        expect(page.locator(".as-scenario")).to_have_text("baseline")
        _months_per_step(page, expect, 51)
        for _ in range(12):
            shown = date.inner_text()
            page.get_by_role("button", name="Step").click()
            expect(date).not_to_have_text(shown)
            if int(date.inner_text()[-4:]) >= 2025:
                break
        assert int(date.inner_text()[-4:]) >= 2025, date.inner_text()
        expect(page.locator(".as-log")).to_contain_text("treaty signed")
        page.wait_for_timeout(1500)  # let the last images arrive

        # --- the screenshot (the whole grid)
        page.set_viewport_size({"width": 1600, "height": 2250})
        page.wait_for_timeout(1000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / "viz.png"
        page.screenshot(path=str(shot))

    assert not problems, "\n".join(problems)


def _write_docs_screenshot(shot: Path) -> None:
    """docs/viz.png for the README: the artifact, scaled to 1200 px wide and palettised."""
    from PIL import Image

    with Image.open(shot) as im:
        im = im.convert("RGB")
        small = im.resize((1200, round(im.height * 1200 / im.width)), Image.Resampling.LANCZOS)
        pal = small.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        buf = io.BytesIO()
        pal.save(buf, format="png", optimize=True)
    data = buf.getvalue()
    assert len(data) < DOCS_MAX_BYTES, f"docs screenshot is {len(data)} bytes"
    tmp = DOCS_SCREENSHOT.with_suffix(".tmp")
    tmp.write_bytes(data)
    shutil.move(tmp, DOCS_SCREENSHOT)


def _option(page, name: str):
    """An option of the open select menu (closed menus stay in the page, hidden)."""
    return page.locator(".menuable__content__active").get_by_role("option", name=name,
                                                                   exact=True)


def _pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the what-if card's select labelled ``label``."""
    page.locator(".as-whatif .v-select").filter(has_text=label).first.click()
    _option(page, option).click()


def test_whatif_bands_and_downloads_in_browser(server, tmp_path):
    """The analyst's loop: add "China sanctions Russia, 2026-01" through the form; the run
    restarts with the unmodified baseline dashed; the runs agree before 2026-01 and diverge
    from it; bands of 2 seeds arrive from the worker; the scenario saved from the page runs
    from the CLI; the timeseries download is the run's table; removing the event restores the
    plain run. No console errors, no requests off loopback."""
    import pandas as pd
    from playwright.sync_api import expect

    with _opened(tmp_path, server, 1400) as (page, problems):
        date = page.locator(".as-date")

        # --- the form: sanctions (the default type), senders CHN (not RUS), target RUS
        card = page.locator(".as-whatif")
        expect(card).to_contain_text("What if? Add an event to baseline")
        page.locator(".as-whatif .v-select").filter(has_text="senders").first.click()
        _option(page, "CHN").click()
        _option(page, "RUS").click()
        page.keyboard.press("Escape")
        _pick(page, "target", "RUS")
        date_box = card.get_by_label("Date (YYYY-MM)")
        date_box.fill("2026-01")
        date_box.press("Enter")
        card.get_by_role("button", name="Add event and restart").click()
        expect(page.locator(".as-added")).to_have_text(
            "2026-01 sanctions: senders CHN; target RUS; intensity 0.5; mode raise")
        expect(page.locator(".as-scenario")).to_have_text("baseline_whatif")
        expect(page.locator(".as-run")).to_contain_text("compared with baseline")

        # --- step past 2026-01 (Render Interval 51 months per Step): no divergence before,
        # divergence from 2026-01 after
        _months_per_step(page, expect, 51)
        div = page.locator(".as-divergence")
        for _ in range(12):
            shown = date.inner_text()
            if dt.datetime.strptime(shown, "%B %Y") >= dt.datetime(2026, 1, 1):
                break
            expect(div).to_contain_text("no divergence")
            page.get_by_role("button", name="Step").click()
            expect(date).not_to_have_text(shown)
        expect(div).to_contain_text("diverges from the unmodified run from 2026-01")

        # --- bands: 2 seeds of each variant, in the worker
        k = page.get_by_role("slider", name="seeds k")
        k.focus()
        k.press("Home")
        expect(k).to_have_attribute("aria-valuenow", "2")
        page.wait_for_timeout(500)
        trust = page.locator("img.as-trust")
        before = _png(trust)
        page.get_by_role("button", name="Run 2 seeds of each variant").click()
        expect(page.locator(".as-bands-done")).to_contain_text("seeds 1–2", timeout=180_000)
        _wait_changed(trust, before, "the trust plot after the bands")

        # --- save the scenario; it runs from the CLI
        with page.expect_download() as dl:
            page.get_by_text("Save scenario (TOML)").click()
        saved = tmp_path / "baseline_whatif.toml"
        dl.value.save_as(saved)
        out = tmp_path / "cli-run"
        cli = subprocess.run([sys.executable, "-m", "experiments.cli", "run", "--scenario",
                              str(saved), "--end", "2026-03", "--out", str(out),
                              "--no-relations"], cwd=ROOT, capture_output=True, text=True,
                             timeout=300)
        assert cli.returncode == 0, cli.stderr
        ran = pd.read_parquet(out / "events.parquet")
        assert "whatif_sanctions_2026_01" in set(ran["id"])

        # --- the timeseries download is this run's table up to the month shown
        with page.expect_download() as dl:
            page.get_by_text("-timeseries.csv").click()
        csv = tmp_path / "ts.csv"
        dl.value.save_as(csv)
        ts = pd.read_csv(csv)
        assert len(ts) == int(ts["step"].max()) > 150 and "rus_trade_share_chn" in ts

        # --- the screenshot of the page with a what-if run and bands
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1600, "height": 2250})
        page.wait_for_timeout(1500)
        shot = ARTIFACTS / "viz_whatif.png"
        page.screenshot(path=str(shot))

        # --- remove the event: the plain baseline again
        page.locator(".as-remove").click()
        expect(page.locator(".as-scenario")).to_have_text("baseline")
        expect(page.locator(".as-added")).to_have_count(0)

    assert not problems, "\n".join(problems)
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        _write_docs_screenshot(shot)
