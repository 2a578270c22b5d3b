"""The writer's preview: serve the built site on 127.0.0.1, rebuild on change, reload the page.

Only this preview server injects the live-reload script; the built site never
contains it. A save goes straight to the same incremental build ``plainly
build`` runs, kept warm in this process (imports, dictionaries, templates),
pages only; the page learns of it through a held request
(``/__plainly__/wait?since=N``, answered as soon as the version passes N), so
nothing waits for a poll. Handouts and reports follow in a forked copy of the
warm process, so that the next save can cancel them: it stops that copy before
building pages again (outputs are written atomically, so a stopped copy leaves
whole files or none, and the next run redoes what it did not record).
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from markupsafe import escape

from engine.build.builder import BuildReport
from engine.build.run import RunOptions, build
from engine.errors import InputError, PlainlyError, environment_message, escape_unsafe
from engine.load.articles import catalogue
from engine.load.project import CONFIG_FILE
from engine.load.settings import find_root, load_config, load_settings
from engine.render.side_by_side import render_side_by_side

LIVE = "/__plainly__/"


SIDE_BY_SIDE = LIVE + "side-by-side/"
"""Every block of an article in every audience and language: ``side-by-side/<slug>/``."""


HELD_SECONDS = 25.0
"""How long a held request waits for a rebuild before answering with the same version."""


LIVE_SCRIPT = """(function () {
  "use strict";
  var seen = null;
  function ask() {
    var since = seen === null ? "" : seen;
    fetch("/__plainly__/wait?since=" + since, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (version) {
        if (seen !== null && version !== seen) { window.location.reload(); return; }
        seen = version;
        ask();
      })
      .catch(function () { window.setTimeout(ask, 1000); });  /* stopped or restarting */
  }
  ask();
})();
"""


WATCHED = (CONFIG_FILE, "glossary.yaml", "articles", "variants", "templates", "assets")
"""What a rebuild depends on, relative to the project root."""


WATCH_STEP_MS = 20
"""After a change, how long the watcher waits for more of the same save before reporting."""


WATCH_DEBOUNCE_MS = 200
"""The longest a burst of changes is gathered before a rebuild starts anyway."""


CANCELLED = 128 + signal.SIGTERM
"""The exit status of background work a new save stopped."""


CANCEL_GRACE = 0.1
"""Seconds a cancelled background copy has to stop cleanly before it is killed."""


BACKGROUND_NICENESS = 10
"""How much lower the handouts' and reports' CPU priority is than the pages'."""


PAGES = ("html",)
BACKGROUND = ("pdf", "report")


OnBuild = Callable[["BuildReport | None", "PlainlyError | None"], None]


def watched_paths(root: Path) -> list[Path]:
    """The project's sources that exist now; the output folder is never among them."""
    return [root / name for name in WATCHED if (root / name).exists()]


PREVIEW_DIR = "preview"
"""Where, inside the output folder, the preview with drafts is built."""


