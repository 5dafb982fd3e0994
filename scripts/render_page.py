#!/usr/bin/env python3
"""Renders tisse's index.html headlessly in Chromium and checks it stays offline and quiet.

    scripts/render_page.py PAGE OUT_DIR [--height N] [WIDTH...]

Opens PAGE (a file) in headless Chromium, driven through the DevTools protocol over a pipe
(--remote-debugging-pipe: file descriptors 3 and 4, messages ending in a NUL byte), with only
the standard library: no websocket, no driver to install. For each WIDTH (default 1280 and
360 CSS pixels) it loads the page, waits for it, and saves a full-page PNG as
OUT_DIR/index-WIDTH.png (only its top N pixels with --height N: the README's screenshots).
It fails (exit 1) when:

- the console printed an error or warning, or a script threw (a Content-Security-Policy
  violation is reported there too);
- a request left the file: any URL but the page itself (and data: URLs) is counted, whether
  it succeeded or not;
- the page is wider than the window (a horizontal scroll bar at a phone's width).
"""

import base64
import fcntl
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("render_page.py: no chromium on PATH (apt-get install chromium)")


class Browser:
    """A headless Chromium and a DevTools session over its pipe."""

    def __init__(self, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes on fd 4. The pipe's own descriptors may
        # be 3 or 4: moved out of the way first.
        def child_fds():
            r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.process = subprocess.Popen(
            [
                chromium(),
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--font-render-hinting=none",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            preexec_fn=child_fds,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        return self.next_id

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None, timeout=30):
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self.receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, session, timeout=30):
        deadline = time.monotonic() + timeout
        for i, message in enumerate(self.events):
            if message.get("method") == event and message.get("sessionId") == session:
                del self.events[i]
                return message
        while True:
            message = self.receive(deadline)
            if message.get("method") == event and message.get("sessionId") == session:
                return message
            self.events.append(message)

    def close(self):
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()


def problems_in(events, page_url):
    """Console errors, exceptions and requests other than the page, from the events seen."""
    found = []
    for message in events:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            found.append(f"console {params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            entry = params["entry"]
            found.append(f"log {entry['level']}: {entry.get('text')} {entry.get('url', '')}")
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url != page_url and not url.startswith("data:"):
                found.append(f"request left the file: {url}")
    return found


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    page = pathlib.Path(sys.argv[1]).resolve()
    out = pathlib.Path(sys.argv[2])
    rest = sys.argv[3:]
    height = None
    if rest[:1] == ["--height"]:
        height, rest = int(rest[1]), rest[2:]
    widths = [int(w) for w in rest] or [1280, 360]
    out.mkdir(parents=True, exist_ok=True)
    url = page.as_uri()
    failures = []
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(profile)
        try:
            for width in widths:
                target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
                session = browser.call(
                    "Target.attachToTarget", {"targetId": target, "flatten": True}
                )["sessionId"]
                for domain in ("Page", "Runtime", "Log", "Network"):
                    browser.call(f"{domain}.enable", session=session)
                browser.call(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
                    session=session,
                )
                browser.events.clear()
                browser.call("Page.navigate", {"url": url}, session=session)
                browser.wait_for("Page.loadEventFired", session)
                # Let the page's script run and any late request show.
                browser.call("Runtime.evaluate", {"expression": "1", "awaitPromise": True}, session=session)
                time.sleep(0.3)
                layout = browser.call(
                    "Runtime.evaluate",
                    {
                        "expression": "JSON.stringify([document.documentElement.scrollWidth,"
                        " document.documentElement.clientWidth,"
                        " document.querySelectorAll('figure.chart svg').length])",
                        "returnByValue": True,
                    },
                    session=session,
                )["result"]["value"]
                scroll_width, client_width, charts = json.loads(layout)
                seen = [m for m in browser.events if m.get("sessionId") == session]
                found = problems_in(seen, url)
                if scroll_width > client_width:
                    found.append(f"the page is {scroll_width} px wide in a {client_width} px window")
                if charts == 0:
                    found.append("no chart on the page")
                shot_params = {"format": "png", "captureBeyondViewport": True}
                if height:
                    shot_params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
                shot = browser.call(
                    "Page.captureScreenshot",
                    shot_params,
                    session=session,
                    timeout=60,
                )
                path = out / f"index-{width}.png"
                path.write_bytes(base64.b64decode(shot["data"]))
                print(f"{path}: {width} px, {charts} charts, {len(found)} problems")
                failures += [f"{width} px: {f}" for f in found]
                browser.call("Target.closeTarget", {"targetId": target})
        finally:
            browser.close()
    for failure in failures:
        print(f"render_page.py: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
