"""`drafter serve`: the UI in a web browser, driven end to end in headless Chromium (selenium and
Debian's chromium-driver, installed by `.ci/run`), plus the command's guards without a browser."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.cli import serve as serve_module

NOW = "2026-11-27T12:00:00+00:00"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

# Run before textual-serve's page script: keep the xterm.js Terminal the page makes (it is not
# exposed otherwise) so the test reads the screen from the terminal's own buffer. The page draws
# with WebGL or a canvas, so the DOM holds no text.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, 'terminal', {value: value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && !window.drafterTerminal) window.drafterTerminal = value;
  },
});
"""
READ_SCREEN = """
const t = window.drafterTerminal;
if (!t) return null;
const b = t.buffer.active, rows = [];
for (let i = 0; i < t.rows; i++) { const line = b.getLine(b.viewportY + i); rows.push(line ? line.translateToString(true) : ''); }
return rows.join('\\n');
"""
CURSOR_LINE = """
const t = window.drafterTerminal;
if (!t) return null;
const b = t.buffer.active, line = b.getLine(b.viewportY + b.cursorY);
return line ? line.translateToString(true, b.cursorX) : null;
"""


def cursor_line(driver) -> str:
    """The screen's line from the terminal's cursor on (Textual puts the cursor where the focused
    editor's is)."""
    return driver.execute_script(CURSOR_LINE) or ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, what: str, timeout: float = 20.0, detail=lambda: ""):
    """Poll until `condition()` is truthy (a hang guard, not a speed check); return its value."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}\n{detail()}")
        time.sleep(0.05)
    return value


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def served(ws: Path, port: int, tmp_path: Path):
    """`python -m drafter serve WS --port PORT` in its own process group; it and every UI process
    it started are killed on the way out."""
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen(
            [sys.executable, "-m", "drafter", "serve", str(ws), "--port", str(port)],
            stdout=o, stderr=e, env={**os.environ, "DRAFTER_NOW": NOW}, start_new_session=True,
        )
    logs = lambda: f"server stdout: {out.read_text(errors='replace')}\nserver stderr: {err.read_text(errors='replace')}"
    try:
        # the address is printed once the server listens
        wait_until(lambda: "drafter: serving" in out.read_text() or proc.poll() is not None, "the server to listen", detail=logs)
        assert proc.poll() is None and port_open(port), logs()
        yield proc, out, err
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.skip("chromium or chromedriver is missing (apt-get install chromium chromium-driver; .ci/run does it)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.mark.timeout(120)  # a hang guard: the test runs in a few seconds
def test_a_browser_opens_a_draft_and_its_typing_reaches_the_file(ws, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser()
    folder = ws.rename(ws.parent / "team's drafts")  # a name the shell command must quote
    draft = folder / "drafts" / "example-response.yaml"
    word = f"Browserword{os.getpid()}"
    assert word not in draft.read_text(encoding="utf-8")
    port = free_port()
    try:
        with served(folder, port, tmp_path) as (proc, out, _err):
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINAL})
            driver.get(f"http://127.0.0.1:{port}/")
            screen = lambda: driver.execute_script(READ_SCREEN) or ""

            def press(*keys: str) -> None:
                driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)

            # the home screen, once its drafts are checked (the drafts table, with the focus, has its rows)
            wait_until(lambda: re.search(r"example-response\.yaml +wsis20-review +\d+/\d+", screen()), "the home screen", detail=screen)
            assert "workspace team's drafts" in screen()
            press(Keys.ENTER)
            wait_until(lambda: re.search(r"1\.1 +Vision and achievements", screen()), "the draft screen on question 1.1", detail=screen)
            # the question list has the focus on 1.1: down to 1.2, 1.3, then 1.4's part (a), which starts with text
            press(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN)
            on_part_a = lambda: re.search(r"\(a\) +Vision and achievements", screen()) and "Twenty years ago the vision" in screen()
            wait_until(on_part_a, "question 1.4 (a) and its answer", detail=screen)  # its items are in place
            press(Keys.ENTER)  # into the answer's first item, its text editor: the cursor goes to its start
            wait_until(lambda: cursor_line(driver).startswith("Twenty years ago"), "the cursor in 1.4 (a)'s text", detail=screen)
            press(word + " ")
            wait_until(lambda: word in screen(), "the typing on screen", detail=screen)
            wait_until(lambda: word in draft.read_text(encoding="utf-8"), "autosave to write the typing to the draft", detail=screen)
            # Ctrl+C for the server alone: it tells the session's UI to quit, the page says the session ended
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=20) == 130
            wait_until(lambda: driver.execute_script("return document.body.classList.contains('-closed')"), "the page to say the session ended")
            assert "WARNING" not in out.read_text() and "Traceback" not in out.read_text(), out.read_text()
        text = draft.read_text(encoding="utf-8")
        assert f"{word} Twenty years ago" in text  # at the start of 1.4a's text, where the cursor was
    finally:
        driver.quit()


def test_ctrl_c_stops_the_server_quietly_with_130(ws, tmp_path):
    port = free_port()
    with served(ws, port, tmp_path) as (proc, out, err):
        assert f"http://127.0.0.1:{port}/" in out.read_text()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 130
    assert err.read_text().strip() == "drafter: interrupted"
    assert "Traceback" not in out.read_text()


def websocket_status(port: int, origin: str | None, host: str | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    if origin:
        headers["Origin"] = origin
    if host:
        headers["Host"] = host
    try:
        conn.request("GET", "/ws", headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def test_a_page_from_another_site_cannot_drive_the_ui(ws, tmp_path):
    """Another site open in the same browser, or one whose name was made to point at 127.0.0.1
    (DNS rebinding), is refused the terminal's websocket."""
    port = free_port()
    with served(ws, port, tmp_path):
        assert websocket_status(port, "https://evil.example") == 403
        assert websocket_status(port, "null") == 403
        assert websocket_status(port, f"http://evil.example:{port}", host=f"evil.example:{port}") == 403
        page = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        page.request("GET", "/", headers={"Host": f"localhost:{port}"})
        body = page.getresponse().read().decode()
        page.close()
    assert f'data-session-websocket-url="ws://localhost:{port}/ws"' in body  # back to the address the browser used


