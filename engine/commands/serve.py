"""The writer's preview: serve the built site on 127.0.0.1, rebuild on change, reload the page.

Only this preview server injects the live-reload script; the built site never
contains it. Pages ask ``/__plainly__/version`` once a second and reload when
a rebuild has bumped it, which needs nothing beyond the site's own origin.
"""

from __future__ import annotations

import errno
import re
import threading
from collections.abc import Callable, Sequence
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import escape

from engine.build.article import BuildReport
from engine.build.run import build
from engine.errors import InputError, PlainlyError, environment_message, escape_unsafe
from engine.load.project import CONFIG_FILE
from engine.load.settings import find_root, load_config

LIVE = "/__plainly__/"


LIVE_SCRIPT = """(function () {
  "use strict";
  var seen = null;
  function ask() {
    fetch("/__plainly__/version", { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (version) {
        if (seen !== null && version !== seen) window.location.reload();
        seen = version;
      })
      .catch(function () { /* the preview stopped or is rebuilding; ask again */ })
      .then(function () { window.setTimeout(ask, 1000); });
  }
  ask();
})();
"""


WATCHED = (CONFIG_FILE, "glossary.yaml", "articles", "variants", "templates", "assets")
"""What a rebuild depends on, relative to the project root."""


OnBuild = Callable[["BuildReport | None", "PlainlyError | None"], None]


def watched_paths(root: Path) -> list[Path]:
    """The project's sources that exist now; the output folder is never among them."""
    return [root / name for name in WATCHED if (root / name).exists()]


class Preview:
    """Builds a project, serves its site and rebuilds it when sources change."""

    def __init__(self, project_dir: Path | None, drafts: bool, on_build: OnBuild):
        self.root = find_root(project_dir)
        self.drafts = drafts
        self.on_build = on_build
        self.version = 0
        self.problems: list[str] = []
        """What the last build found wrong, shown at the top of every page served."""
        self.stop = threading.Event()
        config = load_config(self.root)
        self.site = (self.root / config.output / "site").resolve()
        # A server may host the site under the base URL's path; the preview answers there too.
        self.prefix = urlsplit(config.base_url).path.rstrip("/")

    def rebuild(self) -> None:
        """Pages first so the browser reloads quickly, then the slower handouts and reports."""
        self.build(("html",))
        self.build(("pdf", "report"))

    def build(self, formats: tuple[str, ...]) -> None:
        """One build; whatever goes wrong is reported and shown on the page, and the
        preview keeps watching: the next edit may fix it."""
        try:
            _, report = build(self.root, drafts=self.drafts, formats=formats)
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
            self.version += 1
        self.on_build(report, None)

    def failed(self, error: PlainlyError, lines: list[str]) -> None:
        self.problems = lines
        self.version += 1  # the open page reloads and shows what went wrong
        self.on_build(None, error)

    def watch(self) -> None:
        """Finish the first build, then rebuild after each burst of changes until stopped."""
        from watchfiles import watch

        def relevant(_change: Any, path: str) -> bool:
            name = Path(path).name
            return not (name.startswith(".") or name.endswith(("~", ".tmp", ".swp")))

        # The first empty yield means the watcher is running, so no edit made during the
        # slow handout build of the first run is missed.
        first_run_done = False
        paths = watched_paths(self.root)
        for changes in watch(
            *paths,
            watch_filter=relevant,
            stop_event=self.stop,
            yield_on_timeout=True,
            rust_timeout=300,
        ):
            if changes:
                self.rebuild()
            elif not first_run_done:
                first_run_done = True
                self.build(("pdf", "report"))

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
    preview.build(("html",))
    watcher = threading.Thread(target=preview.watch, name="plainly-watch", daemon=True)
    watcher.start()
    host, real_port = server.server_address[:2]
    on_ready(f"http://{host!s}:{real_port}/")
    try:
        server.serve_forever()
    finally:
        preview.stop.set()
        server.server_close()
