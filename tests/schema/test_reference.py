"""docs/schema.md is `plainly schema`'s output: the docs cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, Invoke


def test_schema_reference_is_current(plainly: Invoke) -> None:
    result = plainly("schema")
    assert result.exit_code == 0
    committed = (REPO / "docs" / "schema.md").read_text()
    assert result.output == committed, "run `plainly schema > docs/schema.md` and commit it"


def test_every_field_is_documented(plainly: Invoke) -> None:
    rows = [row for row in plainly("schema").output.splitlines() if row.startswith("| `")]
    undocumented = [row for row in rows if row.rstrip().endswith("|  |") and "`type`" not in row]
    assert undocumented == []
    assert Path(REPO / "docs" / "schema.md").is_file()
