"""One end-to-end run in a real browser: Debian's chromium driven by Playwright (no browser download).

The app is started with `streamlit run` on 127.0.0.1 over the shared test index; the browser is
launched with flags that keep it from reaching the network in the background, and every request
to a host other than 127.0.0.1 is aborted and reported. Screenshots go to test-output/.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from app.settings import PROJECT_ROOT
from tests.conftest import TODAY

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = PROJECT_ROOT / "test-output"
QUESTION = "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题"
# Asked on the warm app: a new question, so no query embedding is served from the cache.
SECOND_QUESTION = "我们是苏州一家80人的五金厂，年营收3000万，想用AI做产品质检，预算10万"
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not at /usr/bin/chromium (apt-get install chromium)",
    ),
    pytest.mark.skipif(
        importlib.util.find_spec("playwright") is None,
        reason="the playwright package is not installed (pip install -e '.[dev]')",
    ),
]
FIRST_TOKEN_JS = """() => {
  const messages = document.querySelectorAll('[data-testid=stChatMessage]');
  if (messages.length < 2) return false;
  const text = messages[1].querySelector('[data-testid=stMarkdownContainer]');
  return !!text && text.innerText.trim().length > 0;
}"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(shared_data_dir: Path, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "AIPACK_PATHS__DATA_DIR": str(shared_data_dir),
        "AIPACK_ADVISOR__TODAY": TODAY,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    log = (tmp_path / "streamlit.log").open("wb")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app" / "ui" / "streamlit_app.py"),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with {process.returncode}:\n{_tail(tmp_path / 'streamlit.log')}"
                )
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.read().decode() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit was not healthy within 90 s:\n{_tail(tmp_path / 'streamlit.log')}")
            time.sleep(0.2)
        print(f"\nserver healthy after {time.perf_counter() - started:.1f} s")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-3000:]


def _ask(page: Any, url: str, question: str) -> dict[str, float]:
    """Open the app, ask the question and wait for the full answer; returns timings in seconds."""
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    box = page.locator("[data-testid=stChatInputTextArea]")
    box.wait_for(state="visible", timeout=60_000)
    ready = time.perf_counter()
    box.fill(question)
    box.press("Enter")
    submitted = time.perf_counter()
    page.wait_for_function(FIRST_TOKEN_JS, polling="raf", timeout=60_000)
    first_token = time.perf_counter()
    page.get_by_text("建议的AI赋能包").first.wait_for(timeout=60_000)
    page.locator("[data-testid=stExpander]", has_text="引用来源").first.wait_for(timeout=60_000)
    page.locator("[data-testid=stDownloadButton]").first.wait_for(timeout=60_000)
    page.locator("[data-testid=stTable]").first.wait_for(timeout=60_000)
    page.wait_for_timeout(800)  # let the last run settle (status widget, sidebar form)
    return {
        "load_to_input": ready - started,
        "submit_to_first_token": first_token - submitted,
        "load_to_first_token": first_token - started,
        "submit_to_answer": time.perf_counter() - submitted,
    }


def _full_height_screenshot(page: Any, path: Path, width: int) -> None:
    """Streamlit scrolls inside its main block; grow the viewport to show the whole conversation."""
    height = page.evaluate(
        "() => { const main = document.querySelector('[data-testid=stAppScrollToBottomContainer]');"
        " return main ? main.scrollHeight : document.documentElement.scrollHeight; }"
    )
    page.set_viewport_size({"width": width, "height": min(int(height) + 200, 8_000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))


def test_browser_asks_and_sees_the_answer_with_citations(server: str, tmp_path: Path):
    from playwright import sync_api

    OUTPUT.mkdir(exist_ok=True)
    blocked: list[str] = []

    def only_loopback(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=BROWSER_ARGS,
            viewport={"width": 1280, "height": 900},
            locale="zh-CN",
            service_workers="block",
        )
        try:
            context.route("**/*", only_loopback)
            page = context.pages[0] if context.pages else context.new_page()
            cold = _ask(page, server, QUESTION)  # a fresh server: the first visit also loads the models
            assistant = page.locator("[data-testid=stChatMessage]").nth(1)
            answer = assistant.locator("[data-testid=stMarkdownContainer]").first.inner_text()
            assert "建议的AI赋能包" in answer and "[1]" in answer
            page.locator("[data-testid=stExpander]", has_text="引用来源").first.click()
            page.locator("[data-testid=stExpanderDetails] blockquote").first.wait_for(timeout=10_000)
            page.locator("[data-testid=stExpander] summary").first.click()  # fold it again for the picture
            page.wait_for_timeout(300)
            page.screenshot(path=str(OUTPUT / "ui-desktop.png"))
            _full_height_screenshot(page, OUTPUT / "ui-desktop-full.png", 1280)

            mobile = context.new_page()
            mobile.set_viewport_size({"width": 390, "height": 844})
            warm = _ask(mobile, server, SECOND_QUESTION)  # the same server, warm
            mobile.screenshot(path=str(OUTPUT / "ui-mobile.png"))
            _full_height_screenshot(mobile, OUTPUT / "ui-mobile-full.png", 390)
        finally:
            context.close()
    for name, timings in (("cold app", cold), ("warm app", warm)):
        print(f"{name}: " + ", ".join(f"{key} {seconds:.2f} s" for key, seconds in timings.items()))
    print(f"blocked off-host requests: {blocked}" if blocked else "no off-host requests")
    assert not blocked, f"the page tried to reach the network: {blocked}"
