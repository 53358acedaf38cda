"""Seen in a real browser: the docs' Mermaid diagrams and the notebook HTML render in headless Chromium.

Debian's ``/usr/bin/chromium`` is driven over the DevTools protocol through a
pipe (``--remote-debugging-pipe``: no port, no websocket library). Pages come
from a local ``http.server``; the browser runs without network, so a page that
needs anything from the internet (Mermaid from a CDN, a web font) fails here.
A test fails on a JavaScript exception, a console error, a request that leaves
this machine, or a diagram that did not render; it keeps a screenshot of every
page it loads (under ``$ADSERVICE_ARTIFACTS``, default: pytest's temporary
folder).

The tests skip when Chromium is not installed; ``.ci/browser`` installs it and
sets ``ADSERVICE_REQUIRE_BROWSER=1``, which turns every skip into a failure.
The docs-site test builds the site with MkDocs (the ``docs`` extra), or uses
the one at ``$ADSERVICE_DOCS_SITE``.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html
import importlib.util
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ADSERVICE_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("ADSERVICE_REQUIRE_BROWSER") == "1"
MERMAID = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
STAGES = (
    "intent",
    "pitch",
    "contract",
    "brief",
    "creative",
    "approval",
    "media_booking",
    "post_analysis",
    "closed",
    "lost",
    "cancelled",
    "on_hold",
)
PRINT_STEPS = ("creative_concept", "copy_and_layout", "final_art", "colour_proof", "film")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


def _unavailable(reason: str) -> None:
    """Skip, or fail when .ci/browser asked for the browser test to run."""
    if REQUIRED:
        pytest.fail(f"{reason} (ADSERVICE_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe (fd 3 in, fd 4 out)."""

    def __init__(self, profile: Path, log: Path) -> None:
        # The shell hands our pipes to Chromium as fds 3 and 4, then points its stdio elsewhere.
        script = 'exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null'
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            ["sh", "-c", script, CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
        )
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next = 0
        self.events: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.call("Browser.getVersion", timeout=60)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        buffer = b""
        while chunk := self.proc.stdout.read1(65536):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._inbox.put(json.loads(message))
        self._inbox.put(None)

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = 30,
    ) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message).encode() + b"\0")
        self.proc.stdin.flush()
        while True:
            try:
                reply = self._inbox.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"Chromium did not answer {method} within {timeout} s") from None
            if reply is None:
                raise AssertionError(f"Chromium exited while answering {method}; see {self._log.name}")
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise AssertionError(f"{method} failed: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def pump(self, seconds: float) -> None:
        """Collect the events that arrive within ``seconds``."""
        with contextlib.suppress(queue.Empty):
            while (event := self._inbox.get(timeout=seconds)) is not None:
                self.events.append(event)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.call("Browser.close", timeout=10)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self._log.close()


class Page:
    """One tab: load a URL, read the DOM (shadow roots included), take a screenshot."""

    def __init__(self, browser: DevTools) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network", "DOM"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
        )
        self.first_event = 0

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, self.session)

    def load(self, url: str) -> None:
        self.first_event = len(self.browser.events)
        self.call("Page.navigate", {"url": url})
        for _ in range(300):
            if any(e.get("method") == "Page.loadEventFired" for e in self.mine()):
                return
            self.browser.pump(0.1)
        raise AssertionError(f"{url} did not finish loading")

    def mine(self) -> list[dict[str, Any]]:
        return [e for e in self.browser.events[self.first_event :] if e.get("sessionId") == self.session]

    def evaluate(self, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            raise AssertionError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def diagrams(self) -> list[str]:
        """The text of every rendered Mermaid ``<svg>``, shadow roots (Material's) included."""
        tree = self.call("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        found: list[str] = []

        def text(node: dict[str, Any]) -> str:
            own = node.get("nodeValue", "") if node.get("nodeType") == 3 else ""
            children = node.get("children", []) + node.get("shadowRoots", [])
            return own + " ".join(text(c) for c in children)

        def walk(node: dict[str, Any], in_mermaid: bool) -> None:
            attributes = node.get("attributes", [])
            classes = dict(zip(attributes[::2], attributes[1::2], strict=True)).get("class", "")
            in_mermaid = in_mermaid or "mermaid" in classes.split()
            if node.get("nodeName", "").lower() == "svg" and in_mermaid:
                found.append(" ".join(text(node).split()))
                return
            for child in node.get("children", []) + node.get("shadowRoots", []):
                walk(child, in_mermaid)

        walk(tree, False)
        return found

    def wait_for_diagrams(self, count: int) -> list[str]:
        for _ in range(200):
            svgs = self.diagrams()
            if len(svgs) >= count and all(svgs):
                return svgs
            self.browser.pump(0.1)
        raise AssertionError(f"expected {count} rendered diagrams, found {len(self.diagrams())}")

    def problems(self) -> list[str]:
        """JavaScript exceptions, console and log errors, and requests that leave this machine."""
        out = []
        for event in self.mine():
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                out.append(f"exception: {details.get('exception', {}).get('description') or details['text']}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                out.append(f"console.{params['type']}: {[a.get('value') for a in params.get('args', [])]}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                out.append(f"log: {params['entry']['text']} {params['entry'].get('url', '')}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                parts = urlsplit(url)
                if parts.scheme not in {"data", "blob", "about"} and parts.hostname != "127.0.0.1":
                    out.append(f"request off this machine: {url}")
        return out

    def screenshot(self, path: Path) -> None:
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        height = min(int(size["height"]) + 1, 8000)
        shot = self.call(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1},
            },
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(
            f"Chromium is not installed at {CHROMIUM} (apt-get install chromium, or run .ci/browser)"
        )
    folder = tmp_path_factory.mktemp("chromium")
    devtools = DevTools(folder / "profile", folder / "chromium.log")
    try:
        yield devtools
    finally:
        devtools.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("ADSERVICE_ARTIFACTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on 127.0.0.1 (a free port), in a thread, for the duration of the block."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("ADSERVICE_DOCS_SITE")
    if given:
        site = Path(given)
        assert (site / "index.html").is_file(), f"ADSERVICE_DOCS_SITE={given} holds no built site"
        return site
    if importlib.util.find_spec("mkdocs") is None:
        _unavailable(
            "MkDocs is not installed to build the docs site (pip install -e '.[docs]', or .ci/browser)"
        )
    site = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return site


def _check_calendar(page: Page) -> None:
    cells = page.evaluate(
        """Object.fromEntries(
            [...document.querySelectorAll('td[data-kind][data-date^="2025-10-"]')].map(td => [
            td.dataset.date,
            [td.dataset.kind, getComputedStyle(td).backgroundColor, td.getBoundingClientRect().width]]))"""
    )
    assert cells, "no month grid on the page"
    assert cells["2025-10-01"][:2] == ["public_holiday", "rgb(254, 226, 226)"]
    assert cells["2025-10-11"][:2] == ["makeup_working_day", "rgb(254, 243, 199)"]
    assert cells["2025-10-09"][:2] == ["working", "rgb(255, 255, 255)"]
    assert all(width > 10 for _, _, width in cells.values()), "a day cell is not visible"
    bars = page.evaluate("document.querySelectorAll('td[data-bar=\"step\"]').length")
    assert bars == 9, f"expected the print plan's 9 working-day bars, found {bars}"


def _check_lifecycle(svg: str) -> None:
    missing = [stage for stage in STAGES if stage not in svg]
    assert not missing, f"the lifecycle diagram lacks {missing}: {svg[:300]}"
    assert "Syntax error" not in svg


# -- tests --------------------------------------------------------------------------------------


def test_library_html_and_mermaid_text_render(browser: DevTools, artifacts: Path, tmp_path: Path) -> None:
    """The library's own output, with the vendored Mermaid: no MkDocs needed."""
    from adservice import WorkCalendar, demo_engagement, lifecycle_mermaid, plan

    ad = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    body = "\n".join(
        (
            WorkCalendar("CN").month(2025, 10)._repr_html_(),
            ad._repr_html_(),
            demo_engagement()._repr_html_(),
            f'<pre class="mermaid">{html.escape(lifecycle_mermaid())}</pre>',
            f'<pre class="mermaid">{html.escape(ad.plan_mermaid())}</pre>',
        )
    )
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>adservice</title>'
        '<link rel="icon" href="data:,"></head>'
        f"<body>{body}"
        '<script src="mermaid.min.js"></script>'
        "<script>mermaid.initialize({startOnLoad: false});"
        "mermaid.run({querySelector: 'pre.mermaid'}).catch(e => console.error(String(e)));</script>"
        "</body></html>",
        encoding="utf-8",
    )
    shutil.copy(MERMAID, tmp_path / "mermaid.min.js")
    page = Page(browser)
    with serve(tmp_path) as base:
        page.load(f"{base}/index.html")
        lifecycle, gantt = page.wait_for_diagrams(2)
        _check_calendar(page)
        page.screenshot(artifacts / "library-html.png")
    _check_lifecycle(lifecycle)
    assert all(step in gantt for step in PRINT_STEPS), gantt[:300]
    assert page.problems() == []


def test_docs_site_renders_diagrams_and_calendar(browser: DevTools, docs_site: Path, artifacts: Path) -> None:
    """The built site: the lifecycle how-to's diagram, and the notebook page's HTML and diagrams."""
    page = Page(browser)
    with serve(docs_site) as base:
        page.load(f"{base}/howto/lifecycle/")
        (svg,) = page.wait_for_diagrams(1)
        page.screenshot(artifacts / "docs-lifecycle.png")
        _check_lifecycle(svg)
        assert page.problems() == []

        expected = (docs_site / "howto" / "notebooks" / "index.html").read_text(encoding="utf-8")
        count = expected.count('class="mermaid"')
        assert count == 2, "the notebooks page should show the plan's gantt and the lifecycle"
        page.load(f"{base}/howto/notebooks/")
        gantt, lifecycle = page.wait_for_diagrams(count)
        _check_calendar(page)
        page.screenshot(artifacts / "docs-notebooks.png")
        assert all(step in gantt for step in PRINT_STEPS), gantt[:300]
        _check_lifecycle(lifecycle)
        assert page.problems() == []


# Whether each CJK character on the page has a glyph: drawn on a canvas in the page's fonts, a
# character no installed font covers comes out as the same box (tofu) as U+10FFFD, a
# noncharacter no font draws; a covered one does not. Checked on a known-missing and a
# known-present character first, so the detector itself can fail.
_TOFU_JS = """(() => {
  const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (ch, font) => {
    ctx.clearRect(0, 0, 48, 48); ctx.font = '32px ' + font; ctx.fillStyle = '#000';
    ctx.textBaseline = 'top'; ctx.fillText(ch, 4, 4);
    return [ctx.measureText(ch).width, Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',')];
  };
  const fonts = [...new Set([...document.querySelectorAll('.adservice, svg, li, td, th')]
    .map(el => getComputedStyle(el).fontFamily))];
  const text = document.body.textContent + [...document.querySelectorAll('svg')]
    .map(s => s.textContent).join('');
  const cjk = [...new Set([...text].filter(ch => /[\\u3000-\\u9fff\\uff00-\\uffef]/.test(ch)))];
  const out = {fonts, count: cjk.length, missing: [], selftest: {}};
  for (const font of fonts) {
    const [tofuWidth, tofu] = draw('\\u{10FFFD}', font);
    const isTofu = ch => { const [w, px] = draw(ch, font); return px === tofu && w === tofuWidth; };
    out.selftest[font] = [isTofu('\\u{10FFFE}'), isTofu('A'), isTofu('国')];
    for (const ch of cjk) if (isTofu(ch)) out.missing.push([font, ch]);
  }
  return out;
})()"""


def test_chinese_renders_without_missing_glyphs(browser: DevTools, artifacts: Path, tmp_path: Path) -> None:
    """A Chinese month grid, plan and diagrams (zh_CN and zh_TW) render with a glyph for every character."""
    from adservice import WorkCalendar, lifecycle_mermaid, plan
    from adservice.present.html import month_html, plan_html, plan_mermaid

    ad = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    body = "\n".join(
        (
            month_html(WorkCalendar("CN").month(2025, 10), locale="zh_CN"),
            plan_html(ad, locale="zh_CN"),
            month_html(WorkCalendar("TW").month(2026, 2), locale="zh_TW"),
            f'<pre class="mermaid">{html.escape(lifecycle_mermaid(locale="zh_CN"))}</pre>',
            f'<pre class="mermaid">{html.escape(plan_mermaid(ad, locale="zh_TW"))}</pre>',
        )
    )
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>adservice 中文</title>'
        '<link rel="icon" href="data:,"></head>'
        f"<body>{body}"
        '<script src="mermaid.min.js"></script>'
        "<script>mermaid.initialize({startOnLoad: false});"
        "mermaid.run({querySelector: 'pre.mermaid'}).catch(e => console.error(String(e)));</script>"
        "</body></html>",
        encoding="utf-8",
    )
    shutil.copy(MERMAID, tmp_path / "mermaid.min.js")
    page = Page(browser)
    with serve(tmp_path) as base:
        page.load(f"{base}/index.html")
        lifecycle, gantt = page.wait_for_diagrams(2)
        _check_calendar(page)
        page.screenshot(artifacts / "library-html-zh.png")
        glyphs = page.evaluate(_TOFU_JS)
    assert "意向阶段" in lifecycle and "媒体购买" in lifecycle, lifecycle[:300]
    assert "分色打樣" in gantt and "軟片" in gantt, gantt[:300]
    assert glyphs["count"] > 100, glyphs
    for font, (noncharacter, latin, han) in glyphs["selftest"].items():
        assert noncharacter and not latin and not han, f"the tofu detector is blind in {font}: {glyphs}"
    assert glyphs["missing"] == [], f"characters drawn as tofu: {glyphs['missing'][:20]}"
    assert page.problems() == []
