"""The manifest read back: validated by its schema; anything wrong with it is a warning
and a full rebuild, never an error, and nothing in it is trusted as markup."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.build.manifest import MANIFEST
from tests.conftest import Invoke


def _build(plainly: Invoke, root: Path) -> str:
    result = plainly("build", "--drafts", "--format", "html", "--project", root)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return str(result.output)


def _card_script(data: dict[str, Any]) -> None:
    card = data["articles"]["example"]["listings"][0]["card"]
    card["title"] = '<script>alert("pwned")</script>'


def _search_script(data: dict[str, Any]) -> None:
    data["articles"]["example"]["listings"][0]["search"] = 'alert("pwned")'


def _wrong_type(data: dict[str, Any]) -> None:
    data["jobs"] = ["pwned"]


def _partial(data: dict[str, Any]) -> None:
    del data["articles"]["example"]["outputs"]


def _other_version(data: dict[str, Any]) -> None:
    data["format"] = 99


def _outside_path(data: dict[str, Any]) -> None:
    data["articles"]["example"]["outputs"].append("../../pwned")


CHANGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "card-script": _card_script,
    "search-script": _search_script,
    "wrong-type": _wrong_type,
    "partial": _partial,
    "other-version": _other_version,
    "outside-path": _outside_path,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_an_invalid_manifest_is_a_warning_and_a_full_rebuild(
    change: str, plainly: Invoke, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    assert plainly("init", root).exit_code == 0
    _build(plainly, root)
    fresh = {p: p.read_bytes() for p in (root / "output/site").rglob("*") if p.is_file()}
    manifest = root / "output" / MANIFEST
    data = json.loads(manifest.read_text())
    CHANGES[change](data)
    manifest.write_text(json.dumps(data))
    output = _build(plainly, root)
    assert f"{MANIFEST}:1:1: warning: the build manifest is not valid" in output
    assert "unchanged 0" in output
    rebuilt = {p: p.read_bytes() for p in (root / "output/site").rglob("*") if p.is_file()}
    assert rebuilt == fresh
    assert all(b"pwned" not in data for data in rebuilt.values())
    again = _build(plainly, root)  # the manifest written is valid: no warning again
    assert "not valid" not in again and "Built 0" in again


def test_a_truncated_manifest_is_a_warning(plainly: Invoke, tmp_path: Path) -> None:
    root = tmp_path / "project"
    assert plainly("init", root).exit_code == 0
    _build(plainly, root)
    manifest = root / "output" / MANIFEST
    manifest.write_text(manifest.read_text()[:100])
    assert "not valid: it is not JSON" in _build(plainly, root)
