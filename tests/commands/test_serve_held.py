"""The preview's pieces without a browser: held requests, pages first, stale work cancelled.

(tests/e2e/browser/test_serve.py drives the whole preview in Chromium.)
"""

from __future__ import annotations

import signal
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.build.writer import HOLD_AFTER_WRITES
from engine.commands.serve import CANCELLED, LIVE_SCRIPT, Preview

HELD_SECONDS = 60


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    preview = Preview(project, True, lambda report, error: None)
    preview.build(("html",))
    yield preview
    preview.stop.set()
    preview.cancel_background()


def test_a_held_request_answers_when_the_pages_are_rebuilt(preview: Preview) -> None:
    server = preview.server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    before = preview.version
    answers: list[str] = []

    def hold() -> None:
        url = f"http://{host!s}:{port}/__plainly__/wait?since={before}"
        with urllib.request.urlopen(url, timeout=HELD_SECONDS) as response:
            answers.append(response.read().decode())

    held = threading.Thread(target=hold)
    held.start()
    preview.build(("html",))
    held.join(HELD_SECONDS)
    server.shutdown()
    server.server_close()
    assert answers == [str(before + 1)]


def test_wait_returns_at_once_for_an_old_version(preview: Preview) -> None:
    assert preview.wait(preview.version - 1) == preview.version
    assert preview.wait(preview.version, timeout=0) == preview.version


def test_the_page_script_holds_a_request_instead_of_polling() -> None:
    assert "/__plainly__/wait?since=" in LIVE_SCRIPT
    assert "setTimeout(ask, 1000)" in LIVE_SCRIPT  # only after an error, to retry


def test_a_new_save_cancels_stale_handouts_and_leaves_no_partial_file(
    preview: Preview, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flag = tmp_path / "held"
    monkeypatch.setenv(HOLD_AFTER_WRITES, f"1:{flag}")
    preview.start_background()
    background = preview.background
    assert background is not None
    for _ in range(HELD_SECONDS * 20):
        if flag.exists() or not background.is_alive():
            break
        signal.sigtimedwait([], 0.05)
    assert flag.exists(), "the background build finished before it was held"
    preview.rebuild()  # what a save does: cancel, pages, background again
    # Stopped cleanly, or killed when it could not stop within the grace (a loaded machine).
    assert background.exitcode in (CANCELLED, -signal.SIGKILL)
    assert not list((project / "output").rglob("*.tmp"))
    assert preview.background is not None and preview.background is not background
