"""``plainly init``: a new content project, ready to build."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from engine.errors import UsageError

TEMPLATE = "data/init"


def create_project(directory: Path) -> list[Path]:
    """Copy the starter project into ``directory``, which must be new or empty."""
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(f"{directory} is not empty; choose a new folder")
    created: list[Path] = []
    root = resources.files("engine").joinpath(TEMPLATE)

    def copy(folder: resources.abc.Traversable, target: Path) -> None:
        for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
            destination = target / item.name
            if item.is_dir():
                copy(item, destination)
            elif item.name.endswith((".yaml", ".md")):
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(item.read_bytes())
                created.append(destination)

    copy(root, directory)
    (directory / "output").mkdir(exist_ok=True)
    (directory / "assets").mkdir(exist_ok=True)
    ignore = directory / ".gitignore"
    ignore.write_text("output/\n")
    created.append(ignore)
    return created
