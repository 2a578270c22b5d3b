"""Regenerate the golden files: `make golden`. Review the diff before committing."""

from __future__ import annotations

from .golden import GOLDEN, cases, produce


def main() -> None:
    for name, args in cases():
        path = GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produce(args))
        print(f"wrote {path.relative_to(GOLDEN.parent.parent)}")


if __name__ == "__main__":
    main()
