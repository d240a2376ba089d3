"""Real-browser fixtures: a `streamlit run` of the app on a free loopback port, and
Chromium from the system (no browser download) driven by playwright.

Without /usr/bin/chromium the browser tests are skipped with the reason shown;
with CI=true a missing Chromium is a failure, so CI can never skip them.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    from budget import CI
except ImportError:  # imported from outside pytest: the benchmarks reuse these helpers
    from tests.budget import CI

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("STRENGTH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Nothing still loading, and the page's main part has drawn something.
SETTLED = """() => document.querySelectorAll("[data-testid='stSkeleton']").length === 0
  && document.querySelector("[data-testid='stMain'] [data-testid='stElementContainer']") !== null"""


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = (
        f"Chromium not found at {CHROMIUM}: install it with your package manager "
        "(Debian/Ubuntu: sudo apt-get install chromium)"
    )
    if CI:
        pytest.fail(reason + " (CI=true: browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(base: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the app did not answer {base}/_stcore/health within {seconds} s")


@contextlib.contextmanager
def serve_app(log: Path, env: dict[str, str | None] | None = None) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port, with `env` added (None removes a
    variable); yields its URL."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    environment = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            _wait_healthy(f"http://127.0.0.1:{port}", process)
            yield f"http://127.0.0.1:{port}"
        except RuntimeError as error:
            pytest.fail(f"{error}\n{log.read_text(errors='replace')[-3000:]}", pytrace=False)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_chromium()
    with serve_app(tmp_path_factory.mktemp("streamlit") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, tmp_path: Path) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def wait_for_app(page: object, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has connected, the script has finished its run and the page
    has settled: a first visit reruns itself (the link is made canonical), so one idle
    moment between two runs is not enough; the page must draw its main part and stay
    idle, at the same address, across two looks."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout_ms
    )
    deadline = time.monotonic() + timeout_ms / 1000
    seen: str | None = None
    while True:
        page.wait_for_selector(IDLE, timeout=timeout_ms)
        page.wait_for_function(SETTLED, timeout=timeout_ms)
        here = page.url
        if here == seen:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page never settled: {page.url}")
        seen = here
        page.wait_for_timeout(100)


def settle_after(page: object, timeout_ms: int = 30_000) -> None:
    """After an interaction: wait for the rerun it starts to finish."""
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=timeout_ms)


__all__ = ["serve_app", "settle_after", "wait_for_app"]
