"""`serve`: the terminal UI in a web browser (textual-serve), one UI process per browser tab.

Each browser session runs `python -P -m drafter` in the workspace folder: the same program as
`drafter` typed there, with DRAFTER_NOW and the rest of the environment inherited. The server
listens on 127.0.0.1 unless `--host` says otherwise, and then warns that anyone who can reach the
address can edit the drafts. Ctrl+C tells each session's UI to quit (so it saves), then exits 130.

Two guards textual-serve does not have: the page connects back to the address the browser used
(so a colleague's browser does not dial 0.0.0.0), and the terminal's websocket is refused to a page
of another origin (another site open in the same browser must not type into drafter) and, on a
loopback address, to a request made through a name that is not loopback (DNS rebinding).

Only click and the standard library are imported here: textual-serve (aiohttp, Jinja) is
imported when the server starts, so `drafter --help` stays light.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from .common import Fatal, now_from_env, say

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
WILDCARD_HOSTS = ("", "0.0.0.0", "::")
SHUTDOWN_SECONDS = 10  # how long Ctrl+C waits for the browser sessions' UIs to quit


@dataclass(frozen=True)
class ServeSettings:
    """What the server is started with (built by `settings_for`, run by `run_server`)."""

    workspace: Path
    host: str
    port: int
    command: str
    """The shell command textual-serve runs for each browser session."""
    title: str
    url: str
    """The address to open, as printed."""

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """`localhost` or a loopback address (127.0.0.0/8, ::1)."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def ui_command(workspace: Path, python: str = sys.executable) -> str:
    """The UI on `workspace`, as a shell command: `cd` there, then drafter in place of the shell.

    `-P` keeps the workspace folder off `sys.path`: a `drafter.py` in it is never imported."""
    return f"cd {shlex.quote(str(workspace))} && exec {shlex.quote(python)} -P -m drafter"


def url_for(host: str, port: int) -> str:
    shown = socket.gethostname() if host in WILDCARD_HOSTS else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def settings_for(workspace: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> ServeSettings:
    """Check the workspace folder and say how to serve it; a missing folder is a one-line error."""
    if not workspace.exists():
        raise Fatal(f"{workspace}: no such folder")
    if not workspace.is_dir():
        raise Fatal(f"{workspace}: not a folder")
    now_from_env()  # a bad DRAFTER_NOW is reported here, not by every browser session
    root = workspace.resolve()
    return ServeSettings(root, host, port, ui_command(root), f"drafter · {root.name}", url_for(host, port))


def websocket_allowed(origin: str | None, host_header: str, *, loopback_only: bool) -> bool:
    """Whether a websocket request may drive a UI: its page comes from this server (the Origin is
    the address the request was sent to) and, when serving on loopback, that address is loopback."""
    hostname = urlsplit(f"//{host_header}").hostname or ""
    if loopback_only and not is_loopback(hostname):
        return False
    if origin is None:  # not a browser, so no page of another site behind it
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.lower()


def run_server(settings: ServeSettings) -> bool:
    """Serve until Ctrl+C or SIGTERM; True when stopped by one of them."""
    import asyncio
    import contextlib
    import logging
    import signal

    import aiohttp_jinja2
    from aiohttp import web
    from aiohttp.web_runner import GracefulExit
    from textual_serve.server import Server

    class DrafterServer(Server):
        stopped = False
        sessions: dict[asyncio.Task[Any], asyncio.Event]  # each browser session's handler, and its end

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.sessions = {}

        def initialize_logging(self) -> None:
            super().initialize_logging()
            logging.getLogger().setLevel(logging.WARNING)  # no line per request; errors still show

        async def on_startup(self, app: web.Application) -> None:
            """No logo: the address is printed once the server listens (`serve`)."""

        def serve(self, debug: bool = False) -> None:
            """textual-serve's `serve`, saying where to go once the address is bound (a port
            already taken is an error, not a "serving" line first)."""
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            listening = lambda *_: click.echo(f"drafter: serving {settings.workspace} at {settings.url} (Ctrl+C to stop)")
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop, print=listening)

        def request_exit(self) -> None:
            self.stopped = True
            raise GracefulExit()

        async def handle_index(self, request: web.Request) -> web.Response:
            """textual-serve's page, talking back to the address the browser used."""
            scheme = "wss" if request.secure else "ws"
            context: dict[str, Any] = {
                "font_size": _to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": f"{scheme}://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": self.title},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if not websocket_allowed(request.headers.get("Origin"), request.host, loopback_only=settings.loopback):
                raise web.HTTPForbidden(text="drafter serve: this page does not come from this server\n")
            task, ended = asyncio.current_task(), asyncio.Event()
            assert task is not None
            self.sessions[task] = ended
            try:
                return await super().handle_websocket(request)
            finally:
                del self.sessions[task]
                ended.set()

        async def on_shutdown(self, app: web.Application) -> None:
            """Each browser session's UI is told to quit (and so saves) before the server exits."""
            waiters = [asyncio.ensure_future(ended.wait()) for ended in self.sessions.values()]
            for task in list(self.sessions):
                task.cancel()  # textual-serve then sends the UI "quit" and waits for it to end
            if waiters:
                await asyncio.wait(waiters, timeout=SHUTDOWN_SECONDS)

    server = DrafterServer(settings.command, host=settings.host, port=settings.port, title=settings.title)
    server.serve()
    return server.stopped


def _to_int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


@click.command()
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on; anything but localhost lets others on the network edit.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve(directory: Path, host: str, port: int) -> None:
    """The UI in a web browser, on the workspace in DIRECTORY (default: the current folder)."""
    settings = settings_for(directory, host, port)
    if not settings.loopback:
        say(f"drafter: warning: serving on {host}: anyone who can reach this address can open the UI and edit the drafts in {settings.workspace}", err=True)
    try:
        stopped = run_server(settings)
    except OSError as exc:  # the port is taken, the address is not this machine's
        raise Fatal(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
    if stopped:
        raise KeyboardInterrupt  # the entry point says "interrupted" and exits 130


COMMANDS = [serve]