def test_the_websocket_check():
    allowed = serve_module.websocket_allowed
    assert allowed("http://127.0.0.1:8000", "127.0.0.1:8000", loopback_only=True)
    assert allowed("http://localhost:8000", "localhost:8000", loopback_only=True)
    assert allowed("http://[::1]:8000", "[::1]:8000", loopback_only=True)
    assert allowed("http://team-pc.example:8000", "team-pc.example:8000", loopback_only=False)
    assert not allowed("http://team-pc.example:8000", "team-pc.example:8000", loopback_only=True)
    assert not allowed("http://evil.example", "127.0.0.1:8000", loopback_only=False)
    assert not allowed("http://127.0.0.1:9999", "127.0.0.1:8000", loopback_only=True)


def run_cli(args: list[str], monkeypatch) -> tuple[object, list]:
    started: list = []
    monkeypatch.setattr(serve_module, "run_server", lambda settings: started.append(settings) or False)
    result = CliRunner().invoke(cli, args, obj={})
    return result, started


def test_the_default_address_is_localhost_only(ws, monkeypatch):
    result, started = run_cli(["serve", str(ws)], monkeypatch)
    assert result.exit_code == 0, result.output
    (settings,) = started
    assert settings.host == "127.0.0.1" and settings.loopback
    assert settings.url == f"http://127.0.0.1:{serve_module.DEFAULT_PORT}/"
    assert "warning" not in result.stderr


def test_another_address_is_explicit_and_warned_about(ws, monkeypatch):
    result, started = run_cli(["serve", str(ws), "--host", "0.0.0.0", "--port", "8123"], monkeypatch)
    assert result.exit_code == 0, result.output
    (settings,) = started
    assert (settings.host, settings.port) == ("0.0.0.0", 8123) and not settings.loopback
    (line,) = result.stderr.splitlines()
    assert line.startswith("drafter: warning: serving on 0.0.0.0: anyone who can reach this address") and "edit the drafts" in line


def test_each_session_runs_drafter_in_the_workspace(tmp_path):
    """The shell command textual-serve runs: drafter (not a `drafter.py` lying in the workspace) in
    the workspace folder, whatever its name."""
    folder = tmp_path / "a b'c$(touch pwned)"
    folder.mkdir()
    (folder / "drafter.py").write_text("raise SystemExit('the workspace was imported')\n", encoding="utf-8")
    command = serve_module.settings_for(folder).command
    probe = command.replace(" -m drafter", " -c 'import os, drafter; print(os.getcwd()); print(drafter.__file__)'")
    out = subprocess.run(probe, shell=True, capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == str(folder.resolve())
    assert Path(out[1]).parent.name == "drafter"
    assert not (folder / "pwned").exists()


def test_a_missing_folder_is_a_one_line_error_before_any_web_library_loads(tmp_path):
    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: sys.__stderr__.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
        "from drafter.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    out = subprocess.run([sys.executable, "-c", code, "serve", "no-such-folder"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 2
    message, modules = out.stderr.split("MODULES ")
    assert message.strip() == "drafter: error: no-such-folder: no such folder"
    assert {m.split(".")[0] for m in modules.split()} & {"textual_serve", "aiohttp", "jinja2", "textual"} == set()
