"""A real server over the repository's data/ and a real headless Chromium (Debian's), for tests/e2e."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from app.main import create_app
from app.settings import REPO_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(
        create_app(Settings(data_dir=REPO_ROOT / "data")), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


# Module scope: the sync API runs an event loop in this thread while it lives, which would break
# later tests that call asyncio.run().
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing, and CI must run the browser tests")
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _page(browser: object, base_url: str, bypass_csp: bool) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, base_url=base_url, bypass_csp=bypass_csp
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.console_errors = errors
    yield tab
    context.close()
    assert errors == [], f"console errors: {errors}"


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    """A fresh page at desktop width, under the site's CSP, that fails the test on any console error."""
    yield from _page(browser, base_url, bypass_csp=False)


@pytest.fixture
def axe_page(browser: object, base_url: str) -> Iterator[object]:
    """The same, but the test may inject axe-core (an inline script the site's CSP rightly refuses)."""
    yield from _page(browser, base_url, bypass_csp=True)