class Preview:
    """Builds a project, serves its site and rebuilds it when sources change."""

    def __init__(self, project_dir: Path | None, drafts: bool, on_build: OnBuild):
        self.root = find_root(project_dir)
        self.drafts = drafts
        self.on_build = on_build
        self.version = 0
        self.changed = threading.Condition()
        """Notified whenever ``version`` moves on (held requests wait on it)."""

        self.problems: list[str] = []
        """What the last build found wrong, shown at the top of every page served."""
        self.stop = threading.Event()
        self.background: BaseProcess | None = None
        config = load_config(self.root)
        # Drafts are previewed in a folder of their own: a deploy of the output folder
        # straight after a preview must not publish them.
        self.output = (self.root / config.output / (PREVIEW_DIR if drafts else "")).resolve()
        self.site = self.output / "site"
        # A server may host the site under the base URL's path; the preview answers there too.
        self.prefix = urlsplit(config.base_url).path.rstrip("/")

    def rebuild(self) -> None:
        """Stop stale handouts and reports, build the pages, then start those again."""
        self.cancel_background()
        self.build(PAGES)
        self.start_background()

    def build(self, formats: tuple[str, ...]) -> None:
        """One build; whatever goes wrong is reported and shown on the page, and the
        preview keeps watching: the next edit may fix it."""
        try:
            options = RunOptions(output=self.output)
            _, report = build(self.root, drafts=self.drafts, formats=formats, run=options)
        except InputError as error:
            self.failed(error, [str(d) for d in error.diagnostics])
            return
        except PlainlyError as error:
            self.failed(error, [escape_unsafe(f"error: {error}")])
            return
        except OSError as error:
            message = environment_message(error)
            self.failed(PlainlyError(message.removeprefix("error: ")), [message])
            return
        except Exception as error:  # a bug in Plainly must not stop the preview
            message = f"internal error: {type(error).__name__}: {error}. This is a bug in Plainly."
            self.failed(PlainlyError(message), [escape_unsafe(message)])
            return
        if "html" in formats:
            self.problems = [str(d) for d in report.failed]
            self._bump()
        self.on_build(report, None)

    def failed(self, error: PlainlyError, lines: list[str]) -> None:
        self.problems = lines
        self._bump()  # the open page reloads and shows what went wrong
        self.on_build(None, error)

    def _bump(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def start_background(self) -> None:
        """Handouts and reports in a forked copy of this warm process, which a save can stop."""
        context = multiprocessing.get_context("fork")
        self.background = context.Process(
            target=self._background, name="plainly-background", daemon=True
        )
        self.background.start()

    def _background(self) -> None:
        # Stopping raises SystemExit, so a file being written removes its temporary copy.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(CANCELLED))
        os.nice(BACKGROUND_NICENESS)  # the next save's pages come first
        self.build(BACKGROUND)

    def cancel_background(self) -> None:
        """Stop the handouts and reports a new save has made stale, and wait until they stop.

        SIGTERM first, so a file being written removes its temporary copy; a copy still
        busy in native code (a PDF layout) after ``CANCEL_GRACE`` seconds is killed, and
        the temporary files it leaves are swept, so no save waits behind a handout.
        """
        running, self.background = self.background, None
        if running is None:
            return
        if running.is_alive():
            running.terminate()
            running.join(CANCEL_GRACE)
        if running.is_alive():
            running.kill()
            running.join()
            for left in self.site.parent.rglob(".*.tmp"):
                left.unlink(missing_ok=True)
        running.join()

    def wait(self, since: int, timeout: float = HELD_SECONDS) -> int:
        """The version once it differs from ``since`` (or after ``timeout``)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != since or self.stop.is_set(), timeout)
            return self.version

    def watch(self) -> None:
        """Rebuild after each burst of changes until stopped."""
        from watchfiles import watch

        def relevant(_change: Any, path: str) -> bool:
            name = Path(path).name
            return not (name.startswith(".") or name.endswith(("~", ".tmp", ".swp")))

        # The first empty yield means the watcher is running: only then do the first
        # handouts start, so no edit made while they build is missed.
        first_run_done = False
        for changes in watch(
            *watched_paths(self.root),
            watch_filter=relevant,
            stop_event=self.stop,
            yield_on_timeout=True,
            rust_timeout=300,
            debounce=WATCH_DEBOUNCE_MS,
            step=WATCH_STEP_MS,
        ):
            if changes:
                self.rebuild()
            elif not first_run_done:
                first_run_done = True
                self.start_background()
        self.cancel_background()

    def server(self, port: int) -> ThreadingHTTPServer:
        handler = partial(_Handler, preview=self)
        try:
            return ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PlainlyError(
                    f"port {port} is already in use. Hint: choose another with --port"
                ) from None
            raise PlainlyError(f"cannot serve on 127.0.0.1:{port}: {error.strerror}") from None


class _Handler(SimpleHTTPRequestHandler):
    """Files from the site folder, with the live-reload script added to each page."""

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any):
        self.preview = preview
        super().__init__(*args, directory=str(preview.site), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the writer watches the page, not the request log."""

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _side_by_side(self, slug: str) -> None:
        """The side-by-side page, made from the sources as saved (fact lock or not)."""
        root = self.preview.root
        if not slug:
            slugs = sorted(catalogue(load_settings(root))[0])
            links = "".join(f'<li><a href="{escape(s)}/">{escape(s)}</a></li>' for s in slugs)
            body = f"<!doctype html><title>Side by side</title><ul>{links}</ul>".encode()
            self._send(200, _with_live_script(body), "text/html; charset=utf-8")
            return
        try:
            page = render_side_by_side(root, slug).encode()
        except PlainlyError as error:
            self._send(500, escape(str(error)).encode(), "text/plain; charset=utf-8")
            return
        self._send(200, _with_live_script(page), "text/html; charset=utf-8")

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        prefix = self.preview.prefix
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            path = path[len(prefix) :] or "/"
        if path == LIVE + "version":
            self._send(200, str(self.preview.version).encode(), "text/plain; charset=utf-8")
            return
        if path == LIVE + "wait":
            since = parse_qs(urlsplit(self.path).query).get("since", [""])[0]
            version = self.preview.wait(int(since)) if since.isdigit() else self.preview.version
            self._send(200, str(version).encode(), "text/plain; charset=utf-8")
            return
        if path.startswith(SIDE_BY_SIDE):
            self._side_by_side(path[len(SIDE_BY_SIDE) :].strip("/"))
            return
        if path == LIVE + "live.js":
            self._send(200, LIVE_SCRIPT.encode(), "text/javascript; charset=utf-8")
            return
        target = Path(self.translate_path(path))
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_file():
            missing = self.preview.site / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"Not found"
            self._send(
                404, _with_live_script(body, self.preview.problems), "text/html; charset=utf-8"
            )
            return
        if target.suffix == ".html":
            self._send(
                200,
                _with_live_script(target.read_bytes(), self.preview.problems),
                "text/html; charset=utf-8",
            )
            return
        self.path = path
        super().do_GET()


def _with_live_script(html: bytes, problems: Sequence[str] = ()) -> bytes:
    """A page with the live-reload script, and the last build's errors shown on top."""
    tag = f'<script src="{LIVE}live.js" defer></script>\n'.encode()
    head_end = html.find(b"</head>")
    html = html + tag if head_end < 0 else html[:head_end] + tag + html[head_end:]
    if not problems:
        return html
    items = "".join(f"<li>{escape(line)}</li>" for line in problems)
    banner = (
        '<div id="plainly-preview-errors" role="alert" style="position:sticky;top:0;'
        "z-index:1000;background:#fff0f0;color:#600;border-bottom:3px solid #c00;"
        'padding:1em;font:14px/1.4 monospace;white-space:pre-wrap">'
        f"<strong>The last build failed:</strong><ul>{items}</ul></div>\n"
    ).encode()
    body = re.search(rb"<body[^>]*>", html)
    at = body.end() if body else 0
    return html[:at] + banner + html[at:]


def serve(
    project_dir: Path | None,
    port: int,
    drafts: bool,
    on_build: OnBuild,
    on_ready: Callable[[str], None],
) -> None:
    """Build, then serve and rebuild on change until interrupted.

    ``on_ready`` gets the address once the first build is done and the server listens.
    """
    preview = Preview(project_dir, drafts, on_build)
    server = preview.server(port)
    preview.build(PAGES)
    watcher = threading.Thread(target=preview.watch, name="plainly-watch", daemon=True)
    watcher.start()
    host, real_port = server.server_address[:2]
    on_ready(f"http://{host!s}:{real_port}/")
    try:
        server.serve_forever()
    finally:
        preview.stop.set()
        with preview.changed:
            preview.changed.notify_all()  # held requests answer now
        server.server_close()
        preview.cancel_background()
